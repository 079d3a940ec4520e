//! Messages of "Accueil" (P1, S3): what the home pages show now (here), and their editor for
//! administrators (`editor`).

pub mod editor;

use crate::domain::LocalDateTime;
use crate::domain::home_message::paragraphs;
use crate::model::HomeMessage;
use crate::server::entities::{academy, home_message};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// The published messages whose display window contains `now`, newest first: every
/// académie's, and those of `academies` (all of them when `None`), labelled with theirs.
pub async fn visible_messages(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    academies: Option<&[String]>,
) -> Result<Vec<HomeMessage>, DbErr> {
    use home_message::Column as C;
    let mut query = home_message::Entity::find()
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
        );
    if let Some(codes) = academies {
        query = query.filter(
            Condition::any()
                .add(C::AcademyCode.is_null())
                .add(C::AcademyCode.is_in(codes.iter().cloned())),
        );
    }
    let rows = query
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id)
        .all(db)
        .await?;
    let labels = academy_labels(db).await?;
    Ok(rows
        .into_iter()
        .map(|m| HomeMessage {
            published_at: LocalDateTime::from_utc(m.visible_from.unwrap_or(m.created_at), tz),
            paragraphs: paragraphs(&m.body),
            academy: m.academy_code.map(|c| labels.get(&c).cloned().unwrap_or(c)),
            title: m.title,
        })
        .collect())
}

/// "ACADÉMIE DE VERSAILLES" by code.
pub(crate) async fn academy_labels(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, String>, DbErr> {
    Ok(academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.code, a.label))
        .collect())
}
