//! The candidate's "Accueil" after sign-in: the messages staff publish, the candidatures
//! with their status and the service's closing date, then the menu of the guide; and the
//! pages of that menu that later work will fill (they say what will be there, never a
//! broken link).

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
