//! "Corriger l'identité" (A6's other half, REQUIREMENTS S4): once a candidature exists the
//! candidate can no longer change their identity, only the service can. A correction needs a
//! reason; the values before and after go to the journal; every registered candidature of
//! the account gets a new version carrying the corrected identity, and the documents that
//! print it are published again; the candidate is mailed. Made only if the account is as
//! the member saw it (its last change's instant), like "Désinscrire".

use super::read::{account_subject, in_scope};
use super::status::{Acting, REASON, parse_reason};
use crate::domain::account::{Errors, errors_for_staff, parse_details};
use crate::error::AppError;
use crate::model::{AccountForm, IdentitySummary};
use crate::server::entities::{account, candidature, candidature_version, document};
use crate::server::ids::{AccountId, CandidatureId};
use crate::server::mail::{outbox, templates};
use crate::server::services::accounts::{apply_details, check_lists, lock_account};
use crate::server::services::candidatures::Status;
use crate::server::services::documents;
use crate::server::services::journal::{self, Entry};
use crate::server::services::registration::save::identity_json;
use crate::server::services::revision;
use crate::server::sql::write_transaction;
use crate::server::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde_json::{Map, Value, json};

/// The "field" of a correction that changes nothing: the form's group of identity fields.
pub const UNCHANGED: &str = "identite-corrigee";

/// The fields of a saved identity a correction may change, with the words of the form.
const FIELDS: [(&str, &str); 8] = [
    ("civility", "Civilité"),
    ("birth_name", "Nom de famille"),
    ("usage_name", "Nom d'usage"),
    ("first_names", "Prénoms"),
    ("birth_date", "Date de naissance"),
    ("birth_country", "Pays de naissance"),
    ("birth_departement", "Département de naissance"),
    ("birth_commune", "Commune de naissance"),
];

