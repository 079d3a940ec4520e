//! The reference data of the wizard (R3, R5): the lists sent whole, the localities of a
//! postal code, the établissements of a département, and the checks the browser cannot
//! make because the lists are too long to send.

use crate::domain::account::{Errors, FRANCE};
use crate::domain::registration::field;
use crate::domain::text::{squeeze, upper_unaccented};
use crate::domain::{DepartementCode, PostalCode};
use crate::error::AppError;
use crate::model::{ListOption, RegistrationForm, Tab, WizardLists};
use crate::server::entities::{etablissement, hr_option, nationality, postal_code};
use crate::server::services::reference;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Every list of tabs 1 and 3, read once per process.
pub async fn cached_lists(state: &crate::server::AppState) -> Result<WizardLists, AppError> {
    state
        .wizard_lists
        .get_or_try_init(|| lists(&state.db))
        .await
        .cloned()
}

/// Every list of tabs 1 and 3, from the database.
pub async fn lists(db: &impl ConnectionTrait) -> Result<WizardLists, AppError> {
    let hr = hr_option::Entity::find()
        .order_by_asc(hr_option::Column::Rank)
        .all(db)
        .await?;
    let of = |list: &str| -> Vec<ListOption> {
        hr.iter()
            .filter(|o| o.list == list)
            .map(|o| ListOption {
                code: o.code.clone(),
                label: o.label.clone(),
            })
            .collect()
    };
    let mut nationalities: Vec<ListOption> = nationality::Entity::find()
        .order_by_asc(nationality::Column::Label)
        .all(db)
        .await?
        .into_iter()
        .map(|n| ListOption {
            code: n.code,
            label: n.label,
        })
        .collect();
    nationalities.sort_by_key(|n| n.code != FRANCE);
    Ok(WizardLists {
        countries: reference::countries(db).await?,
        nationalities,
        departements: reference::departements(db).await?,
        corps: of("corps"),
        statuts: of("statut"),
        positions: of("position"),
    })
}

/// The localities a French postal code serves, by name ("BLARU").
pub async fn postal_localities(
    db: &impl ConnectionTrait,
    code: &PostalCode,
) -> Result<Vec<String>, AppError> {
    let mut names: Vec<String> = postal_code::Entity::find()
        .filter(postal_code::Column::Code.eq(code.as_str()))
        .select_only()
        .column(postal_code::Column::Locality)
        .into_tuple::<String>()
        .all(db)
        .await?;
    names.sort();
    names.dedup();
    Ok(names)
}

/// "78000-VERSAILLES": how a locality of établissements is written and chosen.
fn place(e: &etablissement::Model) -> String {
    format!("{}-{}", e.postal_code, e.locality)
}

async fn of_departement(
    db: &impl ConnectionTrait,
    departement: &DepartementCode,
) -> Result<Vec<etablissement::Model>, AppError> {
    let mut rows = etablissement::Entity::find()
        .filter(etablissement::Column::DepartementCode.eq(departement.as_str()))
        .all(db)
        .await?;
    // The same order on every database, accents ignored ("ÉCOLE" with "ECOLE").
    rows.sort_by_cached_key(|e| {
        (
            e.postal_code.clone(),
            e.locality.clone(),
            upper_unaccented(&e.name),
        )
    });
    Ok(rows)
}

/// The localities of a département where an établissement is known.
pub async fn work_localities(
    db: &impl ConnectionTrait,
    departement: &DepartementCode,
) -> Result<Vec<ListOption>, AppError> {
    let mut places: Vec<String> = of_departement(db, departement)
        .await?
        .iter()
        .map(place)
        .collect();
    places.dedup();
    Ok(places
        .into_iter()
        .map(|p| ListOption {
            code: p.clone(),
            label: p,
        })
        .collect())
}

/// The établissements of a locality: "ETABLISSEMENT PENITENTIAIRE (0783371R)".
pub async fn etablissements(
    db: &impl ConnectionTrait,
    departement: &DepartementCode,
    locality: &str,
) -> Result<Vec<ListOption>, AppError> {
    Ok(of_departement(db, departement)
        .await?
        .into_iter()
        .filter(|e| place(e) == locality)
        .map(|e| ListOption {
            label: format!("{} ({})", e.name, e.uai),
            code: e.uai,
        })
        .collect())
}

/// The récapitulatif's line: "ETABLISSEMENT PENITENTIAIRE (0783371R) 78000-VERSAILLES (078)".
pub async fn etablissement_label(
    db: &impl ConnectionTrait,
    form: &RegistrationForm,
) -> Result<String, AppError> {
    if form.work_country != FRANCE {
        return Ok(form.etablissement.clone());
    }
    let uai = form.etablissement.trim().to_ascii_uppercase();
    Ok(etablissement::Entity::find_by_id(uai)
        .one(db)
        .await?
        .map(|e| {
            format!(
                "{} ({}) {} ({})",
                e.name,
                e.uai,
                place(&e),
                e.departement_code
            )
        })
        .unwrap_or_default())
}

/// What only the server can check in `tab` (or in every tab): the postal code and its
/// locality, the établissement in the chosen département and locality.
pub async fn check(
    db: &impl ConnectionTrait,
    tab: Option<Tab>,
    form: &RegistrationForm,
    errors: &mut Errors,
) -> Result<(), AppError> {
    let wants = |t: Tab| tab.is_none_or(|x| x == t);
    if wants(Tab::Identification) && form.address_country == FRANCE {
        let localities = match PostalCode::french(&form.postal_code) {
            Ok(code) => postal_localities(db, &code).await?,
            Err(_) => Vec::new(),
        };
        let typed = squeeze(&form.locality).to_uppercase();
        if localities.is_empty() {
            errors.add(field::POSTAL_CODE, "Ce code postal n'existe pas en France.");
        } else if !typed.is_empty() && !localities.contains(&typed) {
            errors.add(
                field::LOCALITY,
                "Choisissez la localité parmi celles de ce code postal.",
            );
        }
    }
    if wants(Tab::Situation) && form.work_country == FRANCE && !form.etablissement.trim().is_empty()
    {
        let uai = form.etablissement.trim().to_ascii_uppercase();
        match etablissement::Entity::find_by_id(uai).one(db).await? {
            None => errors.add(
                field::ETABLISSEMENT,
                "Aucun établissement ou service connu ne porte ce code UAI.",
            ),
            Some(e) if e.departement_code != form.work_departement.trim() => errors.add(
                field::ETABLISSEMENT,
                "Cet établissement n'est pas dans le département choisi.",
            ),
            Some(e) if place(&e) != form.work_locality.trim() => errors.add(
                field::WORK_LOCALITY,
                "Cet établissement n'est pas dans la localité choisie.",
            ),
            Some(_) => {}
        }
    }
    Ok(())
}
