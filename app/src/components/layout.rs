//! The frame of every page: skip link, header with the portal's name and menu (the
//! visitor's, or the signed-in candidate's of the guide), footer.

use crate::api::account::sign_out;
use crate::components::viewer::use_viewer;
use crate::pages::account::candidate_home::CANDIDATE_MENU;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// Header, menu and main region around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let viewer = use_viewer();
    view! {
        // rel="external": the browser itself follows the fragment and moves the focus to
        // <main>; the router would otherwise treat it as a navigation.
        <a class="skip-link" href="#contenu" rel="external">
            "Aller au contenu"
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__name">"Cyclades"</span>
                    <span class="brand__tagline">"Portail candidat - examens et certifications"</span>
                </a>
                <nav class="menu" aria-label="Menu principal">
                    // Read synchronously (not in a Suspend): the menu's links are built in
                    // the router's reactive scope, never in a future that may outlive it.
                    <Transition fallback=|| view! { <VisitorMenu /> }>
                        {move || match viewer.0.get() {
                            Some(Ok(Some(_))) => view! { <CandidateMenu /> }.into_any(),
                            _ => view! { <VisitorMenu /> }.into_any(),
                        }}
                    </Transition>
                </nav>
            </div>
        </header>
        <main id="contenu" class="content" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>"Cyclades - portail candidat des examens et certifications. Les dates et heures sont celles de Paris."</p>
        </footer>
    }
}

#[component]
fn VisitorMenu() -> impl IntoView {
    view! {
        <ul>
            <li>
                <A href="/" exact=true>
                    "Accueil"
                </A>
            </li>
            <li>
                <A href="/ouverture-des-services">"Ouverture des services"</A>
            </li>
            <li>
                <A href="/creer-un-compte">"Créer un compte"</A>
            </li>
            <li>
                <A href="/connexion">"Se connecter"</A>
            </li>
        </ul>
    }
}

/// Accueil, the six entries of the guide, and "Se déconnecter" (a POST, never a link).
#[component]
fn CandidateMenu() -> impl IntoView {
    let viewer = use_viewer();
    let navigate = use_navigate();
    let leave = Action::new(|_: &()| sign_out());
    Effect::new(move |_| {
        if leave.value().get().is_some() {
            viewer.0.refetch();
            navigate("/", Default::default());
        }
    });
    view! {
        <ul>
            <li>
                <A href="/espace-candidat">"Accueil"</A>
            </li>
            {CANDIDATE_MENU
                .iter()
                .map(|(href, label, _)| view! { <li><A href=*href>{*label}</A></li> })
                .collect_view()}
            <li>
                <button type="button" class="menu__button" on:click=move |_| { leave.dispatch(()); }>
                    "Se déconnecter"
                </button>
            </li>
        </ul>
    }
}
