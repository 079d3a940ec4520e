//! "Enregistrer" (R7-R10; checklist 22-24): every tab checked again, the offer open at
//! this instant, then one transaction. A new candidature takes the next N° inscription of
//! the candidate (and a N° candidat at the first one); a modification raises the version
//! only if nobody saved since the candidate started, keeps the earlier versions. Each save
//! queues its mail in the same transaction: "Inscription enregistrée" for a new
//! candidature, "Modification d'inscription" for a modification. A replayed request gets
//! the first answer back.

use super::{drafts, listing};
use crate::domain::registration::{Answers, parse_answers};
use crate::error::AppError;
use crate::model::documents::DocumentKind;
use crate::model::{SaveRequest, SavedCandidature};
use crate::server::AppState;
use crate::server::entities::{account, candidature, candidature_version};
use crate::server::identity::Candidate;
use crate::server::ids::{AccountId, CandidatureId};
use crate::server::mail::outbox;
use crate::server::mail::templates;
use crate::server::services::accounts::{commit_and_wake_mail, lock_account};
use crate::server::services::candidatures::offer::{self, OfferContext};
use crate::server::services::candidatures::{Status, to_json};
use crate::server::services::documents;
use crate::server::services::reference::lists as references;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

/// Saves a new candidature or a modification.
pub async fn save(
    state: &AppState,
    who: &Candidate,
    request: SaveRequest,
) -> Result<SavedCandidature, AppError> {
    let _in_flight = state.save_in_flight();
    let key = request.idempotency_key;
    if key.is_nil() {
        return Err(AppError::InvalidInput);
    }
    if let Some(saved) = replayed(state, who, key).await? {
        return Ok(saved);
    }
    match first_save(state, who, request).await {
        Ok(saved) => Ok(saved),
        // The same request sent again while the first was running (a double click, a
        // retry): whatever this one ran into, the first one's answer is the answer.
        Err(e) => match replayed(state, who, key).await? {
            Some(saved) => Ok(saved),
            None => Err(e),
        },
    }
}

async fn first_save(
    state: &AppState,
    who: &Candidate,
    request: SaveRequest,
) -> Result<SavedCandidature, AppError> {
    let now = state.clock.now();
    let ctx = offer::by_public_id(&state.db, state.tz, now, request.offer).await?;
    let existing = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(who.id))
        .filter(candidature::Column::OfferId.eq(ctx.offer.id))
        .one(&state.db)
        .await?;
    let target = match (request.candidature, existing) {
        (None, None) => None,
        (None, Some(c)) => return Err(AppError::AlreadyRegistered { candidature: c.id }),
        (Some(id), Some(c)) if c.id == id && Status::of(&c.status) == Status::Registered => Some(c),
        (Some(_), _) => return Err(AppError::NotFound),
    };
    ctx.ensure_open(now)?;
    let answers = checked(state, &ctx, &request).await?;
    let key = request.idempotency_key;
    match target {
        None => create(state, who, &ctx, &answers, key).await,
        Some(c) => {
            let expected = request.expected_version.ok_or(AppError::InvalidInput)?;
            modify(state, who, &ctx, c, expected, &answers, key).await
        }
    }
}

/// Every tab read again, with the reference checks; fields the candidate may not set
/// (numbers, version, status) are not in the form at all.
async fn checked(
    state: &AppState,
    ctx: &OfferContext,
    request: &SaveRequest,
) -> Result<Answers, AppError> {
    let db = &state.db;
    let lists = references::cached_lists(state).await?;
    match parse_answers(&request.form, &lists, &ctx.catalog) {
        Ok(answers) => {
            let mut errors = crate::domain::account::Errors::default();
            references::check(db, None, &answers.to_form(), &mut errors).await?;
            if errors.is_empty() {
                Ok(answers)
            } else {
                Err(AppError::InvalidFields(errors.into_vec()))
            }
        }
        Err(mut errors) => {
            references::check(db, None, &request.form, &mut errors).await?;
            Err(AppError::InvalidFields(errors.into_vec()))
        }
    }
}

/// The answer already given to a request with this key, if it was this candidate's.
async fn replayed(
    state: &AppState,
    who: &Candidate,
    key: Uuid,
) -> Result<Option<SavedCandidature>, AppError> {
    let Some(version) = candidature_version::Entity::find()
        .filter(candidature_version::Column::IdempotencyKey.eq(key))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let Some(c) = candidature::Entity::find_by_id(version.candidature_id)
        .filter(candidature::Column::AccountId.eq(who.id))
        .one(&state.db)
        .await?
    else {
        return Err(AppError::InvalidInput);
    };
    let ctx = offer::by_id(&state.db, state.tz, state.clock.now(), c.offer_id).await?;
    Ok(Some(listing::view(state, &c, &version, &ctx).await?))
}

