//! Pieces shared by several pages.

pub mod cascade;
pub mod dialog;
pub mod error_message;
pub mod form;
pub mod layout;
pub mod navigation_focus;
pub mod password_checklist;
pub mod remote_options;
pub mod route_id;
pub mod service_contact;
pub mod signed_in;
pub mod viewer;
