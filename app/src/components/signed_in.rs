//! What every page of the candidate's space shares: its menu and the guard that sends a
//! visitor to "Se connecter" (and back afterwards).

use crate::components::error_message::ErrorMessage;
use crate::components::viewer::use_viewer;
use crate::domain::ReturnPath;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// The entries of the candidate's menu, in the guide's order: (path, label, what it holds).
pub const CANDIDATE_MENU: [(&str, &str, &str); 6] = [
    (
        "/m-inscrire",
        "M'inscrire",
        "S'inscrire à un examen ou une certification dont le service d'inscription est ouvert.",
    ),
    (
        "/mes-inscriptions",
        "Mes inscriptions",
        "Consulter et modifier vos inscriptions tant que le service est ouvert.",
    ),
    (
        "/mes-documents",
        "Mes documents",
        "Les documents publiés pour vos candidatures : récapitulatifs, confirmations, convocations.",
    ),
    (
        "/les-formulaires",
        "Les formulaires",
        "Les formulaires mis à disposition par le service gestionnaire.",
    ),
    (
        "/mes-justificatifs",
        "Mes justificatifs",
        "Déposer les pièces justificatives demandées et suivre leur examen.",
    ),
    (
        "/modifier-mon-compte",
        "Modifier mon compte",
        "Consulter les informations de votre compte, changer d'adresse mail ou de mot de passe.",
    ),
];

/// Shows `children` to a signed-in candidate; sends anyone else to "Se connecter", which
/// brings them back to this page afterwards.
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let viewer = use_viewer();
    let location = use_location();
    let sign_in = move || {
        ReturnPath::sign_in_from(
            &location.pathname.get_untracked(),
            location.search.get_untracked().trim_start_matches('?'),
        )
    };
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                // Awaited, not read: right after sign-in the resource is being refetched and
                // its old value ("nobody") must not send the candidate back to sign in.
                match viewer.0.await {
                    Ok(Some(_)) => children.with_value(|c| c()).into_any(),
                    Ok(None) => view! { <Redirect path=sign_in() /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
