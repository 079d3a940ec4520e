//! "Désinscrire" (REQUIREMENTS S5, R11's staff half): a gestionnaire unregisters a
//! candidature with a reason; it leaves the candidate's lists and documents (R9), stays in
//! the dossier as désinscrite, its documents verify as such, and the candidate is mailed.
//! An administrator can undo it while the session is not over. Each change is made only
//! if the candidature is as the member saw it (its last change's instant): the second of two
//! members acting at once is told who changed it and when, and nothing is overwritten.

use super::read::{account_subject, in_scope, journal_subject};
use crate::error::AppError;
use crate::model::FieldError;
use crate::server::entities::{account, candidature};
use crate::server::ids::CandidatureId;
use crate::server::mail::{outbox, templates};
use crate::server::services::candidatures::{Status, offer};
use crate::server::services::journal::{self, Entry};
use crate::server::services::revision;
use crate::server::sql::write_transaction;
use crate::server::state::AppState;
use chrono::Datelike;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;

/// The field of the reason.
pub const REASON: &str = "reason";

/// Longest reason kept.
pub const REASON_MAX: usize = 500;

pub use crate::server::services::journal::Acting;

/// The reason typed: required (`missing` says so), at most [`REASON_MAX`] characters,
/// spaces squeezed.
pub fn parse_reason(text: &str, missing: &str) -> Result<String, AppError> {
    let reason = crate::domain::text::squeeze(text);
    let message = if reason.is_empty() {
        Some(missing)
    } else if reason.chars().count() > REASON_MAX {
        Some("Le motif ne doit pas dépasser 500 caractères.")
    } else {
        None
    };
    match message {
        Some(m) => Err(AppError::InvalidFields(vec![FieldError {
            field: REASON.into(),
            message: m.into(),
        }])),
        None => Ok(reason),
    }
}

/// Unregisters candidature `id`, seen at `seen`, for `reason`.
pub async fn unregister(
    state: &AppState,
    who: &Acting<'_>,
    id: CandidatureId,
    seen: &str,
    reason: &str,
) -> Result<(), AppError> {
    let reason = parse_reason(
        reason,
        "Indiquez le motif de la désinscription : il est envoyé au candidat.",
    )?;
    change(
        state,
        who,
        id,
        seen,
        Status::Registered,
        Status::Withdrawn,
        Some(&reason),
    )
    .await
}

/// Undoes a désinscription (administrators, while the session is not over).
pub async fn reinstate(
    state: &AppState,
    who: &Acting<'_>,
    id: CandidatureId,
    seen: &str,
) -> Result<(), AppError> {
    change(
        state,
        who,
        id,
        seen,
        Status::Withdrawn,
        Status::Registered,
        None,
    )
    .await
}

async fn change(
    state: &AppState,
    who: &Acting<'_>,
    id: CandidatureId,
    seen: &str,
    from: Status,
    to: Status,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let seen = revision::parse(seen)?;
    let now = state.clock.now();
    // Found within the scope before anything else: another académie's id is "not found".
    in_scope(state, who.scope, id).await?;
    let txn = write_transaction(&state.db).await?;
    let c = candidature::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if c.updated_at != seen || Status::of(&c.status) != from {
        return Err(changed_meanwhile(state, who.scope, &txn, &c).await?);
    }
    let ctx = offer::by_id(&txn, state.tz, now, c.offer_id).await?;
    if to == Status::Registered && ctx.summary.session_year < now.with_timezone(&state.tz).year() {
        // The session is over: nothing to undo any more.
        return Err(AppError::OfferClosed);
    }
    let updated = candidature::Entity::update_many()
        .col_expr(candidature::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            candidature::Column::UpdatedAt,
            Expr::value(revision::next(now, c.updated_at)),
        )
        .filter(candidature::Column::Id.eq(id.uuid()))
        .filter(candidature::Column::Status.eq(from.as_str()))
        .filter(candidature::Column::UpdatedAt.eq(c.updated_at))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(changed_meanwhile(state, who.scope, &txn, &c).await?);
    }
    let email = account::Entity::find_by_id(c.account_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?
        .email;
    let email = crate::domain::Email::parse(&email).map_err(|_| AppError::Internal)?;
    let registration = format!("{:03}", c.registration_number);
    let mail = match reason {
        Some(reason) => {
            templates::candidature_unregistered(&email, &ctx.summary, &registration, reason)
        }
        None => templates::candidature_reinstated(&email, &ctx.summary, &registration),
    };
    outbox::enqueue(&txn, mail, now).await?;
    let action = match to {
        Status::Withdrawn => "candidature.desinscription",
        Status::Registered => "candidature.reinscription",
    };
    journal::append(
        &txn,
        &Entry {
            actor: &who.name,
            address: who.address.as_deref(),
            action,
            subject: &journal_subject(id),
            before: Some(json!({ "statut": from.as_str() })),
            after: Some(match reason {
                Some(r) => json!({ "statut": to.as_str(), "motif": r }),
                None => json!({ "statut": to.as_str() }),
            }),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    state.jobs.wake(crate::server::jobs::JobKind::Mail);
    tracing::info!(candidature = %id.uuid(), action, "candidature status changed by staff");
    Ok(())
}

/// Who changed candidature `c` last, and when: the journal's last staff action on it if it
/// is the change the member did not see, else the candidate (a modification).
async fn changed_meanwhile(
    state: &AppState,
    scope: &crate::domain::Scope,
    db: &impl ConnectionTrait,
    c: &candidature::Model,
) -> Result<AppError, AppError> {
    revision::changed_by(
        db,
        state.tz,
        scope,
        &[
            journal_subject(CandidatureId::new(c.id)),
            account_subject(crate::server::ids::AccountId::new(c.account_id)),
        ],
        c.updated_at,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(parse_reason("  En   double ", "?").unwrap(), "En double");
        for bad in ["", "   ", &"x".repeat(REASON_MAX + 1)] {
            let Err(AppError::InvalidFields(f)) = parse_reason(bad, "?") else {
                panic!()
            };
            assert_eq!(f[0].field, REASON);
        }
    }
}
