//! Per-login lockout (checklist line 5): after `lockout_threshold` failures in a row the
//! login is refused for `lockout_duration`, even with the right password. Counted per
//! address typed, whether an account has it or not, so a lockout reveals nothing.

use crate::error::AppError;
use crate::server::entities::sign_in_failure;
use crate::server::settings::AccountSettings;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};

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

/// Refuses a locked login; otherwise tells whether failures are on record for it.
pub async fn check(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let row = sign_in_failure::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    if let Some(until) = row.as_ref().and_then(|r| r.locked_until)
        && until > now
    {
        return Err(locked(until, now));
    }
    Ok(row.is_some())
}

/// Counts a failure; returns the answer to give (`SignInFailed`, or `SignInLocked` when
/// this failure reaches the threshold).
pub async fn record_failure(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
    settings: &AccountSettings,
) -> Result<AppError, AppError> {
    let threshold = i32::try_from(settings.lockout_threshold)
        .unwrap_or(i32::MAX)
        .max(1);
    let existing = sign_in_failure::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    let previous = existing
        .as_ref()
        // Failures older than a lockout period are forgotten.
        .filter(|r| now - r.last_failure_at < settings.lockout_duration)
        .map_or(0, |r| r.failures);
    let failures = previous + 1;
    let (failures, locked_until) = if failures >= threshold {
        tracing::warn!(login = %loggable(key), "sign-in locked");
        (0, Some(now + settings.lockout_duration))
    } else {
        (failures, None)
    };
    match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.failures = Set(failures);
            row.last_failure_at = Set(now);
            row.locked_until = Set(locked_until);
            row.update(db).await?;
        }
        None => {
            sign_in_failure::ActiveModel {
                email: Set(key.to_owned()),
                failures: Set(failures),
                last_failure_at: Set(now),
                locked_until: Set(locked_until),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(locked_until.map_or(AppError::SignInFailed, |until| locked(until, now)))
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
