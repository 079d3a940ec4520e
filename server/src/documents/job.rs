//! The renderer job (D1): renders the documents published without a PDF, on the blocking
//! pool, as soon as a save wakes it and every few seconds. A failure is logged and tried
//! again after a back-off; the candidature it belongs to is saved whatever happens here.

use super::Render;
use app::model::documents::DocumentKind;
use app::server::AppState;
use app::server::services::documents::{data, queue};
use std::sync::Arc;
use std::time::Duration;

/// How often the queue is looked at when nothing wakes the job.
const POLL: Duration = Duration::from_secs(5);
/// Documents taken per round.
const BATCH: u64 = 20;
/// How long a rendering waits for a moment without saves in flight before going ahead.
const YIELD_AT_MOST: Duration = Duration::from_millis(500);

/// Waits until no save is in flight (or `YIELD_AT_MOST` has passed): on a busy morning the
/// documents are rendered in the gaps between saves, never in their way.
async fn quiet_moment(state: &AppState) {
    let deadline = tokio::time::Instant::now() + YIELD_AT_MOST;
    while state
        .saves_in_flight
        .load(std::sync::atomic::Ordering::SeqCst)
        > 0
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Renders what is due now; returns how many documents were tried.
pub async fn render_due(
    state: &AppState,
    renderer: &Arc<dyn Render>,
) -> Result<usize, sea_orm::DbErr> {
    let due = queue::due(&state.db, state.clock.now(), BATCH).await?;
    let tried = due.len();
    for doc in due {
        quiet_moment(state).await;
        if !queue::take(&state.db, &doc, state.clock.now()).await? {
            continue; // another server has it
        }
        let result = match (
            DocumentKind::parse(&doc.kind),
            data::data(state, &doc).await,
        ) {
            (Some(kind), Ok(data)) => {
                let renderer = Arc::clone(renderer);
                tokio::task::spawn_blocking(move || renderer.render(kind, &data))
                    .await
                    .unwrap_or_else(|e| Err(format!("renderer stopped: {e}")))
            }
            (None, _) => Err(format!("unknown kind {}", doc.kind)),
            (_, Err(e)) => Err(format!("data: {e}")),
        };
        let stored = match result {
            Ok(pdf) => queue::mark_rendered(&state.db, doc.id, pdf, state.clock.now()).await,
            Err(e) => {
                tracing::error!(document = %doc.id, attempts = doc.attempts + 1, error = %e, "document not rendered, will retry");
                queue::mark_failed(&state.db, &doc, &e, state.clock.now()).await
            }
        };
        match stored {
            Ok(()) => {}
            // Gone meanwhile (its candidature deleted): nothing to keep.
            Err(sea_orm::DbErr::RecordNotUpdated) => {}
            Err(e) => return Err(e),
        }
        state.documents_rendered.notify_waiters();
    }
    Ok(tried)
}

/// Runs until the process stops.
pub async fn run(state: AppState, renderer: Arc<dyn Render>) {
    loop {
        // Woken during a round, the next round starts at once.
        let woken = state.documents_waiting.notified();
        match render_due(&state, &renderer).await {
            // A full batch: more may be waiting.
            Ok(n) if n as u64 == BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "document queue unreadable"),
        }
        tokio::select! {
            () = woken => {}
            () = tokio::time::sleep(POLL) => {}
        }
    }
}
