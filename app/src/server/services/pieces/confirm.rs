//! "J'ai fourni toutes mes pièces" (J4): within the group's window, every piece of the group
//! that may still change must have a file the antivirus has passed; each gets
//! its validation date and is locked. Pieces already confirmed or checked stay as they are;
//! a Non conforme piece deposited again is confirmed again.

use super::asked::{self, Actor, event};
use crate::error::AppError;
use crate::model::FieldError;
use crate::server::entities::piece_file;
use crate::server::identity::Candidate;
use crate::server::ids::CandidatureId;
use crate::server::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The field a piece's refusal is shown beside: `piece-<id>`.
pub fn piece_field(piece: i32) -> String {
    format!("piece-{piece}")
}

/// Confirms group `group` of the candidate's candidature `id`; returns how many pieces were
/// confirmed.
pub async fn confirm(
    state: &AppState,
    who: &Candidate,
    id: CandidatureId,
    group: i32,
) -> Result<usize, AppError> {
    let now = state.clock.now();
    let c = asked::own_candidature(&state.db, who.id, id).await?;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    asked::lock(&txn, c.id).await?;
    let (g, pieces) = asked::group_of(&txn, &c, group).await?;
    if !asked::open(&g, now) {
        return Err(AppError::DepositClosed);
    }
    let to_confirm: Vec<_> = pieces
        .into_iter()
        .filter(|p| p.unlocked() && p.review.as_ref().is_none_or(|r| r.confirmed_at.is_none()))
        .collect();
    if to_confirm.is_empty() {
        return Err(AppError::PieceLocked);
    }
    let files = piece_file::Entity::find()
        .filter(piece_file::Column::CandidatureId.eq(c.id))
        .filter(piece_file::Column::DeletedAt.is_null())
        .filter(piece_file::Column::Infection.is_null())
        .all(&txn)
        .await?;
    // Each piece needs a file the antivirus has passed: one still being scanned could be
    // found infected once the piece is locked.
    let missing: Vec<FieldError> = to_confirm
        .iter()
        .filter_map(|p| {
            let mine = files.iter().filter(|f| f.piece_id == p.piece.id);
            let (clean, waiting) = mine.fold((false, false), |(c, w), f| {
                (c || f.scanned_at.is_some(), w || f.scanned_at.is_none())
            });
            let message = match (clean, waiting) {
                (true, _) => return None,
                (false, true) => format!(
                    "Le fichier de « {} » est en cours de vérification par l'antivirus : confirmez dans quelques instants.",
                    p.piece.label
                ),
                (false, false) => format!(
                    "Ajoutez un fichier pour « {} » avant de confirmer.",
                    p.piece.label
                ),
            };
            Some(FieldError {
                field: piece_field(p.piece.id),
                message,
            })
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::InvalidFields(missing));
    }
    let count = to_confirm.len();
    for p in to_confirm {
        let existed = p.review.is_some();
        let mut review = asked::review_or_new(p.review, p.piece.id, c.id, now);
        review.confirmed_at = Some(now);
        review.updated_at = now;
        asked::save_review(&txn, review, existed).await?;
        asked::record(
            &txn,
            p.piece.id,
            c.id,
            event::CONFIRMATION,
            &Actor::Candidate,
            None,
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(count)
}
