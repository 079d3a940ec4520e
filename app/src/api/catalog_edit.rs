//! Server functions of the catalog in staff hands (REQUIREMENTS S2, issue 15):
//! administrators only (`require_staff(Need::Administrateur)`: 401 to a visitor, 403 to a
//! candidate or a gestionnaire); the national lists to national administrators, the
//! service and offers of an académie to its administrators.

use crate::error::AppError;
use crate::model::catalog_edit::{
    ImportApply, ImportPreview, NationalCatalog, NationalChange, NewOfferForm, OfferEdit,
    OffersPage, PeriodForm, ServiceForm,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Runs `f` with the administrator signed in.
#[cfg(feature = "ssr")]
async fn as_administrator<T, F>(
    f: impl FnOnce(crate::server::state::AppState, crate::server::identity::Staff) -> F,
) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    super::as_staff(crate::server::identity::Need::Administrateur, f).await
}

/// "Catalogue national".
#[server(prefix = "/api", endpoint = "national_catalog", input = GetUrl)]
pub async fn load_national_catalog() -> Result<NationalCatalog, AppError> {
    use crate::server::services::catalog_edit::national;
    as_administrator(|state, staff| async move { national::read(&state, &staff).await }).await
}

/// One change to the national lists.
#[server(prefix = "/api", endpoint = "national_change", input = Json)]
pub async fn change_national(change: NationalChange) -> Result<(), AppError> {
    use crate::server::services::catalog_edit::national;
    as_administrator(|state, staff| async move { national::apply(&state, &staff, change).await })
        .await
}

/// "Offres et périodes".
#[server(prefix = "/api", endpoint = "offers", input = GetUrl)]
pub async fn load_offers() -> Result<OffersPage, AppError> {
    use crate::server::services::catalog_edit::offers;
    as_administrator(|state, staff| async move { offers::page(&state, &staff).await }).await
}

/// "Enregistrer" an académie's service gestionnaire.
#[server(prefix = "/api", endpoint = "service_save", input = Json)]
pub async fn save_service(form: ServiceForm) -> Result<(), AppError> {
    use crate::server::services::catalog_edit::service;
    as_administrator(|state, staff| async move { service::save(&state, &staff, &form).await }).await
}

/// "Créer l'offre": its id.
#[server(prefix = "/api", endpoint = "offer_create", input = Json)]
pub async fn create_offer(form: NewOfferForm) -> Result<i32, AppError> {
    use crate::server::services::catalog_edit::offers;
    as_administrator(|state, staff| async move { offers::create(&state, &staff, &form).await })
        .await
}

/// One offer, for its page.
#[server(prefix = "/api", endpoint = "offer", input = GetUrl)]
pub async fn load_offer(id: i32) -> Result<OfferEdit, AppError> {
    use crate::server::services::catalog_edit::offers;
    as_administrator(|state, staff| async move { offers::edit(&state, &staff, id).await }).await
}

/// "Enregistrer la période".
#[server(prefix = "/api", endpoint = "offer_period", input = Json)]
pub async fn change_period(form: PeriodForm) -> Result<(), AppError> {
    use crate::server::services::catalog_edit::offers;
    as_administrator(
        |state, staff| async move { offers::change_period(&state, &staff, &form).await },
    )
    .await
}

/// "Supprimer l'offre" (none of its candidatures exist).
#[server(prefix = "/api", endpoint = "offer_delete", input = Json)]
pub async fn delete_offer(id: i32) -> Result<(), AppError> {
    use crate::server::services::catalog_edit::offers;
    as_administrator(|state, staff| async move { offers::delete(&state, &staff, id).await }).await
}

/// The preview of an imported CSV of offers (its sender's only).
#[server(prefix = "/api", endpoint = "offer_import", input = GetUrl)]
pub async fn load_offer_import(id: String) -> Result<ImportPreview, AppError> {
    use crate::server::services::catalog_edit::import;
    as_administrator(|state, staff| async move {
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
        import::preview(&state, &staff, id).await
    })
    .await
}

/// "Appliquer l'import": how many offers were created or changed.
#[server(prefix = "/api", endpoint = "offer_import_apply", input = Json)]
pub async fn apply_offer_import(form: ImportApply) -> Result<usize, AppError> {
    use crate::server::services::catalog_edit::import;
    as_administrator(|state, staff| async move { import::apply(&state, &staff, &form).await }).await
}
