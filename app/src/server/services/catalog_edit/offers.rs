//! An académie's offers (its administrators): exam + speciality + session year, the
//! registration period (opening and closing instants typed in Paris time, closing after
//! opening) and, for an exam (G01), the date its confirmation must be returned. A change to
//! an open period with registered candidates must be confirmed; an offer with candidatures
//! is closed, never deleted. Each change is in the journal.

use super::{INSTANT_FR, checked, refused};
use crate::domain::account::Errors;
use crate::domain::home_message::parse_instant_fr;
use crate::domain::{LocalDateTime, PeriodState, RegistrationPeriod};
use crate::error::AppError;
use crate::model::catalog_edit::{
    AcademyOffers, NewOfferForm, OfferEdit, OfferRow, OffersPage, PeriodForm,
};
use crate::server::entities::{academy, candidature, domain, exam, offer, session, speciality};
use crate::server::identity::Staff;
use crate::server::services::candidatures::Status;
use crate::server::services::journal::Acting;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// The académies of the administrator's scope with their service and their offers, and
/// what a new offer can be for.
pub async fn page(state: &AppState, staff: &Staff) -> Result<OffersPage, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let mut academies: Vec<academy::Model> = academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|a| staff.scope.covers(&a.code))
        .collect();
    academies.sort_by_cached_key(|a| crate::domain::text::upper_unaccented(&a.label));
    let names = Names::load(db).await?;
    let sessions: HashMap<i32, i32> = session::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.year))
        .collect();
    let mut out = Vec::with_capacity(academies.len());
    for a in academies {
        let offers = offer::Entity::find()
            .filter(offer::Column::AcademyId.eq(a.id))
            .order_by_asc(offer::Column::OpensAt)
            .all(db)
            .await?;
        let mut rows = Vec::with_capacity(offers.len());
        for o in offers {
            rows.push(OfferRow {
                id: o.id,
                label: names.offer(&o),
                session: sessions.get(&o.session_id).copied().unwrap_or_default(),
                opens: LocalDateTime::from_utc(o.opens_at, state.tz).to_string(),
                closes: LocalDateTime::from_utc(o.closes_at, state.tz).to_string(),
                state: state_of(&o, now),
                registered: registered(db, o.id).await?,
            });
        }
        out.push(AcademyOffers {
            code: a.code.clone(),
            label: a.label.clone(),
            service: super::service::form_of(&a),
            offers: rows,
        });
    }
    let mut specialities: Vec<(i32, String)> = names
        .specialities
        .values()
        .filter(|s| s.archived_at.is_none())
        .filter_map(|s| {
            let e = names.exams.get(&s.exam_id)?;
            e.archived_at
                .is_none()
                .then(|| (s.id, format!("{} : {}", e.label, s.label)))
        })
        .collect();
    specialities.sort_by_cached_key(|(_, l)| crate::domain::text::upper_unaccented(l));
    Ok(OffersPage {
        academies: out,
        specialities,
    })
}

/// Exams and specialities by id, to name offers.
pub(super) struct Names {
    pub(super) exams: HashMap<i32, exam::Model>,
    pub(super) specialities: HashMap<i32, speciality::Model>,
}

impl Names {
    pub(super) async fn load(db: &impl ConnectionTrait) -> Result<Self, AppError> {
        Ok(Self {
            exams: exam::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|e| (e.id, e))
                .collect(),
            specialities: speciality::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|s| (s.id, s))
                .collect(),
        })
    }

    /// "EXAM : SPECIALITY".
    pub(super) fn offer(&self, o: &offer::Model) -> String {
        format!(
            "{} : {}",
            self.exams.get(&o.exam_id).map_or("", |e| e.label.as_str()),
            self.specialities
                .get(&o.speciality_id)
                .map_or("", |s| s.label.as_str())
        )
    }
}

pub(super) fn state_of(o: &offer::Model, now: DateTime<Utc>) -> PeriodState {
    RegistrationPeriod::new(o.opens_at, o.closes_at)
        .map_or(PeriodState::Closed, |p| p.state_at(now))
}

