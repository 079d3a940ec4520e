//! The candidate's "Accueil" after sign-in: the messages staff publish, the candidatures
//! with their status and the service's closing date, the pièces justificatives still to
//! deposit, then the menu of the guide.

use crate::api::pieces::load_pieces_todo;
use crate::api::registration::load_my_candidatures;
use crate::components::error_message::ErrorMessage;
use crate::components::signed_in::{CANDIDATE_MENU, SignedIn};
use crate::components::viewer::use_viewer;
use crate::pages::home::StaffMessages;
use crate::pages::registration::my_registrations::Lists;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CandidateHomePage() -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <Title text="Accueil" />
        <SignedIn>
            <h1>"Accueil"</h1>
            <Transition>
                {move || Suspend::new(async move {
                    viewer.0.await.ok().flatten().map(|v| view! {
                        <p class="lead">{format!("Bienvenue {} {}.", v.first_names, v.last_name)}</p>
                    })
                })}
            </Transition>
            <StaffMessages />
            <PiecesToDo />
            <MyCandidaturesAtAGlance />
            <h2>"Mon espace candidat"</h2>
            <ul class="cards">
                {CANDIDATE_MENU
                    .iter()
                    .map(|(href, label, text)| view! {
                        <li class="card">
                            <a href=*href>{*label}</a>
                            <p>{*text}</p>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </SignedIn>
    }
}

/// "À faire": the groups of pièces justificatives still to deposit and confirm before
/// their deadline (nothing shown when there is none).
#[component]
fn PiecesToDo() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_pieces_todo());
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let todo = data.await.unwrap_or_default();
                (!todo.is_empty()).then(|| view! {
                    <section class="notice notice--warning" aria-labelledby="a-faire-titre">
                        <h2 id="a-faire-titre">"À faire"</h2>
                        <ul>
                            {todo.into_iter().map(|t| view! {
                                <li>
                                    <a href=format!("/mes-justificatifs#groupe-{}", t.group)>
                                        {format!("Déposer vos pièces justificatives et cliquer sur « J'ai fourni toutes mes pièces » : {}", t.what)}
                                    </a>
                                    <br />
                                    <span class="small">{t.when}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Transition>
    }
}

/// "Mes inscriptions" in short, on the Accueil: what the candidate is registered to and
/// until when it can change.
#[component]
fn MyCandidaturesAtAGlance() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_my_candidatures());
    view! {
        <section aria-labelledby="mes-inscriptions-titre">
            <h2 id="mes-inscriptions-titre">"Mes inscriptions"</h2>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! { <Lists list nested=true /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
