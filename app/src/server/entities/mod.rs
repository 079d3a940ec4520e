//! Database entities, one file per table, kept apart from the wire types in `model`.

pub mod academy;
pub mod account;
pub mod account_token;
pub mod candidate;
pub mod candidature;
pub mod candidature_version;
pub mod commune;
pub mod country;
pub mod departement;
pub mod document;
pub mod domain;
pub mod epreuve;
pub mod epreuve_group;
pub mod etablissement;
pub mod exam;
pub mod home_message;
pub mod hr_option;
pub mod mail_outbox;
pub mod nationality;
pub mod offer;
pub mod postal_code;
pub mod registration_draft;
pub mod session;
pub mod sign_in_failure;
pub mod speciality;
pub mod web_session;
