//! What the footer's pages ("Accessibilité", "Données personnelles", "Mentions légales")
//! say that depends on the portal's configuration and catalog.

use super::ServiceContact;
use serde::{Deserialize, Serialize};

/// A service des examens to write to, as the catalog names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDesk {
    /// "ACADÉMIE DE VERSAILLES".
    pub academy: String,
    pub contact: ServiceContact,
}

/// How long one kind of data is kept, in words: what the purges and the links apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    pub what: String,
    pub how_long: String,
}

/// Who publishes and who hosts the portal, as configured ("" when not set: a development
/// run; production refuses to start without them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub publisher: String,
    pub director: String,
    pub hosting: String,
}

/// The facts of the footer's pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalFacts {
    pub services: Vec<ServiceDesk>,
    pub retention: Vec<Retention>,
    pub publication: Publication,
}
