//! "Ajouter" and the delete button of a file (J3): a file received whole in a temporary
//! file (the route streams it there, counting and hashing) is checked (format, archives,
//! encrypted PDF), kept in the storage under a generated key of its candidature, and
//! recorded with its scan queued, in one transaction; until scanned nobody opens it. A
//! deposit on a Non conforme piece starts its check again. Deleting marks the row (the
//! history keeps it) and removes the stored file.

use super::asked::{self, Actor, event};
use super::file_check::{self, Format};
use crate::error::AppError;
use crate::model::FieldError;
use crate::server::entities::piece_file;
use crate::server::identity::Candidate;
use crate::server::ids::CandidatureId;
use crate::server::jobs::{JobKind, queue};
use crate::server::state::AppState;
use crate::server::storage;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
};

/// The field of the deposit form whose refusals are shown beside it.
pub const FILE_FIELD: &str = "fichier";

/// Files kept at once for one piece.
pub const FILES_PER_PIECE: u64 = 10;

/// Files kept at once for one candidature, and their total size (the quota).
pub const FILES_PER_CANDIDATURE: u64 = 40;
pub const BYTES_PER_CANDIDATURE: i64 = 100 * 1024 * 1024;

/// How long the check of one file may take (a crafted archive must not hold a thread).
const CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// An upload received whole in a temporary file.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: std::path::PathBuf,
    /// The name the browser gave (any folder it carried is dropped).
    pub name: String,
    pub size: u64,
    /// SHA-256 of the bytes, in hexadecimal.
    pub sha256: String,
}

/// A refusal of the file, shown beside the file field.
fn refused(message: String) -> AppError {
    AppError::InvalidFields(vec![FieldError {
        field: FILE_FIELD.into(),
        message,
    }])
}

/// The name a file is known by: its last path segment, without control characters, at most
/// 255 bytes (cut on a character boundary, its extension kept).
pub fn display_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return None;
    }
    if clean.len() <= 255 {
        return Some(clean.to_owned());
    }
    let (stem, extension) = clean.rsplit_once('.').unwrap_or((clean, ""));
    let extension = &extension[..boundary(extension, 16)];
    let stem = &stem[..boundary(stem, 255 - extension.len() - 1)];
    Some(format!("{stem}.{extension}"))
}

/// The largest character boundary of `text` at or below `at` bytes.
fn boundary(text: &str, at: usize) -> usize {
    let mut cut = at.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// Adds the file `file` to piece `piece` of the candidate's candidature `id`; returns the
/// new file's id.
pub async fn deposit(
    state: &AppState,
    who: &Candidate,
    id: CandidatureId,
    piece: i32,
    file: &Received,
) -> Result<uuid::Uuid, AppError> {
    let now = state.clock.now();
    let c = asked::own_candidature(&state.db, who.id, id).await?;
    let asked = asked::piece_of(&state.db, c, piece).await?;
    asked.may_change(now)?;
    let name = display_name(&file.name)
        .ok_or_else(|| refused("Choisissez un fichier à ajouter.".into()))?;
    if file.size > file_check::MAX_BYTES {
        return Err(AppError::FileTooLarge);
    }
    within_quota(&state.db, &asked, file.size).await?;
    let format = check(&name, &file.path).await?;
    let file_id = uuid::Uuid::new_v4();
    let key = storage::key(asked.candidature.id, file_id);
    state.files.put_file(&key, &file.path).await.map_err(|e| {
        tracing::error!(error = %e, "a deposited file could not be stored");
        AppError::Internal
    })?;
    let recorded = record(state, &asked, file_id, &key, &name, format, file, now).await;
    if let Err(e) = recorded {
        // Nothing refers to it: it goes.
        if let Err(gone) = state.files.delete(&key).await {
            tracing::error!(error = %gone, key, "an unrecorded file could not be removed");
        }
        return Err(e);
    }
    state.jobs.wake(JobKind::Scan);
    Ok(file_id)
}

/// Refuses a file beyond the quota of its piece or candidature.
async fn within_quota(
    db: &impl sea_orm::ConnectionTrait,
    asked: &asked::Asked,
    size: u64,
) -> Result<(), AppError> {
    let live = || {
        piece_file::Entity::find()
            .filter(piece_file::Column::CandidatureId.eq(asked.candidature.id))
            .filter(piece_file::Column::DeletedAt.is_null())
    };
    let of_piece = live()
        .filter(piece_file::Column::PieceId.eq(asked.piece.id))
        .count(db)
        .await?;
    if of_piece >= FILES_PER_PIECE {
        return Err(refused(format!(
            "Cette pièce a déjà {FILES_PER_PIECE} fichiers : supprimez-en un avant d'en ajouter un autre."
        )));
    }
    // At most FILES_PER_CANDIDATURE rows.
    let sizes: Vec<i64> = live()
        .select_only()
        .column(piece_file::Column::Size)
        .into_tuple()
        .all(db)
        .await?;
    let (count, bytes) = (sizes.len() as u64, sizes.iter().sum::<i64>());
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    if count >= FILES_PER_CANDIDATURE || bytes.saturating_add(size) > BYTES_PER_CANDIDATURE {
        return Err(refused(
            "Vous avez atteint le nombre ou la taille maximale de fichiers pour cette candidature : supprimez un fichier dont le service n'a plus besoin, ou contactez-le.".into(),
        ));
    }
    Ok(())
}

/// Checks running at once (each holds a thread of the blocking pool until it ends, even
/// past its time limit): the others wait their turn.
static CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// The file's format, or its refusal, checked on the blocking pool within a time limit.
async fn check(name: &str, path: &std::path::Path) -> Result<Format, AppError> {
    let _turn = CHECKS.acquire().await.map_err(|_| AppError::Internal)?;
    let (name_owned, path) = (name.to_owned(), path.to_owned());
    let checked = tokio::time::timeout(
        CHECK_TIMEOUT,
        tokio::task::spawn_blocking(move || {
            let mut opened = std::fs::File::open(&path)?;
            Ok::<_, std::io::Error>(file_check::check(&name_owned, &mut opened))
        }),
    )
    .await;
    match checked {
        Ok(Ok(Ok(Ok(format)))) => Ok(format),
        Ok(Ok(Ok(Err(refusal)))) => Err(refused(refusal.message_fr(name))),
        Ok(Ok(Err(e))) => {
            tracing::error!(error = %e, "a received file could not be read");
            Err(AppError::Internal)
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "the check of a file stopped");
            Err(AppError::Internal)
        }
        Err(_) => Err(refused(
            file_check::Refusal::ArchiveUnreadable.message_fr(name),
        )),
    }
}

