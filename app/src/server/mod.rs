//! Server-only code: database entities, the services that own the rules, shared state.

pub mod antivirus;
pub mod auth;
pub mod csv;
pub mod demo;
pub mod entities;
pub mod headers;
pub mod identity;
pub mod ids;
pub mod jobs;
pub mod mail;
pub mod qr;
pub mod request;
pub mod services;
pub mod session_store;
pub mod settings;
pub mod sql;
pub mod state;
pub mod storage;
pub mod throttle;

pub use state::{AppState, Clock};
