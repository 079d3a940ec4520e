//! A new login address: requested with the current password, confirmed by the link
//! mailed to it.

use super::credentials::verify_counted;
use super::links::{Purpose, consume, issue_token, link, live_token, retire_tokens};
use super::{commit_and_wake_mail, find_by_email, row_of};
use crate::domain::Email;
use crate::domain::account::{Errors, field, parse_email_change};
use crate::error::AppError;
use crate::model::EmailChangeForm;
use crate::server::entities::account;
use crate::server::identity::Candidate;
use crate::server::mail::{enqueue, templates};
use crate::server::services::lockout;
use crate::server::state::AppState;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

/// A new login address: it becomes the login once the link mailed to it is followed.
pub async fn request_email_change(
    state: &AppState,
    who: &Candidate,
    form: &EmailChangeForm,
) -> Result<Email, AppError> {
    let a = &row_of(&state.db, who).await?;
    let new_email = parse_email_change(form).map_err(AppError::InvalidFields)?;
    let mut errors = Errors::default();
    if new_email.as_str() == a.email {
        errors.add(field::EMAIL, "C'est déjà l'adresse mail de votre compte.");
        return Err(AppError::InvalidFields(errors.into_vec()));
    }
    // The login moves only for someone who knows the password, not any open session.
    if verify_counted(
        state,
        &lockout::key(&a.email),
        &[a.password_hash.as_str()],
        &form.email_current_password,
    )
    .await?
    .is_none()
    {
        errors.add(
            field::EMAIL_CURRENT_PASSWORD,
            "Le mot de passe actuel est incorrect.",
        );
        return Err(AppError::InvalidFields(errors.into_vec()));
    }
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    retire_tokens(&txn, a.id, Purpose::EmailChange, now).await?;
    let expires = now + state.accounts.email_change_ttl;
    let secret = issue_token(
        &txn,
        a.id,
        Purpose::EmailChange,
        Some(&new_email),
        now,
        expires,
    )
    .await?;
    let mail =
        templates::confirm_new_email(&new_email, &link(state, Purpose::EmailChange, &secret));
    enqueue(&txn, mail, now).await?;
    commit_and_wake_mail(state, txn).await?;
    tracing::info!(account = %a.id, "email change requested");
    Ok(new_email)
}

/// Follows the link mailed to a new address: it becomes the login, the old one is told.
pub async fn confirm_email_change(state: &AppState, secret: &str) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let token = live_token(&txn, secret, Purpose::EmailChange, now).await?;
    let new_email = token
        .new_email
        .as_deref()
        .and_then(|e| Email::parse(e).ok())
        .ok_or(AppError::LinkInvalid)?;
    consume(&txn, &token, now).await?;
    // A reset link mailed to the old address must not outlive the change.
    retire_tokens(&txn, token.account_id, Purpose::Reset, now).await?;
    let account = account::Entity::find_by_id(token.account_id)
        .one(&txn)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    if find_by_email(&txn, &new_email).await?.is_some() {
        // Only the owner of the new mailbox sees this: nothing leaks to a stranger.
        return Err(AppError::EmailTaken);
    }
    let old_email = Email::parse(&account.email).map_err(|_| AppError::Internal)?;
    let mut row = account.into_active_model();
    row.email = Set(new_email.as_str().to_owned());
    row.updated_at = Set(now);
    let updated = row.update(&txn).await?;
    enqueue(&txn, templates::email_changed(&old_email, &new_email), now).await?;
    commit_and_wake_mail(state, txn).await?;
    tracing::info!(account = %updated.id, "email changed");
    Ok(())
}
