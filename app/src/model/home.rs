//! Messages published on the home page (P1) and their editor in the Espace gestionnaire
//! (S3).

use crate::domain::LocalDateTime;
use crate::domain::home_message::Paragraph;
use crate::model::ListOption;
use serde::{Deserialize, Serialize};

/// A message staff publish on "Accueil", for example a planned unavailability: its text as
/// paragraphs of text and links (never HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeMessage {
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    /// "ACADÉMIE DE VERSAILLES" for a message of one académie; `None`: every académie.
    pub academy: Option<String>,
    /// When the message was published (or starts to be shown).
    pub published_at: LocalDateTime,
}

/// "Messages d'accueil": a message as typed in its form. `id` is empty for a new one;
/// `revision` is the message's last change as the page saw it; `published` is "oui" when
/// "Publier sur l'Accueil" is ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageForm {
    pub id: String,
    pub revision: String,
    pub title: String,
    pub body: String,
    pub visible_from: String,
    pub visible_until: String,
    /// The académie's code, or `domain::home_message::EVERY_ACADEMY`.
    pub academy: String,
    pub published: String,
}

/// A message in the editor's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMessage {
    pub id: i32,
    pub title: String,
    /// "Toutes les académies" or the académie's name.
    pub academy: String,
    /// "Du 15/01/2027 08:00 au 16/01/2027 00:00", "Sans limite", …
    pub window: String,
    /// "En ligne", "Programmé", "Terminé", "Non publié".
    pub state: String,
    /// Its form, to change it.
    pub form: MessageForm,
}

/// The "Messages d'accueil" page: the messages of the member's académies, and the académies
/// a message may be for (every académie only for a member of all of them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagesView {
    pub messages: Vec<StaffMessage>,
    pub academies: Vec<ListOption>,
    /// Whether "Toutes les académies" may be chosen.
    pub national: bool,
}
