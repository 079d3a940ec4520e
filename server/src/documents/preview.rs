//! `GET /gestion/offres/<id>/convocations/apercu`: the convocation the offer's first
//! registered candidate would get now, rendered on the spot and saved nowhere ("Aperçu
//! d'une convocation"), for staff of the offer's académie. A schedule missing is said in
//! French, as the preparation would say it.

use super::{Render, Typst};
use app::error::AppError;
use app::model::documents::DocumentKind;
use app::server::AppState;
use app::server::identity::{self, Need};
use app::server::services::convocations::prepare;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

fn refusal(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match e.field_errors() {
        [] => e.message_fr(),
        fields => fields
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join("\n"),
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// The route's handler.
pub async fn convocation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i32>() else {
        return refusal(&AppError::NotFound);
    };
    let who = match identity::staff_of_headers(&state, &headers, Need::AnyStaff).await {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => return Redirect::to("/gestion").into_response(),
        Err(e) => return refusal(&e),
    };
    let data = match prepare::preview(&state, &who, id).await {
        Ok(data) => data,
        Err(e) => return refusal(&e),
    };
    let pdf = tokio::task::spawn_blocking(move || {
        Typst::default().render(DocumentKind::Convocation, &data)
    })
    .await
    .unwrap_or_else(|e| Err(format!("renderer stopped: {e}")));
    match pdf {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/pdf"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("inline; filename=\"apercu-convocation.pdf\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "convocation preview failed");
            refusal(&AppError::Internal)
        }
    }
}
