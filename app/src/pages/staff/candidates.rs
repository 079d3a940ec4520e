//! "Candidats" (REQUIREMENTS S4): one search box (name without accents or case, N°
//! candidat, email) and filters, a dense table sorted by its column headers, paged by the
//! server with the count of the whole selection. The search lives in the address (a GET
//! form): it works without the client code, and a search can be bookmarked or sent.

use super::frame::StaffFrame;
use crate::api::staff::search_candidates;
use crate::components::error_message::ErrorMessage;
use crate::model::staff::{CandidateQuery, CandidateSort, CandidatesPage, StatusFilter};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

const PATH: &str = "/gestion/candidats";

#[component]
pub fn CandidatesPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            CandidateQuery::from_pairs(
                [
                    "q", "academie", "examen", "session", "statut", "tri", "ordre", "page",
                ]
                .into_iter()
                .filter_map(|k| p.get_str(k).map(|v| (k, v))),
            )
        })
    });
    let results = Resource::new(move || query.get(), search_candidates);
    view! {
        <Title text="Candidats" />
        <StaffFrame>
            <h1>"Candidats"</h1>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(page) => view! {
                            <SearchForm query=query.get_untracked() page=page.clone() />
                            <Results page query=query.get_untracked() />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

/// The search box and the filters (their lists come with the results).
#[component]
fn SearchForm(query: CandidateQuery, page: CandidatesPage) -> impl IntoView {
    let q = query;
    let choice = |value: String, label: String, current: &str| {
        let selected = value == current;
        view! { <option value=value selected=selected>{label}</option> }
    };
    view! {
        <search>
            <Form method="GET" action=PATH attr:class="search-form">
                <div class="field search-form__text">
                    <label for="q">"Rechercher"</label>
                    <input
                        id="q"
                        name="q"
                        type="search"
                        value=q.text.clone()
                        aria-describedby="q-aide"
                        autocomplete="off"
                    />
                    <p id="q-aide" class="field__hint">
                        "Nom ou prénom (sans se soucier des accents ni des majuscules), N° candidat ou adresse mail."
                    </p>
                </div>
                <div class="field">
                    <label for="statut">"Statut"</label>
                    <select id="statut" name="statut">
                        <option value="" selected=q.status == StatusFilter::Any>"Tous"</option>
                        <option value="inscrite" selected=q.status == StatusFilter::Registered>"Inscrite"</option>
                        <option value="desinscrite" selected=q.status == StatusFilter::Unregistered>"Désinscrite"</option>
                        <option value="brouillon" selected=q.status == StatusFilter::DraftOnly>"Brouillon seulement (inscription non validée)"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="academie">"Académie"</label>
                    <select id="academie" name="academie">
                        <option value="">"Toutes"</option>
                        {page.academies.into_iter().map(|a| choice(a.code, a.label, &q.academy)).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="examen">"Examen ou certification"</label>
                    <select id="examen" name="examen">
                        <option value="">"Tous"</option>
                        {page.exams.into_iter().map(|e| choice(e.code, e.label, &q.exam)).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="session">"Session"</label>
                    <select id="session" name="session">
                        <option value="">"Toutes"</option>
                        {page.sessions.into_iter().map(|y| choice(y.to_string(), y.to_string(), &q.session)).collect_view()}
                    </select>
                </div>
                <div class="form__actions">
                    <button type="submit" class="button">"Rechercher"</button>
                    <a href=PATH class="button button--secondary">"Effacer"</a>
                </div>
            </Form>
        </search>
    }
}

#[component]
fn Results(page: CandidatesPage, query: CandidateQuery) -> impl IntoView {
    let count = match page.total {
        0 if query.status == StatusFilter::DraftOnly => {
            "Aucun brouillon ne correspond à cette recherche.".to_owned()
        }
        0 => "Aucune candidature ne correspond à cette recherche.".to_owned(),
        1 if query.status == StatusFilter::DraftOnly => "1 brouillon".to_owned(),
        n if query.status == StatusFilter::DraftOnly => format!("{n} brouillons"),
        1 => "1 candidature".to_owned(),
        n => format!("{n} candidatures"),
    };
    let header = {
        let query = query.clone();
        move |sort: CandidateSort, label: &'static str| {
            let here = query.sort == sort;
            let next = CandidateQuery {
                sort,
                descending: here && !query.descending,
                ..query.clone()
            };
            let aria = here.then_some(if query.descending {
                "descending"
            } else {
                "ascending"
            });
            view! {
                <th scope="col" aria-sort=aria>
                    <a href=format!("{PATH}?{}", next.to_query(1))>{label}</a>
                </th>
            }
        }
    };
    let pager = {
        let query = query.clone();
        let (current, pages) = (page.page, page.pages);
        move || {
            (pages > 1).then(|| {
                let link = |n: u32, label: &'static str, rel: &'static str| {
                    view! { <a href=format!("{PATH}?{}", query.to_query(n)) rel=rel>{label}</a> }
                };
                view! {
                    <nav class="pager" aria-label="Pages de résultats">
                        {(current > 1).then(|| link(current - 1, "Page précédente", "prev"))}
                        <span aria-current="page">{format!("Page {current} sur {pages}")}</span>
                        {(current < pages).then(|| link(current + 1, "Page suivante", "next"))}
                    </nav>
                }
            })
        }
    };
    let export = format!("/gestion/candidats.csv?{}", query.to_query(1));
    view! {
        <div class="results-head">
            <p class="results-count" role="status">{count}</p>
            {(page.total > 0).then(|| view! {
                // A file of the server, not a page of the client's router.
                <a class="button button--secondary" href=export rel="external" download="">
                    "Exporter (CSV)"
                </a>
            })}
        </div>
        {(!page.rows.is_empty()).then(|| view! {
            <div class="table-scroll">
                <table class="dense">
                    <caption class="sr-only">"Candidatures trouvées"</caption>
                    <thead>
                        <tr>
                            {header(CandidateSort::Number, "N° candidat")}
                            <th scope="col">"N° inscription"</th>
                            {header(CandidateSort::Name, "Nom Prénoms")}
                            <th scope="col">"Né(e) le"</th>
                            <th scope="col">"Adresse mail"</th>
                            {header(CandidateSort::Exam, "Examen - spécialité")}
                            {header(CandidateSort::Academy, "Académie")}
                            <th scope="col">"Session"</th>
                            <th scope="col">"Statut"</th>
                            {header(CandidateSort::LastChange, "Dernière modification")}
                        </tr>
                    </thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| view! {
                            <tr>
                                <td>{r.number}</td>
                                <td>{r.registration}</td>
                                <td>{match r.candidature {
                                    Some(id) => view! { <a href=format!("{PATH}/{id}")>{r.name}</a> }.into_any(),
                                    None => r.name.into_any(),
                                }}</td>
                                <td>{r.birth_date}</td>
                                <td>{r.email}</td>
                                <td>{format!("{} - {}", r.exam, r.speciality)}</td>
                                <td>{r.academy}</td>
                                <td>{r.session}</td>
                                <td>
                                    {if r.candidature.is_none() {
                                        view! { <span class="badge badge--muted">"Brouillon"</span> }.into_any()
                                    } else if r.registered {
                                        view! { <span class="badge">"Inscrite"</span> }.into_any()
                                    } else {
                                        view! { <span class="badge badge--muted">"Désinscrite"</span> }.into_any()
                                    }}
                                    {(r.version > 0).then(|| format!(" Version n°{}", r.version))}
                                </td>
                                <td>{r.last_change}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {pager}
    }
}
