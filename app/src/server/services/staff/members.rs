//! Adding staff members and changing them: each change in one transaction with its journal
//! row; disabling a member, or changing their role or académies, ends their sessions
//! (checklist line 17).

use super::{journal_name, sessions};
use crate::domain::{Email, Scope, StaffRole};
use crate::error::AppError;
use crate::server::entities::{academy, staff_academy, staff_enrolment, staff_member};
use crate::server::ids::StaffId;
use crate::server::services::journal::{self, Entry};
use crate::server::services::{tokens, totp::TotpSecret};
use crate::server::sql::write_transaction;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

/// Who asks for a change: a signed-in administrator, or the command line.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub address: Option<String>,
}

impl Actor {
    /// `./cyclades staff add` and the development run.
    pub fn command_line() -> Self {
        Self {
            name: "cli".into(),
            address: None,
        }
    }
}

/// A member just added, with the secret of their enrolment link (shown once).
#[derive(Debug)]
pub struct Added {
    pub id: StaffId,
    pub enrolment_secret: String,
}

/// The page an enrolment secret opens.
pub fn enrolment_path(secret: &str) -> String {
    format!("/gestion/inscription?jeton={secret}")
}

/// Adds a member who enrols from the returned link. An address already a member's is
/// refused; so is an académie code the catalog does not have.
pub async fn add(
    state: &AppState,
    actor: &Actor,
    email: &Email,
    role: StaffRole,
    scope: &Scope,
) -> Result<Added, AppError> {
    add_mailing(state, actor, email, role, scope, |_| None).await
}

/// Same, with the mail `mail` makes of the link's secret queued in the same transaction
/// (an administrator's invitation).
pub async fn add_mailing(
    state: &AppState,
    actor: &Actor,
    email: &Email,
    role: StaffRole,
    scope: &Scope,
    mail: impl FnOnce(&str) -> Option<crate::server::mail::Mail>,
) -> Result<Added, AppError> {
    let now = state.clock.now();
    let txn = write_transaction(&state.db).await?;
    if staff_member::Entity::find()
        .filter(staff_member::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AppError::EmailTaken);
    }
    check_academies(&txn, scope).await?;
    let id = uuid::Uuid::new_v4();
    staff_member::ActiveModel {
        id: Set(id),
        email: Set(email.as_str().to_owned()),
        role: Set(role.as_str().to_owned()),
        all_academies: Set(scope == &Scope::All),
        password_hash: Set(None),
        totp_secret: Set(None),
        totp_last_step: Set(None),
        enrolled_at: Set(None),
        disabled_at: Set(None),
        session_epoch: Set(0),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    store_academies(&txn, id, scope).await?;
    let secret = new_enrolment(&txn, id, now, state.accounts.staff_enrolment_ttl).await?;
    let mailed = match mail(&secret) {
        Some(m) => {
            crate::server::mail::enqueue(&txn, m, now).await?;
            true
        }
        None => false,
    };
    journal::append(
        &txn,
        &Entry {
            actor: &actor.name,
            address: actor.address.as_deref(),
            action: "personnel.ajout",
            subject: &journal_name(id),
            before: None,
            after: Some(json!({
                "email": email.as_str(),
                "role": role.as_str(),
                "academies": scope_json(scope),
            })),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    if mailed {
        state.jobs.wake(crate::server::jobs::JobKind::Mail);
    }
    tracing::info!(staff = %id, role = role.as_str(), "staff member added");
    Ok(Added {
        id: StaffId::new(id),
        enrolment_secret: secret,
    })
}

/// Disables a member: refused at sign-in from now on, every session ended.
pub async fn disable(state: &AppState, actor: &Actor, id: StaffId) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = write_transaction(&state.db).await?;
    let updated = staff_member::Entity::update_many()
        .col_expr(staff_member::Column::DisabledAt, Expr::value(now))
        .col_expr(
            staff_member::Column::SessionEpoch,
            Expr::col(staff_member::Column::SessionEpoch).add(1),
        )
        .filter(staff_member::Column::Id.eq(id.uuid()))
        .filter(staff_member::Column::DisabledAt.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    sessions::end_all(&txn, id).await?;
    journal::append(
        &txn,
        &Entry {
            actor: &actor.name,
            address: actor.address.as_deref(),
            action: "personnel.desactivation",
            subject: &journal_name(id.uuid()),
            before: None,
            after: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Changes a member's role and académies; their sessions end (they sign in again under
/// the new scope).
pub async fn change_scope(
    state: &AppState,
    actor: &Actor,
    id: StaffId,
    role: StaffRole,
    scope: &Scope,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = write_transaction(&state.db).await?;
    let member = staff_member::Entity::find_by_id(id.uuid())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    check_academies(&txn, scope).await?;
    let before = json!({
        "role": member.role,
        "academies": scope_json(&super::scope_of(&txn, &member).await?),
    });
    staff_member::Entity::update_many()
        .col_expr(staff_member::Column::Role, Expr::value(role.as_str()))
        .col_expr(
            staff_member::Column::AllAcademies,
            Expr::value(scope == &Scope::All),
        )
        .col_expr(
            staff_member::Column::SessionEpoch,
            Expr::col(staff_member::Column::SessionEpoch).add(1),
        )
        .filter(staff_member::Column::Id.eq(id.uuid()))
        .exec(&txn)
        .await?;
    staff_academy::Entity::delete_many()
        .filter(staff_academy::Column::StaffId.eq(id.uuid()))
        .exec(&txn)
        .await?;
    store_academies(&txn, id.uuid(), scope).await?;
    sessions::end_all(&txn, id).await?;
    journal::append(
        &txn,
        &Entry {
            actor: &actor.name,
            address: actor.address.as_deref(),
            action: "personnel.habilitation",
            subject: &journal_name(id.uuid()),
            before: Some(before),
            after: Some(json!({ "role": role.as_str(), "academies": scope_json(scope) })),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A new enrolment link for the member (its secret), with the TOTP secret it will show.
pub(super) async fn new_enrolment(
    txn: &impl ConnectionTrait,
    id: uuid::Uuid,
    now: DateTime<Utc>,
    ttl: chrono::Duration,
) -> Result<String, AppError> {
    let (secret, hash) = tokens::new_secret();
    staff_enrolment::ActiveModel {
        token_hash: Set(hash),
        staff_id: Set(id),
        totp_secret: Set(TotpSecret::generate().base32()),
        created_at: Set(now),
        expires_at: Set(now + ttl),
        used_at: Set(None),
    }
    .insert(txn)
    .await?;
    Ok(secret)
}

async fn check_academies(txn: &impl ConnectionTrait, scope: &Scope) -> Result<(), AppError> {
    if let Scope::Academies(codes) = scope {
        let known = academy::Entity::find()
            .filter(academy::Column::Code.is_in(codes.iter().cloned()))
            .count(txn)
            .await?;
        if known != codes.len() as u64 {
            return Err(AppError::InvalidInput);
        }
    }
    Ok(())
}

async fn store_academies(
    txn: &impl ConnectionTrait,
    id: uuid::Uuid,
    scope: &Scope,
) -> Result<(), AppError> {
    if let Scope::Academies(codes) = scope {
        for code in codes {
            staff_academy::ActiveModel {
                staff_id: Set(id),
                academy_code: Set(code.clone()),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

fn scope_json(scope: &Scope) -> serde_json::Value {
    match scope {
        Scope::All => json!("toutes"),
        Scope::Academies(codes) => json!(codes),
    }
}
