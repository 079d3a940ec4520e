//! Server functions of "Personnels" (REQUIREMENTS S1): administrators only
//! (`require_staff(Need::Administrateur)`: 401 to a visitor, 403 to a candidate or a
//! gestionnaire), each within the administrator's académies.

use crate::error::AppError;
use crate::model::staff_members::{StaffChange, StaffDirectory, StaffForm};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The members the administrator manages.
#[server(prefix = "/api", endpoint = "staff_members", input = GetUrl)]
pub async fn load_staff_members() -> Result<StaffDirectory, AppError> {
    use crate::server::services::staff::directory;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let admin = identity::require_staff(&state, Need::Administrateur).await?;
        directory::list(&state, &admin).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Envoyer l'invitation": a new member, mailed their enrolment link.
#[server(prefix = "/api", endpoint = "staff_invite", input = Json)]
pub async fn invite_staff(form: StaffForm) -> Result<(), AppError> {
    use crate::server::services::staff::directory;
    use crate::server::{identity, identity::Need, request, state::app_state};
    async {
        let state = app_state()?;
        let admin = identity::require_staff(&state, Need::Administrateur).await?;
        let address = Some(request::client_ip(&state).await.to_string());
        directory::invite(&state, &admin, address, &form).await
    }
    .await
    .map_err(AppError::respond)
}

/// A change to a member: role and académies, a new second factor, disabling.
#[server(prefix = "/api", endpoint = "staff_change", input = Json)]
pub async fn change_staff(change: StaffChange) -> Result<(), AppError> {
    use crate::server::services::staff::directory;
    use crate::server::{identity, identity::Need, request, state::app_state};
    async {
        let state = app_state()?;
        let admin = identity::require_staff(&state, Need::Administrateur).await?;
        let address = Some(request::client_ip(&state).await.to_string());
        directory::change(&state, &admin, address, &change).await
    }
    .await
    .map_err(AppError::respond)
}
