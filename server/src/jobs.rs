//! The background jobs this server runs: the mail sender, the document renderer, the
//! antivirus scan of deposited files, the relances of pièces, and the housekeeping (account requests never
//! activated, expired sessions, stale sign-in failure counts, mails past the outbox's
//! retention), run by one server at a time.

use app::server::AppState;
use app::server::jobs::{Job, JobKind, Outcome, RunHandle, Runner};
use app::server::mail::outbox;
use app::server::services::accounts::signup;
use app::server::services::lockout;
use app::server::session_store::DbSessionStore;
use tower_sessions::session_store::ExpiredDeletion;

/// How long the jobs running at shutdown are given to finish.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Starts every job on the runtime.
pub fn start(
    state: &AppState,
    mailer: crate::mail::Mailer,
    renderer: std::sync::Arc<dyn crate::documents::Render>,
) -> RunHandle {
    Runner::new(state.clone())
        .with(mailer)
        .with(crate::documents::job::Renderer(renderer))
        .with(Housekeeping)
        .with(app::server::services::pieces::scan::Scanner)
        .with(app::server::services::pieces::demande::Relancer)
        .with(app::server::services::pieces::demande::Demander)
        .with(app::server::services::convocations::batches::Announcer)
        .with(crate::documents::batch_files::BatchFiles)
        .start()
}

/// The purges, every ten minutes, by whichever server takes the job.
pub struct Housekeeping;

/// How often the housekeeping runs.
const EVERY: chrono::Duration = chrono::Duration::minutes(10);

#[async_trait::async_trait]
impl Job for Housekeeping {
    fn kind(&self) -> JobKind {
        JobKind::Housekeeping
    }

    fn recurring(&self) -> bool {
        true
    }

    fn poll(&self) -> std::time::Duration {
        std::time::Duration::from_secs(60)
    }

    async fn run(&self, state: &AppState, _: uuid::Uuid) -> Outcome {
        let now = state.clock.now();
        if let Err(e) = signup::purge_expired(state).await {
            tracing::error!(error = %e, "purge of unactivated account requests failed");
        }
        if let Err(e) = lockout::purge_stale(&state.db, now, &state.accounts).await {
            tracing::error!(error = %e, "purge of sign-in failure counts failed");
        }
        match outbox::purge_done(&state.db, now - outbox::RETENTION).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "mails past their retention deleted"),
            Err(e) => tracing::error!(error = %e, "purge of the outbox failed"),
        }
        if let Err(e) = DbSessionStore::new(state.db.clone()).delete_expired().await {
            tracing::error!(error = %e, "deletion of expired sessions failed");
        }
        Outcome::RunAgainAt(now + EVERY)
    }
}
