//! Messages published on the home page (P1).

use crate::domain::LocalDateTime;
use serde::{Deserialize, Serialize};

/// A message staff publish on "Accueil", for example a planned unavailability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeMessage {
    pub title: String,
    pub body: String,
    /// When the message was published (or starts to be shown).
    pub published_at: LocalDateTime,
}