/// Registered candidatures of offer `id`.
pub async fn registered(db: &impl ConnectionTrait, id: i32) -> Result<u64, AppError> {
    Ok(candidature::Entity::find()
        .filter(candidature::Column::OfferId.eq(id))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .count(db)
        .await?)
}

/// Every candidature of offer `id`, unregistered ones included.
async fn candidatures(db: &impl ConnectionTrait, id: i32) -> Result<u64, AppError> {
    Ok(candidature::Entity::find()
        .filter(candidature::Column::OfferId.eq(id))
        .count(db)
        .await?)
}

/// What a period form says, read: opening, closing, confirmation date (G01).
pub(super) struct Period {
    pub(super) opens: DateTime<Utc>,
    pub(super) closes: DateTime<Utc>,
    pub(super) confirmation: Option<DateTime<Utc>>,
}

/// Reads the instants of a period (`g01`: the confirmation date may be given).
pub(super) fn parse_period(
    tz: chrono_tz::Tz,
    opens: &str,
    closes: &str,
    confirmation: &str,
    g01: bool,
    r: &mut Errors,
) -> Option<Period> {
    let o = parse_instant_fr(opens, tz);
    if o.is_none() {
        r.add("opens", INSTANT_FR);
    }
    let c = parse_instant_fr(closes, tz);
    if c.is_none() {
        r.add("closes", INSTANT_FR);
    }
    if let (Some(o), Some(c)) = (o, c)
        && c <= o
    {
        r.add("closes", "La fermeture doit être après l'ouverture.");
    }
    let due = if confirmation.trim().is_empty() {
        None
    } else if !g01 {
        r.add("confirmation", "Seuls les examens (Autres examens, G01) ont une confirmation d'inscription à retourner : laissez ce champ vide.");
        None
    } else {
        let due = parse_instant_fr(confirmation, tz);
        match (due, c) {
            (None, _) => r.add("confirmation", INSTANT_FR),
            (Some(d), Some(c)) if d < c => r.add(
                "confirmation",
                "La confirmation se retourne après la fermeture des inscriptions : saisissez une date postérieure.",
            ),
            _ => {}
        }
        due
    };
    Some(Period {
        opens: o?,
        closes: c?,
        confirmation: due,
    })
}

/// Whether the offer's exam is of domain G01.
async fn is_g01(db: &impl ConnectionTrait, exam_id: i32) -> Result<bool, AppError> {
    let Some(e) = exam::Entity::find_by_id(exam_id).one(db).await? else {
        return Ok(false);
    };
    Ok(domain::Entity::find_by_id(e.domain_id)
        .one(db)
        .await?
        .is_some_and(|d| d.code == "G01"))
}

pub(super) fn paris(t: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    LocalDateTime::from_utc(t, tz).to_string()
}

/// "Créer l'offre": returns its id.
pub async fn create(state: &AppState, staff: &Staff, form: &NewOfferForm) -> Result<i32, AppError> {
    let db = &state.db;
    let code = form.academy.trim();
    if !staff.scope.covers(code) {
        return Err(AppError::NotFound);
    }
    let a = academy::Entity::find()
        .filter(academy::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut r = Errors::default();
    let spe = match form.speciality.trim().parse::<i32>() {
        Ok(id) => speciality::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    };
    let ex = match &spe {
        Some(s) => exam::Entity::find_by_id(s.exam_id).one(db).await?,
        None => None,
    };
    let (spe, ex) = match (spe, ex) {
        (Some(s), Some(e)) if s.archived_at.is_none() && e.archived_at.is_none() => {
            (Some(s), Some(e))
        }
        _ => {
            r.add(
                "speciality",
                "Choisissez l'examen et la spécialité dans la liste.",
            );
            (None, None)
        }
    };
    let year = form
        .session
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        r.add(
            "session",
            "Saisissez l'année de la session sur 4 chiffres, par exemple 2027.",
        );
    }
    let g01 = match &ex {
        Some(e) => is_g01(db, e.id).await?,
        None => false,
    };
    let period = parse_period(
        state.tz,
        &form.opens,
        &form.closes,
        &form.confirmation,
        g01,
        &mut r,
    );
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(db).await?;
    let existing = match (&spe, year) {
        (Some(s), Some(y)) => {
            let ses = session::Entity::find()
                .filter(session::Column::Year.eq(y))
                .one(&txn)
                .await?;
            match ses {
                Some(ses) => {
                    offer::Entity::find()
                        .filter(offer::Column::SpecialityId.eq(s.id))
                        .filter(offer::Column::AcademyId.eq(a.id))
                        .filter(offer::Column::SessionId.eq(ses.id))
                        .count(&txn)
                        .await?
                        > 0
                }
                None => false,
            }
        }
        _ => false,
    };
    if existing {
        r.add("speciality", "Cette académie propose déjà cette spécialité pour cette session : modifiez l'offre existante.");
    }
    checked(r)?;
    let (Some(spe), Some(ex), Some(year), Some(period)) = (spe, ex, year, period) else {
        return Err(AppError::InvalidInput);
    };
    let o = insert(
        &txn,
        &acting,
        (state.tz, now),
        NewOffer {
            academy: &a,
            exam: &ex,
            speciality: &spe,
            year,
            period,
        },
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(o.id)
}

/// A new offer, as "Créer une offre" or a line of an import gives it.
pub(super) struct NewOffer<'a> {
    pub(super) academy: &'a academy::Model,
    pub(super) exam: &'a exam::Model,
    pub(super) speciality: &'a speciality::Model,
    pub(super) year: i32,
    pub(super) period: Period,
}

