//! What every page of the Espace gestionnaire shares once signed in: who is signed in, the
//! back-office's menu and "Se déconnecter"; a visitor is sent to the sign-in page, a
//! candidate is told the page is not theirs.

use crate::api::staff::{load_staff_viewer, staff_sign_out};
use crate::components::error_message::ErrorMessage;
use crate::components::form::FormName;
use crate::components::layout::MenuLink;
use crate::error::AppError;
use crate::model::posted::form::STAFF_SIGN_OUT;
use crate::model::staff::StaffViewer;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_location, use_navigate};

/// The back-office's entries: (path, label, administrators only).
const MENU: [(&str, &str, bool); 9] = [
    ("/gestion/candidats", "Candidats", false),
    ("/gestion/justificatifs", "Pièces justificatives", false),
    ("/gestion/convocations", "Convocations", false),
    ("/gestion/offres", "Offres et périodes", true),
    ("/gestion/pieces-demandees", "Pièces demandées", true),
    ("/gestion/catalogue", "Catalogue national", true),
    ("/gestion/messages", "Messages d'accueil", true),
    ("/gestion/personnels", "Personnels", true),
    ("/gestion/journal", "Journal", true),
];

/// Shows `children` to a signed-in staff member, under the back-office's menu.
#[component]
pub fn StaffFrame(children: ChildrenFn) -> impl IntoView {
    let viewer = Resource::new(|| (), |_| load_staff_viewer());
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(who) => view! {
                        <StaffMenu who />
                        {children.with_value(|c| c())}
                    }
                    .into_any(),
                    Err(AppError::Unauthenticated) => {
                        view! { <Redirect path="/gestion?session=terminee" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StaffMenu(who: StaffViewer) -> impl IntoView {
    let path = use_location().pathname;
    let navigate = use_navigate();
    let leave = Action::new(|_: &()| staff_sign_out());
    Effect::new(move |_| {
        if leave.value().get().is_some() {
            navigate("/gestion", Default::default());
        }
    });
    view! {
        <nav class="staff-menu" aria-label="Menu de l'Espace gestionnaire">
            <ul>
                {MENU
                    .iter()
                    .filter(|(_, _, admin)| who.administrateur || !admin)
                    .map(|(href, label, _)| view! { <li><MenuLink path href=*href label=*label /></li> })
                    .collect_view()}
            </ul>
            <p class="staff-menu__who">
                {format!("{} - {} - {}", who.email, who.role, who.scope)}
            </p>
            <form
                method="post"
                action="/gestion/se-deconnecter"
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    leave.dispatch(());
                }
            >
                <FormName name=STAFF_SIGN_OUT />
                <button type="submit" class="button button--secondary">"Se déconnecter"</button>
            </form>
        </nav>
    }
}
