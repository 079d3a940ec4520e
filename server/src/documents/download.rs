//! `GET /documents/<id>`: the PDF of a document, to its owner only (D2). Opened in the
//! browser, or downloaded with `?telecharger=1`; the file name is plain ASCII built by the
//! portal, the type is `application/pdf`, and no shared cache keeps it.
//!
//! A document is rendered just after the save that publishes it: asked for in that
//! instant, the answer waits a few seconds for the PDF rather than failing.

use app::domain::ReturnPath;
use app::error::AppError;
use app::server::AppState;
use app::server::identity;
use app::server::ids::DocumentId;
use app::server::services::documents::listing::{self, Fetched};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::time::Duration;
use tower_sessions::Session;

/// How long a request waits for a PDF being rendered.
const WAIT: Duration = Duration::from_secs(10);
/// How often a waiting request looks at the document again.
const RECHECK: Duration = Duration::from_secs(1);

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Present: "save as" rather than open.
    telecharger: Option<String>,
}

fn refusal(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_owned(),
    )
        .into_response()
}

fn error(e: &AppError) -> Response {
    match e {
        AppError::Unauthenticated => Redirect::to("/connexion").into_response(),
        _ => refusal(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &e.message_fr(),
        ),
    }
}

/// The route's handler.
pub async fn pdf(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(options): Query<Options>,
    OriginalUri(uri): OriginalUri,
) -> Response {
    let Ok(id) = uuid::Uuid::parse_str(&id).map(DocumentId::new) else {
        return error(&AppError::NotFound);
    };
    let who = match identity::candidate_of_session(&state, &session).await {
        Ok(who) => who,
        // Signed out: "Se connecter", then back to this PDF, opened (a download started from
        // the sign-in page would leave the candidate on its form).
        Err(AppError::Unauthenticated) => {
            let back = ReturnPath::sign_in_from(uri.path(), "");
            return Redirect::to(&back).into_response();
        }
        Err(e) => return error(&e),
    };
    answer(&state, options.telecharger.is_some(), || {
        listing::pdf(&state, &who, id)
    })
    .await
}

/// `GET /gestion/documents/<id>`: any document of a candidature of the staff member's
/// académies (another académie's is "not found", as if it did not exist); without a staff
/// session, the Espace gestionnaire's sign-in.
pub async fn staff_pdf(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
    Query(options): Query<Options>,
) -> Response {
    let Ok(id) = uuid::Uuid::parse_str(&id).map(DocumentId::new) else {
        return error(&AppError::NotFound);
    };
    let who = match identity::staff_of_headers(&state, &headers, identity::Need::AnyStaff).await {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => return Redirect::to("/gestion").into_response(),
        Err(e) => return error(&e),
    };
    answer(&state, options.telecharger.is_some(), || {
        listing::pdf_checked(&state, id, |c| {
            app::server::services::scope::in_scope(&state, &who.scope, c)
        })
    })
    .await
}

/// The PDF `fetch` finds, waiting a few seconds for one being rendered.
async fn answer<F, Fut>(state: &AppState, download: bool, fetch: F) -> Response
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<Fetched, AppError>>,
{
    let deadline = tokio::time::Instant::now() + WAIT;
    // The renderer is woken once; later looks only read the row.
    let mut asked = false;
    loop {
        // Registered before looking, so a rendering that ends in between is not missed.
        let rendered = state.documents_rendered.notified();
        tokio::pin!(rendered);
        rendered.as_mut().enable();
        match fetch().await {
            Err(e) => return error(&e),
            Ok(Fetched::Ready(pdf)) => {
                let disposition = if download { "attachment" } else { "inline" };
                let disposition = HeaderValue::from_str(&format!(
                    "{disposition}; filename=\"{}\"",
                    pdf.file_name
                ))
                .unwrap_or(HeaderValue::from_static(
                    "attachment; filename=\"document.pdf\"",
                ));
                return (
                    [
                        (
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("application/pdf"),
                        ),
                        (header::CONTENT_DISPOSITION, disposition),
                        (
                            header::CACHE_CONTROL,
                            HeaderValue::from_static("private, no-store"),
                        ),
                    ],
                    pdf.bytes,
                )
                    .into_response();
            }
            Ok(Fetched::Pending) => {
                if !asked {
                    state.jobs.wake(app::server::jobs::JobKind::Render);
                    asked = true;
                }
                let now = tokio::time::Instant::now();
                if now >= deadline {
                    let mut response = refusal(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "Le document est en cours de préparation. Réessayez dans quelques instants.",
                    );
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
                    return response;
                }
                // Woken by this server's renderer, or looks again after a moment: another
                // server on the same database may be the one rendering it.
                let _ = tokio::time::timeout_at(deadline.min(now + RECHECK), rendered).await;
            }
        }
    }
}
