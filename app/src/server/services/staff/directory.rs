//! "Personnels" (REQUIREMENTS S1; checklist lines 11, 12, 17): the staff members an
//! administrator may manage, and what they do to them: invite by a mailed enrolment link,
//! change role and académies, reset a lost second factor (a new link by mail), disable. An
//! administrator acts only on members whose académies are all theirs and grants only their
//! own académies (all of them only when they have all); never on themselves.

use super::members::{self, Actor};
use super::{enrolment, scope_of};
use crate::domain::account::Errors;
use crate::domain::{Email, Scope, StaffRole};
use crate::error::AppError;
use crate::model::staff::FilterChoice;
use crate::model::staff_members::{StaffAction, StaffChange, StaffDirectory, StaffForm, StaffLine};
use crate::server::entities::{academy, staff_member};
use crate::server::identity::Staff;
use crate::server::ids::StaffId;
use crate::server::mail::templates;
use crate::server::state::AppState;
use sea_orm::{EntityTrait, QueryOrder};

/// The form's fields.
pub mod field {
    pub const EMAIL: &str = "email";
    pub const ROLE: &str = "role";
    pub const ACADEMIES: &str = "academies";
}

/// Whether an administrator of `mine` may give or manage `theirs`.
pub fn within(mine: &Scope, theirs: &Scope) -> bool {
    match (mine, theirs) {
        (Scope::All, _) => true,
        (Scope::Academies(_), Scope::All) => false,
        (Scope::Academies(m), Scope::Academies(t)) => t.is_subset(m),
    }
}

/// The members `admin` may see and manage, and the académies they may grant.
pub async fn list(state: &AppState, admin: &Staff) -> Result<StaffDirectory, AppError> {
    let db = &state.db;
    let instant_fr = |at| crate::domain::LocalDateTime::from_utc(at, state.tz).to_string();
    let rows = staff_member::Entity::find()
        .order_by_asc(staff_member::Column::Email)
        .all(db)
        .await?;
    let mut members = Vec::new();
    for m in rows {
        let scope = scope_of(db, &m).await?;
        if !within(&admin.scope, &scope) {
            continue;
        }
        let state_fr = match (m.disabled_at, m.enrolled_at) {
            (Some(at), _) => format!("Désactivé le {}", instant_fr(at)),
            (None, Some(at)) => format!("Actif depuis le {}", instant_fr(at)),
            (None, None) => format!(
                "Invité le {}, accès pas encore activé",
                instant_fr(m.created_at)
            ),
        };
        let role = StaffRole::parse(&m.role).ok_or(AppError::Internal)?;
        members.push(StaffLine {
            id: m.id,
            email: m.email,
            role: role.as_str().to_owned(),
            role_label: role.label_fr().to_owned(),
            academies: match &scope {
                Scope::All => Vec::new(),
                Scope::Academies(codes) => codes.iter().cloned().collect(),
            },
            state: state_fr,
            disabled: m.disabled_at.is_some(),
            yourself: m.id == admin.id.uuid(),
        });
    }
    let academies = academy::Entity::find()
        .order_by_asc(academy::Column::Label)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| admin.scope.covers(&a.code))
        .map(|a| FilterChoice {
            code: a.code,
            label: a.label,
        })
        .collect();
    Ok(StaffDirectory {
        members,
        academies,
        can_grant_all: admin.scope == Scope::All,
    })
}

/// The role and académies of a form, refused beside their fields.
fn parse_grant(
    admin: &Staff,
    role: &str,
    academies: &[String],
    errors: &mut Errors,
) -> Option<(StaffRole, Scope)> {
    let role = StaffRole::parse(role);
    if role.is_none() {
        errors.add(
            field::ROLE,
            "Choisissez le rôle : administrateur ou gestionnaire.",
        );
    }
    let scope = Scope::of_codes(academies.iter().map(String::as_str));
    if !within(&admin.scope, &scope) {
        errors.add(
            field::ACADEMIES,
            match admin.scope {
                Scope::All => "Choisissez des académies de la liste.",
                Scope::Academies(_) => "Choisissez une ou plusieurs de vos académies : vous ne pouvez pas donner accès aux autres.",
            },
        );
        return None;
    }
    Some((role?, scope))
}

