//! "Vérifier un document" (public): the code printed on a document (or its QR code, which
//! opens this page with the code) tells which document it is, for which candidature, in
//! which version, and whether a later version replaced it. A plain GET form: it works
//! without JavaScript and the result has its own address.

use crate::api::documents::verify_document;
use crate::components::error_message::ErrorMessage;
use crate::domain::VerificationCode;
use crate::model::documents::{Verification, VerificationResult};
use crate::model::version_fr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const FORMAT: &str =
    "Le code de vérification comporte 16 lettres ou chiffres, par exemple 7K3M-Q9XD-2HF4-WP8N.";

#[component]
pub fn VerifyDocumentPage() -> impl IntoView {
    let query = use_query_map();
    let typed = Memo::new(move |_| query.read().get("code").unwrap_or_default());
    // Checked here as on the server: a malformed code never leaves the page.
    let parsed = Memo::new(move |_| {
        let t = typed.get();
        if t.trim().is_empty() {
            None
        } else {
            Some(VerificationCode::parse(&t).map_err(|_| FORMAT))
        }
    });
    let error = move || parsed.get().and_then(Result::err);
    let result = Resource::new(
        move || parsed.get().and_then(Result::ok),
        |code| async move {
            match code {
                Some(code) => Some(verify_document(code.as_str().to_owned()).await),
                None => None,
            }
        },
    );
    view! {
        <Title text="Vérifier un document" />
        <h1>"Vérifier un document"</h1>
        <p class="lead">
            "Chaque document publié par le portail (confirmation ou récapitulatif d'inscription, demande de pièces, convocation) "
            "porte en bas de page un code de vérification et un QR code. Saisissez le code pour vérifier que le document est authentique "
            "et qu'il s'agit de sa dernière version."
        </p>
        <form method="get" action="/verifier-un-document" class="form verify-form">
            <div class="field" class:field--invalid=move || error().is_some()>
                <label for="code" class="field__label">
                    "Code de vérification " <abbr class="required" title="obligatoire">"*"</abbr>
                </label>
                <input
                    id="code"
                    name="code"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="characters"
                    aria-required="true"
                    aria-invalid=move || error().map(|_| "true")
                    aria-describedby="code-aide code-erreur"
                    prop:value=move || typed.get()
                />
                <p class="field__hint" id="code-aide">"16 caractères, tirets facultatifs."</p>
                <p class="field__error" id="code-erreur" aria-live="polite">{error}</p>
            </div>
            <button type="submit" class="button">"Vérifier"</button>
        </form>
        <Transition fallback=|| view! { <p class="muted">"Vérification…"</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    None => ().into_any(),
                    Some(Ok(VerificationResult::Found(v))) => view! { <Found v /> }.into_any(),
                    Some(Ok(VerificationResult::Unknown)) => view! {
                        <section class="notice notice--error verify-result" aria-labelledby="resultat">
                            <h2 id="resultat">"Document inconnu"</h2>
                            <p role="status">
                                "Aucun document publié par le portail ne porte ce code. Vérifiez votre saisie : "
                                "un document dont le code est inconnu n'a pas été délivré par ce portail."
                            </p>
                        </section>
                    }
                    .into_any(),
                    Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Found(v: Verification) -> impl IntoView {
    let (state, class) = if !v.registered {
        (
            "Ce document a bien été délivré par le portail, mais la candidature a été désinscrite depuis : il n'atteste plus d'une inscription.",
            "notice notice--error verify-result",
        )
    } else if v.latest {
        (
            "Ce document est authentique et il s'agit de sa dernière version.",
            "notice notice--success verify-result",
        )
    } else {
        (
            "Ce document est authentique, mais une version plus récente a été publiée depuis : il n'est plus à jour.",
            "notice notice--warning verify-result",
        )
    };
    view! {
        <section class=class aria-labelledby="resultat">
            <h2 id="resultat">{v.kind.label_fr()}</h2>
            <p role="status"><strong>{state}</strong></p>
            <dl class="readonly">
                <dt>"Candidat :"</dt>
                <dd>{v.name}</dd>
                <dt>"N° candidat :"</dt>
                <dd>{v.candidate_number}</dd>
                <dt>"N° inscription :"</dt>
                <dd>{v.registration_number}</dd>
                <dt>"Examen ou certification :"</dt>
                <dd>{format!("{} : {}", v.exam_label, v.speciality_label)}</dd>
                <dt>"Académie :"</dt>
                <dd>{v.academy_label}</dd>
                <dt>"Session :"</dt>
                <dd>{v.session_year}</dd>
                <dt>"Version du document :"</dt>
                <dd>{format!("{} publiée le {} à {}", version_fr(v.number), v.published_at.date_fr(), v.published_at.time_fr())}</dd>
                <dt>"Version de l'inscription :"</dt>
                <dd>{version_fr(v.candidature_version)}</dd>
            </dl>
        </section>
    }
}
