//! The back-office's sessions: a random secret in their own cookie (never the candidates'),
//! only its SHA-256 stored. A session ends after `staff_session_idle` without use, after
//! `staff_session_absolute` however active, when its member is disabled or their scope
//! changes (the epoch), and at "Se déconnecter".

use crate::error::AppError;
use crate::server::entities::{staff_member, staff_session};
use crate::server::ids::StaffId;
use crate::server::services::tokens;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The idle expiry is pushed back at most this often (one write a minute, not a request).
const TOUCH_EVERY: chrono::Duration = chrono::Duration::minutes(1);

/// Starts a session for the member; returns the cookie's secret.
pub async fn start(
    db: &impl ConnectionTrait,
    member: &staff_member::Model,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (secret, hash) = tokens::new_secret();
    staff_session::ActiveModel {
        token_hash: Set(hash),
        staff_id: Set(member.id),
        epoch: Set(member.session_epoch),
        created_at: Set(now),
        last_seen_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The member whose live session the cookie's `secret` is, if any (a dead one is deleted).
pub async fn find(state: &AppState, secret: &str) -> Result<Option<staff_member::Model>, AppError> {
    let now = state.clock.now();
    let hash = tokens::hash(secret);
    let Some(session) = staff_session::Entity::find_by_id(hash.clone())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let member = staff_member::Entity::find_by_id(session.staff_id)
        .one(&state.db)
        .await?;
    let settings = &state.accounts;
    let live = member.filter(|m| {
        m.disabled_at.is_none()
            && m.enrolled_at.is_some()
            && m.session_epoch == session.epoch
            && now - session.last_seen_at < settings.staff_session_idle
            && now - session.created_at < settings.staff_session_absolute
    });
    match live {
        Some(m) => {
            if now - session.last_seen_at >= TOUCH_EVERY {
                staff_session::Entity::update_many()
                    .col_expr(staff_session::Column::LastSeenAt, Expr::value(now))
                    .filter(staff_session::Column::TokenHash.eq(hash))
                    .exec(&state.db)
                    .await?;
            }
            Ok(Some(m))
        }
        None => {
            staff_session::Entity::delete_by_id(hash)
                .exec(&state.db)
                .await?;
            Ok(None)
        }
    }
}

/// Ends the session of the cookie's `secret` ("Se déconnecter").
pub async fn end(db: &impl ConnectionTrait, secret: &str) -> Result<(), AppError> {
    staff_session::Entity::delete_by_id(tokens::hash(secret))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a member (disabled, scope changed, factor enrolled again).
pub async fn end_all(db: &impl ConnectionTrait, id: StaffId) -> Result<(), AppError> {
    staff_session::Entity::delete_many()
        .filter(staff_session::Column::StaffId.eq(id.uuid()))
        .exec(db)
        .await?;
    Ok(())
}
