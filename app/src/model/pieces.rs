//! "Mes justificatifs" as it crosses the wire (REQUIREMENTS J1-J5): per candidature, the
//! demande's version, the counter of conforming pieces, and the groups of pieces by deposit
//! mode and deadline, in the guide's words.

use serde::{Deserialize, Serialize};

/// How a group's pieces are given to the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PieceMode {
    /// Deposited in the portal during the group's window.
    EnLigne,
    /// Sent by post to the service's address.
    Courrier,
    /// Given another way the service says.
    Autres,
}

impl PieceMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EnLigne => "en_ligne",
            Self::Courrier => "courrier",
            Self::Autres => "autres",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "en_ligne" => Some(Self::EnLigne),
            "courrier" => Some(Self::Courrier),
            "autres" => Some(Self::Autres),
            _ => None,
        }
    }
}

/// A piece's status set by staff (J5); none until checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PieceStatus {
    Recue,
    NonConforme,
    Conforme,
}

impl PieceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recue => "recue",
            Self::NonConforme => "non_conforme",
            Self::Conforme => "conforme",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "recue" => Some(Self::Recue),
            "non_conforme" => Some(Self::NonConforme),
            "conforme" => Some(Self::Conforme),
            _ => None,
        }
    }

    /// "Reçue", "Non conforme", "Conforme".
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Recue => "Reçue",
            Self::NonConforme => "Non conforme",
            Self::Conforme => "Conforme",
        }
    }
}

/// The pieces of one candidature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidaturePieces {
    pub candidature: uuid::Uuid,
    /// "CERTIFICATION … : ARTS CINEMA et AUDIOVISUEL".
    pub offer: String,
    pub academy: String,
    pub session: i32,
    /// "Demande de pièces justificatives Version 1", once published.
    pub demande: Option<String>,
    /// Pieces with the status Conforme, and pieces asked.
    pub conformes: u32,
    pub total: u32,
    pub groups: Vec<PieceGroupView>,
}

/// A group of pieces: one mode, one window, one deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceGroupView {
    pub id: i32,
    pub mode: PieceMode,
    /// "A déposer en ligne entre le jeudi 05 avril 2018 et le mardi 30 octobre 2018 23:59
    /// (heure/Paris)".
    pub when: String,
    /// "Confirmation d'inscription".
    pub label: String,
    /// For the post: where to send the pieces.
    pub postal_address: Option<String>,
    /// Whether files can be deposited now (an online group within its window).
    pub open: bool,
    /// Why an online group takes no file now (not open yet, or past its deadline).
    pub closed_reason: Option<String>,
    pub pieces: Vec<PieceView>,
}

/// A piece asked, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceView {
    pub id: i32,
    /// "Justificatif 1 : Descriptif justificatif".
    pub title: String,
    pub files: Vec<PieceFileView>,
    /// dd/mm/yyyy hh:mm (heure/Paris) of "J'ai fourni toutes mes pièces".
    pub confirmed_at: Option<String>,
    pub status: Option<PieceStatus>,
    /// dd/mm/yyyy.
    pub received_on: Option<String>,
    /// "Pièce illisible".
    pub comment: Option<String>,
    /// Files can be added and deleted now (an open online group, a piece neither confirmed
    /// nor checked, or Non conforme).
    pub changeable: bool,
    /// Every file deposited, every confirmation and status, oldest first.
    pub history: Vec<PieceEventView>,
}

/// One line of a piece's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceEventView {
    /// dd/mm/yyyy hh:mm (heure/Paris).
    pub at: String,
    /// "Vous", "Le service gestionnaire", "L'antivirus" (for staff: the member's address).
    pub by: String,
    /// "Fichier « diplome.pdf » déposé".
    pub what: String,
}

/// A file deposited for a piece.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceFileView {
    pub id: uuid::Uuid,
    pub name: String,
    /// "Déposé le 25/09/2019 17:31 (heure/Paris)".
    pub deposited: String,
    /// False until the antivirus has scanned it ("en cours de vérification").
    pub scanned: bool,
    /// Scanned and found infected: never served, another file is to be deposited.
    pub infected: bool,
}

/// A line "à faire" of the candidate's Accueil: a group of pieces to deposit and confirm
/// before its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceTodo {
    pub group: i32,
    /// "CERTIFICATION … : ARTS CINEMA et AUDIOVISUEL - Confirmation d'inscription".
    pub what: String,
    /// "A déposer en ligne entre le … et le … (heure/Paris)".
    pub when: String,
}