/// A N° candidat: ten random digits (unique; drawn again on the rare collision).
fn new_candidate_number() -> String {
    let n = Uuid::new_v4().as_u128() % 10_000_000_000;
    format!("{n:010}")
}

/// How a step of the creation failed.
enum Failed {
    /// The N° candidat drawn belongs to someone else: draw again.
    NumberTaken,
    /// A rule refused the save once the locks were taken.
    Refused(AppError),
    Db(DbErr),
}

impl From<AppError> for Failed {
    fn from(e: AppError) -> Self {
        Self::Refused(e)
    }
}

impl From<DbErr> for Failed {
    fn from(e: DbErr) -> Self {
        Self::Db(e)
    }
}

async fn create(
    state: &AppState,
    who: &Candidate,
    ctx: &OfferContext,
    answers: &Answers,
    key: Uuid,
) -> Result<SavedCandidature, AppError> {
    for _ in 0..5 {
        match try_create(state, who, ctx, answers, key).await {
            Ok(saved) => return Ok(saved),
            Err(Failed::NumberTaken) => continue,
            Err(Failed::Refused(e)) => return Err(e),
            Err(Failed::Db(e)) => {
                if matches!(
                    e.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) {
                    // Another save for this offer won (a double click): its answer, or
                    // "already registered" when it was another request.
                    if let Some(c) = candidature::Entity::find()
                        .filter(candidature::Column::AccountId.eq(who.id))
                        .filter(candidature::Column::OfferId.eq(ctx.offer.id))
                        .one(&state.db)
                        .await?
                    {
                        return Err(AppError::AlreadyRegistered { candidature: c.id });
                    }
                }
                return Err(e.into());
            }
        }
    }
    tracing::error!("no free candidate number after 5 draws");
    Err(AppError::Internal)
}

