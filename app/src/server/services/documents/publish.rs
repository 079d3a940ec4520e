//! Publishing a document: a row in the caller's transaction, rendered soon after.

use crate::domain::VerificationCode;
use crate::model::documents::DocumentKind;
use crate::server::entities::{candidature, document};
use crate::server::ids::CandidatureId;
use crate::server::jobs::{self, JobKind};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};
use uuid::Uuid;

/// Publishes the next version of `kind` for a candidature, showing its version
/// `candidature_version`; `details` holds what the kind needs beyond the candidature (a
/// JSON object: the convocation's date and place, the pieces asked). Run it in a
/// transaction; the caller commits, then wakes the renderer (`AppState::jobs`, kind
/// `Render`).
pub async fn publish(
    db: &impl ConnectionTrait,
    candidature: CandidatureId,
    kind: DocumentKind,
    candidature_version: i32,
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<document::Model, DbErr> {
    publish_from(
        db,
        candidature,
        kind,
        candidature_version,
        details,
        now,
        None,
    )
    .await
}

/// [`publish`], shown to the candidate from `visible_from` (None: at once): a document
/// published again keeps the embargo of the one it replaces.
pub async fn publish_from(
    db: &impl ConnectionTrait,
    candidature: CandidatureId,
    kind: DocumentKind,
    candidature_version: i32,
    details: serde_json::Value,
    now: DateTime<Utc>,
    visible_from: Option<DateTime<Utc>>,
) -> Result<document::Model, DbErr> {
    // Publications of one candidature wait for each other (a row lock on PostgreSQL; one
    // writer at a time on SQLite): each takes the next number, never the same.
    candidature::Entity::update_many()
        .col_expr(
            candidature::Column::UpdatedAt,
            Expr::col(candidature::Column::UpdatedAt),
        )
        .filter(candidature::Column::Id.eq(candidature))
        .exec(db)
        .await?;
    let last: Option<Option<i32>> = document::Entity::find()
        .select_only()
        .column_as(Expr::col(document::Column::Number).max(), "last")
        .filter(document::Column::CandidatureId.eq(candidature))
        .filter(document::Column::Kind.eq(kind.as_str()))
        .into_tuple()
        .one(db)
        .await?;
    let number = last.flatten().unwrap_or(0) + 1;
    let mut published = row(
        candidature,
        kind,
        (number, candidature_version),
        details,
        now,
    );
    published.visible_from = Set(visible_from);
    let published = published.insert(db).await?;
    let id = published.id;
    jobs::queue::enqueue(db, JobKind::Render, id, now, now).await?;
    Ok(published)
}

/// A new document row, version `number` showing the candidature's version `version`, to be
/// shown at once (a batch sets `batch_id` and `visible_from`).
pub fn row(
    candidature: CandidatureId,
    kind: DocumentKind,
    (number, version): (i32, i32),
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> document::ActiveModel {
    document::ActiveModel {
        id: Set(Uuid::new_v4()),
        candidature_id: Set(candidature.uuid()),
        kind: Set(kind.as_str().to_owned()),
        number: Set(number),
        candidature_version: Set(version),
        verification_code: Set(VerificationCode::random().as_str().to_owned()),
        details: Set(details.to_string()),
        created_at: Set(now),
        pdf: Set(None),
        rendered_at: Set(None),
        batch_id: Set(None),
        visible_from: Set(None),
    }
}
