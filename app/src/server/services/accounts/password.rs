//! Passwords: the reset by mailed link, the change in "Modifier mon compte", and the rule
//! that a password is none of the candidate's names nor a common one.

use super::credentials::{check_not_common, verify_counted};
use super::links::{Purpose, consume, issue_token, link, live_token, retire_tokens};
use super::signup;
use super::{commit_and_wake_mail, find_by_email, row_of};
use crate::domain::account::{field, parse_new_password};
use crate::domain::{Email, Password};
use crate::error::AppError;
use crate::model::NewPasswordForm;
use crate::server::entities::account;
use crate::server::identity::Candidate;
use crate::server::mail::outbox::enqueue_capped;
use crate::server::mail::{enqueue, templates};
use crate::server::services::lockout;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

/// "Mot de passe oublié": a single-use link if the address has an active account; the
/// same answer otherwise.
pub async fn request_reset(state: &AppState, email: &Email) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let Some(existing) = find_by_email(&txn, email).await? else {
        // Perhaps an account waiting for its activation: its link again.
        txn.rollback().await?;
        return signup::resend_activation(state, email.as_str()).await;
    };
    retire_tokens(&txn, existing.id, Purpose::Reset, now).await?;
    let expires = now + state.accounts.reset_ttl;
    let secret = issue_token(&txn, existing.id, Purpose::Reset, None, now, expires).await?;
    let mail = templates::password_reset(
        email,
        &link(state, Purpose::Reset, &secret),
        state.accounts.reset_ttl.num_minutes(),
    );
    enqueue_capped(&txn, mail, now, state.accounts.mails_per_recipient_per_hour).await?;
    tracing::info!(account = %existing.id, "password reset requested");
    commit_and_wake_mail(state, txn).await?;
    Ok(())
}

/// Personal words of a stored account (for the password rule).
pub(super) fn personal_words(a: &account::Model) -> Vec<&str> {
    let mut words = vec![a.birth_name.as_str(), a.first_names.as_str()];
    if let Some(n) = &a.usage_name {
        words.push(n.as_str());
    }
    words
}

/// Sets a new password: every session of the account ends, links of reset die, the
/// lockout is lifted, and a notification goes out.
pub(super) async fn set_password(
    state: &AppState,
    txn: &DatabaseTransaction,
    account: account::Model,
    password: &Password,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    let hash = state.hasher.hash(password).await?;
    // Pending links die with the old password: a reset link, and a change of address asked
    // from a session that may not have been the owner's.
    retire_tokens(txn, account.id, Purpose::Reset, now).await?;
    retire_tokens(txn, account.id, Purpose::EmailChange, now).await?;
    lockout::clear(txn, &lockout::key(&account.email)).await?;
    let email = Email::parse(&account.email).map_err(|_| AppError::Internal)?;
    use account::Column as C;
    account::Entity::update_many()
        .col_expr(C::PasswordHash, Expr::value(hash))
        .col_expr(C::SessionEpoch, Expr::col(C::SessionEpoch).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(account.id))
        .exec(txn)
        .await?;
    let updated = account::Entity::find_by_id(account.id)
        .one(txn)
        .await?
        .ok_or(AppError::Internal)?;
    let mail = templates::password_changed(&email, &state.accounts.link("/mot-de-passe-oublie"));
    enqueue(txn, mail, now).await?;
    tracing::info!(account = %updated.id, "password changed");
    Ok(updated)
}

/// Follows a reset link with a new password.
pub async fn reset_password(
    state: &AppState,
    secret: &str,
    form: &NewPasswordForm,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let token = live_token(&txn, secret, Purpose::Reset, now).await?;
    let account = account::Entity::find_by_id(token.account_id)
        .one(&txn)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    let password = parse_new_password(
        form,
        &state.accounts.policy,
        &personal_words(&account),
        false,
    )
    .map_err(AppError::InvalidFields)?;
    check_not_common(state, &password)?;
    consume(&txn, &token, now).await?;
    set_password(state, &txn, account, &password, now).await?;
    commit_and_wake_mail(state, txn).await?;
    Ok(())
}

/// "Modifier mon compte": the new password, once the current one is proven.
pub async fn change_password(
    state: &AppState,
    who: &Candidate,
    form: &NewPasswordForm,
) -> Result<account::Model, AppError> {
    let account = row_of(&state.db, who).await?;
    let password = parse_new_password(
        form,
        &state.accounts.policy,
        &personal_words(&account),
        true,
    )
    .map_err(AppError::InvalidFields)?;
    check_not_common(state, &password)?;
    if verify_counted(
        state,
        &lockout::key(&account.email),
        &[account.password_hash.as_str()],
        &form.current_password,
    )
    .await?
    .is_none()
    {
        return Err(AppError::InvalidFields(vec![crate::model::FieldError {
            field: field::CURRENT_PASSWORD.into(),
            message: "Le mot de passe actuel est incorrect.".into(),
        }]));
    }
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let updated = set_password(state, &txn, account, &password, now).await?;
    commit_and_wake_mail(state, txn).await?;
    Ok(updated)
}
