//! What every request handler and server function can reach.

use crate::error::AppError;
use crate::server::services::passwords::Hasher;
use crate::server::settings::AccountSettings;
use crate::server::throttle::Throttle;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use std::collections::HashSet;
use std::sync::Arc;

/// The source of "now": the system's, or one that tests set and move.
#[derive(Debug, Clone)]
pub enum Clock {
    System,
    /// Set and moved by tests (token expiry, purge, timeouts).
    Manual(Arc<std::sync::RwLock<DateTime<Utc>>>),
}

impl Clock {
    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Self::System => Utc::now(),
            Self::Manual(t) => *t.read().unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }

    /// A clock at `start` that tests move with [`Clock::advance`].
    pub fn manual(start: DateTime<Utc>) -> Self {
        Self::Manual(Arc::new(std::sync::RwLock::new(start)))
    }

    /// Moves a manual clock forward (no effect on the others).
    pub fn advance(&self, by: chrono::Duration) {
        if let Self::Manual(t) = self {
            let mut now = t.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            *now += by;
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
    pub accounts: Arc<AccountSettings>,
    /// Who publishes and who hosts the portal ("Mentions légales").
    pub legal: Arc<crate::server::settings::LegalNotice>,
    pub hasher: Hasher,
    /// Lower-case passwords refused whatever the policy says.
    pub common_passwords: Arc<HashSet<String>>,
    pub throttle: Arc<Throttle>,
    /// Wakes this server's worker of a kind of background job when one is queued.
    pub jobs: Arc<crate::server::jobs::Wake>,
    /// Told to every waiter each time a document is rendered (or fails to be).
    pub documents_rendered: Arc<tokio::sync::Notify>,
    /// Saves being handled now: the document renderer waits for a moment without any, so
    /// that a rendering never slows a candidate's "Enregistrer".
    pub saves_in_flight: Arc<std::sync::atomic::AtomicUsize>,
    /// The wizard's reference lists (countries, nationalities, départements, HR lists),
    /// read from the database once: they change only with a new version of the portal.
    pub wizard_lists: Arc<tokio::sync::OnceCell<crate::model::WizardLists>>,
    /// The communes offered as suggestions, read from the database once.
    pub communes: Arc<tokio::sync::OnceCell<crate::server::services::reference::Communes>>,
    /// Where deposited files are kept (pièces justificatives).
    pub files: crate::server::storage::Storage,
    /// The antivirus every deposited file goes through; none: files wait, unopened.
    pub clamd: Option<crate::server::antivirus::Clamd>,
    /// Where uploads are received before they are checked and stored.
    pub uploads_dir: std::path::PathBuf,
}

/// Counts a save as in flight while it lives (see [`AppState::saves_in_flight`]).
pub struct SaveInFlight(Arc<std::sync::atomic::AtomicUsize>);

impl AppState {
    /// Marks a save as in flight until the returned guard is dropped.
    pub fn save_in_flight(&self) -> SaveInFlight {
        self.saves_in_flight
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        SaveInFlight(Arc::clone(&self.saves_in_flight))
    }
}

impl Drop for SaveInFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The state provided to server functions and to the renderer.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
