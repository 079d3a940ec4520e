//! The frame of every page: skip link, header with the portal's name and menu, footer.

use leptos::prelude::*;
use leptos_router::components::A;

/// Header, menu and main region around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
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
