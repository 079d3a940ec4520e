//! One module per page.

pub mod account;
pub mod documents;
pub mod home;
pub mod legal;
pub mod not_found;
pub mod pieces;
pub mod registration;
pub mod services;
pub mod staff;
