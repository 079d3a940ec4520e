//! Per-login lockout (checklist line 5): after `lockout_threshold` failures in a row the
//! login is refused for `lockout_duration`, even with the right password. Each attempt is
//! counted before its password is checked and forgotten when it succeeds. Counted per
//! address typed, whether an account has it or not, so a lockout reveals nothing.

use crate::error::AppError;
use crate::server::entities::sign_in_failure;
use crate::server::settings::AccountSettings;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Value,
};

/// The form a login is counted under: trimmed, lower case, bounded.
pub fn key(login: &str) -> String {
    login.trim().to_lowercase().chars().take(254).collect()
}

/// A login as it may appear in the log: no line breaks or control characters, bounded.
pub fn loggable(key: &str) -> String {
    key.chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn locked(until: DateTime<Utc>, now: DateTime<Utc>) -> AppError {
    AppError::SignInLocked {
        retry_after_secs: u64::try_from((until - now).num_seconds())
            .unwrap_or(0)
            .max(1),
    }
}

/// Counts this attempt before the password is checked, in one atomic upsert, so that
/// guesses sent in parallel cannot all get past the count. Refuses a locked login, and an
/// attempt numbered beyond the threshold. Returns the attempt's number in the current run
/// of failures (a success ends the run).
pub async fn begin_attempt(
    db: &DatabaseConnection,
    key: &str,
    now: DateTime<Utc>,
    settings: &AccountSettings,
) -> Result<i32, AppError> {
    let backend = db.get_database_backend();
    // Failures older than a lockout period are forgotten: the run starts again at 1. While
    // the login is locked nothing is counted (the lock ends when it says, however many
    // attempts trickle in meanwhile); once it has ended, the run starts again.
    let sql = "INSERT INTO sign_in_failures (email, failures, last_failure_at, locked_until) \
         VALUES ({}, 1, {}, NULL) \
         ON CONFLICT (email) DO UPDATE SET \
         failures = CASE WHEN sign_in_failures.locked_until > {} THEN sign_in_failures.failures \
                         WHEN sign_in_failures.locked_until IS NOT NULL \
                              OR sign_in_failures.last_failure_at < {} THEN 1 \
                         ELSE sign_in_failures.failures + 1 END, \
         last_failure_at = CASE WHEN sign_in_failures.locked_until > {} \
                         THEN sign_in_failures.last_failure_at ELSE {} END, \
         locked_until = CASE WHEN sign_in_failures.locked_until > {} \
                         THEN sign_in_failures.locked_until ELSE NULL END \
         RETURNING failures, locked_until";
    let values: Vec<Value> = vec![
        key.into(),
        now.into(),
        now.into(),
        (now - settings.lockout_duration).into(),
        now.into(),
        now.into(),
        now.into(),
    ];
    let row = db
        .query_one_raw(crate::server::sql::statement(backend, sql, values))
        .await?
        .ok_or(AppError::Internal)?;
    let attempt: i32 = row.try_get("", "failures")?;
    let locked_until: Option<DateTime<Utc>> = row.try_get("", "locked_until")?;
    if let Some(until) = locked_until
        && until > now
    {
        return Err(locked(until, now));
    }
    if attempt > threshold(settings) {
        // More attempts in flight than failures allowed: the one numbered at the threshold
        // decides (it locks the login if wrong); these are refused unchecked.
        return Err(AppError::SignInLocked {
            retry_after_secs: u64::try_from(settings.lockout_duration.num_seconds())
                .unwrap_or(60)
                .max(1),
        });
    }
    Ok(attempt)
}

fn threshold(settings: &AccountSettings) -> i32 {
    i32::try_from(settings.lockout_threshold)
        .unwrap_or(i32::MAX)
        .max(1)
}

/// The answer to a wrong password at attempt number `attempt`: the attempt that reaches
/// the threshold locks the login.
pub async fn failed(
    db: &DatabaseConnection,
    key: &str,
    attempt: i32,
    now: DateTime<Utc>,
    settings: &AccountSettings,
) -> Result<AppError, AppError> {
    if attempt >= threshold(settings) {
        lock(db, key, now, settings).await
    } else {
        Ok(AppError::SignInFailed)
    }
}

/// Locks the login for the configured delay (unless it already is).
async fn lock(
    db: &DatabaseConnection,
    key: &str,
    now: DateTime<Utc>,
    settings: &AccountSettings,
) -> Result<AppError, AppError> {
    use sign_in_failure::Column as C;
    let until = now + settings.lockout_duration;
    let done = sign_in_failure::Entity::update_many()
        .col_expr(C::LockedUntil, Expr::value(until))
        .col_expr(C::Failures, Expr::value(0))
        .filter(C::Email.eq(key))
        .filter(
            Condition::any()
                .add(C::LockedUntil.is_null())
                .add(C::LockedUntil.lte(now)),
        )
        .exec(db)
        .await?;
    if done.rows_affected > 0 {
        tracing::warn!(login = %loggable(key), "sign-in locked");
        return Ok(locked(until, now));
    }
    // Locked meanwhile by a parallel attempt: answer with that lock.
    let row = sign_in_failure::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    Ok(locked(
        row.and_then(|r| r.locked_until).unwrap_or(until),
        now,
    ))
}

/// Forgets the failure counts of logins that no longer matter: unlocked (or the lock
/// over) and last failure older than a lockout period. Returns how many.
pub async fn purge_stale(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    settings: &AccountSettings,
) -> Result<u64, AppError> {
    use sign_in_failure::Column as C;
    Ok(sign_in_failure::Entity::delete_many()
        .filter(C::LastFailureAt.lt(now - settings.lockout_duration))
        .filter(
            Condition::any()
                .add(C::LockedUntil.is_null())
                .add(C::LockedUntil.lte(now)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// Forgets the failures of a login (after a success or a new password).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), AppError> {
    sign_in_failure::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_and_logs_lose_line_breaks() {
        assert_eq!(key("  Jean_Talu@AC-rennes.fr "), "jean_talu@ac-rennes.fr");
        assert_eq!(loggable("a\r\nINFO forged"), "a??INFO forged");
    }
}
