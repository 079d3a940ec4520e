//! A document's PDF, stored once the renderer (a job of kind `render`) has made it.

use crate::server::entities::document;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

/// The document `id` as the renderer finds it: None once its candidature is deleted.
pub async fn find(
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
) -> Result<Option<document::Model>, DbErr> {
    document::Entity::find_by_id(id).one(db).await
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
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
