//! The development run's way in (checklist line 11: no default account): a first
//! administrator's enrolment link, printed by the server at start while nobody has enrolled.

use super::members::{Actor, add};
use crate::domain::{Email, Scope, StaffRole};
use crate::error::AppError;
use crate::server::entities::staff_member;
use crate::server::ids::StaffId;
use crate::server::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The login of the development run's first administrator.
pub const FIRST_ADMINISTRATOR: &str = "administrateur@cyclades.localhost";

/// The development run's way in (no default account exists, checklist line 11): while no
/// staff member has ever enrolled, a fresh enrolment link for a first administrator of
/// every académie (added at the first start, given a new link at each later one). `None`
/// once someone has enrolled. Returns the link's secret.
pub async fn first_administrator(state: &AppState) -> Result<Option<String>, AppError> {
    let enrolled = staff_member::Entity::find()
        .filter(staff_member::Column::EnrolledAt.is_not_null())
        .count(&state.db)
        .await?;
    if enrolled > 0 {
        return Ok(None);
    }
    let email = Email::parse(FIRST_ADMINISTRATOR).map_err(|_| AppError::Internal)?;
    let existing = staff_member::Entity::find()
        .filter(staff_member::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await?;
    let actor = Actor::command_line();
    let secret = match existing {
        Some(member) => super::enrolment::reset(state, &actor, StaffId::new(member.id)).await?,
        None => {
            add(
                state,
                &actor,
                &email,
                StaffRole::Administrateur,
                &Scope::All,
            )
            .await?
            .enrolment_secret
        }
    };
    Ok(Some(secret))
}
