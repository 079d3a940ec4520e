//! The page for an unknown address (HTTP 404).

use leptos::prelude::*;
use leptos_meta::Title;

/// "Page introuvable", with status 404 when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page introuvable" />
        <h1>"Page introuvable"</h1>
        <p>"L'adresse demandée ne correspond à aucune page du portail."</p>
        <p>
            <a href="/">"Retour à l'accueil"</a>
        </p>
    }
}
