//! "Accueil" (P1) and its "Messages d'accueil" in the Espace gestionnaire (S3): the editor's
//! server functions are administrators' (`require_staff(Need::Administrateur)`: 401 to a
//! visitor, 403 to a candidate or a gestionnaire), each within their académies.

use crate::error::AppError;
use crate::model::HomeMessage;
use crate::model::home::{MessageForm, MessagesView};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The messages published now: every académie's and, for a signed-in candidate with
/// candidatures, those of their académies (for a visitor, every académie's, each labelled).
/// Public and read-only, hence a GET.
#[server(prefix = "/api", endpoint = "home_messages", input = GetUrl)]
pub async fn home_messages() -> Result<Vec<HomeMessage>, AppError> {
    use crate::server::services::{candidatures, home};
    use crate::server::{identity, state::app_state};
    async {
        let state = app_state()?;
        let academies = match identity::signed_in_candidate(&state).await? {
            Some(who) => Some(candidatures::academy_codes(&state.db, who.id).await?),
            None => None,
        }
        .filter(|codes| !codes.is_empty());
        Ok(
            home::visible_messages(&state.db, state.tz, state.clock.now(), academies.as_deref())
                .await?,
        )
    }
    .await
    .map_err(AppError::respond)
}

/// "Messages d'accueil": the messages the administrator may change.
#[server(prefix = "/api", endpoint = "staff_messages", input = GetUrl)]
pub async fn load_staff_messages() -> Result<MessagesView, AppError> {
    use crate::server::services::home::editor;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let admin = identity::require_staff(&state, Need::Administrateur).await?;
        editor::view(&state, &admin.scope).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Prévisualiser" for a form posted without the client code: the form checked, nothing
/// saved (with the client, the preview follows the typing).
#[server(prefix = "/api", endpoint = "staff_message_check", input = Json)]
pub async fn check_home_message(form: MessageForm) -> Result<(), AppError> {
    use crate::server::services::home::editor;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let admin = identity::require_staff(&state, Need::Administrateur).await?;
        editor::check(&state, &admin.scope, &form).await.map(|_| ())
    }
    .await
    .map_err(AppError::respond)
}

/// "Enregistrer": a new message, or a change to one, as the page saw it.
#[server(prefix = "/api", endpoint = "staff_message_save", input = Json)]
pub async fn save_home_message(form: MessageForm) -> Result<i32, AppError> {
    use crate::server::services::home::editor;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let admin = identity::require_staff(&state, Need::Administrateur).await?;
        editor::save(&state, &admin.acting(&state).await, &form).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Supprimer" a message, as the page saw it.
#[server(prefix = "/api", endpoint = "staff_message_delete", input = Json)]
pub async fn delete_home_message(id: i32, revision: String) -> Result<(), AppError> {
    use crate::server::services::home::editor;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let admin = identity::require_staff(&state, Need::Administrateur).await?;
        editor::delete(&state, &admin.acting(&state).await, id, &revision).await
    }
    .await
    .map_err(AppError::respond)
}
