//! An académie's service gestionnaire (its administrators): name, phone, email and postal
//! address, shown on Modifier mon compte, the wizard's pages and every document.

use super::{checked, label};
use crate::domain::account::Errors;
use crate::domain::{Email, Phone};
use crate::error::AppError;
use crate::model::catalog_edit::ServiceForm;
use crate::server::entities::academy;
use crate::server::identity::Staff;
use crate::server::state::AppState;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// The form of académie `a`, as stored.
pub fn form_of(a: &academy::Model) -> ServiceForm {
    ServiceForm {
        academy: a.code.clone(),
        name: a.service_name.clone(),
        phone: a.service_phone.clone(),
        email: a.service_email.clone(),
        address: a.service_address.clone(),
    }
}

/// Saves the service gestionnaire of an académie of the administrator's scope.
pub async fn save(state: &AppState, staff: &Staff, form: &ServiceForm) -> Result<(), AppError> {
    let code = form.academy.trim();
    if !staff.scope.covers(code) {
        return Err(AppError::NotFound);
    }
    let mut r = Errors::default();
    let name = label(&form.name, 200);
    if name.is_none() {
        r.add("name", "Saisissez le nom du service (200 caractères au plus), par exemple « Rectorat de Versailles - DEC ».");
    }
    let phone = Phone::parse(&form.phone).ok();
    if phone.is_none() {
        r.add(
            "phone",
            "Saisissez un numéro de téléphone, par exemple 01 30 83 44 44.",
        );
    }
    let email = Email::parse(&form.email).ok();
    if email.is_none() {
        r.add(
            "email",
            "Saisissez une adresse électronique, par exemple ce.dec@ac-versailles.fr.",
        );
    }
    let address: Vec<String> = form
        .address
        .lines()
        .map(crate::domain::text::squeeze)
        .filter(|l| !l.is_empty())
        .collect();
    if address.len() > 6 || address.iter().any(|l| l.chars().count() > 100) {
        r.add(
            "address",
            "L'adresse tient en 6 lignes de 100 caractères au plus.",
        );
    }
    checked(r)?;
    let (Some(name), Some(phone), Some(email)) = (name, phone, email) else {
        return Err(AppError::InvalidInput);
    };
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let a = academy::Entity::find()
        .filter(academy::Column::Code.eq(code))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = json!({
        "nom": a.service_name, "telephone": a.service_phone,
        "courriel": a.service_email, "adresse": a.service_address,
    });
    let subject = format!("academie:{}", a.code);
    let mut row: academy::ActiveModel = a.into();
    row.service_name = Set(name);
    row.service_phone = Set(phone.as_str().to_owned());
    row.service_email = Set(email.as_str().to_owned());
    row.service_address = Set(address.join("\n"));
    let a = row.update(&txn).await?;
    let after = json!({
        "nom": a.service_name, "telephone": a.service_phone,
        "courriel": a.service_email, "adresse": a.service_address,
    });
    acting
        .record(
            &txn,
            "catalogue.service",
            &subject,
            Some(before),
            Some(after),
            now,
        )
        .await?;
    txn.commit().await?;
    Ok(())
}
