//! "Se connecter" to the Espace gestionnaire (checklist lines 5, 12, 31): the address, the
//! password and a code of the second factor (a TOTP code, or one of the recovery codes) in
//! one form, one answer for any wrong part, so nothing says which was wrong. Each attempt
//! is counted by the login's lockout before anything is checked and forgotten only when all
//! three are right; a TOTP code is accepted once (its step is stored by a conditional
//! update, so two sign-ins with one code cannot both pass). Each success, failure and lock
//! is a journal row.

use super::{journal_name, sessions};
use crate::error::AppError;
use crate::server::entities::{staff_member, staff_recovery_code};
use crate::server::services::journal::{self, Entry};
use crate::server::services::totp::TotpSecret;
use crate::server::services::{lockout, recovery_codes};
use crate::server::sql::write_transaction;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// A signed-in member and the secret of their session cookie.
#[derive(Debug)]
pub struct SignedIn {
    pub member: staff_member::Model,
    pub session_secret: String,
}

/// Signs a staff member in, or refuses with `SignInFailed` (or `SignInLocked`).
pub async fn sign_in(
    state: &AppState,
    login: &str,
    password: &str,
    code: &str,
    address: Option<&str>,
) -> Result<SignedIn, AppError> {
    let now = state.clock.now();
    // Apart from the candidates' counts: a staff address locked is not a candidate's.
    let key = format!("staff:{}", lockout::key(login));
    let attempt = match lockout::begin_attempt(&state.db, &key, now, &state.accounts).await {
        Ok(n) => n,
        Err(e) => {
            record(state, &key, "connexion.refus_verrouille", address, now).await?;
            return Err(e);
        }
    };
    let member = staff_member::Entity::find()
        .filter(staff_member::Column::Email.eq(lockout::key(login)))
        .one(&state.db)
        .await?
        .filter(|m| m.disabled_at.is_none() && m.enrolled_at.is_some());
    let password_ok = state
        .hasher
        .verify(
            member.as_ref().and_then(|m| m.password_hash.as_deref()),
            password,
        )
        .await?;
    let factor_ok = match &member {
        Some(m) if password_ok => second_factor(state, m, code, now).await?,
        _ => false,
    };
    match member {
        Some(member) if password_ok && factor_ok => {
            lockout::clear(&state.db, &key).await?;
            let txn = write_transaction(&state.db).await?;
            let session_secret = sessions::start(&txn, &member, now).await?;
            let name = journal_name(member.id);
            journal::append(
                &txn,
                &Entry {
                    actor: &name,
                    address,
                    action: "connexion",
                    subject: &name,
                    before: None,
                    after: None,
                },
                now,
            )
            .await?;
            txn.commit().await?;
            tracing::info!(staff = %member.id, "staff signed in");
            Ok(SignedIn {
                member,
                session_secret,
            })
        }
        _ => {
            tracing::info!(login = %lockout::loggable(&key), "staff sign-in refused");
            let answer = lockout::failed(&state.db, &key, attempt, now, &state.accounts).await?;
            let action = match answer {
                AppError::SignInFailed => "connexion.echec",
                _ => "connexion.verrouillage",
            };
            record(state, &key, action, address, now).await?;
            Err(answer)
        }
    }
}

/// Whether `code` is the member's current TOTP code, never used before (its step is then
/// stored), or one of their unused recovery codes (then used).
async fn second_factor(
    state: &AppState,
    member: &staff_member::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some(secret) = member
        .totp_secret
        .as_deref()
        .and_then(TotpSecret::from_base32)
    else {
        return Ok(false);
    };
    if let Some(step) = secret.accept(code, now.timestamp(), member.totp_last_step) {
        let stored = staff_member::Entity::update_many()
            .col_expr(staff_member::Column::TotpLastStep, Expr::value(step))
            .filter(staff_member::Column::Id.eq(member.id))
            .filter(
                Condition::any()
                    .add(staff_member::Column::TotpLastStep.is_null())
                    .add(staff_member::Column::TotpLastStep.lt(step)),
            )
            .exec(&state.db)
            .await?;
        return Ok(stored.rows_affected == 1);
    }
    let unused = staff_recovery_code::Entity::find()
        .filter(staff_recovery_code::Column::StaffId.eq(member.id))
        .filter(staff_recovery_code::Column::UsedAt.is_null())
        .all(&state.db)
        .await?;
    let hashes: Vec<&str> = unused.iter().map(|c| c.code_hash.as_str()).collect();
    let Some(i) = recovery_codes::find(code, &hashes) else {
        return Ok(false);
    };
    let used = staff_recovery_code::Entity::update_many()
        .col_expr(staff_recovery_code::Column::UsedAt, Expr::value(now))
        .filter(staff_recovery_code::Column::StaffId.eq(member.id))
        .filter(staff_recovery_code::Column::CodeHash.eq(hashes[i]))
        .filter(staff_recovery_code::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    if used.rows_affected == 1 {
        tracing::warn!(staff = %member.id, "staff signed in with a recovery code");
    }
    Ok(used.rows_affected == 1)
}

/// A journal row for a refused attempt, under the login typed (bounded, no line breaks).
async fn record(
    state: &AppState,
    key: &str,
    action: &str,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let login = lockout::loggable(key);
    let txn = write_transaction(&state.db).await?;
    journal::append(
        &txn,
        &Entry {
            actor: &login,
            address,
            action,
            subject: &login,
            before: None,
            after: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
