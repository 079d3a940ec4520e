//! "M'inscrire" (R1): the cascading selection of "Ouverture des services" (the same
//! components), the registration dates of the académie's offers, then "Valider", which
//! opens the wizard, or the existing candidature when there is one.

use super::wizard::RegistrationWizard;
use crate::api::registration::{load_new_registration, register_overview};
use crate::components::cascade::{LevelChoiceList, OfferPeriods, SelectionSummary};
use crate::components::error_message::ErrorMessage;
use crate::components::signed_in::SignedIn;
use crate::error::AppError;
use crate::model::{ChosenOffer, RegisterView, Selection};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const BASE: &str = "/m-inscrire";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let query = use_query_map();
    let selection = Memo::new(move |_| {
        let q = query.read();
        Selection::from_query(|key| q.get(key))
    });
    let overview = Resource::new(move || selection.get(), register_overview);
    view! {
        <Title text="M'inscrire" />
        <SignedIn>
            <h1>"M'inscrire"</h1>
            <p class="lead">"Sur quoi et où voulez-vous vous inscrire ?"</p>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(view) => view! { <Choice view /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </SignedIn>
    }
}

#[component]
fn Choice(view: RegisterView) -> impl IntoView {
    let services = view.services;
    view! {
        <SelectionSummary base=BASE items=services.summary />
        {services.next.map(|next| view! { <LevelChoiceList base=BASE next /> })}
        {services.offers.map(|list| view! { <OfferPeriods list /> })}
        {view.chosen.map(|chosen| view! { <Validate chosen /> })}
    }
}

/// "Valider": the wizard for an open offer; the candidature when it exists.
#[component]
fn Validate(chosen: ChosenOffer) -> impl IntoView {
    match (chosen.candidature, chosen.open) {
        (Some(id), _) => view! {
            <div class="notice" role="status">
                <p>"Vous êtes déjà inscrit(e) à cet examen ou cette certification dans cette académie."</p>
                <p><a href=format!("/mes-inscriptions/{id}") class="button">"Consulter ma candidature"</a></p>
            </div>
        }
        .into_any(),
        (None, true) => view! {
            <div class="form__actions">
                <a href=format!("/m-inscrire/formulaire?offre={}", chosen.public_id) class="button">
                    "Valider"
                </a>
                {chosen.has_draft.then(|| view! {
                    <p class="muted">"Une saisie non terminée est conservée pour cette offre : elle vous sera proposée."</p>
                })}
            </div>
        }
        .into_any(),
        (None, false) => view! {
            <div class="form__actions">
                <button type="button" class="button" disabled=true aria-describedby="valider-ferme">"Valider"</button>
                <p id="valider-ferme" class="muted">
                    "Le service d'inscription de cette offre n'est pas ouvert : l'inscription n'est possible que pendant les dates indiquées."
                </p>
            </div>
        }
        .into_any(),
    }
}

/// The wizard of a new candidature (`?offre=<id>`).
#[component]
pub fn NewRegistrationPage() -> impl IntoView {
    let query = use_query_map();
    let offer = Memo::new(move |_| {
        query
            .read()
            .get("offre")
            .and_then(|v| uuid::Uuid::parse_str(v.trim()).ok())
    });
    let wizard = Resource::new(
        move || offer.get(),
        |offer| async move {
            match offer {
                Some(id) => load_new_registration(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="M'inscrire" />
        <SignedIn>
            <h1>"M'inscrire"</h1>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match wizard.await {
                        Ok(wizard) => view! { <RegistrationWizard wizard /> }.into_any(),
                        Err(AppError::AlreadyRegistered { candidature }) => view! {
                            <div class="notice" role="status">
                                <p>{AppError::AlreadyRegistered { candidature }.message_fr()}</p>
                                <p><a href=format!("/mes-inscriptions/{candidature}")>"Consulter ma candidature"</a></p>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <ErrorMessage error />
                            <p><a href="/m-inscrire">"Retour à M'inscrire"</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </SignedIn>
    }
}
