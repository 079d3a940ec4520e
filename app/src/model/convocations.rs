//! Convocations aux épreuves (REQUIREMENTS S7, D3; issue 15): the schedule of each test of
//! an offer, the preparation of a batch (every registered candidate or the candidate
//! numbers chosen, published now or at a chosen instant) and the batches with their
//! progress.

use serde::{Deserialize, Serialize};

/// "Convocations" of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvocationsPage {
    pub offer: i32,
    /// "EXAM : SPECIALITY".
    pub label: String,
    pub academy: String,
    pub session: i32,
    pub registered: u64,
    /// One per test of the offer's speciality.
    pub schedules: Vec<ScheduleRow>,
    /// Newest first.
    pub batches: Vec<BatchRow>,
}

/// When and where one test takes place, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleForm {
    pub offer: i32,
    /// The test's code ("010").
    pub epreuve: String,
    /// "jj/mm/aaaa hh:mm", Paris time.
    pub starts: String,
    /// Minutes.
    pub duration: String,
    /// The address, one line per line.
    pub place: String,
    pub instructions: String,
}

/// A test of the offer with its schedule (empty fields: none yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    /// "010 - EPREUVE 1 (Ecrit)".
    pub label: String,
    /// "Obligatoire", "Facultative", "À choix".
    pub kind: String,
    pub form: ScheduleForm,
    pub saved: bool,
}

/// "Préparer les convocations".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepareForm {
    pub offer: i32,
    /// [`Selection::ALL`] or [`Selection::NUMBERS`].
    pub selection: String,
    /// Candidate numbers, one per line (or separated by spaces, commas, semicolons).
    pub numbers: String,
    /// [`When::NOW`] or [`When::AT`].
    pub when: String,
    /// "jj/mm/aaaa hh:mm", Paris time, when `when` is [`When::AT`].
    pub publish_at: String,
}

/// The values of [`PrepareForm::selection`].
pub struct Selection;

impl Selection {
    pub const ALL: &str = "tous";
    pub const NUMBERS: &str = "numeros";
}

/// The values of [`PrepareForm::when`].
pub struct When;

impl When {
    pub const NOW: &str = "maintenant";
    pub const AT: &str = "le";
}

/// What a preparation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prepared {
    /// Convocations published in the batch (new or changed).
    pub published: u32,
    /// Candidatures whose convocation had not changed (nothing published for them).
    pub unchanged: u32,
}

/// A batch and its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRow {
    pub id: uuid::Uuid,
    /// "dd/mm/yyyy hh:mm" (Paris).
    pub created: String,
    pub by: String,
    /// "Tous les inscrits" or "3 candidats choisis".
    pub selection: String,
    pub publish_at: String,
    /// The instant has passed: its candidates see their convocations.
    pub published: bool,
    pub total: i32,
    pub unchanged: i32,
    /// PDFs made so far.
    pub rendered: i32,
    /// Convocations whose rendering failed at least once (tried again).
    pub failures: i32,
    /// The mails have been queued.
    pub mailed: bool,
    /// The printable PDF and the ZIP are ready.
    pub files: bool,
}

impl BatchRow {
    /// "Programmée", "En préparation", "Publiée".
    pub fn state_fr(&self) -> &'static str {
        if self.published {
            "Publiée"
        } else if self.rendered < self.total {
            "En préparation"
        } else {
            "Prête, programmée"
        }
    }
}

/// A test's kind as the schedule table says it.
pub fn kind_fr(kind: crate::model::EpreuveKind) -> &'static str {
    match kind {
        crate::model::EpreuveKind::Mandatory => "Obligatoire",
        crate::model::EpreuveKind::Optional => "Facultative",
        crate::model::EpreuveKind::Choice => "À choix",
    }
}

/// An offer in "Convocations".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferLine {
    pub id: i32,
    pub label: String,
    pub academy: String,
    pub session: i32,
    pub registered: u64,
}
