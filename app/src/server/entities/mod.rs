//! Database entities, one file per table, kept apart from the wire types in `model`.

pub mod academy;
pub mod country;
pub mod departement;
pub mod domain;
pub mod epreuve;
pub mod exam;
pub mod home_message;
pub mod nationality;
pub mod offer;
pub mod session;
pub mod speciality;
