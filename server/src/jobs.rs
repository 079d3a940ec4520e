//! Background jobs: the mail sender, the document renderer, the purge of accounts never
//! activated, and the deletion of expired sessions.

use crate::config::MailConfig;
use app::server::AppState;
use app::server::services::accounts;
use app::server::session_store::DbSessionStore;
use std::time::Duration;
use tower_sessions::session_store::ExpiredDeletion;

/// How often the purge and the session clean-up run.
const HOUSEKEEPING: Duration = Duration::from_secs(600);

/// Starts every job on the runtime; they end with the process.
pub fn spawn(
    state: &AppState,
    mail: MailConfig,
    renderer: std::sync::Arc<dyn crate::documents::Render>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let purge_state = state.clone();
    let sessions = DbSessionStore::new(state.db.clone());
    vec![
        tokio::spawn(crate::mail::run(state.clone(), mail)),
        tokio::spawn(crate::documents::job::run(state.clone(), renderer)),
        tokio::spawn(async move {
            loop {
                if let Err(e) = accounts::purge_unactivated(&purge_state).await {
                    tracing::error!(error = %e, "purge of unactivated accounts failed");
                }
                if let Err(e) = sessions.delete_expired().await {
                    tracing::error!(error = %e, "deletion of expired sessions failed");
                }
                tokio::time::sleep(HOUSEKEEPING).await;
            }
        }),
    ]
}
