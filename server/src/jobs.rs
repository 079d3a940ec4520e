//! Background jobs: the mail sender, the document renderer, and the housekeeping: account
//! requests never activated, expired sessions, stale sign-in failure counts, and mails past
//! the outbox's retention.

use app::server::AppState;
use app::server::mail::outbox;
use app::server::services::{lockout, signup};
use app::server::session_store::DbSessionStore;
use std::time::Duration;
use tower_sessions::session_store::ExpiredDeletion;

/// How often the purge and the session clean-up run.
const HOUSEKEEPING: Duration = Duration::from_secs(600);

/// Starts every job on the runtime; they end with the process.
pub fn spawn(
    state: &AppState,
    mailer: crate::mail::Mailer,
    renderer: std::sync::Arc<dyn crate::documents::Render>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let purge_state = state.clone();
    let sessions = DbSessionStore::new(state.db.clone());
    vec![
        tokio::spawn(crate::mail::run(state.clone(), mailer)),
        tokio::spawn(crate::documents::job::run(state.clone(), renderer)),
        tokio::spawn(async move {
            loop {
                if let Err(e) = signup::purge_expired(&purge_state).await {
                    tracing::error!(error = %e, "purge of unactivated account requests failed");
                }
                let now = purge_state.clock.now();
                if let Err(e) =
                    lockout::purge_stale(&purge_state.db, now, &purge_state.accounts).await
                {
                    tracing::error!(error = %e, "purge of sign-in failure counts failed");
                }
                match outbox::purge_done(&purge_state.db, now - outbox::RETENTION).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(count = n, "mails past their retention deleted"),
                    Err(e) => tracing::error!(error = %e, "purge of the outbox failed"),
                }
                if let Err(e) = sessions.delete_expired().await {
                    tracing::error!(error = %e, "deletion of expired sessions failed");
                }
                tokio::time::sleep(HOUSEKEEPING).await;
            }
        }),
    ]
}
