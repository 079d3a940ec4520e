//! P2 "Ouverture des services": registration periods by domain, exam, speciality,
//! académie and session, chosen level by level.

use crate::api::catalog::services_overview;
use crate::components::cascade::{LevelChoiceList, OfferPeriods, SelectionSummary};
use crate::components::error_message::ErrorMessage;
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
        {view.offers.map(|list| view! { <OfferPeriods list /> })}
    }
}
