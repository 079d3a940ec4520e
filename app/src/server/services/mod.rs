//! The rules of the portal, one module per area. Server functions call these.

pub mod catalog;
pub mod home;
