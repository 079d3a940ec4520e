//! The renderer (D1), the job of kind `render`: renders a published document on the
//! blocking pool, as soon as a save wakes it. A failure is logged and tried again after a
//! back-off; the candidature it belongs to is saved whatever happens here.

use super::Render;
use app::model::documents::DocumentKind;
use app::server::AppState;
use app::server::jobs::{Job, JobKind, Outcome};
use app::server::services::documents::{data, rendered};
use std::sync::Arc;
use std::time::Duration;

/// How long a rendering waits for a moment without saves in flight before going ahead.
const YIELD_AT_MOST: Duration = Duration::from_millis(500);

/// Renders documents with a renderer (Typst; tests wrap it).
pub struct Renderer(pub Arc<dyn Render>);

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

#[async_trait::async_trait]
impl Job for Renderer {
    fn kind(&self) -> JobKind {
        JobKind::Render
    }

    async fn run(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        let outcome = self.render(state, id).await;
        // Whoever waits for this document looks again (it may exist now).
        state.documents_rendered.notify_waiters();
        outcome
    }
}

impl Renderer {
    async fn render(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        quiet_moment(state).await;
        let doc = match rendered::find(&state.db, id).await {
            Ok(Some(doc)) => doc,
            // Gone (its candidature deleted): nothing to render.
            Ok(None) => return Outcome::Done,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        if doc.rendered_at.is_some() {
            return Outcome::Done;
        }
        let Some(kind) = DocumentKind::parse(&doc.kind) else {
            return Outcome::Failed(format!("unknown kind {}", doc.kind));
        };
        let data = match data::data(state, &doc).await {
            Ok(data) => data,
            Err(e) => return Outcome::Failed(format!("data: {e}")),
        };
        let renderer = Arc::clone(&self.0);
        let pdf = tokio::task::spawn_blocking(move || renderer.render(kind, &data))
            .await
            .unwrap_or_else(|e| Err(format!("renderer stopped: {e}")));
        match pdf {
            Ok(pdf) => {
                match rendered::mark_rendered(&state.db, doc.id, pdf, state.clock.now()).await {
                    // Gone meanwhile: nothing to keep.
                    Ok(()) | Err(sea_orm::DbErr::RecordNotUpdated) => Outcome::Done,
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            Err(e) => Outcome::Failed(e),
        }
    }
}
