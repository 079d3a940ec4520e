//! P2 "Ouverture des services": registration periods by domain, exam, speciality,
//! académie and session, chosen level by level; an open offer leads on to registering
//! ("M'inscrire" with the same selection, or first "Créer un compte").

use crate::api::catalog::services_overview;
use crate::components::cascade::{LevelChoiceList, OfferPeriods, SelectionSummary};
use crate::components::error_message::ErrorMessage;
use crate::components::viewer::use_viewer;
use crate::domain::ReturnPath;
use crate::model::{Selection, ServicesView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const BASE: &str = "/ouverture-des-services";

/// The page; the selection is read from the URL.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let query = use_query_map();
    let selection = Memo::new(move |_| {
        let q = query.read();
        Selection::from_query(|key| q.get(key))
    });
    let overview = Resource::new(move || selection.get(), services_overview);
    view! {
        <Title text="Ouverture des services" />
        <h1>"Ouverture des services"</h1>
        <p class="lead">
            "Sélectionner les informations suivantes pour consulter l'état d'ouverture du service d'inscription."
        </p>
        <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(view) => view! { <Overview view selection=selection.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Overview(view: ServicesView, selection: Selection) -> impl IntoView {
    view! {
        <SelectionSummary base=BASE items=view.summary />
        {view.next.map(|next| view! { <LevelChoiceList base=BASE next /> })}
        {view.offers.map(|list| {
            let open = list.chosen_open();
            view! {
                <OfferPeriods list />
                {open.then(|| view! { <NextStep selection /> })}
            }
        })}
    }
}

/// Next to an open offer: register for it, with what was chosen here already chosen.
#[component]
fn NextStep(selection: Selection) -> impl IntoView {
    let viewer = use_viewer();
    let query = selection.to_query();
    let register = format!("/m-inscrire{query}");
    let sign_in = ReturnPath::sign_in_from("/m-inscrire", query.trim_start_matches('?'));
    view! {
        <Transition fallback=|| ()>
            {move || {
                let (register, sign_in) = (register.clone(), sign_in.clone());
                Suspend::new(async move {
                    match viewer.0.await {
                        Ok(Some(_)) => view! {
                            <p class="form__actions next-step">
                                <a class="button" href=register>"M'inscrire"</a>
                            </p>
                        }
                        .into_any(),
                        _ => view! {
                            <div class="notice next-step">
                                <p>"Pour vous inscrire, il faut un compte candidat CYCLADES activé."</p>
                                <p class="form__actions">
                                    <a class="button" href="/creer-un-compte">"Créer un compte"</a>
                                    <a class="button button--secondary" href=sign_in>"Se connecter pour m'inscrire"</a>
                                </p>
                            </div>
                        }
                        .into_any(),
                    }
                })
            }}
        </Transition>
    }
}
