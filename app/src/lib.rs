//! Cyclades: the candidate portal for French exam and certification registrations.
//!
//! Compiled twice: with `ssr` into the server (rendering, server functions, database) and
//! with `hydrate` into the browser bundle. Server-only code lives in [`server`].

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use pages::{
    account::{CreateAccountPage, SignInPage},
    home::HomePage,
    not_found::NotFound,
    services::ServicesPage,
};

/// The HTML document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run in the browser only: this marks the page as hydrated (tests wait for it).
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="cyclades-css" href="/pkg/cyclades.css" />
        <Title formatter=|page: String| format!("{page} - Cyclades") />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route
                        path=path!("ouverture-des-services")
                        view=ServicesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("creer-un-compte") view=CreateAccountPage />
                    <Route path=path!("connexion") view=SignInPage />
                </Routes>
            </Layout>
        </Router>
    }
}
