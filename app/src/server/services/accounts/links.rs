//! The links mailed to an account (activation, reset, new address): issued, retired,
//! found live, used once.

use crate::domain::Email;
use crate::error::AppError;
use crate::server::entities::account_token;
use crate::server::services::tokens;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

/// What a mailed link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Reset,
    EmailChange,
}

impl Purpose {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Reset => "reset",
            Self::EmailChange => "email_change",
        }
    }
}

/// The page each link opens, with its secret.
pub(super) fn link(state: &AppState, purpose: Purpose, secret: &str) -> String {
    let page = match purpose {
        Purpose::Reset => "/reinitialiser-mot-de-passe",
        Purpose::EmailChange => "/confirmer-mon-adresse",
    };
    state.accounts.link(&format!("{page}?jeton={secret}"))
}

/// Stores a new link for `account` and returns its secret.
pub(super) async fn issue_token(
    txn: &DatabaseTransaction,
    account: uuid::Uuid,
    purpose: Purpose,
    new_email: Option<&Email>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<String, AppError> {
    let (secret, hash) = tokens::new_secret();
    account_token::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        account_id: Set(account),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(hash),
        new_email: Set(new_email.map(|e| e.as_str().to_owned())),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(txn)
    .await?;
    Ok(secret)
}

/// Marks every unused link of `purpose` of the account as used.
pub(super) async fn retire_tokens(
    db: &impl ConnectionTrait,
    account: uuid::Uuid,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use account_token::Column as C;
    account_token::Entity::update_many()
        .col_expr(C::UsedAt, Expr::value(now))
        .filter(C::AccountId.eq(account))
        .filter(C::Purpose.eq(purpose.as_str()))
        .filter(C::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The valid, unused link behind `secret`, or `LinkInvalid`.
pub(super) async fn live_token(
    db: &impl ConnectionTrait,
    secret: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<account_token::Model, AppError> {
    use account_token::Column as C;
    account_token::Entity::find()
        .filter(C::TokenHash.eq(tokens::hash(secret)))
        .filter(C::Purpose.eq(purpose.as_str()))
        .filter(C::UsedAt.is_null())
        .filter(C::ExpiresAt.gt(now))
        .one(db)
        .await?
        .ok_or(AppError::LinkInvalid)
}

/// Uses a link once: of two concurrent uses, only one updates the row.
pub(super) async fn consume(
    txn: &DatabaseTransaction,
    token: &account_token::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use account_token::Column as C;
    let done = account_token::Entity::update_many()
        .col_expr(C::UsedAt, Expr::value(now))
        .filter(C::Id.eq(token.id))
        .filter(C::UsedAt.is_null())
        .exec(txn)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::LinkInvalid)
    }
}
