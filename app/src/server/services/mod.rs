//! The rules of the portal, one module per area. Server functions call these.

pub mod accounts;
pub mod candidatures;
pub mod catalog;
pub mod catalog_edit;
pub mod convocations;
pub mod documents;
pub mod dossiers;
pub mod home;
pub mod journal;
pub mod legal;
pub mod lockout;
pub mod passwords;
pub mod pieces;
pub mod recovery_codes;
pub mod reference;
pub mod registration;
pub mod revision;
pub mod scope;
pub mod staff;
pub mod tokens;
pub mod totp;
