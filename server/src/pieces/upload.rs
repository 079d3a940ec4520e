//! `POST /mes-justificatifs/<candidature>/<piece>/depot` (J3; checklist line 25): the file of
//! the form's `fichier` field is streamed to a temporary file while it is counted and
//! hashed; past 5 MB nothing more is kept and the answer is 413 with the French sentence
//! (the rest of the body is read and dropped, up to a bound, so that the browser gets the
//! answer rather than a reset connection). The candidate's page asks with
//! `Accept: application/json` (its progress bar) and gets JSON; a form posted without the
//! client code gets 303 back to "Mes justificatifs", or the page again with the message
//! beside the file field. The cross-site refusal and the session are those of the pages.

use crate::no_script::{Context, page_with, see_other};
use app::error::AppError;
use app::model::Posted;
use app::server::identity;
use app::server::ids::CandidatureId;
use app::server::services::pieces::deposit;
use app::server::services::pieces::receiving::Receiving;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tower_sessions::Session;

/// The most a deposit's body may carry: past it the connection is closed (a file over
/// 5 MB below this bound is read to its end and answered with the French sentence).
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The route's handler.
pub async fn deposit(
    State(context): State<Arc<Context>>,
    Path((candidature, piece)): Path<(String, String)>,
    session: Session,
    request: Request,
) -> Response {
    let json = wants_json(&request);
    let (parts, body) = request.into_parts();
    let ids = uuid::Uuid::parse_str(&candidature)
        .ok()
        .zip(piece.parse::<i32>().ok());
    let answer = match ids {
        None => Err(AppError::NotFound),
        Some((candidature, piece)) => {
            receive_and_deposit(
                &context,
                &session,
                CandidatureId::new(candidature),
                piece,
                Request::from_parts(parts.clone(), body),
            )
            .await
        }
    };
    match (answer, json) {
        (Ok(file), true) => axum::Json(serde_json::json!({ "file": file })).into_response(),
        (Ok(_), false) => see_other(&format!(
            "/mes-justificatifs?depose={}#piece-{}",
            ids.map_or(0, |(_, p)| p),
            ids.map_or(0, |(_, p)| p)
        )),
        (Err(e), true) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            (status, axum::Json(e)).into_response()
        }
        (Err(AppError::Unauthenticated), false) => see_other(
            &app::domain::ReturnPath::sign_in_from("/mes-justificatifs", ""),
        ),
        (Err(e), false) => {
            let mut posted = Posted::new(
                app::model::posted::form::PIECE_DEPOSIT,
                &[
                    ("candidature".to_owned(), candidature.clone()),
                    ("piece".to_owned(), piece.clone()),
                ],
            );
            posted.error = Some(e);
            page_with(posted, parts, "/mes-justificatifs", "", &context).await
        }
    }
}

fn wants_json(request: &Request) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Reads the multipart body, then hands the file to the deposit service.
async fn receive_and_deposit(
    context: &Context,
    session: &Session,
    candidature: CandidatureId,
    piece: i32,
    request: Request,
) -> Result<uuid::Uuid, AppError> {
    let state = &context.state;
    let who = identity::candidate_of_session(state, session).await?;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(AppError::FileTooLarge);
    }
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| AppError::InvalidInput)?;
    let mut received = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The body ended early or passed its bound.
            Err(_)
                if received
                    .as_ref()
                    .is_some_and(|(r, _): &(Receiving, String)| r.too_large()) =>
            {
                break;
            }
            Err(e) => {
                tracing::warn!(error = %e, "a deposit's body could not be read");
                return Err(AppError::InvalidInput);
            }
        };
        if field.name() != Some(deposit::FILE_FIELD) || received.is_some() {
            // Any other field: read and dropped.
            let mut field = field;
            while let Ok(Some(_)) = field.chunk().await {}
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut file = Receiving::create(&state.uploads_dir).await.map_err(|e| {
            tracing::error!(error = %e, "no temporary file for a deposit");
            AppError::Internal
        })?;
        let mut field = field;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => file.write(&chunk).await.map_err(|e| {
                    tracing::error!(error = %e, "a deposit could not be written");
                    AppError::Internal
                })?,
                Ok(None) => break,
                Err(_) if file.too_large() => break,
                Err(e) => {
                    tracing::warn!(error = %e, "a deposit's file could not be read");
                    return Err(AppError::InvalidInput);
                }
            }
        }
        received = Some((file, name));
    }
    let Some((file, name)) = received else {
        return Err(AppError::InvalidFields(vec![app::model::FieldError {
            field: deposit::FILE_FIELD.into(),
            message: "Choisissez un fichier à ajouter.".into(),
        }]));
    };
    if file.too_large() {
        return Err(AppError::FileTooLarge);
    }
    let (received, _temporary) = file.finish(&name).await.map_err(|e| {
        tracing::error!(error = %e, "a deposit could not be finished");
        AppError::Internal
    })?;
    deposit::deposit(state, &who, candidature, piece, &received).await
}
