//! The schedule of an offer's tests (date, time, duration, place, instructions), and the
//! page that shows it with the offer's batches. Staff of the offer's académie only.

use super::batches;
use crate::domain::LocalDateTime;
use crate::domain::account::Errors;
use crate::domain::home_message::parse_instant_fr;
use crate::error::AppError;
use crate::model::convocations::{ConvocationsPage, OfferLine, ScheduleForm, ScheduleRow, kind_fr};
use crate::model::recap::epreuve_line;
use crate::server::entities::{academy, convocation_schedule, exam, offer, session, speciality};
use crate::server::identity::Staff;
use crate::server::services::candidatures::offer as offers;
use crate::server::services::catalog_edit::{INSTANT_FR, checked, offers::registered};
use crate::server::services::scope::offer_in_scope;
use crate::server::state::AppState;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

/// The schedules of offer `id`, by test code.
pub async fn of_offer(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<super::details::Schedules, AppError> {
    Ok(convocation_schedule::Entity::find()
        .filter(convocation_schedule::Column::OfferId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.epreuve_code.clone(), s))
        .collect())
}

/// "EXAM : SPECIALITY", the académie's label and the session year of an offer.
pub async fn names(
    db: &impl ConnectionTrait,
    o: &offer::Model,
) -> Result<(String, String, i32), AppError> {
    let e = exam::Entity::find_by_id(o.exam_id).one(db).await?;
    let s = speciality::Entity::find_by_id(o.speciality_id)
        .one(db)
        .await?;
    let a = academy::Entity::find_by_id(o.academy_id).one(db).await?;
    let year = session::Entity::find_by_id(o.session_id).one(db).await?;
    Ok((
        format!(
            "{} : {}",
            e.map_or_else(String::new, |e| e.label),
            s.map_or_else(String::new, |s| s.label)
        ),
        a.map_or_else(String::new, |a| a.label),
        year.map_or(0, |y| y.year),
    ))
}

/// "Convocations": the offers of the member's académies, latest session first.
pub async fn offers_of_scope(state: &AppState, staff: &Staff) -> Result<Vec<OfferLine>, AppError> {
    let db = &state.db;
    let academies: Vec<academy::Model> = academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|a| staff.scope.covers(&a.code))
        .collect();
    let list = offer::Entity::find()
        .filter(offer::Column::AcademyId.is_in(academies.iter().map(|a| a.id)))
        .order_by_desc(offer::Column::OpensAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(list.len());
    for o in list {
        let (label, academy, session) = names(db, &o).await?;
        out.push(OfferLine {
            id: o.id,
            label,
            academy,
            session,
            registered: registered(db, o.id).await?,
        });
    }
    Ok(out)
}

/// The page of offer `id`'s convocations.
pub async fn page(state: &AppState, staff: &Staff, id: i32) -> Result<ConvocationsPage, AppError> {
    let db = &state.db;
    let o = offer_in_scope(state, &staff.scope, id).await?;
    let (label, academy, session) = names(db, &o).await?;
    let catalog = offers::catalog(db, o.speciality_id).await?;
    let schedules = of_offer(db, o.id).await?;
    let rows = catalog
        .epreuves
        .iter()
        .map(|t| {
            let saved = schedules.get(&t.code);
            ScheduleRow {
                label: epreuve_line(t),
                kind: kind_fr(t.kind).to_owned(),
                saved: saved.is_some(),
                form: match saved {
                    Some(s) => ScheduleForm {
                        offer: o.id,
                        epreuve: t.code.clone(),
                        starts: LocalDateTime::from_utc(s.starts_at, state.tz).to_string(),
                        duration: s.duration_minutes.to_string(),
                        place: s.place.clone(),
                        instructions: s.instructions.clone(),
                    },
                    None => ScheduleForm {
                        offer: o.id,
                        epreuve: t.code.clone(),
                        ..Default::default()
                    },
                },
            }
        })
        .collect();
    Ok(ConvocationsPage {
        offer: o.id,
        label,
        academy,
        session,
        registered: registered(db, o.id).await?,
        schedules: rows,
        batches: batches::rows(db, state.tz, state.clock.now(), o.id).await?,
    })
}

/// Longest place (an address) and instructions accepted.
const PLACE_MAX: usize = 500;
const INSTRUCTIONS_MAX: usize = 2000;

/// "Enregistrer" the schedule of one test.
pub async fn save(state: &AppState, staff: &Staff, form: &ScheduleForm) -> Result<(), AppError> {
    let db = &state.db;
    let o = offer_in_scope(state, &staff.scope, form.offer).await?;
    let catalog = offers::catalog(db, o.speciality_id).await?;
    let test = catalog
        .epreuves
        .iter()
        .find(|t| t.code == form.epreuve)
        .ok_or(AppError::NotFound)?;
    let mut r = Errors::default();
    let starts = parse_instant_fr(&form.starts, state.tz);
    if starts.is_none() {
        r.add("starts", INSTANT_FR);
    }
    let duration = form
        .duration
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|m| (1..=24 * 60).contains(m));
    if duration.is_none() {
        r.add(
            "duration",
            "Saisissez la durée en minutes, de 1 à 1440, par exemple 180 pour trois heures.",
        );
    }
    let place: String = form
        .place
        .lines()
        .map(crate::domain::text::squeeze)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if place.is_empty() {
        r.add(
            "place",
            "Saisissez le lieu de l'épreuve : le nom de l'établissement et son adresse.",
        );
    } else if place.chars().count() > PLACE_MAX || place.lines().count() > 6 {
        r.add(
            "place",
            "Le lieu tient en 6 lignes et 500 caractères au plus.",
        );
    }
    let instructions = form.instructions.trim().to_owned();
    if instructions.chars().count() > INSTRUCTIONS_MAX {
        r.add(
            "instructions",
            "Les consignes tiennent en 2000 caractères au plus.",
        );
    }
    checked(r)?;
    let (Some(starts), Some(duration)) = (starts, duration) else {
        return Err(AppError::InvalidInput);
    };
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(db).await?;
    let existing = convocation_schedule::Entity::find()
        .filter(convocation_schedule::Column::OfferId.eq(o.id))
        .filter(convocation_schedule::Column::EpreuveCode.eq(test.code.as_str()))
        .one(&txn)
        .await?;
    let paris = |t| LocalDateTime::from_utc(t, state.tz).to_string();
    let before = existing.as_ref().map(|s| {
        json!({ "debut": paris(s.starts_at), "duree": s.duration_minutes, "lieu": s.place, "consignes": s.instructions })
    });
    let mut row = match existing {
        Some(s) => s.into(),
        None => convocation_schedule::ActiveModel {
            offer_id: Set(o.id),
            epreuve_code: Set(test.code.clone()),
            ..Default::default()
        },
    };
    row.starts_at = Set(starts);
    row.duration_minutes = Set(duration);
    row.place = Set(place.clone());
    row.instructions = Set(instructions.clone());
    row.updated_at = Set(now);
    row.save(&txn).await?;
    acting
        .record(
            &txn,
            "convocations.horaire",
            &format!("offre:{}:epreuve:{}", o.id, test.code),
            before,
            Some(json!({ "debut": paris(starts), "duree": duration, "lieu": place, "consignes": instructions })),
            now,
        )
        .await?;
    txn.commit().await?;
    Ok(())
}
