//! A candidate's dossier (REQUIREMENTS S4, S5): the account's identity with "Corriger
//! l'identité", each candidature of the member's académies with every version and what it
//! changed, every document version (openable), "Désinscrire" with its reason (and
//! "Réinscrire" for an administrator), the mails sent to the candidate and the dossier's
//! journal. The actions are real POST forms: they work before the client code is ready and
//! without it.

use super::frame::StaffFrame;
use super::identity::{IdentityCorrectionForm, corrected_in_address};
use super::journal::JournalTable;
use crate::api::account::load_account_form;
use crate::api::staff::{change_status, load_dossier};
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::error::AppError;
use crate::model::posted::form::STAFF_STATUS as FORM;
use crate::model::staff::{Dossier, DossierCandidature, StatusChange};
use crate::model::{AccountFormLists, Posted, version_fr};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DossierPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| uuid::Uuid::parse_str(&v).ok()));
    let dossier = Resource::new(id, |id| async move {
        match id {
            Some(id) => (load_dossier(id).await, load_account_form().await),
            None => (Err(AppError::NotFound), Err(AppError::NotFound)),
        }
    });
    let corrected = RwSignal::new(corrected_in_address());
    view! {
        <Title text="Dossier" />
        <StaffFrame>
            <p><a href="/gestion/candidats">"↩ Candidats"</a></p>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match dossier.await {
                        (Ok(d), Ok(lists)) => view! {
                            <DossierView d lists corrected reload=move || dossier.refetch() />
                        }
                        .into_any(),
                        (Err(error), _) | (_, Err(error)) => view! {
                            <h1>"Dossier"</h1>
                            <ErrorMessage error />
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn DossierView(
    d: Dossier,
    lists: AccountFormLists,
    corrected: RwSignal<bool>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let title = format!("Dossier de {}", d.name);
    let opened = d.candidatures.first().map(|c| c.id);
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="lead">{format!("N° candidat {}", d.number)}</p>
        <section aria-labelledby="identite">
            <h2 id="identite">"Identité"</h2>
            <dl class="facts">
                {d.identity.into_iter().map(|(label, value)| view! {
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                }).collect_view()}
            </dl>
            {opened.map(|candidature| view! {
                <IdentityCorrectionForm
                    candidature
                    revision=d.identity_revision
                    form=d.identity_form
                    lists
                    corrected
                    reload
                />
            })}
        </section>
        {d.candidatures.into_iter().map(|c| view! { <CandidatureSection c reload /> }).collect_view()}
        <section aria-labelledby="mails">
            <h2 id="mails">"Mails envoyés au candidat"</h2>
            {if d.mails.is_empty() {
                view! { <p class="muted">"Aucun mail."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="dense">
                            <thead><tr>
                                <th scope="col">"Objet"</th>
                                <th scope="col">"Écrit le"</th>
                                <th scope="col">"État"</th>
                            </tr></thead>
                            <tbody>
                                {d.mails.into_iter().map(|m| view! {
                                    <tr><td>{m.subject}</td><td>{m.created_at}</td><td>{m.state}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="journal">
            <h2 id="journal">"Journal du dossier"</h2>
            {if d.journal.is_empty() {
                view! { <p class="muted">"Aucune action du service sur ce dossier."</p> }.into_any()
            } else {
                view! { <JournalTable rows=d.journal /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn CandidatureSection(
    c: DossierCandidature,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let heading = format!("N° inscription {} - {}", c.registration, c.offer);
    let heading_id = format!("candidature-{}", c.registration);
    let labelled_by = heading_id.clone();
    let status = if c.registered {
        view! { <span class="badge">"Inscrite"</span> }.into_any()
    } else {
        view! { <span class="badge badge--muted">"Désinscrite"</span> }.into_any()
    };
    view! {
        <section aria-labelledby=labelled_by class="dossier-candidature">
            <h2 id=heading_id>{heading}</h2>
            <p>
                {status}
                {format!(" {} - session {} - {}", c.academy, c.session, version_fr(c.version))}
            </p>
            <h3>"Versions"</h3>
            <div class="table-scroll">
                <table class="dense">
                    <thead><tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"Enregistrée le"</th>
                        <th scope="col">"Ce qui a changé"</th>
                    </tr></thead>
                    <tbody>
                        {c.versions.iter().map(|v| {
                            let changed = if v.version == 1 {
                                "Inscription".to_owned()
                            } else if v.changes.is_empty() {
                                "Aucun changement".to_owned()
                            } else {
                                v.changes.join(", ")
                            };
                            view! {
                                <tr><td>{version_fr(v.version)}</td><td>{v.saved_at.clone()}</td><td>{changed}</td></tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>"Documents"</h3>
            {c.documents.iter().any(|doc| !doc.ready).then(|| {
                let path = format!("/gestion/candidats/{}", c.id);
                view! {
                    <p class="muted">
                        "Un document est en préparation : il sera prêt dans quelques instants. "
                        <a
                            href=path
                            on:click=move |ev| {
                                ev.prevent_default();
                                reload();
                            }
                        >
                            "Actualiser"
                        </a>
                    </p>
                }
            })}
            <ul>
                {c.documents.iter().map(|doc| {
                    let href = format!("/gestion/documents/{}", doc.id);
                    view! {
                        <li>
                            {if doc.ready {
                                view! { <a href=href rel="external" target="_blank">{doc.title.clone()}</a> }.into_any()
                            } else {
                                view! { <span>{format!("{} (en préparation)", doc.title)}</span> }.into_any()
                            }}
                            {format!(" publié le {}", doc.published_at)}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>"Pièces justificatives"</h3>
            <p>{format!("Pièces justificatives conformes : {} / {}", c.pieces.conformes, c.pieces.total)}</p>
            {if c.pieces.groups.is_empty() {
                view! { <p class="muted">"Aucune pièce n'est demandée pour cette candidature."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {c.pieces.groups.iter().flat_map(|g| g.pieces.iter().map(move |p| (g, p))).map(|(g, p)| {
                            let href = format!("/gestion/justificatifs/{}/{}?statut=tous", c.id, p.id);
                            let state = match (p.status, &p.confirmed_at) {
                                (Some(s), _) => s.label_fr().to_owned(),
                                (None, Some(at)) => format!("validée le {at}, à contrôler"),
                                (None, None) if p.files.is_empty() => "aucun fichier".to_owned(),
                                (None, None) => format!("{} fichier(s), non validée", p.files.len()),
                            };
                            view! {
                                <li>
                                    <a href=href>{p.title.clone()}</a>
                                    {format!(" ({}) : {state}", g.label)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <StatusForm c=c.clone() reload />
        </section>
    }
}

/// "Désinscrire" (a reason, then a confirmation) or "Réinscrire".
#[component]
fn StatusForm(
    c: DossierCandidature,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    if !c.registered && !c.can_reinstate {
        return ().into_any();
    }
    // Refused when posted without the client code: the refusal and the reason typed.
    let posted = use_posted(FORM).filter(|p| p.has("candidature", &c.id.to_string()));
    let reason = RwSignal::new(
        posted
            .as_ref()
            .and_then(|p| p.value("reason"))
            .unwrap_or_default()
            .to_owned(),
    );
    let revision_shown = Posted::revision_to_send(posted.as_ref(), &c.revision);
    let error = RwSignal::new(posted.and_then(|p| p.error));
    let action = Action::new(|change: &StatusChange| change_status(change.clone()));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => reload(),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let (id, revision, unregister) = (c.id, revision_shown.clone(), c.registered);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        action.dispatch(StatusChange {
            candidature: id,
            revision: revision.clone(),
            unregister,
            reason: reason.get_untracked(),
        });
    };
    let field_error = move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field_errors().first().map(|f| f.message.clone()))
        })
    };
    let alert = move || {
        error.with(|e| {
            e.as_ref()
                .filter(|e| e.field_errors().is_empty())
                .map(AppError::message_fr)
        })
    };
    let reason_id = format!("motif-{}", c.id);
    let error_id = format!("{reason_id}-erreur");
    let path = format!("/gestion/candidats/{}", c.id);
    let hidden = move || {
        view! {
            <FormName name=FORM />
            <input type="hidden" name="candidature" value=c.id.to_string() />
            <input type="hidden" name="revision" value=revision_shown.clone() />
            <input type="hidden" name="unregister" value=c.registered.to_string() />
        }
    };
    if c.registered {
        view! {
            <details class="action" open=error.with_untracked(Option::is_some)>
                <summary>"Désinscrire"</summary>
                <form method="post" action=path novalidate on:submit=on_submit>
                    {hidden()}
                    <div role="alert">{move || alert().map(|m| view! { <p class="alert alert-error">{m}</p> })}</div>
                    <div class="field" class:field--invalid=move || field_error().is_some()>
                        <label for=reason_id.clone()>"Motif de la désinscription" <span aria-hidden="true">" *"</span></label>
                        <textarea
                            id=reason_id
                            name="reason"
                            rows="3"
                            maxlength="500"
                            aria-required="true"
                            aria-describedby=error_id.clone()
                            aria-invalid=move || field_error().map(|_| "true")
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        >{reason.get_untracked()}</textarea>
                        <p class="field__error" id=error_id aria-live="polite">{field_error}</p>
                    </div>
                    <p>"La candidature n'apparaîtra plus dans les listes du candidat, ses documents ne seront plus valables, et le candidat recevra un mail avec ce motif."</p>
                    <button type="submit" class="button button--danger" disabled=move || action.pending().get()>
                        "Confirmer la désinscription"
                    </button>
                </form>
            </details>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=path on:submit=on_submit>
                {hidden()}
                <div role="alert">{move || alert().map(|m| view! { <p class="alert alert-error">{m}</p> })}</div>
                <button type="submit" class="button button--secondary" disabled=move || action.pending().get()>
                    "Réinscrire"
                </button>
            </form>
        }
        .into_any()
    }
}