impl CandidaturePieces {
    /// The online groups whose window is open and whose pieces are not all confirmed or
    /// checked: what the candidate still has to do.
    pub fn todo(&self) -> Vec<PieceTodo> {
        self.groups
            .iter()
            .filter(|g| g.open && g.pieces.iter().any(|p| p.changeable))
            .map(|g| PieceTodo {
                group: g.id,
                what: format!("{} - {}", self.offer, g.label),
                when: g.when.clone(),
            })
            .collect()
    }
}

/// The control queue's filters (S6), as the page's query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceQueueQuery {
    /// An offer's id, or empty for every offer of the member's académies.
    pub offer: String,
    /// A group's id, or empty.
    pub group: String,
    /// `a-controler` (the default: no status yet, or Reçue), `aucun`, `recue`,
    /// `non_conforme`, `conforme`, `tous`.
    pub status: String,
    /// `oui`, `non`, or empty for both.
    pub confirmed: String,
    /// dd/mm/yyyy: only groups whose deadline is on or before that day.
    pub deadline: String,
    /// 1 for the first page.
    pub page: u32,
}

impl PieceQueueQuery {
    /// The query string of these filters (the page left out), to carry from the queue to a
    /// piece and back.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("offre", &self.offer),
            ("groupe", &self.group),
            ("statut", &self.status),
            ("confirmee", &self.confirmed),
            ("echeance", &self.deadline),
        ] {
            if !value.is_empty() {
                parts.push(format!(
                    "{key}={}",
                    crate::domain::text::percent_encode(value)
                ));
            }
        }
        parts.join("&")
    }

    /// The filters of a query string's parameters.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            offer: get("offre").unwrap_or_default(),
            group: get("groupe").unwrap_or_default(),
            status: get("statut").unwrap_or_default(),
            confirmed: get("confirmee").unwrap_or_default(),
            deadline: get("echeance").unwrap_or_default(),
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    }
}

/// One piece of one candidature in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceQueueRow {
    pub candidature: uuid::Uuid,
    pub piece: i32,
    /// "TALU Jean".
    pub name: String,
    pub number: String,
    /// "CERTIFICATION … : ARTS CINEMA et AUDIOVISUEL".
    pub offer: String,
    pub academy: String,
    /// "Confirmation d'inscription".
    pub group: String,
    pub mode: PieceMode,
    /// "Justificatif 1".
    pub label: String,
    /// dd/mm/yyyy hh:mm of the group's deadline.
    pub deadline: String,
    pub status: Option<PieceStatus>,
    pub confirmed_at: Option<String>,
    pub received_on: Option<String>,
    /// Files kept (not deleted).
    pub files: u32,
}

/// An entry of a filter's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// A page of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceQueue {
    pub rows: Vec<PieceQueueRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub offers: Vec<Choice>,
    pub groups: Vec<Choice>,
    /// Why the deadline typed was not read (shown beside it), if it was not.
    pub deadline_error: Option<String>,
}

/// A file as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFileView {
    pub id: uuid::Uuid,
    pub name: String,
    pub deposited: String,
    pub scanned: bool,
    /// The signature the antivirus found.
    pub infection: Option<String>,
    /// `pdf` or `image` when the page shows it inside; none: downloaded.
    pub preview: Option<String>,
}

/// One piece of one candidature, opened by staff beside the candidate's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceControl {
    pub candidature: uuid::Uuid,
    pub piece: i32,
    pub name: String,
    pub number: String,
    pub birth_date: String,
    pub email: String,
    pub offer: String,
    pub academy: String,
    pub group: String,
    pub mode: PieceMode,
    pub when: String,
    pub title: String,
    pub files: Vec<StaffFileView>,
    pub status: Option<PieceStatus>,
    pub confirmed_at: Option<String>,
    /// dd/mm/yyyy.
    pub received_on: Option<String>,
    pub comment: Option<String>,
    pub history: Vec<PieceEventView>,
    /// The pieces before and after this one in the queue (`<candidature>/<piece>`).
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The row's state, sent back with a change (a change made meanwhile is refused).
    pub revision: String,
}

/// The comments ready to pick for a Non conforme piece.
pub const READY_COMMENTS: [&str; 5] = [
    "Pièce illisible",
    "Pièce incomplète",
    "Pièce périmée",
    "Pièce ne correspondant pas à la demande",
    "Nom du candidat absent ou différent",
];

