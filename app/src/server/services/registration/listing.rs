//! What a candidate sees: "M'inscrire" (R1), the wizard's data for a new candidature or a
//! saved one (R2-R8), and "Mes inscriptions" (R9). Every candidature is looked up with its
//! owner, so another candidate's id is "not found" (X3, checklist 20).

use super::drafts;
use crate::domain::LocalDateTime;
use crate::domain::account::FRANCE;
use crate::domain::local_time::date_fr;
use crate::error::AppError;
use crate::model::SavedCandidature;
use crate::model::{
    CandidatureLine, ChosenOffer, DraftLine, ExtraLabels, IdentitySummary, MyCandidatures,
    RegisterView, RegistrationForm, Selection, Wizard,
};
use crate::server::AppState;
use crate::server::entities::candidature_version;
use crate::server::entities::{candidature, country, departement, exam, registration_draft};
use crate::server::identity::Candidate;
use crate::server::ids::{AccountId, CandidatureId};
use crate::server::services::candidatures::offer::{self, OfferContext};
use crate::server::services::candidatures::{self, Status, from_json, version_of};
use crate::server::services::catalog::services_view;
use crate::server::services::documents;
use crate::server::services::reference::lists as references;
use chrono::Datelike;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// The account's identity as tab 1 shows it, greyed (R3).
pub async fn identity(
    db: &impl ConnectionTrait,
    who: &Candidate,
) -> Result<IdentitySummary, AppError> {
    let place = &who.birth_place;
    let birth_country = country::Entity::find_by_id(place.country_code.clone())
        .one(db)
        .await?
        .map_or_else(|| place.country_code.clone(), |c| c.label);
    let birth_departement = match &place.departement_code {
        Some(code) => departement::Entity::find_by_id(code.clone())
            .one(db)
            .await?
            .map_or_else(|| code.clone(), |d| format!("{} - {}", d.code, d.label)),
        None => String::new(),
    };
    Ok(IdentitySummary {
        civility: who.civility.clone(),
        birth_name: who.names.birth.to_uppercase(),
        usage_name: who.names.usage.clone().unwrap_or_default().to_uppercase(),
        first_names: who.names.first.clone(),
        birth_date: date_fr(who.birth_date),
        birth_country,
        birth_departement,
        birth_commune: place.commune.clone(),
        email: who.email.as_str().to_owned(),
    })
}

/// "M'inscrire": the cascade of "Ouverture des services" and, for the offer chosen, what
/// "Valider" does.
pub async fn register_view(
    state: &AppState,
    who: &Candidate,
    selection: &Selection,
) -> Result<RegisterView, AppError> {
    let now = state.clock.now();
    let services = services_view(&state.db, state.tz, now, selection).await?;
    let chosen = match services.offers.as_ref().and_then(|o| o.chosen_offer) {
        Some(public_id) => {
            let ctx = offer::by_public_id(&state.db, state.tz, now, public_id).await?;
            let candidature = candidature::Entity::find()
                .filter(candidature::Column::AccountId.eq(who.id))
                .filter(candidature::Column::OfferId.eq(ctx.offer.id))
                .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
                .one(&state.db)
                .await?
                .map(|c| c.id);
            let has_draft = registration_draft::Entity::find_by_id((who.id.uuid(), ctx.offer.id))
                .one(&state.db)
                .await?
                .is_some();
            Some(ChosenOffer {
                public_id,
                open: ctx.open_at(now),
                candidature,
                has_draft,
            })
        }
        None => None,
    };
    Ok(RegisterView { services, chosen })
}

/// The first values of a new candidature: France for both countries, French nationality.
fn first_values() -> RegistrationForm {
    RegistrationForm {
        address_country: FRANCE.into(),
        nationality: FRANCE.into(),
        work_country: FRANCE.into(),
        ..Default::default()
    }
}

/// The first values of a second candidature: the address, nationality, phone and
/// situation of the candidate's latest one (editable; the tests belong to each offer), with
/// the name of the exam it was for. The first values when there is none.
async fn values_of_last(
    db: &impl ConnectionTrait,
    who: &Candidate,
) -> Result<(RegistrationForm, Option<String>), AppError> {
    let Some(c) = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(who.id))
        .order_by_desc(candidature::Column::UpdatedAt)
        .one(db)
        .await?
    else {
        return Ok((first_values(), None));
    };
    // The exam's name only: two rows, not the whole offer.
    let row = crate::server::entities::offer::Entity::find_by_id(c.offer_id);
    let exam = match row.one(db).await? {
        Some(o) => exam::Entity::find_by_id(o.exam_id).one(db).await?,
        None => None,
    };
    let form = RegistrationForm {
        epreuves: Vec::new(),
        ..stored_form(&c)?
    };
    Ok((form, exam.map(|e| e.label)))
}

