//! The back-office's people (REQUIREMENTS S1, checklist lines 11, 12, 17, 31): members
//! added from the command line or by an administrator, enrolled from a one-time link
//! (password and TOTP second factor), signed in with both, in sessions of their own. Every
//! change and every sign-in, failure and lockout is a row of the journal.

pub mod audit;
pub mod directory;
pub mod enrolment;
pub mod first_administrator;
pub mod members;
pub mod sessions;
pub mod sign_in;

use crate::domain::Scope;
use crate::error::AppError;
use crate::server::entities::{staff_academy, staff_member};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The académies of a member, as stored.
pub async fn scope_of(
    db: &impl ConnectionTrait,
    member: &staff_member::Model,
) -> Result<Scope, AppError> {
    if member.all_academies {
        return Ok(Scope::All);
    }
    let codes = staff_academy::Entity::find()
        .filter(staff_academy::Column::StaffId.eq(member.id))
        .all(db)
        .await?;
    // A member limited to académies that were all removed sees none: never all.
    Ok(Scope::Academies(
        codes.into_iter().map(|c| c.academy_code).collect(),
    ))
}

/// What the back-office's pages show of the member signed in.
pub async fn viewer(
    db: &impl ConnectionTrait,
    who: &crate::server::identity::Staff,
) -> Result<crate::model::staff::StaffViewer, AppError> {
    use crate::server::entities::academy;
    use sea_orm::QueryOrder;
    let scope = match &who.scope {
        Scope::All => "Toutes les académies".to_owned(),
        Scope::Academies(codes) => academy::Entity::find()
            .filter(academy::Column::Code.is_in(codes.iter().cloned()))
            .order_by_asc(academy::Column::Label)
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.name)
            .collect::<Vec<_>>()
            .join(", "),
    };
    Ok(crate::model::staff::StaffViewer {
        email: who.email.as_str().to_owned(),
        role: who.role.label_fr().to_owned(),
        administrateur: who.role == crate::domain::StaffRole::Administrateur,
        scope,
    })
}

/// The journal's name of a member, as actor and as subject.
pub fn journal_name(id: uuid::Uuid) -> String {
    crate::server::services::journal::staff_actor(id)
}
