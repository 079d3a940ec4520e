//! The antivirus scan of a deposited file, the job of kind `scan` (issue 14): the stored
//! file is streamed to clamd; clean, it becomes openable; infected, it is never served
//! (its stored bytes are removed, the row keeps the signature so staff see why, and the
//! candidate is told to deposit another file). When clamd does not answer, or none is
//! configured, the file waits unopened and the job is tried again after the back-off
//! (fail closed).

use super::asked::{self, Actor, event};
use crate::server::antivirus::Verdict;
use crate::server::entities::piece_file;
use crate::server::jobs::{Job, JobKind, Outcome};
use crate::server::state::AppState;
use crate::server::storage::StorageError;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Scans deposited files.
pub struct Scanner;

#[async_trait::async_trait]
impl Job for Scanner {
    fn kind(&self) -> JobKind {
        JobKind::Scan
    }

    async fn run(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        match scan(state, id).await {
            Ok(outcome) => outcome,
            Err(e) => Outcome::Failed(e),
        }
    }
}

async fn scan(state: &AppState, id: uuid::Uuid) -> Result<Outcome, String> {
    let Some(clamd) = &state.clamd else {
        return Ok(Outcome::Unavailable("no antivirus configured".into()));
    };
    let Some(file) = piece_file::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(Outcome::Done);
    };
    if file.scanned_at.is_some() || file.deleted_at.is_some() {
        return Ok(Outcome::Done);
    }
    let bytes = match state.files.get(&file.storage_key).await {
        Ok(bytes) => bytes,
        // Deleted meanwhile.
        Err(StorageError::Missing) => return Ok(Outcome::Done),
        Err(e) => return Ok(Outcome::Unavailable(format!("storage: {e}"))),
    };
    let verdict = match clamd.scan(&bytes[..]).await {
        Ok(verdict) => verdict,
        Err(e) => return Ok(Outcome::Unavailable(format!("clamd: {e}"))),
    };
    let now = state.clock.now();
    let infection = match &verdict {
        Verdict::Clean => None,
        Verdict::Infected(signature) => Some(signature.chars().take(200).collect::<String>()),
    };
    let txn = crate::server::sql::write_transaction(&state.db)
        .await
        .map_err(|e| e.to_string())?;
    let marked = piece_file::Entity::update_many()
        .col_expr(piece_file::Column::ScannedAt, Expr::value(now))
        .col_expr(
            piece_file::Column::Infection,
            Expr::value(infection.clone()),
        )
        .filter(piece_file::Column::Id.eq(file.id))
        .filter(piece_file::Column::ScannedAt.is_null())
        .exec(&txn)
        .await
        .map_err(|e| e.to_string())?;
    if marked.rows_affected == 1 {
        let detail = match &infection {
            None => format!("{} : aucun virus détecté", file.original_name),
            Some(signature) => format!("{} : virus détecté ({signature})", file.original_name),
        };
        asked::record(
            &txn,
            file.piece_id,
            file.candidature_id,
            event::SCAN,
            &Actor::Antivirus,
            Some(detail),
            now,
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    if let Some(signature) = infection {
        tracing::warn!(file = %file.id, signature, "infected file deposited; its bytes are removed");
        if let Err(e) = state.files.delete(&file.storage_key).await {
            tracing::error!(error = %e, "an infected file stays in the storage");
        }
    }
    Ok(Outcome::Done)
}
