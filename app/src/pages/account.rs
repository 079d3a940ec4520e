//! "Créer un compte" and "Se connecter": the menu entries exist now; the forms come with
//! the candidate accounts (REQUIREMENTS.md A1-A5).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// "Créez votre compte" (A1): not open yet.
#[component]
pub fn CreateAccountPage() -> impl IntoView {
    view! {
        <Title text="Créer un compte" />
        <h1>"Créez votre compte"</h1>
        <p>
            "Pour une première candidature, vous devez obligatoirement créer un compte au préalable. Il ne peut y avoir qu'un seul compte candidat par adresse email : l'adresse email est l'identifiant du compte."
        </p>
        <p class="notice" role="status">
            "La création de compte n'est pas encore ouverte sur ce portail. En attendant, vous pouvez consulter les périodes d'inscription."
        </p>
        <p>
            <A href="/ouverture-des-services">"Consulter l'ouverture des services"</A>
        </p>
    }
}

/// "Veuillez vous identifier" (A5): not open yet.
#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <Title text="Se connecter" />
        <h1>"Veuillez vous identifier"</h1>
        <p class="notice" role="status">
            "La connexion à l'espace candidat n'est pas encore ouverte sur ce portail. En attendant, vous pouvez consulter les périodes d'inscription."
        </p>
        <p>
            <A href="/ouverture-des-services">"Consulter l'ouverture des services"</A>
        </p>
    }
}
