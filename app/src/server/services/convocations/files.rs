//! The printable PDF of a whole batch (one convocation after another, each from a new page)
//! and the ZIP of its individual PDFs, for services that also post them: made on the job
//! runner once every PDF of the batch exists (`convocation_files`), kept in the file store
//! under the batch's keys, fetched by staff of the offer's académie.

use crate::error::AppError;
use crate::model::documents::DocumentKind;
use crate::server::entities::{candidate, candidature, convocation_batch, document};
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use std::collections::HashMap;

/// The key of a batch's printable PDF.
pub fn print_key(batch: uuid::Uuid) -> String {
    format!("convocations/{batch}/impression.pdf")
}

/// The key of a batch's ZIP.
pub fn zip_key(batch: uuid::Uuid) -> String {
    format!("convocations/{batch}/convocations.zip")
}

/// One convocation of a batch, in the order of the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub document: uuid::Uuid,
    /// "convocation-epreuves-0193801933-001-v1.pdf".
    pub file_name: String,
}

/// Where a batch's files stand.
#[derive(Debug)]
pub enum Files {
    /// The batch no longer exists, or its files are made.
    Nothing,
    /// PDFs of the batch still to be rendered.
    Rendering(u64),
    /// Every PDF exists: the convocations, by candidate number.
    Ready(Vec<Entry>),
}

/// Where batch `id`'s files stand.
pub async fn files(db: &impl ConnectionTrait, id: uuid::Uuid) -> Result<Files, AppError> {
    let Some(b) = convocation_batch::Entity::find_by_id(id).one(db).await? else {
        return Ok(Files::Nothing);
    };
    if b.files_at.is_some() {
        return Ok(Files::Nothing);
    }
    let pending = document::Entity::find()
        .filter(document::Column::BatchId.eq(id))
        .filter(document::Column::RenderedAt.is_null())
        .count(db)
        .await?;
    if pending > 0 {
        return Ok(Files::Rendering(pending));
    }
    let docs: Vec<(uuid::Uuid, uuid::Uuid, i32)> = document::Entity::find()
        .select_only()
        .columns([
            document::Column::Id,
            document::Column::CandidatureId,
            document::Column::Number,
        ])
        .filter(document::Column::BatchId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    let candidatures: HashMap<uuid::Uuid, (uuid::Uuid, i32)> = candidature::Entity::find()
        .select_only()
        .columns([
            candidature::Column::Id,
            candidature::Column::AccountId,
            candidature::Column::RegistrationNumber,
        ])
        .filter(candidature::Column::OfferId.eq(b.offer_id))
        .into_tuple::<(uuid::Uuid, uuid::Uuid, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(c, a, n)| (c, (a, n)))
        .collect();
    let numbers: HashMap<uuid::Uuid, String> = candidate::Entity::find()
        .filter(
            candidate::Column::AccountId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(candidature::Column::AccountId)
                    .from(candidature::Entity)
                    .and_where(candidature::Column::OfferId.eq(b.offer_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.account_id, c.number))
        .collect();
    let mut entries: Vec<(String, i32, Entry)> = docs
        .into_iter()
        .map(|(doc, c, version)| {
            let (account, registration) = candidatures.get(&c).copied().unwrap_or_default();
            let number = numbers.get(&account).cloned().unwrap_or_default();
            let file_name = format!(
                "{}-{number}-{registration:03}-v{version}.pdf",
                DocumentKind::Convocation.file_stem()
            );
            (
                number,
                registration,
                Entry {
                    document: doc,
                    file_name,
                },
            )
        })
        .collect();
    entries.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    Ok(Files::Ready(
        entries.into_iter().map(|(_, _, e)| e).collect(),
    ))
}

/// The PDFs of documents `ids` (a chunk at a time: the caller bounds the memory).
pub async fn pdfs(
    db: &impl ConnectionTrait,
    ids: &[uuid::Uuid],
) -> Result<HashMap<uuid::Uuid, Vec<u8>>, AppError> {
    let rows: Vec<(uuid::Uuid, Option<Vec<u8>>)> = document::Entity::find()
        .select_only()
        .columns([document::Column::Id, document::Column::Pdf])
        .filter(document::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, pdf)| Some((id, pdf?)))
        .collect())
}

/// Records that batch `id`'s files are stored.
pub async fn mark_made(
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    convocation_batch::ActiveModel {
        id: Set(id),
        files_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Batch `id` when its offer is in `scope` ("not found" otherwise), with its files made.
pub async fn made_in_scope(
    state: &AppState,
    scope: &crate::domain::Scope,
    id: uuid::Uuid,
) -> Result<convocation_batch::Model, AppError> {
    let b = convocation_batch::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::server::services::scope::offer_in_scope(state, scope, b.offer_id).await?;
    if b.files_at.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(b)
}
