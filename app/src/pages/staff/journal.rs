//! "Journal" (REQUIREMENTS S1, checklist line 31): every staff action, sign-in, failure and
//! lockout, newest first, in Paris time, filtered by who, action, subject and dates (a GET
//! form: the filters live in the address), and "Exporter (CSV)" of the selection.

use super::frame::StaffFrame;
use crate::api::journal::load_journal;
use crate::components::error_message::ErrorMessage;
use crate::model::journal::{JournalPage, JournalQuery};
use crate::model::staff::JournalLine;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/gestion/journal";

#[component]
pub fn JournalPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            JournalQuery::from_pairs(
                JournalQuery::keys()
                    .into_iter()
                    .filter_map(|k| p.get_str(k).map(|v| (k, v))),
            )
        })
    });
    let rows = Resource::new(move || query.get(), load_journal);
    view! {
        <Title text="Journal" />
        <StaffFrame>
            <h1>"Journal"</h1>
            <p class="lead">
                "Chaque action du personnel, chaque connexion et chaque échec, dans l'ordre. Une ligne n'est jamais modifiée ni effacée : chacune est chaînée à la précédente par une empreinte SHA-256."
            </p>
            <Filters query=query.get_untracked() />
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(page) => view! { <Rows page query=query.get_untracked() /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn Filters(query: JournalQuery) -> impl IntoView {
    let field = |id: &'static str,
                 label: &'static str,
                 value: String,
                 hint: Option<&'static str>| {
        let described = hint.map(|_| format!("{id}-aide"));
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id name=id value=value aria-describedby=described.clone() autocomplete="off" />
                {hint.map(|h| view! { <p class="field__hint" id=described.clone()>{h}</p> })}
            </div>
        }
    };
    view! {
        <search>
            <Form method="GET" action=PATH attr:class="search-form">
                {field("qui", "Par", query.who, Some("Adresse mail d'un membre du personnel, ou une partie."))}
                {field("action", "Action", query.action, Some("Par exemple candidature. ou connexion"))}
                {field("objet", "Objet", query.subject, None)}
                {field("du", "Du", query.from, Some("jj/mm/aaaa"))}
                {field("au", "Au", query.to, Some("jj/mm/aaaa"))}
                <div class="form__actions">
                    <button type="submit" class="button">"Filtrer"</button>
                    <a href=PATH class="button button--secondary">"Effacer"</a>
                </div>
            </Form>
        </search>
    }
}

#[component]
fn Rows(page: JournalPage, query: JournalQuery) -> impl IntoView {
    let export = format!("/gestion/journal.csv?{}", query.to_query(1));
    let (current, pages) = (page.page, page.pages);
    let link = move |n: u32, label: &'static str| {
        view! { <a href=format!("{PATH}?{}", query.to_query(n))>{label}</a> }
    };
    view! {
        <div class="results-head">
            <p class="results-count" role="status">
                {match page.total {
                    0 => "Aucune ligne ne correspond à ces filtres.".to_owned(),
                    1 => "1 ligne".to_owned(),
                    n => format!("{n} lignes"),
                }}
            </p>
            <a class="button button--secondary" href=export rel="external" download="">"Exporter (CSV)"</a>
        </div>
        {(!page.rows.is_empty()).then(|| view! { <JournalTable rows=page.rows full=true /> })}
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label="Pages du journal">
                {(current > 1).then(|| link(current - 1, "Page précédente"))}
                <span aria-current="page">{format!("Page {current} sur {pages}")}</span>
                {(current < pages).then(|| link(current + 1, "Page suivante"))}
            </nav>
        })}
    }
}

/// Rows of the journal, as the Journal page shows them (`full`: with their number, address
/// and subject) or as a dossier does (its own rows: when, who, what, before and after).
#[component]
pub fn JournalTable(rows: Vec<JournalLine>, #[prop(optional)] full: bool) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="dense">
                <caption class="sr-only">"Lignes du journal"</caption>
                <thead><tr>
                    {full.then(|| view! { <th scope="col">"N°"</th> })}
                    <th scope="col">"Date (heure de Paris)"</th>
                    <th scope="col">"Par"</th>
                    {full.then(|| view! { <th scope="col">"Adresse IP"</th> })}
                    <th scope="col">"Action"</th>
                    {full.then(|| view! { <th scope="col">"Objet"</th> })}
                    <th scope="col">"Avant"</th>
                    <th scope="col">"Après"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|j| view! {
                        <tr>
                            {full.then(|| view! { <td>{j.seq}</td> })}
                            <td>{j.at}</td>
                            <td>{j.actor}</td>
                            {full.then(|| view! { <td>{j.address.clone()}</td> })}
                            <td>{j.action}</td>
                            {full.then(|| view! { <td>{j.subject.clone()}</td> })}
                            <td><code>{j.before}</code></td>
                            <td><code>{j.after}</code></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
