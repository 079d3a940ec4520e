//! Home page messages (P1).

use crate::domain::LocalDateTime;
use crate::model::HomeMessage;
use crate::server::entities::home_message;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// The published messages whose display window contains `now`, newest first.
pub async fn visible_messages(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<HomeMessage>, DbErr> {
    use home_message::Column as C;
    let rows = home_message::Entity::find()
        .filter(C::Published.eq(true))
        .filter(
            Condition::any()
                .add(C::VisibleFrom.is_null())
                .add(C::VisibleFrom.lte(now)),
        )
        .filter(
            Condition::any()
                .add(C::VisibleUntil.is_null())
                .add(C::VisibleUntil.gt(now)),
        )
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| HomeMessage {
            published_at: LocalDateTime::from_utc(m.visible_from.unwrap_or(m.created_at), tz),
            title: m.title,
            body: m.body,
        })
        .collect())
}