/// Inserts `new` (its session created if it is the first of that year) with its journal
/// row; `source`, the journal's "before": what it comes from (an imported file).
pub(super) async fn insert(
    txn: &impl ConnectionTrait,
    acting: &Acting<'_>,
    (tz, now): (chrono_tz::Tz, DateTime<Utc>),
    new: NewOffer<'_>,
    source: Option<serde_json::Value>,
) -> Result<offer::Model, AppError> {
    let session_id = match session::Entity::find()
        .filter(session::Column::Year.eq(new.year))
        .one(txn)
        .await?
    {
        Some(s) => s.id,
        None => {
            session::ActiveModel {
                year: Set(new.year),
                ..Default::default()
            }
            .insert(txn)
            .await?
            .id
        }
    };
    let o = offer::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4()),
        exam_id: Set(new.exam.id),
        speciality_id: Set(new.speciality.id),
        academy_id: Set(new.academy.id),
        session_id: Set(session_id),
        opens_at: Set(new.period.opens),
        closes_at: Set(new.period.closes),
        confirmation_due_at: Set(new.period.confirmation),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    acting
        .record(
            txn,
            "catalogue.offre.creation",
            &format!("offre:{}", o.id),
            source,
            Some(json!({
                "academie": new.academy.code, "examen": new.exam.code,
                "specialite": new.speciality.code, "session": new.year,
                "ouverture": paris(o.opens_at, tz), "fermeture": paris(o.closes_at, tz),
                "confirmation": o.confirmation_due_at.map(|t| paris(t, tz)),
            })),
            now,
        )
        .await?;
    Ok(o)
}

/// Writes `period` on offer `o` with its journal row (`registered`: the candidates it
/// concerns; `source`: the imported file it comes from).
pub(super) async fn write_period(
    txn: &impl ConnectionTrait,
    acting: &Acting<'_>,
    (tz, now): (chrono_tz::Tz, DateTime<Utc>),
    o: offer::Model,
    period: Period,
    registered: u64,
    source: Option<&str>,
) -> Result<offer::Model, AppError> {
    let mut before = json!({
        "ouverture": paris(o.opens_at, tz), "fermeture": paris(o.closes_at, tz),
        "confirmation": o.confirmation_due_at.map(|t| paris(t, tz)),
    });
    if let Some(file) = source {
        before["import"] = json!(file);
    }
    let mut row: offer::ActiveModel = o.into();
    row.opens_at = Set(period.opens);
    row.closes_at = Set(period.closes);
    row.confirmation_due_at = Set(period.confirmation);
    let o = row.update(txn).await?;
    acting
        .record(
            txn,
            "catalogue.offre.periode",
            &format!("offre:{}", o.id),
            Some(before),
            Some(json!({
                "ouverture": paris(o.opens_at, tz), "fermeture": paris(o.closes_at, tz),
                "confirmation": o.confirmation_due_at.map(|t| paris(t, tz)),
                "inscrits": registered,
            })),
            now,
        )
        .await?;
    Ok(o)
}

