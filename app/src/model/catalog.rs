//! The "Ouverture des services" answer: the selection so far, the next choices, the offers.

use super::selection::{Level, Selection};
use crate::domain::{LocalDateTime, PeriodState};
use serde::{Deserialize, Serialize};

/// One chosen level in the "Résumé de la sélection".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryItem {
    pub level: Level,
    pub label: String,
    /// Where the ↩ control leads: the selection without this level and the next ones.
    pub back: Selection,
}

/// A choice offered at the next level, with the selection it leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub label: String,
    pub selection: Selection,
}

/// The choices of the level to pick next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChoices {
    pub level: Level,
    pub choices: Vec<Choice>,
}

/// One offer as the guide prints it: "<EXAM> : <SPECIALITY> ouvert du … au …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferLine {
    pub exam_label: String,
    pub speciality_label: String,
    pub opens_at: LocalDateTime,
    pub closes_at: LocalDateTime,
    pub state: PeriodState,
    /// The speciality the person chose (the list shows the whole académie's offers).
    pub chosen: bool,
}

/// The offers of the chosen exam in the chosen académie and session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferList {
    /// "Certifications proposées dans l'académie de Versailles".
    pub heading: String,
    pub offers: Vec<OfferLine>,
    /// The offer of the chosen speciality ("M'inscrire" registers for it).
    pub chosen_offer: Option<uuid::Uuid>,
}

impl OfferList {
    /// Whether the offer of the chosen speciality is open now.
    pub fn chosen_open(&self) -> bool {
        self.offers
            .iter()
            .any(|o| o.chosen && o.state == PeriodState::Open)
    }
}

/// Everything the page shows for one selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesView {
    /// The selection as the server understood it (unknown codes dropped).
    pub selection: Selection,
    pub summary: Vec<SummaryItem>,
    /// The next level to choose, when the selection is not complete.
    pub next: Option<LevelChoices>,
    /// The offers, when the selection is complete.
    pub offers: Option<OfferList>,
}
