//! "Accueil" (P1).

use crate::error::AppError;
use crate::model::HomeMessage;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The messages published now. Public and read-only, hence a GET.
#[server(prefix = "/api", endpoint = "home_messages", input = GetUrl)]
pub async fn home_messages() -> Result<Vec<HomeMessage>, AppError> {
    use crate::server::{services::home, state::app_state};
    let state = app_state()?;
    Ok(home::visible_messages(&state.db, state.tz, state.clock.now()).await?)
}