/// The largest file deposited (the guide: "ne doit pas excéder 5 Mo").
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// The extensions accepted, as the file field's `accept` lists them.
pub const ACCEPTED_EXTENSIONS: [&str; 7] = ["pdf", "png", "jpg", "jpeg", "doc", "docx", "zip"];

/// The dialog's sentence (J3), in the guide's words.
pub const SIZE_AND_FORMATS: &str = "La taille du fichier ne doit pas excéder 5 Mo et les formats recommandés sont PDF, PNG, JPG, DOC, DOCX, ZIP.";

/// "Le fichier « x » dépasse 5 Mo…": the browser's refusal and the server's.
pub fn too_large_fr(name: &str) -> String {
    format!("Le fichier « {name} » dépasse 5 Mo : la taille du fichier ne doit pas excéder 5 Mo.")
}

/// "Le format du fichier « x » n'est pas accepté…": the browser's refusal and the server's.
pub fn format_refused_fr(name: &str) -> String {
    format!(
        "Le format du fichier « {name} » n'est pas accepté : les formats acceptés sont PDF, PNG, JPG, DOC, DOCX et ZIP."
    )
}

/// What the browser checks before sending a file (the server checks it again, and more).
pub fn browser_check(name: &str, size: u64) -> Result<(), String> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !ACCEPTED_EXTENSIONS.contains(&extension.as_str()) {
        return Err(format_refused_fr(name));
    }
    if size > MAX_FILE_BYTES {
        return Err(too_large_fr(name));
    }
    if size == 0 {
        return Err(format!("Le fichier « {name} » est vide."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_refuses_what_the_server_would_with_the_same_sentence() {
        assert_eq!(browser_check("Diplome.PDF", 1000), Ok(()));
        assert_eq!(browser_check("scan.jpeg", MAX_FILE_BYTES), Ok(()));
        assert_eq!(
            browser_check("gros.pdf", MAX_FILE_BYTES + 1),
            Err(too_large_fr("gros.pdf"))
        );
        assert_eq!(
            browser_check("setup.exe", 10),
            Err(format_refused_fr("setup.exe"))
        );
        assert_eq!(
            browser_check("sans-extension", 10),
            Err(format_refused_fr("sans-extension"))
        );
    }

    #[test]
    fn a_queue_query_round_trips_through_its_query_string() {
        let q = PieceQueueQuery {
            offer: "3".into(),
            status: "non_conforme".into(),
            deadline: "30/10/2026".into(),
            ..PieceQueueQuery::default()
        };
        assert_eq!(
            q.to_query(),
            "offre=3&statut=non_conforme&echeance=30%2F10%2F2026"
        );
    }
}

/// What administrators see of the pieces asked per offer (S2, issue 14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceCatalog {
    pub offers: Vec<OfferPieces>,
}

/// An offer of the administrator's académies and its groups of pieces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferPieces {
    pub id: i32,
    /// "CERTIFICATION … : ARTS CINEMA et AUDIOVISUEL - ACADÉMIE DE VERSAILLES - 2027".
    pub label: String,
    pub groups: Vec<GroupEdit>,
}

/// A group as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupEdit {
    pub id: i32,
    pub label: String,
    pub mode: PieceMode,
    pub when: String,
    pub postal_address: Option<String>,
    pub pieces: Vec<PieceEdit>,
}

/// A piece as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceEdit {
    pub id: i32,
    pub label: String,
    pub description: String,
    /// Asked of one candidature only: "N° candidat 0193801933, N° inscription 001".
    pub only: Option<String>,
    /// Files or statuses refer to it: it cannot be deleted.
    pub used: bool,
}

/// "Nouveau regroupement" of an offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupForm {
    pub offer: String,
    pub label: String,
    /// `en_ligne`, `courrier` or `autres`.
    pub mode: String,
    /// jj/mm/aaaa hh:mm (Paris), online groups only.
    pub opens: String,
    /// jj/mm/aaaa hh:mm (Paris).
    pub closes: String,
    pub address: String,
}

/// "Nouvelle pièce" of a group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceForm {
    pub group: String,
    pub label: String,
    pub description: String,
    /// The N° candidat whose candidature alone is asked for it (empty: every candidature).
    pub candidate: String,
}
