//! Checking what a candidate types as a password, shared by sign-in, activation, the reset
//! and "Modifier mon compte": against the stored hashes, each attempt counted by the login's
//! lockout; and against the list of common passwords. A leaf of the account services.

use crate::domain::Password;
use crate::domain::account::field;
use crate::error::AppError;
use crate::server::services::{lockout, passwords};
use crate::server::state::AppState;

/// Checks `password` typed for the login `key` against the `stored` hashes in turn (none:
/// the dummy hash, so an unknown login costs the same), counted as one attempt in the
/// login's lockout (checklist line 5) wherever a password is checked: sign-in, activation,
/// "Modifier mon compte". Returns which hash matched; a lock refuses even the right password.
pub(crate) async fn verify_counted(
    state: &AppState,
    key: &str,
    stored: &[&str],
    password: &str,
) -> Result<Option<usize>, AppError> {
    let now = state.clock.now();
    let attempt = lockout::begin_attempt(&state.db, key, now, &state.accounts).await?;
    if stored.is_empty() {
        state.hasher.verify(None, password).await?;
    }
    for (i, hash) in stored.iter().enumerate() {
        if state.hasher.verify(Some(hash), password).await? {
            lockout::clear(&state.db, key).await?;
            return Ok(Some(i));
        }
    }
    tracing::info!(login = %lockout::loggable(key), "wrong password");
    match lockout::failed(&state.db, key, attempt, now, &state.accounts).await? {
        AppError::SignInFailed => Ok(None),
        locked => Err(locked),
    }
}

/// Refuses a password of the common list, beside its field.
pub(crate) fn check_not_common(state: &AppState, password: &Password) -> Result<(), AppError> {
    if passwords::is_common(&state.common_passwords, password.expose()) {
        return Err(AppError::InvalidFields(vec![crate::model::FieldError {
            field: field::PASSWORD.into(),
            message: "Ce mot de passe est trop courant : choisissez-en un autre.".into(),
        }]));
    }
    Ok(())
}
