//! Server functions of the convocations (REQUIREMENTS S7, issue 15): staff of the offer's
//! académie (`require_staff(Need::AnyStaff)`: 401 to a visitor, 403 to a candidate; another
//! académie's offer is "not found").

use crate::error::AppError;
use crate::model::convocations::{
    ConvocationsPage, OfferLine, PrepareForm, Prepared, ScheduleForm,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Runs `f` with the staff member signed in.
#[cfg(feature = "ssr")]
async fn as_member<T, F>(
    f: impl FnOnce(crate::server::state::AppState, crate::server::identity::Staff) -> F,
) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    super::as_staff(crate::server::identity::Need::AnyStaff, f).await
}

/// "Convocations": the offers of the member's académies.
#[server(prefix = "/api", endpoint = "convocation_offers", input = GetUrl)]
pub async fn load_convocation_offers() -> Result<Vec<OfferLine>, AppError> {
    use crate::server::services::convocations::schedule;
    as_member(|state, staff| async move { schedule::offers_of_scope(&state, &staff).await }).await
}

/// The convocations of one offer: its tests' schedules and its batches.
#[server(prefix = "/api", endpoint = "convocations", input = GetUrl)]
pub async fn load_convocations(offer: i32) -> Result<ConvocationsPage, AppError> {
    use crate::server::services::convocations::schedule;
    as_member(|state, staff| async move { schedule::page(&state, &staff, offer).await }).await
}

/// "Enregistrer l'horaire" of one test.
#[server(prefix = "/api", endpoint = "convocation_schedule", input = Json)]
pub async fn save_schedule(form: ScheduleForm) -> Result<(), AppError> {
    use crate::server::services::convocations::schedule;
    as_member(|state, staff| async move { schedule::save(&state, &staff, &form).await }).await
}

/// "Préparer et publier les convocations".
#[server(prefix = "/api", endpoint = "convocations_prepare", input = Json)]
pub async fn prepare_convocations(form: PrepareForm) -> Result<Prepared, AppError> {
    use crate::server::services::convocations::prepare;
    as_member(|state, staff| async move { prepare::prepare(&state, &staff, &form).await }).await
}
