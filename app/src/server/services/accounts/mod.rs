//! Candidate accounts (A5-A6), one file each: the mailed links, sign-in with per-login
//! lockout, passwords (reset and change), "Modifier mon compte" with its A6 rule, the
//! address change. Creation and activation are in [`signup`]. Every mail is queued in the
//! transaction of its change.

use crate::domain::account::{
    AccountDetails, Errors, field, parse_details, parse_email_pair, parse_new_password,
};
use crate::domain::{Email, Password};
use crate::error::AppError;
use crate::model::{AccountForm, EmailChangeForm, MyAccount, NewPasswordForm, ServiceContact};
use crate::server::entities::{
    academy, account, account_token, candidature, country, departement, offer,
};
use crate::server::identity::Candidate;
use crate::server::mail::outbox::enqueue_capped;
use crate::server::mail::{enqueue, templates};
use crate::server::services::{lockout, passwords, signup, tokens};
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

mod address;
mod links;
mod password;
mod profile;
mod sign_in;

pub use address::*;
pub use links::*;
pub use password::*;
pub use profile::*;
pub use sign_in::*;

/// The account row of the signed-in candidate (for the changes that need its password
/// hash or its every field).
pub(super) async fn row_of(
    db: &impl ConnectionTrait,
    who: &Candidate,
) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(who.id.uuid())
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// Commits the change with its mails, then wakes the sender.
pub(crate) async fn commit_and_wake_mail(
    state: &AppState,
    txn: DatabaseTransaction,
) -> Result<(), AppError> {
    txn.commit().await?;
    state.jobs.wake(crate::server::jobs::JobKind::Mail);
    Ok(())
}

pub(crate) async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}