async fn try_create(
    state: &AppState,
    who: &Candidate,
    ctx: &OfferContext,
    answers: &Answers,
    key: Uuid,
) -> Result<SavedCandidature, Failed> {
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    // The first statement writes, so SQLite takes the write lock at once (no upgrade from
    // a read lock that could fail under load); on PostgreSQL it waits for a change of the
    // account's identity in flight, which is then the one saved (A6).
    lock_account(&txn, who.id).await?;
    // The instant of saving is the one after the locks: the period is checked at it.
    let now = state.clock.now();
    ctx.ensure_open(now)?;
    // One row per candidate, numbers counted in it.
    let backend = txn.get_database_backend();
    let row = txn
        .query_one_raw(crate::server::sql::statement(
            backend,
            "INSERT INTO candidates (account_id, number, registrations) VALUES ({}, {}, 1) \
             ON CONFLICT (account_id) DO UPDATE SET registrations = candidates.registrations + 1 \
             RETURNING number, registrations",
            vec![who.id.into(), new_candidate_number().into()],
        ))
        .await
        .map_err(|e| match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Failed::NumberTaken,
            _ => Failed::Db(e),
        })?
        .ok_or_else(|| Failed::Db(DbErr::RecordNotInserted))?;
    let registration: i32 = row.try_get("", "registrations")?;
    let form = answers.to_form();
    let json = to_json(&form).map_err(|_| Failed::Db(DbErr::Custom("form too large".into())))?;
    let c = candidature::ActiveModel {
        id: Set(Uuid::new_v4()),
        account_id: Set(who.id.uuid()),
        offer_id: Set(ctx.offer.id),
        registration_number: Set(registration),
        version: Set(1),
        status: Set(Status::Registered.as_str().into()),
        answers: Set(json.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let version = keep_version(&txn, who, ctx, c.id, 1, &json, key, now).await?;
    // D3: at registration, the demande of the pieces the offer asks for (if any).
    crate::server::services::pieces::demande::publish_demande(
        &txn,
        state.tz,
        (c.id, ctx.offer.id),
        1,
        now,
    )
    .await?;
    commit_with_mail(
        state,
        txn,
        who,
        &format!("/mes-documents/{}", c.id),
        now,
        |to, link| templates::candidature_registered(to, &ctx.summary, link),
    )
    .await?;
    Ok(listing::view(state, &c, &version, ctx).await?)
}

/// Writes version `number` of a candidature (with the identity as it is now) and removes
/// the draft it came from, in the saving transaction.
#[expect(
    clippy::too_many_arguments,
    reason = "the saving transaction's parts, each from another place of the save"
)]
async fn keep_version(
    txn: &DatabaseTransaction,
    who: &Candidate,
    ctx: &OfferContext,
    candidature: Uuid,
    number: i32,
    answers: &str,
    key: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<candidature_version::Model, AppError> {
    let version = candidature_version::ActiveModel {
        candidature_id: Set(candidature),
        version: Set(number),
        answers: Set(answers.to_owned()),
        identity: Set(identity_json(txn, who.id).await?),
        saved_at: Set(now),
        idempotency_key: Set(key),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    drafts::delete(txn, who.id, ctx.offer.id).await?;
    // D1: the confirmation or récapitulatif of this version, rendered after the commit.
    documents::publish(
        txn,
        CandidatureId::new(candidature),
        DocumentKind::at_registration(&ctx.summary.domain_code),
        number,
        serde_json::Value::Object(serde_json::Map::new()),
        now,
    )
    .await?;
    Ok(version)
}

/// Queues the save's mail to the candidate (with a link to `path`) in the saving
/// transaction, commits, then wakes the mail sender and the document renderer.
async fn commit_with_mail(
    state: &AppState,
    txn: DatabaseTransaction,
    who: &Candidate,
    path: &str,
    now: chrono::DateTime<chrono::Utc>,
    mail: impl FnOnce(&crate::domain::Email, &str) -> crate::server::mail::Mail,
) -> Result<(), AppError> {
    outbox::enqueue(&txn, mail(&who.email, &state.accounts.link(path)), now).await?;
    commit_and_wake_mail(state, txn).await?;
    state.jobs.wake(crate::server::jobs::JobKind::Render);
    Ok(())
}

/// The account's identity as saved with a version, read in the saving transaction.
pub(crate) async fn identity_json(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<String, AppError> {
    let who = account::Entity::find_by_id(account)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let who = Candidate::of(db, who).await?;
    serde_json::to_string(&listing::identity(db, &who).await?).map_err(|_| AppError::Internal)
}

async fn modify(
    state: &AppState,
    who: &Candidate,
    ctx: &OfferContext,
    c: candidature::Model,
    expected: i32,
    answers: &Answers,
    key: Uuid,
) -> Result<SavedCandidature, AppError> {
    let json = to_json(&answers.to_form())?;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    // The account's lock first (a write, see `try_create`): a correction of the identity by
    // the service in flight is waited for, and this version carries it.
    lock_account(&txn, who.id).await?;
    let now = state.clock.now();
    // Raises the version only from the one the candidate started with.
    let updated = candidature::Entity::update_many()
        .col_expr(
            candidature::Column::Version,
            Expr::col(candidature::Column::Version).add(1),
        )
        .col_expr(candidature::Column::Answers, Expr::value(json.clone()))
        .col_expr(candidature::Column::UpdatedAt, Expr::value(now))
        .filter(candidature::Column::Id.eq(c.id))
        .filter(candidature::Column::AccountId.eq(who.id))
        .filter(candidature::Column::Version.eq(expected))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        txn.rollback().await?;
        // Nothing typed is lost: the refused input becomes the draft offered back.
        drafts::keep(&state.db, who.id, ctx.offer.id, &answers.to_form(), 5, now).await?;
        return Err(AppError::StaleVersion);
    }
    // The instant of saving is the one after the lock: the period is checked at it.
    if !ctx.open_at(now) {
        return Err(AppError::OfferClosed);
    }
    // Each version keeps its answers and a PDF: a script saving in a loop is stopped (the
    // count is read under the candidature's lock, so saves in parallel are counted too).
    let recent = candidature_version::Entity::find()
        .filter(candidature_version::Column::CandidatureId.eq(c.id))
        .filter(candidature_version::Column::SavedAt.gt(now - chrono::Duration::minutes(1)))
        .count(&txn)
        .await?;
    let limit = state.accounts.saves_per_candidature_per_minute;
    if limit > 0 && recent >= u64::from(limit) {
        txn.rollback().await?;
        tracing::warn!(candidature = %c.id, "saves of one candidature throttled");
        drafts::keep(&state.db, who.id, ctx.offer.id, &answers.to_form(), 5, now).await?;
        return Err(AppError::TooManyRequests {
            retry_after_secs: 60,
        });
    }
    let version = keep_version(&txn, who, ctx, c.id, expected + 1, &json, key, now).await?;
    commit_with_mail(
        state,
        txn,
        who,
        &format!("/mes-inscriptions/{}", c.id),
        now,
        |to, link| templates::candidature_modified(to, &ctx.summary, expected + 1, link),
    )
    .await?;
    let c = candidature::Model {
        version: expected + 1,
        answers: json,
        updated_at: now,
        ..c
    };
    listing::view(state, &c, &version, ctx).await
}
