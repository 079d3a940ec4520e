//! Server functions of registration (R1-R11). Each one: authenticate, call one service,
//! map the error to its HTTP status. Saving is a JSON POST (cross-site ones are refused
//! by the router); reading is a GET.

use crate::error::AppError;
use crate::model::{
    DraftRequest, FieldError, ListOption, MyCandidatures, RegisterView, SaveRequest,
    SavedCandidature, Selection, Wizard,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use uuid::Uuid;

/// "M'inscrire": the cascading selection and what "Valider" leads to.
#[server(prefix = "/api", endpoint = "register_overview", input = GetUrl)]
pub async fn register_overview(
    #[server(default)] selection: Selection,
) -> Result<RegisterView, AppError> {
    use crate::server::{identity, services::registration::listing, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        listing::register_view(&state, &who, &selection).await
    }
    .await
    .map_err(AppError::respond)
}

/// The wizard of a new candidature to `offer`.
#[server(prefix = "/api", endpoint = "new_registration", input = GetUrl)]
pub async fn load_new_registration(offer: Uuid) -> Result<Wizard, AppError> {
    use crate::server::{identity, services::registration::listing, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        listing::new_wizard(&state, &who, offer).await
    }
    .await
    .map_err(AppError::respond)
}

/// One of the candidate's candidatures (its récapitulatif, or the wizard of "Modifier").
#[server(prefix = "/api", endpoint = "candidature", input = GetUrl)]
pub async fn load_candidature(id: Uuid) -> Result<Wizard, AppError> {
    use crate::server::ids::CandidatureId;
    use crate::server::{identity, services::registration::listing, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        listing::candidature_wizard(&state, &who, CandidatureId::new(id)).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Mes inscriptions".
#[server(prefix = "/api", endpoint = "my_candidatures", input = GetUrl)]
pub async fn load_my_candidatures() -> Result<MyCandidatures, AppError> {
    use crate::server::{identity, services::registration::listing, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        listing::my_candidatures(&state, &who).await
    }
    .await
    .map_err(AppError::respond)
}

/// The localities of a French postal code (tab 1).
#[server(prefix = "/api", endpoint = "postal_localities", input = GetUrl)]
pub async fn postal_localities(code: String) -> Result<Vec<String>, AppError> {
    use crate::domain::PostalCode;
    use crate::server::{identity, services::reference::lists as references, state::app_state};
    async {
        let state = app_state()?;
        identity::require_candidate(&state).await?;
        match PostalCode::french(&code) {
            Ok(code) => references::postal_localities(&state.db, &code).await,
            Err(_) => Ok(Vec::new()),
        }
    }
    .await
    .map_err(AppError::respond)
}

/// The localities of a département where établissements are known (tab 3).
#[server(prefix = "/api", endpoint = "work_localities", input = GetUrl)]
pub async fn work_localities(departement: String) -> Result<Vec<ListOption>, AppError> {
    use crate::domain::DepartementCode;
    use crate::server::{identity, services::reference::lists as references, state::app_state};
    async {
        let state = app_state()?;
        identity::require_candidate(&state).await?;
        let departement = DepartementCode::parse(&departement).ok_or(AppError::InvalidInput)?;
        references::work_localities(&state.db, &departement).await
    }
    .await
    .map_err(AppError::respond)
}

/// The établissements of a locality (tab 3).
#[server(prefix = "/api", endpoint = "etablissements", input = GetUrl)]
pub async fn etablissements(
    departement: String,
    locality: String,
) -> Result<Vec<ListOption>, AppError> {
    use crate::domain::DepartementCode;
    use crate::server::{identity, services::reference::lists as references, state::app_state};
    async {
        let state = app_state()?;
        identity::require_candidate(&state).await?;
        let departement = DepartementCode::parse(&departement).ok_or(AppError::InvalidInput)?;
        if locality.len() > 120 {
            return Err(AppError::InvalidInput);
        }
        references::etablissements(&state.db, &departement, &locality).await
    }
    .await
    .map_err(AppError::respond)
}

/// A tab change: the input is kept as a draft and the tab left is checked.
#[server(prefix = "/api", endpoint = "save_draft", input = Json)]
pub async fn save_draft(request: DraftRequest) -> Result<Vec<FieldError>, AppError> {
    use crate::server::{identity, services::registration::drafts, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        drafts::save(&state, &who, request).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Abandonner ma saisie".
#[server(prefix = "/api", endpoint = "discard_draft", input = Json)]
pub async fn discard_draft(offer: Uuid) -> Result<(), AppError> {
    use crate::server::{identity, services::registration::drafts, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        drafts::discard(&state, &who, offer).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Enregistrer": a new candidature or a modification.
#[server(prefix = "/api", endpoint = "save_candidature", input = Json)]
pub async fn save_candidature(request: SaveRequest) -> Result<SavedCandidature, AppError> {
    use crate::server::{identity, services::registration::save, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        save::save(&state, &who, request).await
    }
    .await
    .map_err(AppError::respond)
}
