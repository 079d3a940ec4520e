//! P1 "Accueil": the portal's purpose and the messages staff publish.

use crate::api::home::home_messages;
use crate::components::error_message::ErrorMessage;
use crate::domain::home_message::{Inline, Paragraph};
use crate::model::HomeMessage;
use leptos::prelude::*;
use leptos_meta::Title;

/// The public home page.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Accueil" />
        <h1>"Accueil"</h1>
        <p class="lead">
            "Ce portail candidat est commun à tous les candidats qui souhaitent s'inscrire aux examens, aux concours ou modèles (autres examens et autres certifications) gérés dans Cyclades. Pour y accéder, il faut avoir un compte candidat CYCLADES."
        </p>
        <StaffMessages />
        <section class="panel" aria-labelledby="acces-rapide">
            <h2 id="acces-rapide">"Accès rapide"</h2>
            <ul class="quick-links">
                <li>
                    <a href="/ouverture-des-services">"Consulter l'ouverture des services"</a>
                </li>
                <li>
                    <a href="/creer-un-compte">"Créer un compte candidat"</a>
                </li>
                <li>
                    <a href="/connexion">"Se connecter"</a>
                </li>
            </ul>
        </section>
    }
}

/// The messages staff publish now, on both Accueil pages (public and signed-in).
#[component]
pub fn StaffMessages() -> impl IntoView {
    let messages = Resource::new(|| (), |_| home_messages());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Chargement des messages…"</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(list) => view! { <Messages list /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Messages(list: Vec<HomeMessage>) -> impl IntoView {
    if list.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="messages" aria-labelledby="messages-titre">
            <h2 id="messages-titre">"Informations"</h2>
            {list
                .into_iter()
                .map(|m| {
                    view! {
                        <article class="message">
                            <h3>{m.title}</h3>
                            {m.academy.map(|a| view! { <p class="message__academy">{a}</p> })}
                            <MessageText paragraphs=m.paragraphs />
                            <p class="message__date">
                                "Publié le "
                                <time datetime=m.published_at.iso()>{m.published_at.to_string()}</time>
                            </p>
                        </article>
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

/// A message's text: its paragraphs, each text and links (text nodes and `<a>` elements,
/// never HTML from the message).
#[component]
pub fn MessageText(paragraphs: Vec<Paragraph>) -> impl IntoView {
    paragraphs
        .into_iter()
        .map(|p| {
            view! {
                <p>
                    {p.into_iter()
                        .map(|inline| match inline {
                            Inline::Text(t) => t.into_any(),
                            Inline::Link { label, href } => view! { <a href=href>{label}</a> }.into_any(),
                        })
                        .collect_view()}
                </p>
            }
        })
        .collect_view()
}
