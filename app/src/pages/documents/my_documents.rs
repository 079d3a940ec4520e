//! "Mes documents" (D2): first the candidate, then one card per candidature (domain,
//! year, exam : speciality, académie, N°); a card opens the candidature's documents.

use crate::api::documents::load_my_documents;
use crate::components::error_message::ErrorMessage;
use crate::components::signed_in::SignedIn;
use crate::model::documents::{DocumentCard, MyDocuments};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDocumentsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_my_documents());
    view! {
        <Title text="Mes documents" />
        <SignedIn>
            <h1>"Mes documents"</h1>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(mine) => view! { <Cards mine /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </SignedIn>
    }
}

/// "N° candidat : 0193801933 TALU Jean Né(e) le 01/01/2001", as the guide shows it.
#[component]
pub fn CandidateLine(number: String, name: String, birth_date: String) -> impl IntoView {
    view! {
        <p class="candidate-line">
            {(!number.is_empty()).then(|| view! { "N° candidat : " <strong>{number}</strong> " " })}
            <strong>{name}</strong>
            {format!(" Né(e) le {birth_date}")}
        </p>
    }
}

/// One candidature's card; `link` makes its title lead to the candidature's documents.
#[component]
pub fn Card(card: DocumentCard, #[prop(optional)] link: bool) -> impl IntoView {
    let title = format!("{} : {}", card.exam_label, card.speciality_label);
    view! {
        <p class="card__domain">
            {card.domain_label.clone()} " " <span class="badge">{card.session_year}</span>
        </p>
        <p class="card__title">
            {if link {
                view! { <a href=format!("/mes-documents/{}", card.candidature)>{title}</a> }.into_any()
            } else {
                view! { <strong>{title}</strong> }.into_any()
            }}
        </p>
        <p>{card.academy_label.clone()}</p>
        <p>{format!("N° : {}", card.registration_number)}</p>
    }
}

#[component]
fn Cards(mine: MyDocuments) -> impl IntoView {
    let MyDocuments {
        candidate_number,
        name,
        birth_date,
        cards,
    } = mine;
    view! {
        <CandidateLine number=candidate_number name birth_date />
        {if cards.is_empty() {
            view! {
                <p class="notice" role="status">
                    "Aucun document n'est publié : vous n'avez pas de candidature. "
                    <a href="/m-inscrire">"M'inscrire"</a>
                </p>
            }
            .into_any()
        } else {
            view! {
                <p>"Sélectionnez la candidature dont vous voulez consulter les documents."</p>
                <ul class="cards documents">
                    {cards.into_iter().map(|card| view! { <li class="card"><Card card link=true /></li> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}
