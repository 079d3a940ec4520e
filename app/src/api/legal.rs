//! The footer's pages: "Accessibilité", "Données personnelles", "Mentions légales".

use crate::error::AppError;
use crate::model::legal::LegalFacts;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The services des examens and the retention periods. Public and read-only, hence a GET.
#[server(prefix = "/api", endpoint = "footer_facts", input = GetUrl)]
pub async fn footer_facts() -> Result<LegalFacts, AppError> {
    use crate::server::{services::legal, state::app_state};
    async {
        let state = app_state()?;
        legal::facts(&state.db, &state.accounts, &state.legal).await
    }
    .await
    .map_err(AppError::respond)
}
