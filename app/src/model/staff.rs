//! What crosses the wire for the Espace gestionnaire (REQUIREMENTS S1, S4): its forms as
//! typed, the enrolment page, who is signed in, and the "Candidats" list.

use super::AccountForm;
use serde::{Deserialize, Serialize};
use std::fmt;

/// "Se connecter" to the Espace gestionnaire: login, password and a code of the second
/// factor (TOTP or recovery code), as typed.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSignInForm {
    pub email: String,
    pub password: String,
    pub code: String,
}

impl fmt::Debug for StaffSignInForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaffSignInForm")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// The enrolment page's form: the password chosen (twice) and a code of the application.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentForm {
    pub password: String,
    pub password_confirm: String,
    pub code: String,
}

impl fmt::Debug for EnrolmentForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnrolmentForm")
    }
}

/// What the enrolment link's page shows before the form: whose enrolment it is and the
/// second factor's secret, as a QR code (an SVG the server drew) and as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentView {
    pub email: String,
    /// Base32, grouped by four for reading.
    pub secret: String,
    pub qr_svg: String,
}

/// The staff member signed in, for the back-office's pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffViewer {
    pub email: String,
    /// "Administrateur" or "Gestionnaire".
    pub role: String,
    pub administrateur: bool,
    /// "Toutes les académies" or the labels of theirs.
    pub scope: String,
}

/// How the "Candidats" list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CandidateSort {
    #[default]
    Name,
    Number,
    Exam,
    Academy,
    LastChange,
}

impl CandidateSort {
    /// As the address writes it (`?tri=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "nom",
            Self::Number => "numero",
            Self::Exam => "examen",
            Self::Academy => "academie",
            Self::LastChange => "modification",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Name,
            Self::Number,
            Self::Exam,
            Self::Academy,
            Self::LastChange,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// The status filter of "Candidats".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusFilter {
    #[default]
    Any,
    Registered,
    Unregistered,
    /// "Brouillon seulement": a registration started in the wizard and never validated
    /// (a draft, no candidature for that offer).
    DraftOnly,
}

impl StatusFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Any => "",
            Self::Registered => "inscrite",
            Self::Unregistered => "desinscrite",
            Self::DraftOnly => "brouillon",
        }
    }

    pub fn parse(text: &str) -> Self {
        match text {
            "inscrite" => Self::Registered,
            "desinscrite" => Self::Unregistered,
            "brouillon" => Self::DraftOnly,
            _ => Self::Any,
        }
    }
}

/// A search of "Candidats", as the address carries it (so a search can be bookmarked and
/// sent to a colleague, and works without the client code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateQuery {
    /// Name (any case, with or without accents), N° candidat or email.
    pub text: String,
    /// An académie's code, empty for all of the member's.
    pub academy: String,
    /// An exam's code, empty for all.
    pub exam: String,
    /// A session's year, empty for all.
    pub session: String,
    pub status: StatusFilter,
    pub sort: CandidateSort,
    pub descending: bool,
    /// From 1.
    pub page: u32,
}

impl CandidateQuery {
    /// The query string of this search, with `page` instead of its own (and the first
    /// page's number left out).
    pub fn to_query(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut add = |key, value: &str| {
            if !value.is_empty() {
                pairs.push((key, value.to_owned()));
            }
        };
        add("q", &self.text);
        add("academie", &self.academy);
        add("examen", &self.exam);
        add("session", &self.session);
        add("statut", self.status.as_str());
        if self.sort != CandidateSort::Name {
            add("tri", self.sort.as_str());
        }
        if self.descending {
            add("ordre", "desc");
        }
        if page > 1 {
            add("page", &page.to_string());
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::domain::text::percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The search a query string describes (unknown values are ignored).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self {
            page: 1,
            ..Self::default()
        };
        for (key, value) in pairs {
            match key {
                "q" => query.text = value.chars().take(Self::MAX_TEXT).collect(),
                "academie" => query.academy = value.chars().take(32).collect(),
                "examen" => query.exam = value.chars().take(32).collect(),
                "session" => query.session = value.chars().take(4).collect(),
                "statut" => query.status = StatusFilter::parse(value),
                "tri" => query.sort = CandidateSort::parse(value).unwrap_or_default(),
                "ordre" => query.descending = value == "desc",
                "page" => query.page = value.parse().unwrap_or(1).max(1),
                _ => {}
            }
        }
        query
    }

    /// Longest search text kept.
    pub const MAX_TEXT: usize = 100;
}

/// One candidature in the "Candidats" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateRow {
    /// `None` for a registration never validated (a draft): it has no dossier yet.
    pub candidature: Option<uuid::Uuid>,
    /// Empty before the candidate's first candidature.
    pub number: String,
    /// "001"; empty for a draft.
    pub registration: String,
    /// "TALU Jean".
    pub name: String,
    pub birth_date: String,
    pub email: String,
    pub exam: String,
    pub speciality: String,
    pub academy: String,
    pub session: i32,
    /// 0 for a draft.
    pub version: i32,
    pub registered: bool,
    /// dd/mm/yyyy hh:mm, Paris.
    pub last_change: String,
}

