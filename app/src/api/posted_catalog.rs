//! The forms of the catalog's staff pages posted by the browser itself (before the client
//! code is ready, or without JavaScript): "Catalogue national", "Offres et périodes", an
//! offer's page and its convocations. Each calls the server function the client would; see [`super::posted`].

use super::catalog_edit::{
    apply_offer_import, change_national, change_period, create_offer, delete_offer, save_service,
};
use super::convocations::{prepare_convocations, save_schedule};
use super::posted::Next;
use crate::error::AppError;
use crate::model::catalog_edit::{
    ImportApply, NationalChange, NewOfferForm, PeriodForm, ServiceForm,
};
use crate::model::convocations::{PrepareForm, ScheduleForm};
use crate::model::posted::form;

/// The pages answered here.
pub const NATIONAL: &str = "/gestion/catalogue";
pub const OFFERS: &str = "/gestion/offres";

/// The answer to `form` posted to `path`, if it is one of these pages' forms.
pub async fn answer(
    path: &str,
    form: &str,
    get: &(dyn Fn(&str) -> String + Sync),
) -> Option<Result<Next, AppError>> {
    let offer_page = path
        .strip_prefix("/gestion/offres/")
        .and_then(|id| id.parse::<i32>().ok());
    if let Some(id) = path.strip_prefix("/gestion/offres/import/") {
        if form != form::STAFF_OFFER_IMPORT {
            return None;
        }
        let page = format!("{OFFERS}/import/{id}");
        return Some(
            apply_offer_import(ImportApply {
                id: id.to_owned(),
                fingerprint: get("fingerprint"),
            })
            .await
            .map(|n| Next::Go(format!("{page}?appliquees={n}"))),
        );
    }
    if let Some(id) = path
        .strip_prefix("/gestion/offres/")
        .and_then(|rest| rest.strip_suffix("/convocations"))
        .and_then(|id| id.parse::<i32>().ok())
    {
        return convocations(id, form, get).await;
    }
    Some(match (path, form, offer_page) {
        (NATIONAL, form::STAFF_NATIONAL, _) => match NationalChange::from_fields(get) {
            Some(change) => {
                let anchor = change.anchor();
                let action = get("action");
                change_national(change)
                    .await
                    .map(|()| Next::Go(format!("{NATIONAL}?fait={action}#{anchor}")))
            }
            None => Err(AppError::InvalidInput),
        },
        (OFFERS, form::STAFF_SERVICE, _) => {
            let academy = get("academy");
            save_service(ServiceForm {
                academy: academy.clone(),
                name: get("name"),
                phone: get("phone"),
                email: get("email"),
                address: get("address"),
            })
            .await
            .map(|()| {
                Next::Go(format!(
                    "{OFFERS}?fait=service#academie-{}",
                    crate::domain::text::anchor_of(&academy)
                ))
            })
        }
        (OFFERS, form::STAFF_OFFER_NEW, _) => create_offer(NewOfferForm {
            academy: get("academy"),
            speciality: get("speciality"),
            session: get("session"),
            opens: get("opens"),
            closes: get("closes"),
            confirmation: get("confirmation"),
        })
        .await
        .map(|id| Next::Go(format!("{OFFERS}/{id}?fait=creation"))),
        (_, form::STAFF_PERIOD, Some(id)) => change_period(PeriodForm {
            offer: id,
            opens: get("opens"),
            closes: get("closes"),
            confirmation: get("confirmation"),
            confirmed: get("confirmed"),
        })
        .await
        .map(|()| Next::Go(format!("{OFFERS}/{id}?fait=periode"))),
        (_, form::STAFF_OFFER_DELETE, Some(id)) => delete_offer(id)
            .await
            .map(|()| Next::Go(format!("{OFFERS}?fait=suppression"))),
        _ => return None,
    })
}

/// The forms of an offer's "Convocations" page.
async fn convocations(
    id: i32,
    form: &str,
    get: &(dyn Fn(&str) -> String + Sync),
) -> Option<Result<Next, AppError>> {
    let page = format!("{OFFERS}/{id}/convocations");
    Some(match form {
        form::STAFF_SCHEDULE => {
            let epreuve = get("epreuve");
            save_schedule(ScheduleForm {
                offer: id,
                epreuve: epreuve.clone(),
                starts: get("starts"),
                duration: get("duration"),
                place: get("place"),
                instructions: get("instructions"),
            })
            .await
            .map(|()| {
                Next::Go(format!(
                    "{page}?fait=horaire#epreuve-{}",
                    crate::domain::text::anchor_of(&epreuve)
                ))
            })
        }
        form::STAFF_CONVOCATIONS => prepare_convocations(PrepareForm {
            offer: id,
            selection: get("selection"),
            numbers: get("numbers"),
            when: get("when"),
            publish_at: get("publish_at"),
        })
        .await
        .map(|p| {
            Next::Go(format!(
                "{page}?publiees={}&inchangees={}#lots",
                p.published, p.unchanged
            ))
        }),
        _ => return None,
    })
}
