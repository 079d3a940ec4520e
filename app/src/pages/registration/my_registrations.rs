//! "Mes inscriptions" (R9): the candidatures of sessions not over and not unregistered,
//! each opening its récapitulatif, and the drafts waiting to be resumed.

use crate::api::registration::load_my_candidatures;
use crate::components::error_message::ErrorMessage;
use crate::components::signed_in::SignedIn;
use crate::model::{MyCandidatures, version_fr};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyRegistrationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_my_candidatures());
    view! {
        <Title text="Mes inscriptions" />
        <SignedIn>
            <h1>"Mes inscriptions"</h1>
            <p class="lead">
                "Tant que le service d'inscription est ouvert, vous pouvez consulter et modifier vos candidatures."
            </p>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! { <Lists list /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </SignedIn>
    }
}

/// The candidatures as cards, then the drafts; on the candidate's Accueil (`nested`) under
/// its own heading, so the drafts' heading is one level lower.
#[component]
pub fn Lists(list: MyCandidatures, #[prop(optional)] nested: bool) -> impl IntoView {
    let empty = list.candidatures.is_empty() && list.drafts.is_empty();
    view! {
        {empty.then(|| view! {
            <p class="notice" role="status">
                "Vous n'avez aucune inscription en cours. "
                <a href="/m-inscrire">"M'inscrire"</a>
            </p>
        })}
        {(!list.candidatures.is_empty()).then(|| view! {
            <ul class="cards candidatures">
                {list.candidatures.into_iter().map(|c| {
                    let state = if c.offer.open { " Modifiable jusqu'au " } else { " Service fermé depuis le " };
                    view! {
                        <li class="card">
                            <a href=format!("/mes-inscriptions/{}", c.id)>
                                {format!("{} : {}", c.offer.exam_label, c.offer.speciality_label)}
                            </a>
                            <p>{format!("{} - session {}", c.offer.academy_label, c.offer.session_year)}</p>
                            <p>{format!("N° {} - {} - {}, enregistrée le {} à {}",
                                c.candidate_number, c.registration_number, version_fr(c.version),
                                c.updated_at.date_fr(), c.updated_at.time_fr())}</p>
                            <p class="candidature__status">
                                <span class="badge">"Inscrite"</span>
                                {format!("{state}{} à {}.", c.offer.closes_at.date_fr(), c.offer.closes_at.time_fr())}
                            </p>
                            <p><a href=format!("/mes-documents/{}", c.id)>"Documents de la candidature"</a></p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {(!list.drafts.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="saisies-en-cours">
                {if nested {
                    view! { <h3 id="saisies-en-cours">"Saisies non enregistrées"</h3> }.into_any()
                } else {
                    view! { <h2 id="saisies-en-cours">"Saisies non enregistrées"</h2> }.into_any()
                }}
                <ul>
                    {list.drafts.into_iter().map(|d| view! {
                        <li>
                            {format!("{} : {} ({}), saisie du {} à {} ",
                                d.offer.exam_label, d.offer.speciality_label, d.offer.academy_label,
                                d.saved_at.date_fr(), d.saved_at.time_fr())}
                            <a href=format!("/m-inscrire/formulaire?offre={}", d.offer.public_id)>"Reprendre ma saisie"</a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
