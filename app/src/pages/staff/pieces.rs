//! "Pièces justificatives" (REQUIREMENTS S6): the queue of the pieces of the member's
//! académies, the oldest deadline first and confirmed pieces before the others. Filters in
//! the address (a GET form: bookmarkable, without the client code); a status and comment
//! applied to a selection with a plain POST form.

use super::frame::StaffFrame;
use crate::api::pieces::load_piece_queue;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::model::pieces::{PieceQueue, PieceQueueQuery, READY_COMMENTS};
use crate::model::posted::form::{STAFF_PIECES, STAFF_RELANCE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/gestion/justificatifs";

/// The statuses a queue can show, as the filter lists them.
const STATUSES: [(&str, &str); 6] = [
    ("", "À contrôler (sans statut ou Reçue)"),
    ("aucun", "Sans statut"),
    ("recue", "Reçue"),
    ("non_conforme", "Non conforme"),
    ("conforme", "Conforme"),
    ("tous", "Tous"),
];

/// The filters of the address.
pub fn query_of_address() -> Memo<PieceQueueQuery> {
    let params = use_query_map();
    Memo::new(move |_| params.with(|p| PieceQueueQuery::from_params(|k| p.get(k))))
}

#[component]
pub fn PiecesPage() -> impl IntoView {
    let query = query_of_address();
    let queue = Resource::new(move || query.get(), load_piece_queue);
    view! {
        <Title text="Pièces justificatives" />
        <StaffFrame>
            <h1>"Pièces justificatives"</h1>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(q) => view! {
                            <Filters query=query.get_untracked() queue=q.clone() />
                            <RelanceSent />
                            <Queue q=q.clone() query=query.get_untracked() />
                            <RelanceForm queue=q query=query.get_untracked() />
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

/// The sentence after "Publier la relance" (`?relance=n`).
#[component]
pub fn RelanceSent() -> impl IntoView {
    let sent = use_query_map().with_untracked(|q| q.get("relance"));
    sent.map(|n| {
        view! {
            <p class="alert alert-success" role="status">
                {format!(
                    "La relance est en cours de publication : {n} candidature(s) examinée(s), seules celles auxquelles il manque des pièces la reçoivent, avec un mail."
                )}
            </p>
        }
    })
}

/// "Relance de pièces justificatives" to every candidature of an offer that misses pieces.
#[component]
fn RelanceForm(queue: PieceQueue, query: PieceQueueQuery) -> impl IntoView {
    let posted = use_posted(STAFF_RELANCE);
    let error = posted.and_then(|p| p.error);
    let field_error = error
        .as_ref()
        .and_then(|e| e.field_errors().first().map(|f| f.message.clone()));
    let alert = error.filter(|e| e.field_errors().is_empty());
    let invalid = field_error.is_some().then_some("true");
    view! {
        <section aria-labelledby="relance-titre">
            <h2 id="relance-titre">"Relance de pièces justificatives"</h2>
            <p>
                "Publie le document « Relance de pièces justificatives » aux candidatures de l'examen choisi auxquelles il manque des pièces (non déposées et validées, non reçues, ou non conformes), avec un mail qui l'annonce."
            </p>
            <form method="post" action=PATH class="form form--narrow">
                <FormName name=STAFF_RELANCE />
                <input type="hidden" name="filtres" value=query.to_query() />
                {alert.map(|e| view! { <p class="alert alert-error" role="alert">{e.message_fr()}</p> })}
                <div class="field" class:field--invalid=invalid.is_some()>
                    <label for="relance-offre">"Examen ou certification"</label>
                    <select id="relance-offre" name="offre" aria-invalid=invalid aria-describedby=invalid.map(|_| "relance-offre-erreur")>
                        <option value="">"Choisir…"</option>
                        {queue.offers.into_iter().map(|o| view! { <option value=o.value>{o.label}</option> }).collect_view()}
                    </select>
                    {field_error.map(|m| view! { <p class="field__error" id="relance-offre-erreur">{m}</p> })}
                </div>
                <div class="form__actions">
                    <button type="submit" class="button">"Publier la relance"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Filters(query: PieceQueueQuery, queue: PieceQueue) -> impl IntoView {
    let option = |value: String, label: String, current: &str| {
        let selected = value == current;
        view! { <option value=value selected=selected>{label}</option> }
    };
    view! {
        <search>
            <Form method="GET" action=PATH attr:class="search-form">
                <div class="field">
                    <label for="offre">"Examen ou certification"</label>
                    <select id="offre" name="offre">
                        <option value="">"Tous"</option>
                        {queue.offers.into_iter().map(|o| option(o.value, o.label, &query.offer)).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="groupe">"Regroupement"</label>
                    <select id="groupe" name="groupe">
                        <option value="">"Tous"</option>
                        {queue.groups.into_iter().map(|g| option(g.value, g.label, &query.group)).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="statut">"Statut"</label>
                    <select id="statut" name="statut">
                        {STATUSES.iter().map(|(v, l)| option((*v).to_owned(), (*l).to_owned(), &query.status)).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="confirmee">"Validée par le candidat"</label>
                    <select id="confirmee" name="confirmee">
                        {[("", "Peu importe"), ("oui", "Oui"), ("non", "Non")]
                            .iter()
                            .map(|(v, l)| option((*v).to_owned(), (*l).to_owned(), &query.confirmed))
                            .collect_view()}
                    </select>
                </div>
                <div class="field" class:field--invalid=queue.deadline_error.is_some()>
                    <label for="echeance">"Date limite au plus tard le (jj/mm/aaaa)"</label>
                    <input
                        id="echeance"
                        name="echeance"
                        value=query.deadline.clone()
                        inputmode="numeric"
                        aria-invalid=queue.deadline_error.is_some().then_some("true")
                        aria-describedby=queue.deadline_error.is_some().then_some("echeance-erreur")
                    />
                    {queue.deadline_error.clone().map(|m| view! { <p class="field__error" id="echeance-erreur">{m}</p> })}
                </div>
                <div class="form__actions">
                    <button type="submit" class="button">"Filtrer"</button>
                    <a href=PATH class="button button--secondary">"Effacer"</a>
                </div>
            </Form>
        </search>
    }
}

#[component]
fn Queue(q: PieceQueue, query: PieceQueueQuery) -> impl IntoView {
    let filters = query.to_query();
    let back = if filters.is_empty() {
        String::new()
    } else {
        format!("?{filters}")
    };
    let count = match q.total {
        0 => "Aucune pièce ne correspond à ces filtres.".to_owned(),
        1 => "1 pièce".to_owned(),
        n => format!("{n} pièces"),
    };
    let posted = use_posted(STAFF_PIECES);
    let error = posted.as_ref().and_then(|p| p.error.clone());
    let pager = {
        let filters = filters.clone();
        let (current, pages) = (q.page, q.pages);
        (pages > 1).then(|| {
            let link = |n: u32, label: &'static str, rel: &'static str| {
                let sep = if filters.is_empty() { "" } else { "&" };
                view! { <a href=format!("{PATH}?{filters}{sep}page={n}") rel=rel>{label}</a> }
            };
            view! {
                <nav class="pager" aria-label="Pages de pièces">
                    {(current > 1).then(|| link(current - 1, "Page précédente", "prev"))}
                    <span aria-current="page">{format!("Page {current} sur {pages}")}</span>
                    {(current < pages).then(|| link(current + 1, "Page suivante", "next"))}
                </nav>
            }
        })
    };
    view! {
        <p class="results-count" role="status">{count}</p>
        {error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message_fr()}</p> })}
        {(!q.rows.is_empty()).then(|| view! {
            <form method="post" action=PATH class="pieces-queue">
                <FormName name=STAFF_PIECES />
                <input type="hidden" name="filtres" value=filters.clone() />
                <div class="table-scroll">
                    <table class="dense">
                        <caption class="sr-only">"Pièces à contrôler"</caption>
                        <thead>
                            <tr>
                                <th scope="col"><span class="sr-only">"Sélection"</span></th>
                                <th scope="col">"Candidat"</th>
                                <th scope="col">"Examen - spécialité"</th>
                                <th scope="col">"Pièce"</th>
                                <th scope="col">"Date limite"</th>
                                <th scope="col">"Validée le"</th>
                                <th scope="col">"Fichiers"</th>
                                <th scope="col">"Statut"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {q.rows.into_iter().map(|r| {
                                let key = format!("{}/{}", r.candidature, r.piece);
                                let check_id = format!("choix-{}-{}", r.candidature, r.piece);
                                let label = format!("Sélectionner {} de {}", r.label, r.name);
                                view! {
                                    <tr>
                                        <td>
                                            <input type="checkbox" name="selection" value=key.clone() id=check_id.clone() aria-label=label />
                                        </td>
                                        <td>{r.name}<br /><span class="small">{r.number}</span></td>
                                        <td>{r.offer}<br /><span class="small">{r.academy}</span></td>
                                        <td>
                                            <a href=format!("{PATH}/{key}{back}")>{r.label}</a>
                                            <br /><span class="small">{r.group}</span>
                                        </td>
                                        <td>{r.deadline}</td>
                                        <td>{r.confirmed_at.unwrap_or_default()}</td>
                                        <td>{r.files}</td>
                                        <td>
                                            {r.status.map_or("—", |s| s.label_fr())}
                                            {r.received_on.map(|d| view! { <br /><span class="small">{format!("Reçue le {d}")}</span> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <fieldset class="fieldset">
                    <legend>"Appliquer à la sélection"</legend>
                    <DecisionFields prefix="selection" />
                    <div class="form__actions">
                        <button type="submit" class="button">"Appliquer à la sélection"</button>
                    </div>
                </fieldset>
            </form>
        })}
        {pager}
    }
}

/// The fields of a decision: status, reception date, comment (with ready-made ones).
#[component]
pub fn DecisionFields(
    /// Makes the ids unique on the page.
    prefix: &'static str,
    #[prop(optional)] status: String,
    #[prop(optional)] received_on: String,
    #[prop(optional)] comment: String,
    #[prop(optional)] errors: Vec<crate::model::FieldError>,
) -> impl IntoView {
    let error = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    };
    let (status_error, date_error, comment_error) = (
        error("statut"),
        error("date_reception"),
        error("commentaire"),
    );
    let invalid = |e: &Option<String>| e.is_some().then_some("true");
    let (status_invalid, date_invalid, comment_invalid) = (
        invalid(&status_error),
        invalid(&date_error),
        invalid(&comment_error),
    );
    let id = |name: &str| format!("{prefix}-{name}");
    let options = [
        ("aucun", "Aucun (pas encore contrôlée)"),
        ("recue", "Reçue"),
        ("non_conforme", "Non conforme"),
        ("conforme", "Conforme"),
    ];
    let status = if status.is_empty() {
        "recue".to_owned()
    } else {
        status
    };
    view! {
        <div class="field" class:field--invalid=status_invalid.is_some()>
            <label for=id("statut")>"Statut"</label>
            <select id=id("statut") name="statut" aria-invalid=status_invalid>
                {options.iter().map(|(v, l)| view! { <option value=*v selected=status == *v>{*l}</option> }).collect_view()}
            </select>
            {status_error.map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
        </div>
        <div class="field" class:field--invalid=date_invalid.is_some()>
            <label for=id("date")>"Date de réception (jj/mm/aaaa)"</label>
            <input id=id("date") name="date_reception" value=received_on inputmode="numeric" aria-describedby=id("date-aide") aria-invalid=date_invalid />
            <p class="field__hint" id=id("date-aide")>"Laissée vide pour « Reçue » : la date du jour."</p>
            {date_error.map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
        </div>
        <div class="field" class:field--invalid=comment_invalid.is_some()>
            <label for=id("commentaire")>"Information du gestionnaire (pour « Non conforme »)"</label>
            <input id=id("commentaire") name="commentaire" value=comment list=id("commentaires") maxlength="500" aria-invalid=comment_invalid />
            <datalist id=id("commentaires")>
                {READY_COMMENTS.iter().map(|c| view! { <option value=*c></option> }).collect_view()}
            </datalist>
            {comment_error.map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
        </div>
    }
}
