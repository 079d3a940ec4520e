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