/// Invites a member: added, and mailed their enrolment link in the same transaction.
pub async fn invite(
    state: &AppState,
    admin: &Staff,
    address: Option<String>,
    form: &StaffForm,
) -> Result<(), AppError> {
    let mut errors = Errors::default();
    let email = errors.check(field::EMAIL, Email::parse(&form.email));
    let grant = parse_grant(admin, &form.role, &form.academies, &mut errors);
    let (Some(email), Some((role, scope))) = (email, grant) else {
        return Err(AppError::InvalidFields(errors.into_vec()));
    };
    let actor = actor(admin, address);
    let ttl_hours = state.accounts.staff_enrolment_ttl.num_hours();
    let added = members::add_mailing(state, &actor, &email, role, &scope, |secret| {
        Some(templates::staff_invitation(
            &email,
            &state.accounts.link(&members::enrolment_path(secret)),
            ttl_hours,
        ))
    })
    .await;
    match added {
        Err(AppError::EmailTaken) => Err(AppError::InvalidFields(vec![crate::model::FieldError {
            field: field::EMAIL.into(),
            message: "Cette adresse est déjà celle d'un membre du personnel.".into(),
        }])),
        Err(AppError::InvalidInput) => {
            Err(AppError::InvalidFields(vec![crate::model::FieldError {
                field: field::ACADEMIES.into(),
                message: "Une académie choisie n'existe pas dans le catalogue.".into(),
            }]))
        }
        other => other.map(|_| ()),
    }
}

/// Changes a member as `change` says.
pub async fn change(
    state: &AppState,
    admin: &Staff,
    address: Option<String>,
    change: &StaffChange,
) -> Result<(), AppError> {
    let id = StaffId::new(change.id);
    // Beyond the administrator's académies, or themselves: as if the member did not exist.
    let member = staff_member::Entity::find_by_id(change.id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if member.id == admin.id.uuid() || !within(&admin.scope, &scope_of(&state.db, &member).await?) {
        return Err(AppError::NotFound);
    }
    let actor = actor(admin, address);
    match &change.action {
        StaffAction::Grant { role, academies } => {
            let mut errors = Errors::default();
            let Some((role, scope)) = parse_grant(admin, role, academies, &mut errors) else {
                return Err(AppError::InvalidFields(errors.into_vec()));
            };
            members::change_scope(state, &actor, id, role, &scope).await
        }
        StaffAction::ResetFactor => {
            let email = Email::parse(&member.email).map_err(|_| AppError::Internal)?;
            let ttl_hours = state.accounts.staff_enrolment_ttl.num_hours();
            enrolment::reset_mailing(state, &actor, id, |secret| {
                Some(templates::staff_factor_reset(
                    &email,
                    &state.accounts.link(&members::enrolment_path(secret)),
                    ttl_hours,
                ))
            })
            .await
            .map(|_| ())
        }
        StaffAction::Disable => members::disable(state, &actor, id).await,
    }
}

fn actor(admin: &Staff, address: Option<String>) -> Actor {
    Actor {
        name: admin.journal_name(),
        address,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_administrator_manages_only_within_their_academies() {
        let versailles = Scope::of_codes(["VERSAILLES"]);
        let both = Scope::of_codes(["VERSAILLES", "AIX-MARSEILLE"]);
        assert!(within(&Scope::All, &Scope::All));
        assert!(within(&Scope::All, &versailles));
        assert!(within(&both, &versailles));
        assert!(!within(&versailles, &both));
        assert!(!within(&versailles, &Scope::All));
        assert!(within(&versailles, &versailles));
    }
}
