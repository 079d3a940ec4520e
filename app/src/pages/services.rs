//! P2 "Ouverture des services": registration periods by domain, exam, speciality,
//! académie and session, chosen level by level.

use crate::api::catalog::services_overview;
use crate::components::cascade::{LevelChoiceList, SelectionSummary};
use crate::components::error_message::ErrorMessage;
use crate::domain::PeriodState;
use crate::model::{OfferList, Selection, ServicesView};
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
                    Ok(view) => view! { <Overview view /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Overview(view: ServicesView) -> impl IntoView {
    view! {
        <SelectionSummary base=BASE items=view.summary />
        {view.next.map(|next| view! { <LevelChoiceList base=BASE next /> })}
        {view.offers.map(|list| view! { <Offers list /> })}
    }
}

#[component]
fn Offers(list: OfferList) -> impl IntoView {
    let chosen_open = list.chosen_open();
    view! {
        <section class="panel" aria-labelledby="informations-disponibles">
            <h2 id="informations-disponibles">"Informations disponibles"</h2>
            <p>{list.heading}</p>
            <ul class="offers">
                {list
                    .offers
                    .into_iter()
                    .map(|o| {
                        let state_class = match o.state {
                            PeriodState::Open => "state state--open",
                            PeriodState::NotYetOpen => "state state--soon",
                            PeriodState::Closed => "state state--closed",
                        };
                        view! {
                            <li class="offer" class:offer--chosen=o.chosen>
                                <span class="offer__title">
                                    {format!("{} : {}", o.exam_label, o.speciality_label)}
                                </span>
                                " "
                                <strong class="offer__period">
                                    "ouvert du "
                                    <time datetime=o.opens_at.iso()>{o.opens_at.to_string()}</time>
                                    " au "
                                    <time datetime=o.closes_at.iso()>{o.closes_at.to_string()}</time>
                                </strong>
                                " "
                                <span class=state_class>{o.state.label_fr()}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!chosen_open)
                .then(|| {
                    view! {
                        <p class="notice" role="status">
                            "Aucun service d'inscription n'est ouvert actuellement pour cette sélection."
                        </p>
                    }
                })}
        </section>
    }
}