/// Corrects the identity of the candidate of candidature `id` (as the member opened it),
/// their account seen at `seen`.
pub async fn correct(
    state: &AppState,
    who: &Acting<'_>,
    id: CandidatureId,
    seen: &str,
    form: &AccountForm,
    reason: &str,
) -> Result<(), AppError> {
    // Every refused field at once, the reason with them.
    let today = state.clock.now().with_timezone(&state.tz).date_naive();
    let mut errors = Errors::default();
    let details = parse_details(form, today, &mut errors);
    let reason = match parse_reason(
        reason,
        "Indiquez le motif de la correction : il est envoyé au candidat.",
    ) {
        Ok(r) => Some(r),
        Err(AppError::InvalidFields(fields)) => {
            for f in fields {
                errors.add(REASON, f.message);
            }
            None
        }
        Err(e) => return Err(e),
    };
    let (Some(details), Some(reason)) = (details, reason) else {
        return Err(AppError::InvalidFields(errors_for_staff(errors.into_vec())));
    };
    if !errors.is_empty() {
        return Err(AppError::InvalidFields(errors_for_staff(errors.into_vec())));
    }
    check_lists(&state.db, &details)
        .await
        .map_err(|e| match e {
            AppError::InvalidFields(f) => AppError::InvalidFields(errors_for_staff(f)),
            other => other,
        })?;
    let seen = revision::parse(seen)?;
    // Found within the scope before anything else: another académie's id is "not found".
    let opened = in_scope(state, who.scope, id).await?;
    let account_id = AccountId::new(opened.account_id);
    let txn = write_transaction(&state.db).await?;
    // The account's lock first: a save of the candidate waits for the correction, or the
    // correction for it (then its version carries the old identity and this one a new one).
    lock_account(&txn, account_id).await?;
    let row = account::Entity::find_by_id(account_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let subject = account_subject(account_id);
    if row.updated_at != seen {
        return Err(
            revision::changed_by(&txn, state.tz, who.scope, &[subject], row.updated_at).await?,
        );
    }
    let email = crate::domain::Email::parse(&row.email).map_err(|_| AppError::Internal)?;
    let row_changed = row.updated_at;
    let before = summary(&txn, account_id).await?;
    let mut active = row.into_active_model();
    apply_details(&mut active, &details);
    active.updated_at = Set(revision::next(now, row_changed));
    active.update(&txn).await?;
    let after_json = identity_json(&txn, account_id).await?;
    let after: IdentitySummary =
        serde_json::from_str(&after_json).map_err(|_| AppError::Internal)?;
    let Differences {
        old,
        mut new,
        labels: changed,
    } = differences(&before, &after)?;
    if changed.is_empty() {
        return Err(AppError::InvalidFields(vec![crate::model::FieldError {
            field: UNCHANGED.into(),
            message: "Aucune information n'a été modifiée : corrigez le champ concerné.".into(),
        }]));
    }
    republish(&txn, account_id, &after_json, now).await?;
    new.insert("motif".into(), Value::String(reason.clone()));
    journal::append(
        &txn,
        &Entry {
            actor: &who.name,
            address: who.address.as_deref(),
            action: "compte.correction_identite",
            subject: &subject,
            before: Some(Value::Object(old)),
            after: Some(Value::Object(new)),
        },
        now,
    )
    .await?;
    outbox::enqueue(
        &txn,
        templates::identity_corrected(
            &email,
            &changed,
            &reason,
            &state.accounts.link("/mes-documents"),
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    state.jobs.wake(crate::server::jobs::JobKind::Mail);
    state.jobs.wake(crate::server::jobs::JobKind::Render);
    tracing::info!(account = %account_id.uuid(), "identity corrected by staff");
    Ok(())
}

async fn summary(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<IdentitySummary, AppError> {
    serde_json::from_str(&identity_json(db, account).await?).map_err(|_| AppError::Internal)
}

/// What a correction changes: the old values, the new ones (by field), and the labels.
#[derive(Debug, Default)]
struct Differences {
    old: Map<String, Value>,
    new: Map<String, Value>,
    labels: Vec<&'static str>,
}

/// The fields that differ.
fn differences(before: &IdentitySummary, after: &IdentitySummary) -> Result<Differences, AppError> {
    let (Value::Object(b), Value::Object(a)) = (json!(before), json!(after)) else {
        return Err(AppError::Internal);
    };
    let mut d = Differences::default();
    for (name, label) in FIELDS {
        let (was, is) = (b.get(name), a.get(name));
        if was != is {
            d.old
                .insert(name.into(), was.cloned().unwrap_or(Value::Null));
            d.new
                .insert(name.into(), is.cloned().unwrap_or(Value::Null));
            d.labels.push(label);
        }
    }
    Ok(d)
}

/// A new version of each registered candidature of the account (its answers unchanged, the
/// identity corrected), and each of its documents published again at that version.
async fn republish(
    db: &impl ConnectionTrait,
    account: AccountId,
    identity: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let registered = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(account.uuid()))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .all(db)
        .await?;
    for c in registered {
        let version = c.version + 1;
        // Under the account's lock a save of the candidate cannot come between; should the
        // candidature have moved anyway, nothing is written.
        let moved = candidature::Entity::update_many()
            .col_expr(candidature::Column::Version, Expr::value(version))
            .col_expr(
                candidature::Column::UpdatedAt,
                Expr::value(revision::next(now, c.updated_at)),
            )
            .filter(candidature::Column::Id.eq(c.id))
            .filter(candidature::Column::Version.eq(c.version))
            .exec(db)
            .await?;
        if moved.rows_affected != 1 {
            return Err(AppError::StaleVersion);
        }
        candidature_version::ActiveModel {
            candidature_id: Set(c.id),
            version: Set(version),
            answers: Set(c.answers.clone()),
            identity: Set(identity.to_owned()),
            saved_at: Set(now),
            idempotency_key: Set(uuid::Uuid::new_v4()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        // The latest document of each kind, published again with its own details.
        let published = document::Entity::find()
            .filter(document::Column::CandidatureId.eq(c.id))
            .order_by_asc(document::Column::Number)
            .all(db)
            .await?;
        let mut latest: Vec<document::Model> = Vec::new();
        for d in published {
            latest.retain(|l| l.kind != d.kind);
            latest.push(d);
        }
        for d in latest {
            let Some(kind) = crate::model::documents::DocumentKind::parse(&d.kind) else {
                continue;
            };
            let details = serde_json::from_str(&d.details).unwrap_or(Value::Object(Map::new()));
            // A convocation not shown yet stays hidden until its batch's instant.
            let embargo = d.visible_from.filter(|at| *at > now);
            documents::publish::publish_from(
                db,
                CandidatureId::new(c.id),
                kind,
                version,
                details,
                now,
                embargo,
            )
            .await?;
        }
    }
    Ok(())
}
