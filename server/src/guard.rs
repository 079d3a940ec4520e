//! The outermost guard of every request (checklist line 32): a panic in a handler or a
//! render answers a generic French 500 page (a JSON error code for a server function),
//! logged with its cause, and a request that takes longer than the configured time answers
//! a 503: the connection never hangs and nothing internal reaches the browser.

use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

/// What the guard enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub request_timeout: Duration,
}

/// How long a deposit of a pièce justificative may take: 5 MB over a slow phone connection
/// (1 Mbit/s: about 40 s), checked and stored.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(600);

/// The middleware.
pub async fn guard(State(limits): State<Arc<Limits>>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let path = request.uri().path().to_owned();
    let timeout = if crate::pieces::is_upload(&path) {
        UPLOAD_TIMEOUT.max(limits.request_timeout)
    } else {
        limits.request_timeout
    };
    let answer = AssertUnwindSafe(next.run(request)).catch_unwind();
    match tokio::time::timeout(timeout, answer).await {
        Ok(Ok(response)) => response,
        Ok(Err(panic)) => {
            let cause = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            tracing::error!(path = %loggable(&path), cause = %loggable(&cause), "panic while answering");
            error_response(
                api,
                StatusCode::INTERNAL_SERVER_ERROR,
                &AppError::Internal,
                None,
            )
        }
        Err(_) => {
            tracing::error!(path = %loggable(&path), "request timed out");
            let busy = AppError::Busy {
                retry_after_secs: 5,
            };
            error_response(api, StatusCode::SERVICE_UNAVAILABLE, &busy, Some(5))
        }
    }
}

/// A logged value on one line, bounded.
fn loggable(text: &str) -> String {
    text.chars()
        .take(300)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The portal's error answer: JSON for a server function, else a French page.
pub fn error_response(
    api: bool,
    status: StatusCode,
    error: &AppError,
    retry_after: Option<u64>,
) -> Response {
    let mut response = if api {
        let body = serde_json::to_string(error).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            error_page(),
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(secs) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

/// The page shown when the portal cannot answer: no detail, a way back.
fn error_page() -> &'static str {
    "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
     <title>Erreur - Cyclades</title><link rel=\"stylesheet\" href=\"/pkg/cyclades.css\"></head>\
     <body><main id=\"contenu\" class=\"page\"><h1>Une erreur est survenue</h1>\
     <p role=\"alert\">Une erreur est survenue. Rechargez la page ou réessayez dans quelques \
     instants : ce que vous avez déjà enregistré n'est pas perdu.</p>\
     <p><a href=\"/\">Retour à l'accueil</a></p></main></body></html>\n"
}
