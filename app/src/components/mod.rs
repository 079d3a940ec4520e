//! Pieces shared by several pages.

pub mod cascade;
pub mod error_message;
pub mod layout;
