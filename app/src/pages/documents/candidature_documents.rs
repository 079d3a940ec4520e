//! "Liste des documents publiés pour la candidature n° <candidat> - <inscription>" (D2):
//! the latest version of each document, opened in the browser or downloaded.

use super::my_documents::Card;
use crate::api::documents::load_candidature_documents;
use crate::components::error_message::ErrorMessage;
use crate::components::route_id::use_route_id;
use crate::components::signed_in::SignedIn;
use crate::error::AppError;
use crate::model::documents::{CandidatureDocuments, DocumentLine};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CandidatureDocumentsPage() -> impl IntoView {
    let id = use_route_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move { load_candidature_documents(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <SignedIn>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! { <Documents list /> }.into_any(),
                        Err(error) => view! {
                            <Title text="Mes documents" />
                            <h1>"Mes documents"</h1>
                            <ErrorMessage error />
                        }
                        .into_any(),
                    }
                })}
            </Transition>
            <p><a href="/mes-documents">"Retour à Mes documents"</a></p>
        </SignedIn>
    }
}

/// The links of one document: open in the browser, or download.
#[component]
pub fn DocumentLinks(line: DocumentLine) -> impl IntoView {
    let title = line.title();
    view! {
        <a href=line.href() target="_blank" rel="noopener">
            {title.clone()}
            <span class="sr-only">" (PDF, nouvelle fenêtre)"</span>
        </a>
        " "
        // `download` and rel="external": a file for the browser, not a page for the router.
        <a href=line.download_href() class="download" download="" rel="external" aria-label=format!("Télécharger (PDF) : {title}")>
            "Télécharger (PDF)"
        </a>
        {(!line.ready).then(|| view! { <span class="muted">" (en cours de préparation)"</span> })}
    }
}

#[component]
fn Documents(list: CandidatureDocuments) -> impl IntoView {
    let heading = format!(
        "Liste des documents publiés pour la candidature n° {} - {}",
        list.candidate_number, list.card.registration_number
    );
    view! {
        <Title text=format!("Documents de la candidature n° {} - {}", list.candidate_number, list.card.registration_number) />
        <h1>"Mes documents"</h1>
        <div class="card card--flat"><Card card=list.card /></div>
        <h2>{heading}</h2>
        {if list.documents.is_empty() {
            view! { <p class="notice" role="status">"Aucun document n'est encore publié pour cette candidature."</p> }.into_any()
        } else {
            view! {
                <ul class="documents-list">
                    {list.documents.into_iter().map(|line| view! { <li><DocumentLinks line /></li> }).collect_view()}
                </ul>
                <p class="muted">"Cliquer sur le lien pour ouvrir/télécharger le document."</p>
            }
            .into_any()
        }}
    }
}
