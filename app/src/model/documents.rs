//! Documents (D1-D4): what "Mes documents", the N° inscription tab and "Vérifier un
//! document" show.

use crate::domain::LocalDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The kinds of document of D3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    /// G01 (Autres examens): to be returned to the service before a stated date.
    Confirmation,
    /// G02 (Autres certifications).
    Recapitulatif,
    DemandePieces,
    RelancePieces,
    Convocation,
}

impl DocumentKind {
    pub const ALL: [Self; 5] = [
        Self::Confirmation,
        Self::Recapitulatif,
        Self::DemandePieces,
        Self::RelancePieces,
        Self::Convocation,
    ];

    /// The stored name (the `documents.kind` column, the template's name).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmation => "confirmation",
            Self::Recapitulatif => "recapitulatif",
            Self::DemandePieces => "demande_pieces",
            Self::RelancePieces => "relance_pieces",
            Self::Convocation => "convocation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The title printed on the document and shown in the lists.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Confirmation => "Confirmation d'inscription",
            Self::Recapitulatif => "Récapitulatif d'inscription",
            Self::DemandePieces => "Demande de pièces justificatives",
            Self::RelancePieces => "Relance de pièces justificatives",
            Self::Convocation => "Convocation(s) aux épreuves",
        }
    }

    /// The document published at registration (D1): a confirmation for G01 (Autres
    /// examens), a récapitulatif otherwise.
    pub fn at_registration(domain_code: &str) -> Self {
        if domain_code == "G01" {
            Self::Confirmation
        } else {
            Self::Recapitulatif
        }
    }

    /// The start of the downloaded file's name.
    pub fn file_stem(self) -> &'static str {
        match self {
            Self::Confirmation => "confirmation-inscription",
            Self::Recapitulatif => "recapitulatif-inscription",
            Self::DemandePieces => "demande-pieces-justificatives",
            Self::RelancePieces => "relance-pieces-justificatives",
            Self::Convocation => "convocation-epreuves",
        }
    }
}

/// One published document, its latest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentLine {
    pub id: Uuid,
    pub kind: DocumentKind,
    /// Version n°1, 2…
    pub number: i32,
    pub updated_at: LocalDateTime,
    /// Whether the PDF exists yet (it is rendered just after the save).
    pub ready: bool,
}

impl DocumentLine {
    /// "Récapitulatif d'inscription : Version n°2 mis à jour le 18/09/2019 09:34".
    pub fn title(&self) -> String {
        format!(
            "{} : {} mis à jour le {}",
            self.kind.label_fr(),
            super::version_fr(self.number),
            self.updated_at
        )
    }

    /// Opens the PDF in the browser.
    pub fn href(&self) -> String {
        format!("/documents/{}", self.id)
    }

    /// Downloads the PDF.
    pub fn download_href(&self) -> String {
        format!("/documents/{}?telecharger=1", self.id)
    }
}

/// A candidature's card in "Mes documents".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCard {
    pub candidature: Uuid,
    /// "AUTRES CERTIFICATIONS".
    pub domain_label: String,
    pub session_year: i32,
    pub exam_label: String,
    pub speciality_label: String,
    pub academy_label: String,
    /// "001".
    pub registration_number: String,
}

/// "Mes documents": who, then the candidatures as cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDocuments {
    /// Empty before the first candidature.
    pub candidate_number: String,
    /// "TALU Jean".
    pub name: String,
    /// dd/mm/yyyy.
    pub birth_date: String,
    pub cards: Vec<DocumentCard>,
}

/// "Liste des documents publiés pour la candidature n° <candidat> - <inscription>".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidatureDocuments {
    pub candidate_number: String,
    pub card: DocumentCard,
    pub documents: Vec<DocumentLine>,
}

/// What "Vérifier un document" tells about a code: enough to check a paper, nothing more
/// (no address, phone or birth data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub kind: DocumentKind,
    /// "TALU Jean".
    pub name: String,
    pub candidate_number: String,
    pub registration_number: String,
    pub exam_label: String,
    pub speciality_label: String,
    pub academy_label: String,
    pub session_year: i32,
    /// The document's version (n°) and its publication.
    pub number: i32,
    pub published_at: LocalDateTime,
    /// The candidature's version it shows ("Version n°2").
    pub candidature_version: i32,
    /// Whether no later version of this document was published.
    pub latest: bool,
    /// Whether the candidature is still registered (staff may unregister it, S5): an
    /// unregistered candidature's documents no longer prove a registration.
    pub registered: bool,
}

/// The answer of "Vérifier un document".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerificationResult {
    Found(Verification),
    /// No document has this code (or the code is malformed).
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_stored_names() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(DocumentKind::parse("autre"), None);
    }

    #[test]
    fn registration_publishes_a_confirmation_for_g01_only() {
        assert_eq!(
            DocumentKind::at_registration("G01"),
            DocumentKind::Confirmation
        );
        assert_eq!(
            DocumentKind::at_registration("G02"),
            DocumentKind::Recapitulatif
        );
    }

    #[test]
    fn a_line_reads_as_in_the_guide() {
        let line = DocumentLine {
            id: Uuid::nil(),
            kind: DocumentKind::Recapitulatif,
            number: 2,
            updated_at: LocalDateTime::from_naive(
                chrono::NaiveDate::from_ymd_opt(2019, 9, 18)
                    .and_then(|d| d.and_hms_opt(9, 34, 0))
                    .expect("a valid date"),
            ),
            ready: true,
        };
        assert_eq!(
            line.title(),
            "Récapitulatif d'inscription : Version n°2 mis à jour le 18/09/2019 09:34"
        );
    }
}
