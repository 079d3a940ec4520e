//! What every change to a piece starts from: the candidature (the candidate's own, or one of
//! the staff member's académies), the piece asked of it and its group, its review, and the
//! rules of when it may change (J3, J4): files are added or deleted only in an online
//! group's window, and only while the piece is neither confirmed nor checked, unless the
//! service found it Non conforme. Every change is an event of the piece's history.

use crate::error::AppError;
use crate::model::pieces::{PieceMode, PieceStatus};
use crate::server::entities::{candidature, piece, piece_event, piece_group, piece_review};
use crate::server::ids::{AccountId, CandidatureId};
use crate::server::services::candidatures::Status;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// Who did something to a piece, as its history records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The candidate of the candidature.
    Candidate,
    /// A staff member (`staff:<id>`).
    Staff(String),
    /// The antivirus.
    Antivirus,
}

impl Actor {
    pub fn stored(&self) -> String {
        match self {
            Self::Candidate => "candidat".into(),
            Self::Staff(name) => name.clone(),
            Self::Antivirus => "antivirus".into(),
        }
    }
}

/// The kinds of event of a piece's history, as stored.
pub mod event {
    pub const DEPOSIT: &str = "depot";
    pub const DELETION: &str = "suppression";
    pub const CONFIRMATION: &str = "confirmation";
    pub const STATUS: &str = "statut";
    pub const SCAN: &str = "analyse";
}

/// A piece asked of a candidature, with its group and where it stands.
#[derive(Debug, Clone)]
pub struct Asked {
    pub candidature: candidature::Model,
    pub piece: piece::Model,
    pub group: piece_group::Model,
    pub review: Option<piece_review::Model>,
}

impl Asked {
    pub fn mode(&self) -> PieceMode {
        PieceMode::parse(&self.group.mode).unwrap_or(PieceMode::Autres)
    }

    pub fn status(&self) -> Option<PieceStatus> {
        self.review
            .as_ref()
            .and_then(|r| PieceStatus::parse(&r.status))
    }

    /// Whether the candidate may still add or delete files: not confirmed and not checked,
    /// or found Non conforme.
    pub fn unlocked(&self) -> bool {
        unlocked(self.review.as_ref())
    }

    /// Refuses a change by the candidate at `now`: outside an online group's window, or on
    /// a locked piece.
    pub fn may_change(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        if !open(&self.group, now) {
            return Err(AppError::DepositClosed);
        }
        if !self.unlocked() {
            return Err(AppError::PieceLocked);
        }
        Ok(())
    }
}

/// Whether a piece of review `review` may still change: neither confirmed nor checked, or
/// found Non conforme.
pub fn unlocked(review: Option<&piece_review::Model>) -> bool {
    match review.and_then(|r| PieceStatus::parse(&r.status)) {
        Some(PieceStatus::NonConforme) => true,
        Some(_) => false,
        None => review.is_none_or(|r| r.confirmed_at.is_none()),
    }
}

/// Whether files can be deposited in `group` at `now`: an online group within its window.
pub fn open(group: &piece_group::Model, now: DateTime<Utc>) -> bool {
    PieceMode::parse(&group.mode) == Some(PieceMode::EnLigne)
        && group.opens_at.is_none_or(|o| o <= now)
        && now < group.closes_at
}

