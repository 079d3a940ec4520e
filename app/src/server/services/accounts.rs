//! Candidate accounts (A5-A6): sign-in with per-login lockout, reset, "Modifier mon compte"
//! with its A6 rule. Creation and activation are in [`signup`]. Every mail is queued in the
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

/// What a mailed link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Reset,
    EmailChange,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Reset => "reset",
            Self::EmailChange => "email_change",
        }
    }
}

/// The page each link opens, with its secret.
fn link(state: &AppState, purpose: Purpose, secret: &str) -> String {
    let page = match purpose {
        Purpose::Reset => "/reinitialiser-mot-de-passe",
        Purpose::EmailChange => "/confirmer-mon-adresse",
    };
    state.accounts.link(&format!("{page}?jeton={secret}"))
}

/// Stores a new link for `account` and returns its secret.
async fn issue_token(
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

/// Commits the change with its mails, then wakes the sender.
pub(crate) async fn commit_and_wake_mail(
    state: &AppState,
    txn: DatabaseTransaction,
) -> Result<(), AppError> {
    txn.commit().await?;
    state.jobs.wake(crate::server::jobs::JobKind::Mail);
    Ok(())
}

/// Marks every unused link of `purpose` of the account as used.
async fn retire_tokens(
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
async fn live_token(
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
async fn consume(
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

pub(crate) async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

/// Checks the list codes against the reference data (the browser only offers valid ones).
pub(crate) async fn check_lists(
    db: &impl ConnectionTrait,
    details: &AccountDetails,
) -> Result<(), AppError> {
    let mut errors = Errors::default();
    if country::Entity::find_by_id(details.birth_country.clone())
        .one(db)
        .await?
        .is_none()
    {
        errors.add(
            field::BIRTH_COUNTRY,
            "Choisissez votre pays de naissance dans la liste.",
        );
    }
    if let Some(code) = &details.birth_departement
        && departement::Entity::find_by_id(code.clone())
            .one(db)
            .await?
            .is_none()
    {
        errors.add(
            field::BIRTH_DEPARTEMENT,
            "Choisissez votre département, DOM ou COM de naissance dans la liste.",
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::InvalidFields(errors.into_vec()))
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

fn apply_details(row: &mut account::ActiveModel, d: &AccountDetails) {
    row.civility = Set(d.civility.as_str().to_owned());
    row.birth_name = Set(d.birth_name.as_str().to_owned());
    row.usage_name = Set(d.usage_name.as_ref().map(|n| n.as_str().to_owned()));
    row.first_names = Set(d.first_names.as_str().to_owned());
    row.birth_country_code = Set(d.birth_country.clone());
    row.birth_date = Set(d.birth_date.date());
    row.birth_departement_code = Set(d.birth_departement.clone());
    row.birth_commune = Set(d.birth_commune.clone());
}

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
fn personal_words(a: &account::Model) -> Vec<&str> {
    let mut words = vec![a.birth_name.as_str(), a.first_names.as_str()];
    if let Some(n) = &a.usage_name {
        words.push(n.as_str());
    }
    words
}

/// Sets a new password: every session of the account ends, links of reset die, the
/// lockout is lifted, and a notification goes out.
async fn set_password(
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
    account: account::Model,
    form: &NewPasswordForm,
) -> Result<account::Model, AppError> {
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

/// The service gestionnaire of the candidate's first candidature, if any (A6).
async fn frozen_by(
    db: &impl ConnectionTrait,
    account: uuid::Uuid,
) -> Result<Option<ServiceContact>, AppError> {
    let Some(first) = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(account))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let academy = match offer::Entity::find_by_id(first.offer_id).one(db).await? {
        Some(o) => academy::Entity::find_by_id(o.academy_id).one(db).await?,
        None => None,
    };
    Ok(Some(academy.map_or_else(
        || ServiceContact {
            name: "Service gestionnaire".into(),
            phone: String::new(),
            email: String::new(),
        },
        |a| ServiceContact {
            name: a.service_name,
            phone: a.service_phone,
            email: a.service_email,
        },
    )))
}

/// Takes the account's row lock in the caller's transaction (a write that changes nothing),
/// so that what depends on its identity and candidatures happens one at a time.
pub async fn lock_account(db: &impl ConnectionTrait, account: uuid::Uuid) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    account::Entity::update_many()
        .col_expr(
            account::Column::SessionEpoch,
            Expr::col(account::Column::SessionEpoch),
        )
        .filter(account::Column::Id.eq(account))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether the account has at least one candidature.
pub async fn has_candidature(
    db: &impl ConnectionTrait,
    account: uuid::Uuid,
) -> Result<bool, AppError> {
    Ok(candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0)
}

/// What "Modifier mon compte" shows.
pub async fn my_account(state: &AppState, a: &account::Model) -> Result<MyAccount, AppError> {
    use account_token::Column as C;
    let pending = account_token::Entity::find()
        .filter(C::AccountId.eq(a.id))
        .filter(C::Purpose.eq(Purpose::EmailChange.as_str()))
        .filter(C::UsedAt.is_null())
        .filter(C::ExpiresAt.gt(state.clock.now()))
        .one(&state.db)
        .await?
        .and_then(|t| t.new_email);
    let date = a.birth_date.format("%d/%m/%Y").to_string();
    let form = AccountForm {
        civility: a.civility.clone(),
        birth_name: a.birth_name.clone(),
        birth_name_confirm: a.birth_name.clone(),
        usage_name: a.usage_name.clone().unwrap_or_default(),
        first_names: a.first_names.clone(),
        birth_country: a.birth_country_code.clone(),
        birth_date: date.clone(),
        birth_date_confirm: date,
        birth_departement: a.birth_departement_code.clone().unwrap_or_default(),
        birth_commune: a.birth_commune.clone(),
        email: a.email.clone(),
        email_confirm: a.email.clone(),
        password: String::new(),
        password_confirm: String::new(),
    };
    Ok(MyAccount {
        form,
        pending_email: pending,
        frozen: frozen_by(&state.db, a.id).await?,
    })
}

/// "Enregistrer" on "Modifier mes informations": identity fields, only while the
/// candidate has no candidature (A6).
pub async fn update_details(
    state: &AppState,
    a: account::Model,
    form: &AccountForm,
) -> Result<(), AppError> {
    let today = state.clock.now().with_timezone(&state.tz).date_naive();
    let mut errors = Errors::default();
    let details = parse_details(form, today, &mut errors);
    let details = match details {
        Some(d) if errors.is_empty() => d,
        _ => return Err(AppError::InvalidFields(errors.into_vec())),
    };
    check_lists(&state.db, &details).await?;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    // Locks the account first (a write: SQLite takes its write lock at once), so a first
    // candidature saved meanwhile is seen, or waits for this change (A6).
    lock_account(&txn, a.id).await?;
    if has_candidature(&txn, a.id).await? {
        return Err(AppError::AccountFrozen);
    }
    let id = a.id;
    let mut row = a.into_active_model();
    apply_details(&mut row, &details);
    row.updated_at = Set(state.clock.now());
    row.update(&txn).await?;
    txn.commit().await?;
    tracing::info!(account = %id, "account details changed");
    Ok(())
}

/// A new login address: it becomes the login once the link mailed to it is followed.
pub async fn request_email_change(
    state: &AppState,
    a: &account::Model,
    form: &EmailChangeForm,
) -> Result<Email, AppError> {
    let mut errors = Errors::default();
    let new_email = parse_email_pair(&form.email, &form.email_confirm, &mut errors);
    if form.email_current_password.is_empty() {
        errors.add(
            field::EMAIL_CURRENT_PASSWORD,
            "Saisissez votre mot de passe actuel.",
        );
    }
    let Some(new_email) = new_email.filter(|_| errors.is_empty()) else {
        return Err(AppError::InvalidFields(errors.into_vec()));
    };
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
