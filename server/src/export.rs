//! The back-office's CSV files, streamed batch by batch (a selection of 100,000 rows never
//! sits in memory): `GET /gestion/candidats.csv?…`, "Exporter (CSV)" of "Candidats" with the
//! search of the page's address, for the staff member's académies only and written to the
//! journal; `GET /gestion/journal.csv?…`, the journal's selection, for administrators.

use app::error::AppError;
use app::model::journal::JournalQuery;
use app::model::staff::CandidateQuery;
use app::server::AppState;
use app::server::identity::{self, Need};
use app::server::services::dossiers::export::{self, Cursor};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

/// The route's handler.
pub async fn candidates_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let who = match identity::staff_of_headers(&state, &headers, Need::AnyStaff).await {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => return Redirect::to("/gestion").into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN);
            return (status, e.message_fr()).into_response();
        }
    };
    let query = CandidateQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let address = Some(
        app::server::request::client_of(peer.ip(), &headers, &state.accounts.trusted_proxies)
            .to_string(),
    );
    if let Err(e) = export::record(&state, &who.journal_name(), address.as_deref(), &query).await {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (status, e.message_fr()).into_response();
    }
    let name = export::file_name(&state);
    // The header, then a batch at a time after the last row sent, until a short batch.
    enum Next {
        Header,
        After(Option<Cursor>),
        Done,
    }
    let stream = futures_util::stream::unfold(Next::Header, move |next| {
        let (state, scope, query) = (state.clone(), who.scope.clone(), query.clone());
        async move {
            match next {
                Next::Header => Some((
                    Ok::<Bytes, std::io::Error>(Bytes::from_static(export::HEADER.as_bytes())),
                    Next::After(None),
                )),
                Next::After(after) => {
                    match export::batch(&state, &scope, &query, after.as_ref()).await {
                        Ok((lines, Some(cursor))) => {
                            Some((Ok(Bytes::from(lines)), Next::After(Some(cursor))))
                        }
                        Ok((lines, None)) => Some((Ok(Bytes::from(lines)), Next::Done)),
                        // Cut short: the file ends without its last lines, and the log says why.
                        Err(e) => {
                            tracing::error!(error = %e, "candidates export cut short");
                            Some((Err(std::io::Error::other("export failed")), Next::Done))
                        }
                    }
                }
                Next::Done => None,
            }
        }
    });
    csv_response(&name, Body::from_stream(stream))
}

/// `GET /gestion/journal.csv?…`: the rows of the Journal page's filters, oldest first.
pub async fn journal_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    use app::server::services::staff::audit;
    match identity::staff_of_headers(&state, &headers, Need::Administrateur).await {
        Ok(_) => {}
        Err(AppError::Unauthenticated) => return Redirect::to("/gestion").into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN);
            return (status, e.message_fr()).into_response();
        }
    }
    let query = JournalQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    // A date that does not read is said before the file starts.
    if let Err(e) = audit::check_dates(&state, &query) {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
        return (status, e.message_fr()).into_response();
    }
    // The header, then the rows after the last one sent, until a short batch.
    let stream = futures_util::stream::unfold(Some(None), move |next: Option<Option<i64>>| {
        let (state, query) = (state.clone(), query.clone());
        async move {
            let Some(after) = next? else {
                return Some((
                    Ok::<Bytes, std::io::Error>(Bytes::from_static(audit::CSV_HEADER.as_bytes())),
                    Some(Some(0)),
                ));
            };
            match audit::csv_batch(&state, &query, after).await {
                Ok((lines, Some(last))) => Some((Ok(Bytes::from(lines)), Some(Some(last)))),
                Ok((lines, None)) => Some((Ok(Bytes::from(lines)), None)),
                Err(e) => {
                    tracing::error!(error = %e, "journal export cut short");
                    Some((Err(std::io::Error::other("export failed")), None))
                }
            }
        }
    });
    csv_response("journal.csv", Body::from_stream(stream))
}

/// A CSV file's answer: its type, an attachment's name, never cached.
fn csv_response(name: &str, body: Body) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).unwrap_or(
        HeaderValue::from_static("attachment; filename=\"export.csv\""),
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        body,
    )
        .into_response()
}