/// Offer `id` of the administrator's académies, for its page.
pub async fn edit(state: &AppState, staff: &Staff, id: i32) -> Result<OfferEdit, AppError> {
    let db = &state.db;
    let o = crate::server::services::scope::offer_in_scope(state, &staff.scope, id).await?;
    let names = Names::load(db).await?;
    let a = academy::Entity::find_by_id(o.academy_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let year = session::Entity::find_by_id(o.session_id)
        .one(db)
        .await?
        .map_or(0, |s| s.year);
    Ok(OfferEdit {
        id: o.id,
        label: names.offer(&o),
        academy: a.label,
        session: year,
        domain_code: if is_g01(db, o.exam_id).await? {
            "G01"
        } else {
            "G02"
        }
        .into(),
        period: PeriodForm {
            offer: o.id,
            opens: paris(o.opens_at, state.tz),
            closes: paris(o.closes_at, state.tz),
            confirmation: o
                .confirmation_due_at
                .map(|t| paris(t, state.tz))
                .unwrap_or_default(),
            confirmed: String::new(),
        },
        state: state_of(&o, state.clock.now()),
        registered: registered(db, o.id).await?,
        candidatures: candidatures(db, o.id).await?,
    })
}

/// Changes the period of an offer. While it is open with registered candidates, the
/// change must be confirmed (`confirmed == "oui"`): the refusal says how many.
pub async fn change_period(
    state: &AppState,
    staff: &Staff,
    form: &PeriodForm,
) -> Result<(), AppError> {
    let o = crate::server::services::scope::offer_in_scope(state, &staff.scope, form.offer).await?;
    let g01 = is_g01(&state.db, o.exam_id).await?;
    let mut r = Errors::default();
    let period = parse_period(
        state.tz,
        &form.opens,
        &form.closes,
        &form.confirmation,
        g01,
        &mut r,
    );
    checked(r)?;
    let period = period.ok_or(AppError::InvalidInput)?;
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    // Read again under the write lock: the count the person confirmed is today's.
    let o = offer::Entity::find_by_id(o.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let registered = registered(&txn, o.id).await?;
    if state_of(&o, now) == PeriodState::Open && registered > 0 && form.confirmed != "oui" {
        return Err(refused(
            "confirmed",
            &crate::model::catalog_edit::confirm_sentence(registered),
        ));
    }
    write_period(&txn, &acting, (state.tz, now), o, period, registered, None).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes an offer that no candidature refers to (its drafts and the pieces it asks go
/// with it); otherwise refuses: it is closed instead.
pub async fn delete(state: &AppState, staff: &Staff, id: i32) -> Result<(), AppError> {
    let o = crate::server::services::scope::offer_in_scope(state, &staff.scope, id).await?;
    let names = Names::load(&state.db).await?;
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    if candidatures(&txn, o.id).await? > 0 {
        return Err(refused(
            "offre",
            "Des candidatures se rapportent à cette offre : elle ne peut pas être supprimée. Pour arrêter les inscriptions, avancez sa date de fermeture.",
        ));
    }
    crate::server::services::pieces::catalog::delete_of_offer(&txn, o.id).await?;
    crate::server::entities::convocation_schedule::Entity::delete_many()
        .filter(crate::server::entities::convocation_schedule::Column::OfferId.eq(o.id))
        .exec(&txn)
        .await?;
    crate::server::entities::registration_draft::Entity::delete_many()
        .filter(crate::server::entities::registration_draft::Column::OfferId.eq(o.id))
        .exec(&txn)
        .await?;
    offer::Entity::delete_by_id(o.id).exec(&txn).await?;
    acting
        .record(
            &txn,
            "catalogue.offre.suppression",
            &format!("offre:{}", o.id),
            Some(json!({
                "offre": names.offer(&o),
                "ouverture": paris(o.opens_at, state.tz), "fermeture": paris(o.closes_at, state.tz),
            })),
            None,
            now,
        )
        .await?;
    txn.commit().await?;
    Ok(())
}
