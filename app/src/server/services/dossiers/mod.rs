//! Candidates' dossiers as staff work on them (REQUIREMENTS S4, S5, X3): "Candidats" (the
//! search), the dossier itself, and the changes the service makes to it. Always within the
//! member's académies: a candidature beyond them is "not found", as if it did not exist.
//! Reads candidatures through `candidatures` (a leaf), never the other way round.

pub mod export;
pub mod identity;
pub mod read;
pub mod search;
pub mod status;
