//! "Ouverture des services" (P2).

use crate::error::AppError;
use crate::model::{Selection, ServicesView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The selection's summary, the next level's choices, or the offers with their periods.
/// Public and read-only, hence a GET.
#[server(prefix = "/api", endpoint = "services", input = GetUrl)]
pub async fn services_overview(
    #[server(default)] selection: Selection,
) -> Result<ServicesView, AppError> {
    use crate::server::{services::catalog, state::app_state};
    let state = app_state()?;
    Ok(catalog::services_view(&state.db, state.tz, state.clock.now(), &selection).await?)
}