/// A filter's choices (code and label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterChoice {
    pub code: String,
    pub label: String,
}

/// One page of "Candidats", with the count of the whole selection and the filters' lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidatesPage {
    pub rows: Vec<CandidateRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub academies: Vec<FilterChoice>,
    pub exams: Vec<FilterChoice>,
    pub sessions: Vec<i32>,
}

/// A candidate's dossier as staff see it (REQUIREMENTS S4): the account's identity, each
/// candidature of the member's académies with its versions and documents, the mails sent to
/// the candidate, and the journal of the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    /// "TALU Jean".
    pub name: String,
    pub number: String,
    /// (label, value) in the order of "Créez votre compte".
    pub identity: Vec<(String, String)>,
    /// "Corriger l'identité": the identity as the form shows it (confirmations filled in),
    /// and the account's revision when the dossier was opened.
    pub identity_form: AccountForm,
    pub identity_revision: String,
    pub candidatures: Vec<DossierCandidature>,
    pub mails: Vec<DossierMail>,
    pub journal: Vec<JournalLine>,
}

/// One candidature in a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierCandidature {
    pub id: uuid::Uuid,
    /// "001".
    pub registration: String,
    /// "CERTIFICATION … : ARTS CINEMA et AUDIOVISUEL".
    pub offer: String,
    pub academy: String,
    pub session: i32,
    pub registered: bool,
    pub version: i32,
    /// Its last change, exactly: sent back with a change, which is refused if it moved.
    pub revision: String,
    /// Whether this member may undo its désinscription (an administrator, session not over).
    pub can_reinstate: bool,
    /// Newest first.
    pub versions: Vec<VersionLine>,
    /// Every version of every document, newest first.
    pub documents: Vec<StaffDocumentLine>,
    /// The pièces justificatives asked of it and where each stands.
    pub pieces: crate::model::pieces::CandidaturePieces,
}

/// A saved version and what changed from the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionLine {
    pub version: i32,
    /// dd/mm/yyyy hh:mm, Paris.
    pub saved_at: String,
    /// The labels of what changed ("Adresse", "Téléphone"…); empty for the first version.
    pub changes: Vec<String>,
}

/// One published document version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocumentLine {
    pub id: uuid::Uuid,
    /// "Récapitulatif d'inscription Version n°2".
    pub title: String,
    pub published_at: String,
    pub ready: bool,
}

/// A mail sent (or to send) to the candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierMail {
    pub subject: String,
    pub created_at: String,
    /// "Envoyé le …", "En attente", "Abandonné : …".
    pub state: String,
}

/// "Désinscrire" (with its reason) or "Réinscrire" a candidature, as the page saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub candidature: uuid::Uuid,
    /// The candidature's revision when the dossier was opened.
    pub revision: String,
    /// True: désinscrire; false: réinscrire.
    pub unregister: bool,
    pub reason: String,
}

/// "Corriger l'identité": the identity fields as typed, with the reason, for the account of
/// the candidature the dossier was opened from, as the page saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityCorrection {
    pub candidature: uuid::Uuid,
    /// The account's revision when the dossier was opened.
    pub revision: String,
    pub form: AccountForm,
    pub reason: String,
}

/// A row of the journal as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalLine {
    pub seq: i64,
    /// dd/mm/yyyy hh:mm:ss, Paris.
    pub at: String,
    pub actor: String,
    pub address: String,
    pub action: String,
    pub subject: String,
    pub before: String,
    pub after: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_reads_back_from_its_address() {
        let query = CandidateQuery {
            text: "Éloïse d'Arc".into(),
            academy: "VERSAILLES".into(),
            status: StatusFilter::Unregistered,
            sort: CandidateSort::LastChange,
            descending: true,
            page: 3,
            ..CandidateQuery::default()
        };
        let text = query.to_query(3);
        assert!(!text.contains(' ') && !text.contains('\''), "{text}");
        let pairs: Vec<(String, String)> = text
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_owned(), decode(v))
            })
            .collect();
        let back = CandidateQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, query);
    }

    #[test]
    fn unknown_values_fall_back_and_the_page_is_at_least_one() {
        let query = CandidateQuery::from_pairs([("tri", "x"), ("page", "0"), ("statut", "?")]);
        assert_eq!(query.sort, CandidateSort::Name);
        assert_eq!(query.page, 1);
        assert_eq!(query.status, StatusFilter::Any);
        let long = "a".repeat(500);
        let query = CandidateQuery::from_pairs([("q", long.as_str())]);
        assert_eq!(query.text.len(), CandidateQuery::MAX_TEXT);
    }

    fn decode(v: &str) -> String {
        let bytes = v.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
