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
pub mod routes;
#[cfg(feature = "ssr")]
pub mod server;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{Route, Router, Routes},
    path,
};
use pages::{
    account::CandidateHomePage, documents::FormsPage, home::HomePage, not_found::NotFound,
    registration::MyRegistrationsPage, services::ServicesPage,
};
use routes::{
    Accessibility, Activate, Candidature, CandidatureDocuments, ConfirmEmail, CreateAccount,
    ForgotPassword, LegalNotice, ModifyCandidature, MyAccount, MyDocuments, MyPieces,
    NewRegistration, PersonalData, Register, ResetPassword, SignIn, StaffCandidates,
    StaffConvocations, StaffDossier, StaffEnrolment, StaffJournal, StaffMembers, StaffMessages,
    StaffNational, StaffOffer, StaffOfferConvocations, StaffOfferImport, StaffOffers, StaffPiece,
    StaffPieceCatalog, StaffPieces, StaffSignIn, VerifyDocument,
};

/// Runs before the client code: if it fails (a trap of the WASM, a chunk that does not
/// load), the page says so instead of looking alive while nothing works. Errors of other
/// scripts (a browser extension's) are left alone.
const CLIENT_FAILURE_BANNER: &str = r#"(function () {
  function ours(e) {
    return (typeof WebAssembly === "object" && (e instanceof WebAssembly.RuntimeError || e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError))
      || /\/pkg\/|wasm|dynamically imported module/i.test(String(e && (e.stack || e.message || e)));
  }
  function show() {
    if (document.getElementById("erreur-client") || !document.body) return;
    var banner = document.createElement("div");
    banner.id = "erreur-client";
    banner.className = "client-failure";
    banner.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.appendChild(document.createTextNode("Une erreur est survenue. "));
    var reload = document.createElement("a");
    reload.href = location.href;
    reload.appendChild(document.createTextNode("Rechargez la page."));
    text.appendChild(reload);
    banner.appendChild(text);
    document.body.insertBefore(banner, document.body.firstChild);
  }
  window.addEventListener("error", function (e) { if (ours(e.error) || /\/pkg\//.test(e.filename || "")) show(); });
  window.addEventListener("unhandledrejection", function (e) { if (ours(e.reason)) show(); });
})();"#;

/// The HTML document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    server::headers::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <script nonce=leptos::nonce::use_nonce() inner_html=CLIENT_FAILURE_BANNER></script>
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
    let in_error = components::form::FormsInError::provide();
    // Effects run in the browser only: this marks the page as hydrated (tests wait for it).
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="cyclades-css" href="/pkg/cyclades.css" />
        <Title formatter=move |page: String| format!("{}{page} - Cyclades", in_error.prefix()) />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route
                        path=path!("ouverture-des-services")
                        view=ServicesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("creer-un-compte") view={Lazy::<CreateAccount>::new()} ssr=SsrMode::Async />
                    <Route path=path!("connexion") view={Lazy::<SignIn>::new()} ssr=SsrMode::Async />
                    <Route path=path!("activer-mon-compte") view={Lazy::<Activate>::new()} ssr=SsrMode::Async />
                    <Route path=path!("mot-de-passe-oublie") view={Lazy::<ForgotPassword>::new()} ssr=SsrMode::Async />
                    <Route
                        path=path!("reinitialiser-mot-de-passe")
                        view={Lazy::<ResetPassword>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("confirmer-mon-adresse") view={Lazy::<ConfirmEmail>::new()} ssr=SsrMode::Async />
                    <Route path=path!("espace-candidat") view=CandidateHomePage ssr=SsrMode::Async />
                    <Route path=path!("modifier-mon-compte") view={Lazy::<MyAccount>::new()} ssr=SsrMode::Async />
                    <Route path=path!("m-inscrire") view={Lazy::<Register>::new()} ssr=SsrMode::Async />
                    <Route path=path!("m-inscrire/formulaire") view={Lazy::<NewRegistration>::new()} ssr=SsrMode::Async />
                    <Route path=path!("mes-inscriptions") view=MyRegistrationsPage ssr=SsrMode::Async />
                    <Route path=path!("mes-inscriptions/:id") view={Lazy::<Candidature>::new()} ssr=SsrMode::Async />
                    <Route
                        path=path!("mes-inscriptions/:id/modifier")
                        view={Lazy::<ModifyCandidature>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("mes-documents") view={Lazy::<MyDocuments>::new()} ssr=SsrMode::Async />
                    <Route path=path!("mes-documents/:id") view={Lazy::<CandidatureDocuments>::new()} ssr=SsrMode::Async />
                    <Route path=path!("les-formulaires") view=FormsPage ssr=SsrMode::Async />
                    <Route path=path!("verifier-un-document") view={Lazy::<VerifyDocument>::new()} ssr=SsrMode::Async />
                    <Route path=path!("accessibilite") view={Lazy::<Accessibility>::new()} ssr=SsrMode::Async />
                    <Route path=path!("donnees-personnelles") view={Lazy::<PersonalData>::new()} ssr=SsrMode::Async />
                    <Route path=path!("mentions-legales") view={Lazy::<LegalNotice>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion") view={Lazy::<StaffSignIn>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/inscription") view={Lazy::<StaffEnrolment>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/candidats") view={Lazy::<StaffCandidates>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/candidats/:id") view={Lazy::<StaffDossier>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/personnels") view={Lazy::<StaffMembers>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/journal") view={Lazy::<StaffJournal>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/messages") view={Lazy::<StaffMessages>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/justificatifs") view={Lazy::<StaffPieces>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/pieces-demandees") view={Lazy::<StaffPieceCatalog>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/catalogue") view={Lazy::<StaffNational>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/offres") view={Lazy::<StaffOffers>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/offres/:id") view={Lazy::<StaffOffer>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/offres/:id/convocations") view={Lazy::<StaffOfferConvocations>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/convocations") view={Lazy::<StaffConvocations>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/offres/import/:id") view={Lazy::<StaffOfferImport>::new()} ssr=SsrMode::Async />
                    <Route path=path!("gestion/justificatifs/:candidature/:piece") view={Lazy::<StaffPiece>::new()} ssr=SsrMode::Async />
                    <Route path=path!("mes-justificatifs") view={Lazy::<MyPieces>::new()} ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
