//! Se connecter (A5): the password checked off the executor, failures counted per login
//! (the lockout), the same answer for an unknown login.

use super::credentials::verify_counted;
use super::find_by_email;
use super::signup;
use crate::domain::Email;
use crate::error::AppError;
use crate::server::entities::account;
use crate::server::services::lockout;
use crate::server::state::AppState;

/// "Se connecter" (A5). Unknown address and wrong password give the same answer after the
/// same work; too many failures lock the login, known or not. An address that only waits
/// for its activation is checked against its newest request: the right password says so.
pub async fn sign_in(
    state: &AppState,
    login: &str,
    password: &str,
) -> Result<account::Model, AppError> {
    let now = state.clock.now();
    let key = lockout::key(login);
    let (found, pending) = match Email::parse(login) {
        Ok(email) => match find_by_email(&state.db, &email).await? {
            Some(a) => (Some(a), None),
            None => (
                None,
                signup::newest_request_hash(&state.db, &email, now).await?,
            ),
        },
        Err(_) => (None, None),
    };
    let stored = found
        .as_ref()
        .map(|a| a.password_hash.as_str())
        .or(pending.as_deref());
    if verify_counted(state, &key, stored.as_slice(), password)
        .await?
        .is_none()
    {
        return Err(AppError::SignInFailed);
    }
    let Some(account) = found else {
        return Err(AppError::NotActivated);
    };
    tracing::info!(account = %account.id, "signed in");
    Ok(account)
}

/// Runs `work` after the answer has gone: a request about an address then takes the same
/// time whether an account has it or not (checklist line 7). Failures are logged.
pub fn after_answer<F>(what: &'static str, work: F)
where
    F: std::future::Future<Output = Result<(), AppError>> + Send + 'static,
{
    tokio::spawn(async move {
        if let Err(e) = work.await {
            tracing::error!(code = e.code(), "{what} failed");
        }
    });
}
