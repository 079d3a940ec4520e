//! Server functions of documents (D1-D4) and of "Vérifier un document". Each one:
//! authenticate (or throttle, for the public check), call one service, map the error.
//! The PDFs themselves are plain GET routes of the server (`/documents/<id>`).

use crate::error::AppError;
use crate::model::documents::{CandidatureDocuments, MyDocuments, VerificationResult};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// "Mes documents": the candidate and the cards of their candidatures.
#[server(prefix = "/api", endpoint = "my_documents", input = GetUrl)]
pub async fn load_my_documents() -> Result<MyDocuments, AppError> {
    use crate::server::{identity, services::documents::listing, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        listing::my_documents(&state, &who).await
    }
    .await
    .map_err(AppError::respond)
}

/// The documents published for one of the candidate's candidatures.
#[server(prefix = "/api", endpoint = "candidature_documents", input = GetUrl)]
pub async fn load_candidature_documents(id: Uuid) -> Result<CandidatureDocuments, AppError> {
    use crate::server::ids::CandidatureId;
    use crate::server::{identity, services::documents::listing, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        listing::candidature_documents(&state, &who, CandidatureId::new(id)).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Vérifier un document": public, limited per address like the sign-in.
#[server(prefix = "/api", endpoint = "verify_document", input = GetUrl)]
pub async fn verify_document(code: String) -> Result<VerificationResult, AppError> {
    use crate::server::{request, services::documents::verify, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::VerifyDocument).await?;
        verify::verify(&state, &code).await
    }
    .await
    .map_err(AppError::respond)
}
