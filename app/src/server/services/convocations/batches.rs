//! The batches of an offer with their progress (PDFs made, renderings that failed), and the
//! job that mails a batch's candidates once its instant has passed: one mail per
//! convocation, with the link to "Mes documents" and nothing else.

use crate::domain::{Email, LocalDateTime};
use crate::error::AppError;
use crate::model::convocations::BatchRow;
use crate::server::entities::{account, candidature, convocation_batch, document, job};
use crate::server::jobs::{Job, JobKind, Outcome};
use crate::server::mail::{outbox, templates};
use crate::server::services::candidatures::offer as offers;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The ids of batch `id`'s documents, as a subquery.
fn documents_of(id: uuid::Uuid) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(document::Column::Id)
        .from(document::Entity)
        .and_where(document::Column::BatchId.eq(id))
        .to_owned()
}

/// The progress of batch `b`.
pub async fn row(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    b: convocation_batch::Model,
) -> Result<BatchRow, AppError> {
    let rendered = document::Entity::find()
        .filter(document::Column::BatchId.eq(b.id))
        .filter(document::Column::RenderedAt.is_not_null())
        .count(db)
        .await?;
    let failures = job::Entity::find()
        .filter(job::Column::Kind.eq(JobKind::Render.as_str()))
        .filter(job::Column::Attempts.gt(0))
        .filter(job::Column::Subject.in_subquery(documents_of(b.id)))
        .count(db)
        .await?;
    let paris = |t| LocalDateTime::from_utc(t, tz).to_string();
    Ok(BatchRow {
        id: b.id,
        created: paris(b.created_at),
        by: b.created_by,
        selection: b.selection,
        publish_at: paris(b.publish_at),
        published: b.publish_at <= now,
        total: b.total,
        unchanged: b.unchanged,
        rendered: i32::try_from(rendered).unwrap_or(i32::MAX),
        failures: i32::try_from(failures).unwrap_or(i32::MAX),
        mailed: b.mailed_at.is_some(),
        files: b.files_at.is_some(),
    })
}

/// The batches of offer `id`, newest first.
pub async fn rows(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    id: i32,
) -> Result<Vec<BatchRow>, AppError> {
    let batches = convocation_batch::Entity::find()
        .filter(convocation_batch::Column::OfferId.eq(id))
        .order_by_desc(convocation_batch::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(batches.len());
    for b in batches {
        out.push(row(db, tz, now, b).await?);
    }
    Ok(out)
}

/// Mails the candidates of a batch once its instant is past (kind `convocation`, due at
/// that instant).
pub struct Announcer;

#[async_trait::async_trait]
impl Job for Announcer {
    fn kind(&self) -> JobKind {
        JobKind::Convocation
    }

    async fn run(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        match mail_batch(state, id).await {
            Ok(None) => Outcome::Done,
            Ok(Some(at)) => Outcome::RunAgainAt(at),
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }
}

/// Queues the mails of batch `id` (once); `Some(instant)` when that instant is still ahead.
async fn mail_batch(state: &AppState, id: uuid::Uuid) -> Result<Option<DateTime<Utc>>, AppError> {
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let Some(b) = convocation_batch::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(None);
    };
    if b.mailed_at.is_some() {
        return Ok(None);
    }
    if b.publish_at > now {
        return Ok(Some(b.publish_at));
    }
    let summary = offers::by_id(&txn, state.tz, now, b.offer_id)
        .await?
        .summary;
    let candidatures: Vec<(uuid::Uuid, uuid::Uuid)> = candidature::Entity::find()
        .select_only()
        .columns([candidature::Column::Id, candidature::Column::AccountId])
        // A candidature unregistered since the batch was prepared gets no mail.
        .filter(
            candidature::Column::Status
                .eq(crate::server::services::candidatures::Status::Registered.as_str()),
        )
        .filter(
            candidature::Column::Id.in_subquery(
                Query::select()
                    .column(document::Column::CandidatureId)
                    .from(document::Entity)
                    .and_where(document::Column::BatchId.eq(b.id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(&txn)
        .await?;
    let emails: HashMap<uuid::Uuid, String> = account::Entity::find()
        .select_only()
        .columns([account::Column::Id, account::Column::Email])
        .filter(
            account::Column::Id.in_subquery(
                Query::select()
                    .column(candidature::Column::AccountId)
                    .from(candidature::Entity)
                    .and_where(candidature::Column::OfferId.eq(b.offer_id))
                    .to_owned(),
            ),
        )
        .into_tuple::<(uuid::Uuid, String)>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    for (candidature, account) in candidatures {
        let Some(to) = emails.get(&account).and_then(|e| Email::parse(e).ok()) else {
            continue;
        };
        let link = state
            .accounts
            .link(&format!("/mes-documents/{candidature}"));
        outbox::enqueue(
            &txn,
            templates::convocation_published(&to, &summary, &link),
            now,
        )
        .await?;
    }
    let mut row: convocation_batch::ActiveModel = b.into();
    row.mailed_at = Set(Some(now));
    row.update(&txn).await?;
    txn.commit().await?;
    state.jobs.wake(JobKind::Mail);
    Ok(None)
}
