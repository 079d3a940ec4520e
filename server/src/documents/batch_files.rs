//! The printable PDF and the ZIP of a convocation batch (job `convocation_files`, queued
//! with the batch): it waits until every PDF of the batch is rendered, then writes, in a
//! temporary folder, the ZIP of the individual PDFs (read a chunk at a time) and one PDF
//! holding them all in turn (Typst embeds each page as it is; that one compilation holds
//! every PDF of the batch in memory: 2.4 GB at its peak for 10,000, BENCHMARKS.md), and
//! stores both in the file store.
//! `GET /gestion/convocations/lots/<batch>/impression.pdf` and `…/convocations.zip` hand
//! them to staff of the offer's académie, streamed from the store.

use super::render::{self, Printed};
use app::error::AppError;
use app::server::AppState;
use app::server::identity::{self, Need};
use app::server::jobs::{Job, JobKind, Outcome};
use app::server::services::convocations::files::{self, Entry, Files};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::TryStreamExt;
use std::io::Write;

/// How long the job waits before looking again while PDFs of the batch are being rendered.
const LOOK_AGAIN: chrono::Duration = chrono::Duration::seconds(5);
/// PDFs read from the database at once.
const CHUNK: usize = 200;

/// The job.
pub struct BatchFiles;

#[async_trait::async_trait]
impl Job for BatchFiles {
    fn kind(&self) -> JobKind {
        JobKind::ConvocationFiles
    }

    async fn run(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        match files::files(&state.db, id).await {
            Err(e) => Outcome::Failed(e.to_string()),
            Ok(Files::Nothing) => Outcome::Done,
            Ok(Files::Rendering(_)) => Outcome::RunAgainAt(state.clock.now() + LOOK_AGAIN),
            Ok(Files::Ready(entries)) => {
                let dir = std::env::temp_dir()
                    .join(format!("cyclades-lot-{id}-{}", uuid::Uuid::new_v4()));
                let made = make(state, id, entries, &dir).await;
                let _ = tokio::fs::remove_dir_all(&dir).await;
                match made {
                    Ok(()) => Outcome::Done,
                    Err(e) => Outcome::Failed(e),
                }
            }
        }
    }
}

fn io(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Writes and stores the batch's two files.
async fn make(
    state: &AppState,
    id: uuid::Uuid,
    entries: Vec<Entry>,
    dir: &std::path::Path,
) -> Result<(), String> {
    tokio::fs::create_dir_all(dir).await.map_err(io)?;
    let zip_path = dir.join("convocations.zip");
    let print_path = dir.join("impression.pdf");
    let file = std::fs::File::create(&zip_path).map_err(io)?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let mut printed: Vec<Printed> = Vec::with_capacity(entries.len());
    for chunk in entries.chunks(CHUNK) {
        let ids: Vec<uuid::Uuid> = chunk.iter().map(|e| e.document).collect();
        let mut pdfs = files::pdfs(&state.db, &ids).await.map_err(io)?;
        let mut named = Vec::with_capacity(chunk.len());
        for e in chunk {
            let pdf = pdfs
                .remove(&e.document)
                .ok_or_else(|| format!("document {} has no PDF", e.document))?;
            named.push((e.file_name.clone(), pdf));
        }
        // PDFs are compressed already: stored as they are.
        let (back, named) = tokio::task::spawn_blocking(move || {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(false);
            for (name, pdf) in &named {
                zip.start_file(name.as_str(), options).map_err(io)?;
                zip.write_all(pdf).map_err(io)?;
            }
            Ok::<_, String>((zip, named))
        })
        .await
        .map_err(io)??;
        zip = back;
        printed.extend(named.into_iter().map(|(name, pdf)| Printed {
            name: name.trim_end_matches(".pdf").to_owned(),
            pdf,
        }));
    }
    tokio::task::spawn_blocking(move || {
        let mut out = zip.finish().map_err(io)?;
        out.flush().map_err(io)
    })
    .await
    .map_err(io)??;
    let print = tokio::task::spawn_blocking(move || render::print(printed))
        .await
        .map_err(io)??;
    tokio::fs::write(&print_path, print).await.map_err(io)?;
    state
        .files
        .put_large(&files::print_key(id), &print_path)
        .await
        .map_err(io)?;
    state
        .files
        .put_large(&files::zip_key(id), &zip_path)
        .await
        .map_err(io)?;
    files::mark_made(&state.db, id, state.clock.now())
        .await
        .map_err(io)
}

fn refusal(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        e.message_fr(),
    )
        .into_response()
}

/// The route's handler: `impression.pdf` or `convocations.zip` of a batch.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Ok(id) = uuid::Uuid::parse_str(&id) else {
        return refusal(&AppError::NotFound);
    };
    let (key, content_type, name) = match file.as_str() {
        "impression.pdf" => (
            files::print_key(id),
            "application/pdf",
            "convocations-impression.pdf",
        ),
        "convocations.zip" => (files::zip_key(id), "application/zip", "convocations.zip"),
        _ => return refusal(&AppError::NotFound),
    };
    let who = match identity::staff_of_headers(&state, &headers, Need::AnyStaff).await {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => return Redirect::to("/gestion").into_response(),
        Err(e) => return refusal(&e),
    };
    if let Err(e) = files::made_in_scope(&state, &who.scope, id).await {
        return refusal(&e);
    }
    let found = match state.files.open(&key).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %e, %key, "batch file missing from the store");
            return refusal(&AppError::NotFound);
        }
    };
    let size = found.meta.size;
    let stream = found.into_stream().map_err(std::io::Error::other);
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .unwrap_or(HeaderValue::from_static("attachment")),
            ),
            (header::CONTENT_LENGTH, HeaderValue::from(size)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
