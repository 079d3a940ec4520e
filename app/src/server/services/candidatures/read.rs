//! Reading candidatures: a candidate reaches only their own (X3).

use super::Status;
use crate::error::AppError;
use crate::server::entities::{candidate, candidature, candidature_version};
use crate::server::identity::Candidate;
use crate::server::ids::{AccountId, CandidatureId};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// The N° candidat of an account ("" before its first candidature).
pub async fn candidate_number(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<String, DbErr> {
    Ok(candidate::Entity::find_by_id(account)
        .one(db)
        .await?
        .map(|c| c.number)
        .unwrap_or_default())
}

/// The codes of the académies of an account's registered candidatures.
pub async fn academy_codes(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<Vec<String>, DbErr> {
    use crate::server::entities::{academy, offer};
    use sea_orm::QuerySelect;
    let offers: Vec<i32> = candidature::Entity::find()
        .select_only()
        .column(candidature::Column::OfferId)
        .filter(candidature::Column::AccountId.eq(account))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    if offers.is_empty() {
        return Ok(Vec::new());
    }
    let academies: Vec<i32> = offer::Entity::find()
        .select_only()
        .column(offer::Column::AcademyId)
        .filter(offer::Column::Id.is_in(offers))
        .into_tuple()
        .all(db)
        .await?;
    academy::Entity::find()
        .select_only()
        .column(academy::Column::Code)
        .filter(academy::Column::Id.is_in(academies))
        .into_tuple()
        .all(db)
        .await
}

/// Candidature `id` if it is `who`'s and still registered; "not found" otherwise, whether
/// it does not exist or is someone else's (the two must look the same).
pub async fn owned(
    db: &impl ConnectionTrait,
    who: &Candidate,
    id: CandidatureId,
) -> Result<candidature::Model, AppError> {
    candidature::Entity::find_by_id(id)
        .filter(candidature::Column::AccountId.eq(who.id))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Version `number` of candidature `id`, as it was saved.
pub async fn version_of(
    db: &impl ConnectionTrait,
    id: CandidatureId,
    number: i32,
) -> Result<Option<candidature_version::Model>, DbErr> {
    candidature_version::Entity::find()
        .filter(candidature_version::Column::CandidatureId.eq(id))
        .filter(candidature_version::Column::Version.eq(number))
        .one(db)
        .await
}
