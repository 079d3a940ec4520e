//! "Créez votre compte" and its activation (A1-A4; issue 10). Each creation for an address
//! without an activated account is kept as a request of its own, with the hash of the
//! password typed in it, and mails a link of its own. A link proves that whoever follows it
//! reads the mailbox; the activation page then asks for the password chosen in the form, and
//! the request whose password it is becomes the account. So a stranger who submits the
//! owner's address never knows the password of the account the owner activates, whatever
//! the order of the submissions and whichever link the owner follows; and a mail scanner
//! fetching the link activates nothing (activation is a POST with the password).

use super::credentials::{check_not_common, verify_counted};
use super::profile::check_lists;
use super::{commit_and_wake_mail, find_by_email};
use crate::domain::account::{NewAccount, field};
use crate::domain::{DepartementCode, Email};
use crate::error::AppError;
use crate::model::FieldError;
use crate::server::entities::{account, account_request, activation_link};
use crate::server::mail::{outbox, templates};
use crate::server::services::{lockout, tokens};
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, SqlErr,
};

/// Requests kept per address: beyond, the oldest is dropped (a flood of creations for one
/// address costs neither storage nor, at activation, more than this many password checks).
pub const MAX_REQUESTS_PER_ADDRESS: u64 = 5;

/// The activation page's address, with its secret.
fn activation_link(state: &AppState, secret: &str) -> String {
    state
        .accounts
        .link(&format!("/activer-mon-compte?jeton={secret}"))
}

