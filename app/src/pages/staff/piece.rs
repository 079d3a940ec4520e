//! One piece of a candidature opened from the queue (REQUIREMENTS J5, S6): the candidate's
//! identity beside the files (a PDF or an image shown inside the page, other formats
//! downloaded; a file waiting for the antivirus or found infected is not opened), the
//! decision (Reçue with a reception date, Non conforme with a comment, Conforme), the
//! piece's history, and the previous and next pieces of the queue (Alt+Maj+P, Alt+Maj+N).

use super::frame::StaffFrame;
use super::pieces::{DecisionFields, PATH as QUEUE, RelanceSent, query_of_address};
use crate::api::pieces::load_piece_control;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::model::pieces::{PieceControl, PieceQueueQuery, StaffFileView};
use crate::model::posted::form::{STAFF_PIECE, STAFF_RELANCE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PiecePage() -> impl IntoView {
    let params = use_params_map();
    let query = query_of_address();
    let key = Memo::new(move |_| {
        params.with(|p| {
            (
                p.get("candidature")
                    .and_then(|c| uuid::Uuid::parse_str(&c).ok()),
                p.get("piece").and_then(|n| n.parse::<i32>().ok()),
            )
        })
    });
    let control = Resource::new(
        move || (key.get(), query.get()),
        |((candidature, piece), query)| async move {
            match (candidature, piece) {
                (Some(c), Some(p)) => load_piece_control(c, p, query).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Contrôle d'une pièce" />
        <StaffFrame>
            <p><a href=move || { let f = query.get().to_query(); if f.is_empty() { QUEUE.to_owned() } else { format!("{QUEUE}?{f}") } }>"Retour aux pièces justificatives"</a></p>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match control.await {
                        Ok(c) => view! { <Control c query=query.get_untracked() /> }.into_any(),
                        Err(error) => view! { <h1>"Contrôle d'une pièce"</h1><ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn Control(c: PieceControl, query: PieceQueueQuery) -> impl IntoView {
    let filters = query.to_query();
    let back = if filters.is_empty() {
        String::new()
    } else {
        format!("?{filters}")
    };
    let here = format!("{QUEUE}/{}/{}", c.candidature, c.piece);
    let relance_error = use_posted(STAFF_RELANCE).and_then(|p| p.error);
    let posted = use_posted(STAFF_PIECE);
    let error = posted.as_ref().and_then(|p| p.error.clone());
    let typed = |name: &str, fallback: String| {
        posted
            .as_ref()
            .and_then(|p| p.value(name).map(str::to_owned))
            .unwrap_or(fallback)
    };
    let status = typed(
        "statut",
        c.status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
    );
    let received = typed("date_reception", c.received_on.clone().unwrap_or_default());
    let comment = typed("commentaire", c.comment.clone().unwrap_or_default());
    let revision = crate::model::Posted::revision_to_send(posted.as_ref(), &c.revision);
    let errors = error
        .as_ref()
        .map(|e| e.field_errors().to_vec())
        .unwrap_or_default();
    let nav = |to: Option<String>, label: &'static str, key: &'static str, rel: &'static str| {
        to.map(|k| view! { <a href=format!("{QUEUE}/{k}{back}") accesskey=key rel=rel>{label}</a> })
    };
    view! {
        <h1>{format!("{} - {}", c.name, c.title)}</h1>
        <nav class="pager" aria-label="Pièces de la file">
            {nav(c.previous.clone(), "Pièce précédente", "p", "prev")}
            {nav(c.next.clone(), "Pièce suivante", "n", "next")}
            <span class="small muted">"Raccourcis : Alt+Maj+P et Alt+Maj+N (selon le navigateur)."</span>
        </nav>
        <div class="control">
            <section class="card" aria-labelledby="candidat-titre">
                <h2 id="candidat-titre">"Candidat"</h2>
                <dl class="facts">
                    <dt>"Nom Prénoms"</dt><dd>{c.name.clone()}</dd>
                    <dt>"N° candidat"</dt><dd>{c.number.clone()}</dd>
                    <dt>"Né(e) le"</dt><dd>{c.birth_date.clone()}</dd>
                    <dt>"Adresse mail"</dt><dd>{c.email.clone()}</dd>
                    <dt>"Examen - spécialité"</dt><dd>{c.offer.clone()}</dd>
                    <dt>"Académie"</dt><dd>{c.academy.clone()}</dd>
                    <dt>"Regroupement"</dt><dd>{c.group.clone()}<br /><span class="small">{c.when.clone()}</span></dd>
                    <dt>"Statut"</dt><dd>{c.status.map_or("Aucun (pas encore contrôlée)", |s| s.label_fr())}</dd>
                    {c.received_on.clone().map(|d| view! { <dt>"Date de réception"</dt><dd>{d}</dd> })}
                    {c.comment.clone().map(|m| view! { <dt>"Information du gestionnaire"</dt><dd>{m}</dd> })}
                    <dt>"Validée par le candidat"</dt><dd>{c.confirmed_at.clone().unwrap_or_else(|| "Non".into())}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="fichiers-titre">
                <h2 id="fichiers-titre">"Fichiers"</h2>
                {if c.files.is_empty() {
                    view! { <p class="muted">"Aucun fichier déposé (pièce envoyée par courrier, ou pas encore déposée)."</p> }.into_any()
                } else {
                    c.files.into_iter().map(|f| view! { <FileView f /> }).collect_view().into_any()
                }}
            </section>
        </div>
        <form method="post" action=here.clone() class="form" id="decision">
            <FormName name=STAFF_PIECE />
            <input type="hidden" name="selection" value=format!("{}/{}", c.candidature, c.piece) />
            <input type="hidden" name="revision" value=revision />
            <input type="hidden" name="filtres" value=filters.clone() />
            <h2>"Décision"</h2>
            {error.as_ref().filter(|e| e.field_errors().is_empty()).map(|e| view! { <p class="alert alert-error" role="alert">{e.message_fr()}</p> })}
            <DecisionFields prefix="piece" status received_on=received comment errors />
            <div class="form__actions">
                <button type="submit" class="button">"Enregistrer"</button>
                {c.next.clone().map(|next| view! {
                    <button type="submit" class="button button--secondary" name="suivant" value=next>
                        "Enregistrer et passer à la suivante"
                    </button>
                })}
            </div>
        </form>
        <RelanceSent />
        <form method="post" action=here.clone() class="form">
            <FormName name=STAFF_RELANCE />
            <input type="hidden" name="candidature" value=c.candidature.to_string() />
            <input type="hidden" name="filtres" value=filters.clone() />
            {relance_error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message_fr()}</p> })}
            <button type="submit" class="button button--secondary">"Publier une relance à ce candidat"</button>
            <p class="field__hint">"Seulement s'il lui manque des pièces ; un mail lui annonce le document."</p>
        </form>
        <section aria-labelledby="historique-titre">
            <h2 id="historique-titre">"Historique de la pièce"</h2>
            {if c.history.is_empty() {
                view! { <p class="muted">"Rien encore."</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {c.history.into_iter().map(|h| view! { <li>{format!("{} - {} : {}", h.at, h.by, h.what)}</li> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn FileView(f: StaffFileView) -> impl IntoView {
    let url = format!("/gestion/justificatifs/fichiers/{}", f.id);
    let title = format!("Aperçu de {}", f.name);
    view! {
        <div class="control__file">
            <p><strong>{f.name.clone()}</strong>" "<span class="small">{f.deposited.clone()}</span></p>
            {match (f.infection.clone(), f.scanned) {
                (Some(signature), _) => view! {
                    <p class="alert alert-error">
                        {format!("Virus détecté par l'antivirus ({signature}) : le fichier n'est pas servi. Le candidat est invité à déposer un autre fichier.")}
                    </p>
                }.into_any(),
                (None, false) => view! {
                    <p class="notice" role="status">"En cours de vérification par l'antivirus : le fichier pourra être ouvert dans quelques instants."</p>
                }.into_any(),
                (None, true) => view! {
                    <p><a href=url.clone() rel="external" download="">"Télécharger"</a></p>
                    {match f.preview.as_deref() {
                        Some("pdf") => view! { <iframe class="control__preview" src=format!("{url}?apercu=1") title=title.clone()></iframe> }.into_any(),
                        Some("image") => view! { <img class="control__preview" src=format!("{url}?apercu=1") alt=title.clone() /> }.into_any(),
                        _ => view! { <p class="small muted">"Ce format ne s'affiche pas dans la page : téléchargez-le."</p> }.into_any(),
                    }}
                }.into_any(),
            }}
        </div>
    }
}
