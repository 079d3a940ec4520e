//! The renderer's queue: documents without a PDF, due now; each failure pushes the next
//! attempt back (10 s doubling up to 15 minutes) and nothing is ever dropped. A document
//! is taken before it is rendered, so two servers never render the same one.

use crate::server::entities::document;
use crate::server::mail::outbox::backoff;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// Documents to render at `now`, oldest first.
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<document::Model>, DbErr> {
    use document::Column as C;
    document::Entity::find()
        .filter(C::RenderedAt.is_null())
        .filter(C::NextAttemptAt.lte(now))
        .order_by_asc(C::NextAttemptAt)
        .order_by_asc(C::CreatedAt)
        .limit(limit)
        .all(db)
        .await
}

/// Takes a due document for this process (see [`lease`](crate::server::lease)): false
/// when another server is rendering it.
pub async fn take(
    db: &impl ConnectionTrait,
    doc: &document::Model,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use document::Column as C;
    let pending = Condition::all().add(C::RenderedAt.is_null());
    crate::server::lease::take::<document::Entity>(
        db,
        C::Id,
        doc.id,
        C::NextAttemptAt,
        pending,
        now,
    )
    .await
}

/// Stores the PDF of a document.
pub async fn mark_rendered(
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
    pdf: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    document::ActiveModel {
        id: Set(id),
        pdf: Set(Some(pdf)),
        rendered_at: Set(Some(now)),
        last_error: Set(None),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records a failed rendering; it is tried again after the back-off.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    doc: &document::Model,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    document::ActiveModel {
        id: Set(doc.id),
        attempts: Set(doc.attempts + 1),
        next_attempt_at: Set(now + backoff(doc.attempts)),
        last_error: Set(Some(error.chars().take(500).collect())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
