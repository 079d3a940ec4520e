//! "Vérifier un document": anyone holding a document checks it by the code printed on it.
//! The answer names the document, the candidature's numbers, the version and its date and
//! whether a later version exists; never an address, a phone number or a birth date.

use super::data::display_name;
use crate::domain::{LocalDateTime, VerificationCode};
use crate::error::AppError;
use crate::model::IdentitySummary;
use crate::model::documents::{DocumentKind, Verification, VerificationResult};
use crate::server::AppState;
use crate::server::entities::{candidature, document};
use crate::server::ids::{AccountId, CandidatureId};
use crate::server::services::candidatures::{self, Status, offer};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};

/// What the code `typed` designates.
pub async fn verify(state: &AppState, typed: &str) -> Result<VerificationResult, AppError> {
    let Ok(code) = VerificationCode::parse(typed) else {
        return Ok(VerificationResult::Unknown);
    };
    let db = &state.db;
    use document::Column as C;
    let Some((candidature_id, kind, number, candidature_version, created_at)) =
        document::Entity::find()
            .select_only()
            .columns([
                C::CandidatureId,
                C::Kind,
                C::Number,
                C::CandidatureVersion,
                C::CreatedAt,
            ])
            .filter(C::VerificationCode.eq(code.as_str()))
            .filter(super::listing::visible(state.clock.now()))
            .into_tuple::<(uuid::Uuid, String, i32, i32, chrono::DateTime<chrono::Utc>)>()
            .one(db)
            .await?
    else {
        return Ok(VerificationResult::Unknown);
    };
    let kind = DocumentKind::parse(&kind).ok_or(AppError::Internal)?;
    let c = candidature::Entity::find_by_id(candidature_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let later = document::Entity::find()
        .filter(C::CandidatureId.eq(candidature_id))
        .filter(C::Kind.eq(kind.as_str()))
        .filter(C::Number.gt(number))
        .filter(super::listing::visible(state.clock.now()))
        .count(db)
        .await?;
    let identity: IdentitySummary =
        candidatures::version_of(db, CandidatureId::new(c.id), candidature_version)
            .await?
            .and_then(|v| serde_json::from_str(&v.identity).ok())
            .ok_or(AppError::Internal)?;
    let candidate_number = candidatures::candidate_number(db, AccountId::new(c.account_id)).await?;
    let o = offer::by_id(db, state.tz, state.clock.now(), c.offer_id)
        .await?
        .summary;
    Ok(VerificationResult::Found(Verification {
        kind,
        name: display_name(&identity),
        candidate_number,
        registration_number: format!("{:03}", c.registration_number),
        exam_label: o.exam_label,
        speciality_label: o.speciality_label,
        academy_label: o.academy_label,
        session_year: o.session_year,
        number,
        published_at: LocalDateTime::from_utc(created_at, state.tz),
        candidature_version,
        latest: later == 0,
        registered: Status::of(&c.status) == Status::Registered,
    }))
}