/// Stores a new link for `email` and queues its mail (unless the address received too many
/// mails this hour: the requests stay, and any earlier link activates them).
async fn mail_link(
    state: &AppState,
    txn: &DatabaseTransaction,
    email: &Email,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), AppError> {
    let (secret, hash) = tokens::new_secret();
    activation_link::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        email: Set(email.as_str().to_owned()),
        token_hash: Set(hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(txn)
    .await?;
    let mail = templates::activation(email, &activation_link(state, &secret));
    outbox::enqueue_capped(txn, mail, now, state.accounts.mails_per_recipient_per_hour).await?;
    Ok(())
}

/// The live requests of an address, newest first.
async fn live_requests(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Vec<account_request::Model>, AppError> {
    use account_request::Column as C;
    Ok(account_request::Entity::find()
        .filter(C::Email.eq(email))
        .filter(C::ExpiresAt.gt(now))
        .order_by_desc(C::CreatedAt)
        .limit(MAX_REQUESTS_PER_ADDRESS)
        .all(db)
        .await?)
}

/// "Enregistrer" on "Créez votre compte". The answer is the same whether the address is
/// new, waits for its activation or has an account (whose owner is told by mail).
pub async fn create(state: &AppState, new: NewAccount) -> Result<(), AppError> {
    check_lists(&state.db, &new.details).await?;
    check_not_common(state, &new.password)?;
    let now = state.clock.now();
    // Hash in every case, so every answer takes the same time.
    let hash = state.hasher.hash(&new.password).await?;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    if find_by_email(&txn, &new.email).await?.is_some() {
        let mail = templates::account_exists(
            &new.email,
            &state.accounts.link("/connexion"),
            &state.accounts.link("/mot-de-passe-oublie"),
        );
        outbox::enqueue_capped(&txn, mail, now, state.accounts.mails_per_recipient_per_hour)
            .await?;
        return commit_and_wake_mail(state, txn).await;
    }
    let d = &new.details;
    let expires_at = now + state.accounts.activation_ttl;
    account_request::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        email: Set(new.email.as_str().to_owned()),
        civility: Set(d.civility.as_str().to_owned()),
        birth_name: Set(d.birth_name.as_str().to_owned()),
        usage_name: Set(d.usage_name.as_ref().map(|n| n.as_str().to_owned())),
        first_names: Set(d.first_names.as_str().to_owned()),
        birth_country_code: Set(d.birth_country.clone()),
        birth_date: Set(d.birth_date.date()),
        birth_departement_code: Set(d
            .birth_departement
            .clone()
            .map(DepartementCode::into_string)),
        birth_commune: Set(d.birth_commune.clone()),
        password_hash: Set(hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(&txn)
    .await?;
    drop_oldest_requests(&txn, &new.email, now).await?;
    mail_link(state, &txn, &new.email, now, expires_at).await?;
    commit_and_wake_mail(state, txn).await?;
    tracing::info!("account requested");
    Ok(())
}

/// Keeps the newest [`MAX_REQUESTS_PER_ADDRESS`] requests of an address.
async fn drop_oldest_requests(
    txn: &DatabaseTransaction,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use account_request::Column as C;
    let keep: Vec<uuid::Uuid> = live_requests(txn, email.as_str(), now)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    account_request::Entity::delete_many()
        .filter(C::Email.eq(email.as_str()))
        .filter(C::Id.is_not_in(keep))
        .exec(txn)
        .await?;
    Ok(())
}

/// The password field's refusal on the activation page.
fn wrong_password() -> AppError {
    AppError::InvalidFields(vec![FieldError {
        field: field::PASSWORD.into(),
        message: "Ce n'est pas le mot de passe choisi lors de la création du compte. Si vous l'avez oublié, créez à nouveau votre compte : un nouveau mail vous sera envoyé.".into(),
    }])
}

/// "Activer mon compte": the link's secret and the password chosen when creating the
/// account. Wrong passwords count in the login's lockout, like a sign-in.
pub async fn activate(state: &AppState, secret: &str, password: &str) -> Result<(), AppError> {
    let now = state.clock.now();
    let link = activation_link::Entity::find()
        .filter(activation_link::Column::TokenHash.eq(tokens::hash(secret)))
        .filter(activation_link::Column::UsedAt.is_null())
        .filter(activation_link::Column::ExpiresAt.gt(now))
        .one(&state.db)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    if password.is_empty() {
        return Err(AppError::InvalidFields(vec![FieldError {
            field: field::PASSWORD.into(),
            message: "Saisissez le mot de passe choisi lors de la création de votre compte.".into(),
        }]));
    }
    let mut requests = live_requests(&state.db, &link.email, now).await?;
    if requests.is_empty() {
        return Err(AppError::LinkInvalid);
    }
    let hashes: Vec<&str> = requests.iter().map(|r| r.password_hash.as_str()).collect();
    let key = lockout::key(&link.email);
    let Some(matched) = verify_counted(state, &key, &hashes, password).await? else {
        return Err(wrong_password());
    };
    let request = requests.swap_remove(matched);
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    // Of two uses of the link at once, one goes on.
    let taken = activation_link::Entity::update_many()
        .col_expr(activation_link::Column::UsedAt, Expr::value(now))
        .filter(activation_link::Column::Id.eq(link.id))
        .filter(activation_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1
        || find_by_email(
            &txn,
            &Email::parse(&link.email).map_err(|_| AppError::Internal)?,
        )
        .await?
        .is_some()
    {
        return Err(AppError::LinkInvalid);
    }
    let id = uuid::Uuid::new_v4();
    let search_name = super::search_name(
        &request.birth_name,
        request.usage_name.as_deref(),
        &request.first_names,
    );
    let inserted = account::ActiveModel {
        id: Set(id),
        search_name: Set(search_name),
        email: Set(request.email.clone()),
        civility: Set(request.civility),
        birth_name: Set(request.birth_name),
        usage_name: Set(request.usage_name),
        first_names: Set(request.first_names),
        birth_country_code: Set(request.birth_country_code),
        birth_date: Set(request.birth_date),
        birth_departement_code: Set(request.birth_departement_code),
        birth_commune: Set(request.birth_commune),
        password_hash: Set(request.password_hash),
        session_epoch: Set(0),
        created_at: Set(request.created_at),
        activated_at: Set(Some(now)),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(AppError::LinkInvalid);
        }
        Err(e) => return Err(e.into()),
    }
    // The other requests and links of the address are done with.
    account_request::Entity::delete_many()
        .filter(account_request::Column::Email.eq(&request.email))
        .exec(&txn)
        .await?;
    activation_link::Entity::delete_many()
        .filter(activation_link::Column::Email.eq(&request.email))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    tracing::info!(account = %id, "account activated");
    Ok(())
}

/// The hash of the newest live request of an address, for a sign-in before activation.
pub async fn newest_request_hash(
    db: &impl ConnectionTrait,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    Ok(live_requests(db, email.as_str(), now)
        .await?
        .into_iter()
        .next()
        .map(|r| r.password_hash))
}

/// "Recevoir un nouveau mail d'activation": same answer for any address; a new link when
/// the address has requests waiting and no account.
pub async fn resend_activation(state: &AppState, login: &str) -> Result<(), AppError> {
    let Ok(email) = Email::parse(login) else {
        return Ok(());
    };
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    if find_by_email(&txn, &email).await?.is_none()
        && let Some(newest) = live_requests(&txn, email.as_str(), now).await?.first()
    {
        let expires_at = newest.expires_at;
        mail_link(state, &txn, &email, now, expires_at).await?;
    }
    commit_and_wake_mail(state, txn).await
}

/// Deletes requests and links past their 48 h (A4; checklist line 8), and used links.
/// Returns how many requests were deleted.
pub async fn purge_expired(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let gone = account_request::Entity::delete_many()
        .filter(account_request::Column::ExpiresAt.lte(now))
        .exec(&txn)
        .await?
        .rows_affected;
    activation_link::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(activation_link::Column::ExpiresAt.lte(now))
                .add(activation_link::Column::UsedAt.is_not_null()),
        )
        .exec(&txn)
        .await?;
    txn.commit().await?;
    if gone > 0 {
        tracing::info!(count = gone, "expired account requests deleted");
    }
    Ok(gone)
}
