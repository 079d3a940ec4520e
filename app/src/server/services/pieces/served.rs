//! A deposited file as it is served (security checklist line 28): to the candidate of its
//! candidature and to staff of its académie only (anyone else: not found, as if it did not
//! exist); never before the antivirus has scanned it, never when found infected; under a
//! name of plain ASCII built here and the type of the format the check found.

use super::file_check::Format;
use crate::domain::Scope;
use crate::error::AppError;
use crate::server::entities::piece_file;
use crate::server::identity::Candidate;
use crate::server::ids::CandidatureId;
use crate::server::state::AppState;
use crate::server::storage::StorageError;
use sea_orm::EntityTrait;

/// A file ready to be sent.
#[derive(Debug)]
pub struct Served {
    /// Plain ASCII, safe in `Content-Disposition`.
    pub name: String,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// `name` as plain ASCII (letters, digits, `-`, `_`), with the extension of `format`:
/// "diplôme (1).PDF" → "diplome_1.pdf".
pub fn ascii_name(name: &str, format: Format) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let mut out = String::new();
    for c in crate::domain::text::upper_unaccented(stem)
        .to_lowercase()
        .chars()
    {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
        if out.len() >= 80 {
            break;
        }
    }
    let stem = out.trim_matches('_');
    let stem = if stem.is_empty() { "piece" } else { stem };
    format!("{stem}.{}", format.extension())
}

/// File `id` for the candidate of its candidature.
pub async fn for_candidate(
    state: &AppState,
    who: &Candidate,
    id: uuid::Uuid,
) -> Result<Served, AppError> {
    let row = live(state, id).await?;
    super::asked::own_candidature(&state.db, who.id, CandidatureId::new(row.candidature_id))
        .await?;
    read(state, row).await
}

/// File `id` for a staff member whose académies cover its candidature.
pub async fn for_staff(
    state: &AppState,
    scope: &Scope,
    id: uuid::Uuid,
) -> Result<Served, AppError> {
    let row = live(state, id).await?;
    crate::server::services::scope::in_scope(state, scope, CandidatureId::new(row.candidature_id))
        .await?;
    read(state, row).await
}

async fn live(state: &AppState, id: uuid::Uuid) -> Result<piece_file::Model, AppError> {
    piece_file::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|f| f.deleted_at.is_none())
        .ok_or(AppError::NotFound)
}

async fn read(state: &AppState, row: piece_file::Model) -> Result<Served, AppError> {
    if row.infection.is_some() {
        return Err(AppError::FileInfected);
    }
    if row.scanned_at.is_none() {
        return Err(AppError::FileNotReady);
    }
    let format = Format::of_extension(&row.format).ok_or(AppError::Internal)?;
    let bytes = match state.files.get(&row.storage_key).await {
        Ok(bytes) => bytes,
        Err(StorageError::Missing) => return Err(AppError::NotFound),
        Err(e) => {
            tracing::error!(error = %e, "a stored file could not be read");
            return Err(AppError::Internal);
        }
    };
    Ok(Served {
        name: ascii_name(&row.original_name, format),
        format,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_served_name_is_plain_ascii_with_the_checked_extension() {
        assert_eq!(ascii_name("diplôme (1).PDF", Format::Pdf), "diplome_1.pdf");
        assert_eq!(
            ascii_name("\";\r\nX-Evil: 1.png", Format::Png),
            "x-evil_1.png"
        );
        assert_eq!(ascii_name("雪.jpg", Format::Jpeg), "piece.jpg");
        assert_eq!(ascii_name("scan.pdf.exe", Format::Pdf), "scan_pdf.pdf");
    }
}
