//! Database entities, one file per table, kept apart from the wire types in `model`.

pub mod academy;
pub mod account;
pub mod account_token;
pub mod candidature;
pub mod commune;
pub mod country;
pub mod departement;
pub mod domain;
pub mod epreuve;
pub mod exam;
pub mod home_message;
pub mod mail_outbox;
pub mod nationality;
pub mod offer;
pub mod session;
pub mod sign_in_failure;
pub mod speciality;
pub mod web_session;
