//! `GET /mes-justificatifs/fichiers/<id>` and `GET /gestion/justificatifs/fichiers/<id>`
//! (checklist line 28): a deposited file to the candidate of its candidature, or to staff of
//! its académie (anyone else: 404, as if it did not exist), once the antivirus has passed
//! it. Always `attachment` with a plain ASCII name, except staff's preview of a PDF or an
//! image (`?apercu=1`), shown inside the piece's page: `inline`, sandboxed, framed by the
//! portal's own pages only. The real type, `nosniff` and `no-store` on every answer.

use app::error::AppError;
use app::server::AppState;
use app::server::identity;
use app::server::services::pieces::file_check::Format;
use app::server::services::pieces::served::{self, Served};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Present: shown inside the piece's page (staff, PDF and images only).
    apercu: Option<String>,
}

fn refusal(e: &AppError) -> Response {
    (
        StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        e.message_fr(),
    )
        .into_response()
}

/// The candidate's download.
pub async fn candidate_file(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    OriginalUri(uri): OriginalUri,
) -> Response {
    let Ok(id) = uuid::Uuid::parse_str(&id) else {
        return refusal(&AppError::NotFound);
    };
    let who = match identity::candidate_of_session(&state, &session).await {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => {
            return Redirect::to(&app::domain::ReturnPath::sign_in_from(uri.path(), ""))
                .into_response();
        }
        Err(e) => return refusal(&e),
    };
    match served::for_candidate(&state, &who, id).await {
        Ok(file) => send(file, false),
        Err(e) => refusal(&e),
    }
}

/// Staff's download (and preview).
pub async fn staff_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(options): Query<Options>,
) -> Response {
    let Ok(id) = uuid::Uuid::parse_str(&id) else {
        return refusal(&AppError::NotFound);
    };
    let who = match identity::staff_of_headers(&state, &headers, identity::Need::AnyStaff).await {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => return Redirect::to("/gestion").into_response(),
        Err(e) => return refusal(&e),
    };
    match served::for_staff(&state, &who.scope, id).await {
        Ok(file) => {
            let preview = options.apercu.is_some() && file.format.viewable();
            send(file, preview)
        }
        Err(e) => refusal(&e),
    }
}

fn send(file: Served, preview: bool) -> Response {
    let disposition = format!(
        "{}; filename=\"{}\"",
        if preview { "inline" } else { "attachment" },
        file.name
    );
    let format = file.format;
    let mut response =
        ([(header::CONTENT_TYPE, format.content_type())], file.bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Whatever a file holds, it runs nothing in the portal's name. (Chromium will not show a
    // PDF in a sandboxed frame: a PDF's preview is framed by the portal's pages only.)
    let policy = match (preview, format) {
        (true, Format::Pdf) => "frame-ancestors 'self'",
        (true, _) => "sandbox; default-src 'none'; frame-ancestors 'self'",
        (false, _) => "sandbox; default-src 'none'; frame-ancestors 'none'",
    };
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(policy),
    );
    if preview {
        headers.insert(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("SAMEORIGIN"),
        );
    }
    response
}