/// Candidature `id` if it is `account`'s and registered (anything else: not found).
pub async fn own_candidature(
    db: &impl ConnectionTrait,
    account: AccountId,
    id: CandidatureId,
) -> Result<candidature::Model, AppError> {
    candidature::Entity::find_by_id(id.uuid())
        .filter(candidature::Column::AccountId.eq(account.uuid()))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Piece `piece` as asked of candidature `c` (a piece of its offer, for every candidature
/// or for this one), with its group and review; anything else: not found.
pub async fn piece_of(
    db: &impl ConnectionTrait,
    c: candidature::Model,
    piece: i32,
) -> Result<Asked, AppError> {
    let p = piece::Entity::find_by_id(piece)
        .one(db)
        .await?
        .filter(|p| p.candidature_id.is_none_or(|only| only == c.id))
        .ok_or(AppError::NotFound)?;
    let group = piece_group::Entity::find_by_id(p.group_id)
        .one(db)
        .await?
        .filter(|g| g.offer_id == c.offer_id)
        .ok_or(AppError::NotFound)?;
    let review = piece_review::Entity::find_by_id((p.id, c.id))
        .one(db)
        .await?;
    Ok(Asked {
        candidature: c,
        piece: p,
        group,
        review,
    })
}

/// The pieces of group `group` asked of candidature `c`, each with its review.
pub async fn group_of(
    db: &impl ConnectionTrait,
    c: &candidature::Model,
    group: i32,
) -> Result<(piece_group::Model, Vec<Asked>), AppError> {
    let g = piece_group::Entity::find_by_id(group)
        .one(db)
        .await?
        .filter(|g| g.offer_id == c.offer_id)
        .ok_or(AppError::NotFound)?;
    let pieces = pieces_asked(db, vec![g.id], c.id).await?;
    let reviews = reviews_of(db, c.id).await?;
    let asked = pieces
        .into_iter()
        .map(|p| Asked {
            candidature: c.clone(),
            review: reviews.iter().find(|r| r.piece_id == p.id).cloned(),
            group: g.clone(),
            piece: p,
        })
        .collect();
    Ok((g, asked))
}

/// The pieces of groups `groups` asked of candidature `candidature` (those of every
/// candidature and its own), in their order.
pub async fn pieces_asked(
    db: &impl ConnectionTrait,
    groups: Vec<i32>,
    candidature: uuid::Uuid,
) -> Result<Vec<piece::Model>, AppError> {
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    Ok(piece::Entity::find()
        .filter(piece::Column::GroupId.is_in(groups))
        .filter(
            sea_orm::Condition::any()
                .add(piece::Column::CandidatureId.is_null())
                .add(piece::Column::CandidatureId.eq(candidature)),
        )
        .order_by_asc(piece::Column::Position)
        .order_by_asc(piece::Column::Id)
        .all(db)
        .await?)
}

/// The reviews of every piece of candidature `candidature`.
pub async fn reviews_of(
    db: &impl ConnectionTrait,
    candidature: uuid::Uuid,
) -> Result<Vec<piece_review::Model>, AppError> {
    Ok(piece_review::Entity::find()
        .filter(piece_review::Column::CandidatureId.eq(candidature))
        .all(db)
        .await?)
}

/// Appends an event to the history of `piece` for candidature `candidature`.
pub async fn record(
    db: &impl ConnectionTrait,
    piece: i32,
    candidature: uuid::Uuid,
    kind: &str,
    actor: &Actor,
    detail: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    piece_event::ActiveModel {
        piece_id: Set(piece),
        candidature_id: Set(candidature),
        at: Set(at),
        kind: Set(kind.to_owned()),
        actor: Set(actor.stored()),
        detail: Set(detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The review of `piece` for `candidature` as it will be written: the row read (or a new
/// one), to be changed then saved with [`save_review`].
pub fn review_or_new(
    review: Option<piece_review::Model>,
    piece: i32,
    candidature: uuid::Uuid,
    now: DateTime<Utc>,
) -> piece_review::Model {
    review.unwrap_or(piece_review::Model {
        piece_id: piece,
        candidature_id: candidature,
        confirmed_at: None,
        status: String::new(),
        received_on: None,
        comment: None,
        updated_at: now,
    })
}

/// Writes `review` (inserted or updated: `existed` says which).
pub async fn save_review(
    db: &impl ConnectionTrait,
    review: piece_review::Model,
    existed: bool,
) -> Result<(), AppError> {
    let active = piece_review::ActiveModel {
        piece_id: Set(review.piece_id),
        candidature_id: Set(review.candidature_id),
        confirmed_at: Set(review.confirmed_at),
        status: Set(review.status),
        received_on: Set(review.received_on),
        comment: Set(review.comment),
        updated_at: Set(review.updated_at),
    };
    if existed {
        active.update(db).await?;
    } else {
        active.insert(db).await?;
    }
    Ok(())
}

/// The lock taken by every change to the pieces of candidature `id`: changes to one
/// candidature's pieces happen one at a time (PostgreSQL; SQLite writes one at a time).
pub async fn lock(db: &impl ConnectionTrait, id: uuid::Uuid) -> Result<(), AppError> {
    crate::server::sql::lock_key(db, &format!("pieces:{id}")).await?;
    Ok(())
}