async fn wizard(
    state: &AppState,
    who: &Candidate,
    ctx: OfferContext,
    form: RegistrationForm,
    saved: Option<crate::model::SavedCandidature>,
    draft_after: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Wizard, AppError> {
    let draft = drafts::find(&state.db, state.tz, who.id, ctx.offer.id, draft_after).await?;
    let etablissement = references::etablissement_label(&state.db, &form).await?;
    Ok(Wizard {
        offer: ctx.summary,
        identity: identity(&state.db, who).await?,
        lists: references::cached_lists(state).await?,
        epreuves: ctx.catalog,
        form,
        labels: ExtraLabels { etablissement },
        saved,
        draft,
        prefilled_from: None,
    })
}

/// The wizard for a new candidature to `offer_id` (refused when the service is not open, or
/// when the candidate is registered already: they are sent to that candidature).
pub async fn new_wizard(
    state: &AppState,
    who: &Candidate,
    offer_id: Uuid,
) -> Result<Wizard, AppError> {
    let now = state.clock.now();
    let ctx = offer::by_public_id(&state.db, state.tz, now, offer_id).await?;
    if let Some(c) = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(who.id))
        .filter(candidature::Column::OfferId.eq(ctx.offer.id))
        .one(&state.db)
        .await?
    {
        return Err(AppError::AlreadyRegistered { candidature: c.id });
    }
    ctx.ensure_open(now)?;
    let (form, prefilled_from) = values_of_last(&state.db, who).await?;
    let w = wizard(state, who, ctx, form, None, None).await?;
    Ok(Wizard {
        prefilled_from,
        ..w
    })
}

/// A saved candidature of the candidate: its récapitulatif, and the wizard of "Modifier".
pub async fn candidature_wizard(
    state: &AppState,
    who: &Candidate,
    id: CandidatureId,
) -> Result<Wizard, AppError> {
    let c = candidatures::owned(&state.db, who, id).await?;
    let version = version_of(&state.db, CandidatureId::new(c.id), c.version)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = offer::by_id(&state.db, state.tz, state.clock.now(), c.offer_id).await?;
    let saved = view(state, &c, &version, &ctx).await?;
    let form = stored_form(&c)?;
    // A draft older than the last save was overtaken by it.
    wizard(state, who, ctx, form, Some(saved), Some(c.updated_at)).await
}

/// "Mes inscriptions" (R9): candidatures still registered whose session is not over (a
/// session is over once its year has passed), newest first, and the drafts of open offers
/// not saved yet.
pub async fn my_candidatures(
    state: &AppState,
    who: &Candidate,
) -> Result<MyCandidatures, AppError> {
    let now = state.clock.now();
    let this_year = now.with_timezone(&state.tz).year();
    let number = who.number_or_blank();
    let rows = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(who.id))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .order_by_desc(candidature::Column::RegistrationNumber)
        .all(&state.db)
        .await?;
    let mut candidatures = Vec::new();
    let mut registered_offers = Vec::new();
    for c in rows {
        registered_offers.push(c.offer_id);
        let ctx = offer::by_id(&state.db, state.tz, now, c.offer_id).await?;
        if ctx.summary.session_year < this_year {
            continue;
        }
        candidatures.push(CandidatureLine {
            id: c.id,
            offer: ctx.summary,
            candidate_number: number.clone(),
            registration_number: format!("{:03}", c.registration_number),
            version: c.version,
            updated_at: LocalDateTime::from_utc(c.updated_at, state.tz),
        });
    }
    let mut drafts = Vec::new();
    for d in registration_draft::Entity::find()
        .filter(registration_draft::Column::AccountId.eq(who.id))
        .order_by_desc(registration_draft::Column::UpdatedAt)
        .all(&state.db)
        .await?
    {
        if registered_offers.contains(&d.offer_id) {
            continue;
        }
        let ctx = offer::by_id(&state.db, state.tz, now, d.offer_id).await?;
        if ctx.open_at(now) {
            drafts.push(DraftLine {
                offer: ctx.summary,
                saved_at: LocalDateTime::from_utc(d.updated_at, state.tz),
            });
        }
    }
    Ok(MyCandidatures {
        candidatures,
        drafts,
    })
}

/// What the N° inscription tab shows for `version` of `c`.
pub async fn view(
    state: &AppState,
    c: &candidature::Model,
    version: &candidature_version::Model,
    ctx: &OfferContext,
) -> Result<SavedCandidature, AppError> {
    let number = candidatures::candidate_number(&state.db, AccountId::new(c.account_id)).await?;
    Ok(SavedCandidature {
        id: c.id,
        candidate_number: number,
        registration_number: format!("{:03}", c.registration_number),
        version: version.version,
        saved_at: LocalDateTime::from_utc(version.saved_at, state.tz),
        registered_at: LocalDateTime::from_utc(c.created_at, state.tz),
        closes_at: ctx.summary.closes_at,
        documents: documents::listing::lines(
            &state.db,
            state.tz,
            CandidatureId::new(c.id),
            state.clock.now(),
        )
        .await?,
    })
}

/// The form of a stored candidature.
pub fn stored_form(c: &candidature::Model) -> Result<crate::model::RegistrationForm, AppError> {
    from_json(&c.answers, c.id)
}
