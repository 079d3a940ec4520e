//! Server-only code: database entities, the services that own the rules, shared state.

pub mod demo;
pub mod entities;
pub mod services;
pub mod state;

pub use state::{AppState, Clock};
