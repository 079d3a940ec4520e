//! What every request handler and server function can reach.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// The source of "now", fixed in tests that need a known instant.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Self::System => Utc::now(),
            Self::Fixed(t) => *t,
        }
    }
}

/// Shared by the router, the SSR renderer and the server functions.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// The zone every date is shown in (Europe/Paris).
    pub tz: chrono_tz::Tz,
    pub clock: Clock,
}

/// The state provided to server functions and to the renderer.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
