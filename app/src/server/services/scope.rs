//! What a staff member's académies cover (REQUIREMENTS X3; checklist line 21): a
//! candidature, an offer, and the condition a search's SQL adds. Anything beyond is "not
//! found", as if it did not exist. A leaf: the dossiers and the pièces justificatives ask it.

use crate::domain::Scope;
use crate::error::AppError;
use crate::server::entities::{academy, candidature, offer};
use crate::server::ids::CandidatureId;
use crate::server::state::AppState;
use sea_orm::{EntityTrait, Value};

/// Candidature `id` if `scope` covers its académie ("not found" otherwise).
pub async fn in_scope(
    state: &AppState,
    scope: &Scope,
    id: CandidatureId,
) -> Result<candidature::Model, AppError> {
    let c = candidature::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    offer_in_scope(state, scope, c.offer_id).await?;
    Ok(c)
}

/// Offer `id` if `scope` covers its académie ("not found" otherwise).
pub async fn offer_in_scope(
    state: &AppState,
    scope: &Scope,
    id: i32,
) -> Result<offer::Model, AppError> {
    let o = offer::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if *scope == Scope::All {
        return Ok(o);
    }
    let code = academy::Entity::find_by_id(o.academy_id)
        .one(&state.db)
        .await?
        .map(|a| a.code);
    if code.is_some_and(|c| scope.covers(&c)) {
        Ok(o)
    } else {
        Err(AppError::NotFound)
    }
}

/// Adds to a `WHERE` clause the condition that the académie `ac` is within `scope` (every
/// code a bound value; no académie at all: nothing).
pub fn within(scope: &Scope, sql: &mut String, values: &mut Vec<Value>) {
    if let Scope::Academies(codes) = scope {
        if codes.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            let marks = vec!["{}"; codes.len()].join(", ");
            sql.push_str(&format!(" AND ac.code IN ({marks})"));
            values.extend(codes.iter().map(|c| Value::from(c.clone())));
        }
    }
}
