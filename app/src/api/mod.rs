//! Server functions: authenticate, parse, call one service, map the error.

pub mod account;
pub mod catalog;
pub mod catalog_edit;
pub mod convocations;
pub mod documents;
pub mod home;
pub mod journal;
pub mod legal;
pub mod pieces;
#[cfg(feature = "ssr")]
pub mod posted;
#[cfg(feature = "ssr")]
pub mod posted_catalog;
pub mod registration;
pub mod staff;
pub mod staff_members;
