//! An académie's offers and periods as CSV (issue 15), for administrators:
//! `GET /gestion/offres.csv`, "Exporter les offres (CSV)", the offers of their académies;
//! `POST /gestion/offres/import`, "Prévisualiser l'import", the file of the form's
//! `fichier` field (multipart, 1 MB at most): kept, then 303 to its preview
//! (`/gestion/offres/import/<id>`), or "Offres et périodes" again with the refusal beside
//! the file field. The cross-site refusal and the session are those of the pages.

use crate::no_script::{Context, page_with, see_other};
use app::error::AppError;
use app::model::Posted;
use app::model::posted::form::STAFF_OFFER_IMPORT_FILE;
use app::server::AppState;
use app::server::identity::{self, Need};
use app::server::services::catalog_edit::import;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

/// The import's route.
pub const IMPORT_ROUTE: &str = "/gestion/offres/import";
/// The most an import's body may carry (the file's bound, 1 MB, and the form around it).
pub const BODY_LIMIT: usize = import::MAX_BYTES + 64 * 1024;

/// `GET /gestion/offres.csv`.
pub async fn export(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let who = match identity::staff_of_headers(&state, &headers, Need::Administrateur).await {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => return Redirect::to("/gestion").into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN);
            return (status, e.message_fr()).into_response();
        }
    };
    match import::export(&state, &who).await {
        Ok(text) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"offres.csv\""),
                ),
            ],
            // The byte-order mark: spreadsheets then read the accents as UTF-8.
            format!("\u{feff}{text}"),
        )
            .into_response(),
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, e.message_fr()).into_response()
        }
    }
}

/// `POST /gestion/offres/import`.
pub async fn receive(State(context): State<Arc<Context>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let received = read_and_keep(&context.state, Request::from_parts(parts.clone(), body)).await;
    match received {
        Ok(id) => see_other(&format!("{IMPORT_ROUTE}/{id}")),
        Err(AppError::Unauthenticated) => see_other("/gestion"),
        Err(e) => {
            let mut posted = Posted::new(STAFF_OFFER_IMPORT_FILE, &[]);
            posted.error = Some(e);
            page_with(posted, parts, "/gestion/offres", "", &context).await
        }
    }
}

/// Reads the file of the multipart body and keeps it for its preview.
async fn read_and_keep(state: &AppState, request: Request) -> Result<uuid::Uuid, AppError> {
    let who = identity::staff_of_headers(state, request.headers(), Need::Administrateur).await?;
    let too_large = || {
        AppError::InvalidFields(vec![app::model::FieldError {
            field: "fichier".into(),
            message: "Le fichier dépasse 1 Mo : importez les offres d'une académie à la fois."
                .into(),
        }])
    };
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| AppError::InvalidInput)?;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err(too_large()),
        };
        if field.name() != Some("fichier") || file.is_some() {
            let mut field = field;
            while let Ok(Some(_)) = field.chunk().await {}
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut field = field;
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > import::MAX_BYTES {
                        return Err(too_large());
                    }
                }
                Ok(None) => break,
                Err(_) => return Err(too_large()),
            }
        }
        file = Some((name, bytes));
    }
    let (name, bytes) = file.unwrap_or_default();
    import::receive(state, &who, &name, &bytes).await
}
