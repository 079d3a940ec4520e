//! An offer as the wizard needs it: its summary (exam, speciality, académie, session,
//! dates, service gestionnaire), whether it is open now, and its tests with their rules.

use crate::domain::{LocalDateTime, PeriodState, RegistrationPeriod};
use crate::error::AppError;
use crate::model::{
    ChoiceGroup, EpreuveCatalog, EpreuveInfo, EpreuveKind, OfferSummary, ServiceContact,
};
use crate::server::entities::{
    academy, domain, epreuve, epreuve_group, exam, offer, session, speciality,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// One offer, loaded for registration.
#[derive(Debug, Clone)]
pub struct OfferContext {
    pub offer: offer::Model,
    pub period: RegistrationPeriod,
    pub summary: OfferSummary,
    pub catalog: EpreuveCatalog,
}

impl OfferContext {
    /// Whether registrations and modifications are accepted at `now` (R1, checklist 23).
    pub fn open_at(&self, now: DateTime<Utc>) -> bool {
        self.period.state_at(now) == PeriodState::Open
    }

    /// Refuses when the service is not open at `now`.
    pub fn ensure_open(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        if self.open_at(now) {
            Ok(())
        } else {
            Err(AppError::OfferClosed)
        }
    }
}

/// The service gestionnaire block of an académie.
pub fn service_contact(a: &academy::Model) -> ServiceContact {
    ServiceContact {
        name: a.service_name.clone(),
        phone: a.service_phone.clone(),
        email: a.service_email.clone(),
        address: a.service_address.clone(),
    }
}

/// The offer with this public id (unknown ids are "not found").
pub async fn by_public_id(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    public_id: Uuid,
) -> Result<OfferContext, AppError> {
    let o = offer::Entity::find()
        .filter(offer::Column::PublicId.eq(public_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    load(db, tz, now, o).await
}

/// The offer with this row id.
pub async fn by_id(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    id: i32,
) -> Result<OfferContext, AppError> {
    let o = offer::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    load(db, tz, now, o).await
}

fn missing(what: &str) -> AppError {
    tracing::error!(what, "offer refers to a missing row");
    AppError::Internal
}

async fn load(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    o: offer::Model,
) -> Result<OfferContext, AppError> {
    let ex = exam::Entity::find_by_id(o.exam_id)
        .one(db)
        .await?
        .ok_or_else(|| missing("exam"))?;
    let dom = domain::Entity::find_by_id(ex.domain_id)
        .one(db)
        .await?
        .ok_or_else(|| missing("domain"))?;
    let spe = speciality::Entity::find_by_id(o.speciality_id)
        .one(db)
        .await?
        .ok_or_else(|| missing("speciality"))?;
    let aca = academy::Entity::find_by_id(o.academy_id)
        .one(db)
        .await?
        .ok_or_else(|| missing("academy"))?;
    let ses = session::Entity::find_by_id(o.session_id)
        .one(db)
        .await?
        .ok_or_else(|| missing("session"))?;
    let period = RegistrationPeriod::new(o.opens_at, o.closes_at).map_err(|_| missing("period"))?;
    let catalog = catalog(db, o.speciality_id).await?;
    let summary = OfferSummary {
        public_id: o.public_id,
        domain_code: dom.code,
        domain_label: dom.label,
        exam_label: ex.label,
        speciality_label: spe.label,
        academy_label: aca.label.clone(),
        session_year: ses.year,
        opens_at: LocalDateTime::from_utc(o.opens_at, tz),
        closes_at: LocalDateTime::from_utc(o.closes_at, tz),
        open: period.state_at(now) == PeriodState::Open,
        service: service_contact(&aca),
    };
    Ok(OfferContext {
        offer: o,
        period,
        summary,
        catalog,
    })
}

/// The tests of an offer (its speciality's) by code, and their groups of choice.
pub async fn catalog(
    db: &impl ConnectionTrait,
    speciality_id: i32,
) -> Result<EpreuveCatalog, AppError> {
    let epreuves = epreuve::Entity::find()
        .filter(epreuve::Column::SpecialityId.eq(speciality_id))
        .order_by_asc(epreuve::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|e| EpreuveInfo {
            kind: match e.kind.as_str() {
                "facultative" => EpreuveKind::Optional,
                "a_choix" => EpreuveKind::Choice,
                _ => EpreuveKind::Mandatory,
            },
            mode: if e.mode == "oral" { "Oral" } else { "Ecrit" }.to_owned(),
            code: e.code,
            label: e.label,
            group: e.choice_group,
        })
        .collect();
    let groups = epreuve_group::Entity::find()
        .filter(epreuve_group::Column::SpecialityId.eq(speciality_id))
        .order_by_asc(epreuve_group::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|g| ChoiceGroup {
            code: g.code,
            label: g.label,
            min: u32::try_from(g.min_choices).unwrap_or(0),
            max: u32::try_from(g.max_choices).unwrap_or(0),
        })
        .collect();
    Ok(EpreuveCatalog { epreuves, groups })
}
