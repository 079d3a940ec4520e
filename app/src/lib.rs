#![recursion_limit = "256"]
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
    account::{
        ActivatePage, CandidateHomePage, ComingSoonPage, ConfirmEmailPage, CreateAccountPage,
        ForgotPasswordPage, MyAccountPage, ResetPasswordPage, SignInPage,
    },
    documents::{CandidatureDocumentsPage, FormsPage, MyDocumentsPage, VerifyDocumentPage},
    home::HomePage,
    not_found::NotFound,
    registration::{
        CandidaturePage, ModifyCandidaturePage, MyRegistrationsPage, NewRegistrationPage,
        RegisterPage,
    },
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
    components::viewer::provide_viewer();
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
                    <Route path=path!("creer-un-compte") view=CreateAccountPage ssr=SsrMode::Async />
                    <Route path=path!("connexion") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("activer-mon-compte") view=ActivatePage ssr=SsrMode::Async />
                    <Route path=path!("mot-de-passe-oublie") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route
                        path=path!("reinitialiser-mot-de-passe")
                        view=ResetPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("confirmer-mon-adresse") view=ConfirmEmailPage ssr=SsrMode::Async />
                    <Route path=path!("espace-candidat") view=CandidateHomePage ssr=SsrMode::Async />
                    <Route path=path!("modifier-mon-compte") view=MyAccountPage ssr=SsrMode::Async />
                    <Route path=path!("m-inscrire") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("m-inscrire/formulaire") view=NewRegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("mes-inscriptions") view=MyRegistrationsPage ssr=SsrMode::Async />
                    <Route path=path!("mes-inscriptions/:id") view=CandidaturePage ssr=SsrMode::Async />
                    <Route
                        path=path!("mes-inscriptions/:id/modifier")
                        view=ModifyCandidaturePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("mes-documents") view=MyDocumentsPage ssr=SsrMode::Async />
                    <Route path=path!("mes-documents/:id") view=CandidatureDocumentsPage ssr=SsrMode::Async />
                    <Route path=path!("les-formulaires") view=FormsPage ssr=SsrMode::Async />
                    <Route path=path!("verifier-un-document") view=VerifyDocumentPage ssr=SsrMode::Async />
                    <Route
                        path=path!("mes-justificatifs")
                        view=|| view! { <ComingSoonPage title="Mes justificatifs" /> }
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