/// Records the stored file, its event and its scan; a deposit on a Non conforme piece
/// clears its confirmation and status (to be checked again).
#[expect(clippy::too_many_arguments, reason = "one row's fields, written once")]
async fn record(
    state: &AppState,
    asked: &asked::Asked,
    file_id: uuid::Uuid,
    key: &str,
    name: &str,
    format: Format,
    file: &Received,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let c = asked.candidature.id;
    asked::lock(&txn, c).await?;
    // Read again under the lock: unregistered, confirmed or checked meanwhile, or its quota
    // reached by another deposit, it is refused.
    let candidature = asked::own_candidature(
        &txn,
        crate::server::ids::AccountId::new(asked.candidature.account_id),
        CandidatureId::new(c),
    )
    .await?;
    let fresh = asked::piece_of(&txn, candidature, asked.piece.id).await?;
    fresh.may_change(now)?;
    within_quota(&txn, &fresh, file.size).await?;
    piece_file::ActiveModel {
        id: Set(file_id),
        piece_id: Set(asked.piece.id),
        candidature_id: Set(c),
        original_name: Set(name.to_owned()),
        size: Set(i64::try_from(file.size).unwrap_or(i64::MAX)),
        sha256: Set(file.sha256.clone()),
        format: Set(format.extension().to_owned()),
        storage_key: Set(key.to_owned()),
        deposited_at: Set(now),
        deleted_at: Set(None),
        scanned_at: Set(None),
        infection: Set(None),
    }
    .insert(&txn)
    .await?;
    if let Some(review) = fresh.review.clone().filter(|r| !r.status.is_empty()) {
        let mut again = review;
        again.confirmed_at = None;
        again.status = String::new();
        again.updated_at = now;
        asked::save_review(&txn, again, true).await?;
    }
    asked::record(
        &txn,
        asked.piece.id,
        c,
        event::DEPOSIT,
        &Actor::Candidate,
        Some(name.to_owned()),
        now,
    )
    .await?;
    queue::enqueue(&txn, JobKind::Scan, file_id, now, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes file `file` of the candidate's candidature `id` (J3), while its piece may change.
pub async fn delete(
    state: &AppState,
    who: &Candidate,
    id: CandidatureId,
    file: uuid::Uuid,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let c = asked::own_candidature(&state.db, who.id, id).await?;
    let row = piece_file::Entity::find_by_id(file)
        .filter(piece_file::Column::CandidatureId.eq(c.id))
        .filter(piece_file::Column::DeletedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    asked::lock(&txn, c.id).await?;
    let asked = asked::piece_of(&txn, c, row.piece_id).await?;
    asked.may_change(now)?;
    let marked = piece_file::Entity::update_many()
        .col_expr(piece_file::Column::DeletedAt, Expr::value(now))
        .filter(piece_file::Column::Id.eq(row.id))
        .filter(piece_file::Column::DeletedAt.is_null())
        .exec(&txn)
        .await?;
    if marked.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    asked::record(
        &txn,
        row.piece_id,
        row.candidature_id,
        event::DELETION,
        &Actor::Candidate,
        Some(row.original_name.clone()),
        now,
    )
    .await?;
    txn.commit().await?;
    if let Err(e) = state.files.delete(&row.storage_key).await {
        tracing::error!(error = %e, key = row.storage_key, "a deleted file stays in the storage");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::display_name;

    #[test]
    fn a_name_keeps_its_last_segment_and_extension() {
        assert_eq!(
            display_name("C:\\Users\\moi\\diplôme.pdf").as_deref(),
            Some("diplôme.pdf")
        );
        assert_eq!(display_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(display_name("a\u{0}b\r\n.pdf").as_deref(), Some("ab.pdf"));
        assert_eq!(display_name("  "), None);
        let long = format!("{}.pdf", "é".repeat(200));
        let cut = display_name(&long).unwrap();
        assert!(cut.len() <= 255 && cut.ends_with(".pdf"), "{cut}");
        // A long extension of accented letters is cut on a character, never inside one.
        let accented = format!("{}.{}", "a".repeat(300), "é".repeat(20));
        let cut = display_name(&accented).unwrap();
        assert!(cut.len() <= 255 && cut.ends_with(&"é".repeat(8)), "{cut}");
    }
}
