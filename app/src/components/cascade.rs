//! The cascading catalog selection: the "Résumé de la sélection" with its ↩ controls and
//! the choices of the next level. Every control is a link to the page's URL with the new
//! selection, so it works before the WASM has loaded and the browser's Back works.

use crate::domain::PeriodState;
use crate::model::{LevelChoices, OfferList, Selection, SummaryItem};
use leptos::prelude::*;

fn href(base: &str, selection: &Selection) -> String {
    format!("{base}{}", selection.to_query())
}

/// "Résumé de la sélection": each chosen level with a ↩ link that goes back to it.
#[component]
pub fn SelectionSummary(base: &'static str, items: Vec<SummaryItem>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="resume-selection">
            <h2 id="resume-selection">"Résumé de la sélection"</h2>
            {if items.is_empty() {
                view! { <p class="muted">"Aucun élément sélectionné pour l'instant."</p> }
                    .into_any()
            } else {
                view! {
                    <ul class="summary">
                        {items
                            .into_iter()
                            .map(|item| {
                                let title = item.level.title_fr();
                                view! {
                                    <li>
                                        <span class="summary__level">{title}" : "</span>
                                        <span class="summary__label">{item.label}</span>
                                        " "
                                        <a href=href(base, &item.back) class="back">
                                            <span aria-hidden="true">"↩"</span>
                                            <span class="sr-only">{format!("Modifier : {title}")}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The choices of the next level, as a list of links.
#[component]
pub fn LevelChoiceList(base: &'static str, next: LevelChoices) -> impl IntoView {
    let title = next.level.title_fr();
    view! {
        <section class="panel" aria-labelledby="choix-niveau">
            <h2 id="choix-niveau">{title}</h2>
            {if next.choices.is_empty() {
                view! {
                    <p class="notice">
                        "Aucune donnée n'est disponible : aucun service d'inscription n'est ouvert."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="choices">
                        {next
                            .choices
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <li>
                                        <a href=href(base, &c.selection)>{c.label}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// "Informations disponibles": the offers of the exam in the académie with their periods.
#[component]
pub fn OfferPeriods(list: OfferList) -> impl IntoView {
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
