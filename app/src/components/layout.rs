//! The frame of every page: skip link, header with the portal's name and menu (the
//! visitor's, or the signed-in candidate's of the guide), footer.

use crate::api::account::sign_out;
use crate::components::signed_in::CANDIDATE_MENU;
use crate::components::viewer::use_viewer;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// Header, menu and main region around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let viewer = use_viewer();
    // The router's hooks are called here, once, in the router's scope: the menus are
    // re-rendered when the viewer resolves, possibly where no router context is reachable
    // (under load the router's `<A>` panicked there: "use_resolved_path outside a
    // <Router>"). Plain links are still routed in the browser by the router's click handler.
    let path = use_location().pathname;
    crate::components::navigation_focus::follow_navigation();
    let navigate = use_navigate();
    let leave = Action::new(|_: &()| sign_out());
    // The pages of the Espace gestionnaire (`/gestion…`) are no candidate's.
    let staff_side = move || path.with(|p| p == "/gestion" || p.starts_with("/gestion/"));
    // The folded menu of a phone closes once a page is chosen.
    let menu_open = RwSignal::new(false);
    Effect::new(move |_| {
        path.track();
        menu_open.set(false);
    });
    Effect::new(move |_| {
        if leave.value().get().is_some() {
            viewer.0.refetch();
            navigate("/", Default::default());
        }
    });
    view! {
        // rel="external": the browser itself follows the fragment and moves the focus to
        // <main>; the router would otherwise treat it as a navigation.
        <a class="skip-link" href="#contenu" rel="external">
            "Aller au contenu"
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href=move || if staff_side() { "/gestion" } else { "/" }>
                    <span class="brand__name">"Cyclades"</span>
                    <span class="brand__tagline">
                        {move || if staff_side() {
                            "Espace gestionnaire - services des examens"
                        } else {
                            "Portail candidat - examens et certifications"
                        }}
                    </span>
                </a>
                // The back-office has its own menu, in its pages (a lazy chunk).
                <nav
                    class="menu"
                    class:menu--open=move || menu_open.get()
                    aria-label="Menu principal"
                    hidden=staff_side
                >
                    // Shown on a phone once the client runs (style/main.css).
                    <button
                        type="button"
                        class="menu__toggle"
                        aria-expanded=move || menu_open.get().to_string()
                        on:click=move |_| menu_open.update(|o| *o = !*o)
                    >
                        "Menu"
                    </button>
                    // Read synchronously (not in a Suspend): the menu's links are built in
                    // the router's reactive scope, never in a future that may outlive it.
                    <Transition fallback=move || view! { <VisitorMenu path /> }>
                        {move || match viewer.0.get() {
                            Some(Ok(Some(_))) => view! { <CandidateMenu path leave /> }.into_any(),
                            _ => view! { <VisitorMenu path /> }.into_any(),
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
            <ul class="site-footer__links">
                <li><a href="/verifier-un-document">"Vérifier un document"</a></li>
                <li><a href="/accessibilite">"Accessibilité : partiellement conforme"</a></li>
                <li><a href="/donnees-personnelles">"Données personnelles"</a></li>
                <li><a href="/mentions-legales">"Mentions légales"</a></li>
            </ul>
        </footer>
    }
}

/// A menu entry, `aria-current="page"` on the page it leads to (or under it, unless exact).
#[component]
pub fn MenuLink(
    path: Memo<String>,
    href: &'static str,
    label: &'static str,
    #[prop(optional)] exact: bool,
) -> impl IntoView {
    let current = move || {
        // On the server, a page whose client went away is torn down while its menu may still
        // be rendering: the router's location is gone then, and the mark is not needed.
        let p = path.try_get()?;
        let here = p == href || (!exact && p.starts_with(href) && p[href.len()..].starts_with('/'));
        here.then_some("page")
    };
    view! { <a href=href aria-current=current>{label}</a> }
}

#[component]
fn VisitorMenu(path: Memo<String>) -> impl IntoView {
    view! {
        <ul>
            <li><MenuLink path href="/" label="Accueil" exact=true /></li>
            <li><MenuLink path href="/ouverture-des-services" label="Ouverture des services" /></li>
            <li><MenuLink path href="/creer-un-compte" label="Créer un compte" /></li>
            <li><MenuLink path href="/connexion" label="Se connecter" /></li>
        </ul>
    }
}

/// Accueil, the six entries of the guide, and "Se déconnecter" (a POST, never a link).
#[component]
fn CandidateMenu(
    path: Memo<String>,
    leave: Action<(), Result<(), crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <ul>
            <li><MenuLink path href="/espace-candidat" label="Accueil" /></li>
            {CANDIDATE_MENU
                .iter()
                .map(|(href, label, _)| view! { <li><MenuLink path href=*href label=*label /></li> })
                .collect_view()}
            <li>
                // A form: without the client code the server signs out and goes to Accueil.
                <form
                    method="post"
                    action="/se-deconnecter"
                    on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        leave.dispatch(());
                    }
                >
                    <crate::components::form::FormName name=crate::model::posted::form::SIGN_OUT />
                    <button type="submit" class="menu__button">"Se déconnecter"</button>
                </form>
            </li>
        </ul>
    }
}
