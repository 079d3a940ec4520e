//! "Les formulaires" (D4): in the menu, and says it is not used for these exams.

use crate::components::signed_in::SignedIn;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FormsPage() -> impl IntoView {
    view! {
        <Title text="Les formulaires" />
        <SignedIn>
            <h1>"Les formulaires"</h1>
            <p class="notice" role="status">
                "Actuellement, cette section n'est pas utilisée dans le cadre des examens/certifications."
            </p>
            <p><a href="/espace-candidat">"Retour à l'accueil"</a></p>
        </SignedIn>
    }
}
