//! Enrolment from the one-time link (checklist lines 11, 12): the page shows the TOTP secret
//! (as a QR code and as text); the member chooses a password and types a code of their
//! application, which confirms the factor; ten recovery codes are then shown once. The link
//! works once and expires; a second enrolment (a factor reset) ends every session.

use super::journal_name;
use crate::domain::staff::field;
use crate::domain::{Password, PasswordError, PasswordPolicy};
use crate::error::AppError;
use crate::model::FieldError;
use crate::server::entities::{staff_enrolment, staff_member, staff_recovery_code};
use crate::server::ids::StaffId;
use crate::server::services::journal::{self, Entry};
use crate::server::services::totp::TotpSecret;
use crate::server::services::{passwords, recovery_codes, tokens};
use crate::server::sql::write_transaction;
use crate::server::state::AppState;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// What the enrolment page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub staff: StaffId,
    pub email: String,
    /// Base32, for the application (as text and in the otpauth URI).
    pub secret: String,
    pub otpauth_uri: String,
}

/// The enrolment the link's `secret` opens, while it is valid and unused.
pub async fn open(state: &AppState, secret: &str) -> Result<Pending, AppError> {
    let now = state.clock.now();
    let link = staff_enrolment::Entity::find_by_id(tokens::hash(secret))
        .one(&state.db)
        .await?
        .filter(|l| l.used_at.is_none() && now < l.expires_at)
        .ok_or(AppError::LinkInvalid)?;
    let member = staff_member::Entity::find_by_id(link.staff_id)
        .one(&state.db)
        .await?
        .filter(|m| m.disabled_at.is_none())
        .ok_or(AppError::LinkInvalid)?;
    let totp = TotpSecret::from_base32(&link.totp_secret).ok_or(AppError::Internal)?;
    Ok(Pending {
        staff: StaffId::new(member.id),
        otpauth_uri: totp.otpauth_uri("Cyclades", &member.email),
        email: member.email,
        secret: link.totp_secret,
    })
}

/// An enrolment completed: the recovery codes to show once, and the secret of the session
/// it opens (the member has just proved both factors).
#[derive(Debug)]
pub struct Enrolled {
    pub recovery_codes: Vec<String>,
    pub session_secret: String,
}

/// Completes the enrolment: the password (12 to 128 characters, not a common one) and a
/// code of the secret shown.
pub async fn complete(
    state: &AppState,
    secret: &str,
    password: &str,
    code: &str,
    address: Option<&str>,
) -> Result<Enrolled, AppError> {
    let pending = open(state, secret).await?;
    let mut errors = Vec::new();
    let password = match Password::parse(password, &PasswordPolicy::staff(), &[]) {
        Ok(p) if passwords::is_common(&state.common_passwords, p.expose()) => {
            errors.push(refused(field::PASSWORD, &PasswordError::Common.to_string()));
            None
        }
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(refused(field::PASSWORD, &e.to_string()));
            None
        }
    };
    let now = state.clock.now();
    let totp = TotpSecret::from_base32(&pending.secret).ok_or(AppError::Internal)?;
    let step = totp.accept(code, now.timestamp(), None);
    if step.is_none() {
        errors.push(refused(
            field::CODE,
            "Ce code ne correspond pas : saisissez le code à 6 chiffres que votre application affiche maintenant.",
        ));
    }
    let (Some(password), Some(step)) = (password, step) else {
        return Err(AppError::InvalidFields(errors));
    };
    let hash = state.hasher.hash(&password).await?;
    let (codes, hashes) = recovery_codes::generate();
    let txn = write_transaction(&state.db).await?;
    // Used once: of two completions at once, the second finds the link used.
    let used = staff_enrolment::Entity::update_many()
        .col_expr(staff_enrolment::Column::UsedAt, Expr::value(now))
        .filter(staff_enrolment::Column::TokenHash.eq(tokens::hash(secret)))
        .filter(staff_enrolment::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected == 0 {
        return Err(AppError::LinkInvalid);
    }
    let id = pending.staff.uuid();
    staff_member::Entity::update_many()
        .col_expr(staff_member::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            staff_member::Column::TotpSecret,
            Expr::value(pending.secret),
        )
        .col_expr(staff_member::Column::TotpLastStep, Expr::value(step))
        .col_expr(staff_member::Column::EnrolledAt, Expr::value(now))
        .col_expr(
            staff_member::Column::SessionEpoch,
            Expr::col(staff_member::Column::SessionEpoch).add(1),
        )
        .filter(staff_member::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    staff_recovery_code::Entity::delete_many()
        .filter(staff_recovery_code::Column::StaffId.eq(id))
        .exec(&txn)
        .await?;
    for code_hash in hashes {
        staff_recovery_code::ActiveModel {
            staff_id: Set(id),
            code_hash: Set(code_hash),
            used_at: Set(None),
        }
        .insert(&txn)
        .await?;
    }
    super::sessions::end_all(&txn, pending.staff).await?;
    let member = staff_member::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    let session_secret = super::sessions::start(&txn, &member, now).await?;
    let name = journal_name(id);
    journal::append(
        &txn,
        &Entry {
            actor: &name,
            address,
            action: "personnel.enrolement",
            subject: &name,
            before: None,
            after: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(staff = %id, "staff member enrolled");
    Ok(Enrolled {
        recovery_codes: codes,
        session_secret,
    })
}

/// A new enrolment link for a member (an administrator resets a lost second factor): the
/// old factor keeps working until the new one is confirmed. Returns the link's secret.
pub async fn reset(
    state: &AppState,
    actor: &super::members::Actor,
    id: StaffId,
) -> Result<String, AppError> {
    reset_mailing(state, actor, id, |_| None).await
}

/// Same, with the mail `mail` makes of the link's secret queued in the same transaction.
pub async fn reset_mailing(
    state: &AppState,
    actor: &super::members::Actor,
    id: StaffId,
    mail: impl FnOnce(&str) -> Option<crate::server::mail::Mail>,
) -> Result<String, AppError> {
    let now = state.clock.now();
    let txn = write_transaction(&state.db).await?;
    staff_member::Entity::find_by_id(id.uuid())
        .one(&txn)
        .await?
        .filter(|m| m.disabled_at.is_none())
        .ok_or(AppError::NotFound)?;
    let secret =
        super::members::new_enrolment(&txn, id.uuid(), now, state.accounts.staff_enrolment_ttl)
            .await?;
    let mailed = match mail(&secret) {
        Some(m) => {
            crate::server::mail::enqueue(&txn, m, now).await?;
            true
        }
        None => false,
    };
    journal::append(
        &txn,
        &Entry {
            actor: &actor.name,
            address: actor.address.as_deref(),
            action: "personnel.reinitialisation_facteur",
            subject: &journal_name(id.uuid()),
            before: None,
            after: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    if mailed {
        state.jobs.wake(crate::server::jobs::JobKind::Mail);
    }
    Ok(secret)
}

fn refused(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}
