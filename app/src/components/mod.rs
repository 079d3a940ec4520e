//! Pieces shared by several pages.

pub mod cascade;
pub mod error_message;
pub mod form;
pub mod layout;
pub mod viewer;
