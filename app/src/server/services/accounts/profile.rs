//! "Modifier mon compte": what it shows, and the identity fields, changed only while the
//! candidate has no candidature (A6).

use super::links::Purpose;
use super::row_of;
use crate::domain::DepartementCode;
use crate::domain::account::{AccountDetails, Errors, field, parse_details};
use crate::domain::local_time::date_fr;
use crate::error::AppError;
use crate::model::{AccountForm, MyAccount, ServiceContact};
use crate::server::entities::{
    academy, account, account_token, candidature, country, departement, offer,
};
use crate::server::identity::Candidate;
use crate::server::ids::AccountId;
use crate::server::state::AppState;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};

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
        && departement::Entity::find_by_id(code.as_str())
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

pub(crate) fn apply_details(row: &mut account::ActiveModel, d: &AccountDetails) {
    row.civility = Set(d.civility.as_str().to_owned());
    row.birth_name = Set(d.birth_name.as_str().to_owned());
    row.usage_name = Set(d.usage_name.as_ref().map(|n| n.as_str().to_owned()));
    row.first_names = Set(d.first_names.as_str().to_owned());
    row.birth_country_code = Set(d.birth_country.clone());
    row.birth_date = Set(d.birth_date.date());
    row.birth_departement_code = Set(d
        .birth_departement
        .clone()
        .map(DepartementCode::into_string));
    row.birth_commune = Set(d.birth_commune.clone());
    row.search_name = Set(super::search_name(
        d.birth_name.as_str(),
        d.usage_name.as_ref().map(|n| n.as_str()),
        d.first_names.as_str(),
    ));
}

/// The service gestionnaire of the candidate's first candidature, if any (A6).
pub(super) async fn frozen_by(
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
            address: String::new(),
        },
        |a| crate::server::services::candidatures::offer::service_contact(&a),
    )))
}

/// Takes the account's row lock in the caller's transaction (a write that changes nothing),
/// so that what depends on its identity and candidatures happens one at a time.
pub async fn lock_account(db: &impl ConnectionTrait, account: AccountId) -> Result<(), AppError> {
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
pub async fn my_account(state: &AppState, who: &Candidate) -> Result<MyAccount, AppError> {
    let a = &row_of(&state.db, who).await?;
    use account_token::Column as C;
    let pending = account_token::Entity::find()
        .filter(C::AccountId.eq(a.id))
        .filter(C::Purpose.eq(Purpose::EmailChange.as_str()))
        .filter(C::UsedAt.is_null())
        .filter(C::ExpiresAt.gt(state.clock.now()))
        .one(&state.db)
        .await?
        .and_then(|t| t.new_email);
    let form = AccountForm {
        email: a.email.clone(),
        email_confirm: a.email.clone(),
        ..identity_form(a)
    };
    Ok(MyAccount {
        form,
        pending_email: pending,
        frozen: frozen_by(&state.db, a.id).await?,
    })
}

/// The account's identity as its form shows it, the confirmations filled in (no email, no
/// password).
pub fn identity_form(a: &account::Model) -> AccountForm {
    let date = date_fr(a.birth_date);
    AccountForm {
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
        ..AccountForm::default()
    }
}

/// "Enregistrer" on "Modifier mes informations": identity fields, only while the
/// candidate has no candidature (A6).
pub async fn update_details(
    state: &AppState,
    who: &Candidate,
    form: &AccountForm,
) -> Result<(), AppError> {
    let a = row_of(&state.db, who).await?;
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
    lock_account(&txn, who.id).await?;
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
