//! Drafts (beyond the guide): what the candidate typed is kept on the server at every tab
//! change, so a closed tab or an ended session loses nothing. A draft is not a
//! candidature; it is offered back as "Reprendre ma saisie" and removed once saved.

use crate::domain::LocalDateTime;
use crate::domain::account::Errors;
use crate::domain::registration::check_tab;
use crate::error::AppError;
use crate::model::{DraftInfo, DraftRequest, FieldError, RegistrationForm, Tab};
use crate::server::AppState;
use crate::server::entities::registration_draft;
use crate::server::identity::Candidate;
use crate::server::ids::AccountId;
use crate::server::services::candidatures::{from_json, offer, to_json};
use crate::server::services::reference::lists as references;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Keeps the form as the candidate's draft for the offer and checks tab `tab`: the answer
/// is that tab's refusals (empty when the candidate may go on).
pub async fn save(
    state: &AppState,
    who: &Candidate,
    request: DraftRequest,
) -> Result<Vec<FieldError>, AppError> {
    let now = state.clock.now();
    let tab = Tab::from_number(request.tab)
        .filter(|t| *t < Tab::Numero)
        .ok_or(AppError::InvalidInput)?;
    let ctx = offer::by_public_id(&state.db, state.tz, now, request.offer).await?;
    ctx.ensure_open(now)?;
    keep(
        &state.db,
        who.id,
        ctx.offer.id,
        &request.form,
        tab.number(),
        now,
    )
    .await?;
    let lists = references::cached_lists(state).await?;
    let mut errors = Errors::default();
    check_tab(tab, &request.form, &lists, &ctx.catalog, &mut errors);
    references::check(&state.db, Some(tab), &request.form, &mut errors).await?;
    Ok(errors.into_vec())
}

/// Writes `form` as the draft of (candidate, offer).
pub async fn keep(
    db: &impl ConnectionTrait,
    account: AccountId,
    offer_id: i32,
    form: &RegistrationForm,
    tab: u8,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    registration_draft::Entity::insert(registration_draft::ActiveModel {
        account_id: Set(account.uuid()),
        offer_id: Set(offer_id),
        answers: Set(to_json(form)?),
        tab: Set(i16::from(tab)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            registration_draft::Column::AccountId,
            registration_draft::Column::OfferId,
        ])
        .update_columns([
            registration_draft::Column::Answers,
            registration_draft::Column::Tab,
            registration_draft::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// "Abandonner ma saisie": forgets the draft of the offer.
pub async fn discard(state: &AppState, who: &Candidate, offer_id: Uuid) -> Result<(), AppError> {
    let ctx = offer::by_public_id(&state.db, state.tz, state.clock.now(), offer_id).await?;
    delete(&state.db, who.id, ctx.offer.id).await
}

/// Removes the draft of (candidate, offer), if any.
pub async fn delete(
    db: &impl ConnectionTrait,
    account: AccountId,
    offer_id: i32,
) -> Result<(), AppError> {
    registration_draft::Entity::delete_many()
        .filter(registration_draft::Column::AccountId.eq(account))
        .filter(registration_draft::Column::OfferId.eq(offer_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The draft of (candidate, offer) if one was kept since `newer_than` (saving a candidature
/// deletes its draft, so a draft as old as the save was written after it).
pub async fn find(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    account: AccountId,
    offer_id: i32,
    newer_than: Option<DateTime<Utc>>,
) -> Result<Option<DraftInfo>, AppError> {
    let draft = registration_draft::Entity::find_by_id((account.uuid(), offer_id))
        .one(db)
        .await?;
    let Some(d) = draft.filter(|d| newer_than.is_none_or(|t| d.updated_at >= t)) else {
        return Ok(None);
    };
    Ok(Some(DraftInfo {
        form: from_json(&d.answers, d.account_id)?,
        tab: u8::try_from(d.tab).unwrap_or(1),
        saved_at: LocalDateTime::from_utc(d.updated_at, tz),
    }))
}
