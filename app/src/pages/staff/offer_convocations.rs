//! An offer's convocations (staff of its académie; REQUIREMENTS S7, issue 15): the date,
//! time, duration, place and instructions of each of its tests; "Préparer les
//! convocations" for every registered candidate or the candidate numbers typed, published
//! now or at an instant typed in Paris time (an embargo), with a PDF preview; and the
//! batches with their progress (PDFs made, failures) until their mails are sent. Plain
//! forms: they work before the client code is ready and without it.

use super::fields::{Field, error_of, messages_of};
use super::frame::StaffFrame;
use crate::api::convocations::load_convocations;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::model::Posted;
use crate::model::convocations::{BatchRow, ConvocationsPage, ScheduleRow, Selection, When};
use crate::model::posted::form::{STAFF_CONVOCATIONS, STAFF_SCHEDULE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfferConvocationsPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_convocations(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    // Read once, outside the suspense, in the same order on both sides (see `use_posted`).
    let posted = StoredValue::new((use_posted(STAFF_SCHEDULE), use_posted(STAFF_CONVOCATIONS)));
    let done = StoredValue::new(use_query_map().with_untracked(|q| {
        if q.get("fait").as_deref() == Some("horaire") {
            return Some("L'horaire est enregistré. Les convocations déjà publiées ne changent pas : préparez-les à nouveau pour publier la version suivante à ceux dont la convocation change.".to_owned());
        }
        let published = q.get("publiees")?;
        let unchanged = q.get("inchangees").unwrap_or_default();
        Some(format!(
            "Convocations préparées : {published} ; inchangées, non republiées : {unchanged}. Leur suivi est dans « Lots de convocations »."
        ))
    }));
    // While a batch is being rendered or waits for its mails, look again in a few seconds.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let busy = data.with(|d| {
            d.as_ref().and_then(|r| r.as_ref().ok()).is_some_and(|p| {
                p.batches
                    .iter()
                    .any(|b| b.rendered < b.total || (b.published && !b.mailed))
            })
        });
        if busy {
            set_timeout(move || data.refetch(), std::time::Duration::from_secs(3));
        }
    });
    view! {
        <Title text="Convocations d'une offre" />
        <StaffFrame>
            <p><a href=super::convocations::PATH>"Retour à Convocations"</a></p>
            {done.get_value().map(|m| view! { <p class="alert alert-success" role="status">{m}</p> })}
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let (schedule, prepare) = posted.get_value();
                            view! { <Convocations page schedule prepare /> }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn Convocations(
    page: ConvocationsPage,
    schedule: Option<Posted>,
    prepare: Option<Posted>,
) -> impl IntoView {
    let path = format!("/gestion/offres/{}/convocations", page.offer);
    let missing = page.schedules.iter().filter(|s| !s.saved).count();
    view! {
        <h1>{format!("Convocations : {}", page.label)}</h1>
        <p>{format!("{} - session {} - candidats inscrits : {}", page.academy, page.session, page.registered)}</p>
        <section aria-labelledby="horaires-titre">
            <h2 id="horaires-titre">"Horaires des épreuves"</h2>
            <p class="muted">"Chaque convocation liste les épreuves du candidat (obligatoires et celles qu'il a choisies) avec leur date, leur heure (heure de Paris), leur durée, leur lieu et leurs consignes."</p>
            {(missing > 0).then(|| view! {
                <p class="notice">{format!("Épreuve(s) sans horaire : {missing}. Les convocations se préparent une fois l'horaire de chaque épreuve passée par les candidats renseigné.")}</p>
            })}
            {page.schedules.into_iter().map(|row| {
                let mine = schedule.clone().filter(|p| p.value("epreuve") == Some(row.form.epreuve.as_str()));
                view! { <ScheduleBlock row posted=mine path=path.clone() /> }
            }).collect_view()}
        </section>
        <Prepare registered=page.registered posted=prepare path=path.clone() />
        <Batches batches=page.batches />
    }
}

#[component]
fn ScheduleBlock(row: ScheduleRow, posted: Option<Posted>, path: String) -> impl IntoView {
    let anchor = format!(
        "epreuve-{}",
        crate::domain::text::anchor_of(&row.form.epreuve)
    );
    let id = {
        let anchor = anchor.clone();
        move |name: &str| format!("{anchor}-{name}")
    };
    let refused = messages_of(posted.as_ref());
    let f = row.form;
    view! {
        <details class="action" id=anchor.clone() open=posted.is_some() || !row.saved>
            <summary>
                {format!("{} - {}", row.label, row.kind)}
                {if row.saved {
                    format!(" : le {} ({} min)", f.starts, f.duration)
                } else {
                    " : horaire à renseigner".to_owned()
                }}
            </summary>
            {(!refused.is_empty()).then(|| view! {
                <div class="alert alert-error" role="alert">
                    <p>"L'horaire n'a pas été enregistré :"</p>
                    <ul>{refused.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })}
            <form method="post" action=path class="form form--narrow">
                <FormName name=STAFF_SCHEDULE />
                <input type="hidden" name="epreuve" value=f.epreuve.clone() />
                <Field id=id("starts") name="starts" label="Début (jj/mm/aaaa hh:mm)" posted=posted.clone() value=f.starts hint="Heure de Paris." />
                <Field id=id("duration") name="duration" label="Durée (en minutes)" posted=posted.clone() value=f.duration hint="Par exemple 180 pour trois heures." />
                <Field id=id("place") name="place" label="Lieu (établissement et adresse)" posted=posted.clone() value=f.place area=true hint="6 lignes au plus." />
                <Field id=id("instructions") name="instructions" label="Consignes" posted=posted.clone() value=f.instructions area=true hint="Facultatif : matériel autorisé, accès, horaires d'accueil." />
                <div class="form__actions"><button type="submit" class="button">"Enregistrer l'horaire"</button></div>
            </form>
        </details>
    }
}

/// A radio button of `name`, checked when it is the value chosen.
#[component]
fn Radio(
    id: String,
    name: &'static str,
    value: &'static str,
    chosen: String,
    label: String,
) -> impl IntoView {
    view! {
        <div class="radio">
            <input type="radio" id=id.clone() name=name value=value checked=chosen == value />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
fn Prepare(registered: u64, posted: Option<Posted>, path: String) -> impl IntoView {
    let value = |name: &str, default: &str| {
        posted.as_ref().map_or_else(
            || default.to_owned(),
            |p| p.value(name).unwrap_or_default().to_owned(),
        )
    };
    let selection = value("selection", Selection::ALL);
    let when = value("when", When::NOW);
    let refused = messages_of(posted.as_ref());
    let selection_error = error_of(posted.as_ref(), "selection");
    let when_error = error_of(posted.as_ref(), "when");
    let selection_described = selection_error
        .is_some()
        .then_some("preparer-selection-erreur");
    let when_described = when_error.is_some().then_some("preparer-when-erreur");
    view! {
        <section aria-labelledby="preparer-titre">
            <h2 id="preparer-titre">"Préparer les convocations"</h2>
            <p class="muted">"Les PDF sont faits aussitôt ; les candidats voient leur convocation dans « Mes documents » à l'instant de publication, tous au même instant, et reçoivent alors un message qui les y invite. Préparer à nouveau après un changement d'horaire publie la version suivante aux seuls candidats dont la convocation change."</p>
            {(!refused.is_empty()).then(|| view! {
                <div class="alert alert-error" role="alert">
                    <p>"Les convocations n'ont pas été préparées :"</p>
                    <ul>{refused.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })}
            <form method="post" action=path.clone() class="form form--narrow">
                <FormName name=STAFF_CONVOCATIONS />
                <fieldset class="field" aria-describedby=selection_described>
                    <legend>"Candidats"</legend>
                    <Radio id="preparer-tous".into() name="selection" value=Selection::ALL chosen=selection.clone() label=format!("Tous les inscrits ({registered})") />
                    <Radio id="preparer-numeros".into() name="selection" value=Selection::NUMBERS chosen=selection label="Les candidats de ces numéros :".into() />
                    {selection_error.map(|m| view! { <p class="field__error" id="preparer-selection-erreur">{m}</p> })}
                </fieldset>
                <Field id="preparer-numbers".into() name="numbers" label="Numéros de candidat" posted=posted.clone() area=true hint="Un par ligne ; seulement si « Les candidats de ces numéros » est choisi." />
                <fieldset class="field" aria-describedby=when_described>
                    <legend>"Publication"</legend>
                    <Radio id="preparer-maintenant".into() name="when" value=When::NOW chosen=when.clone() label="Maintenant".into() />
                    <Radio id="preparer-le".into() name="when" value=When::AT chosen=when label="À l'instant suivant :".into() />
                    {when_error.map(|m| view! { <p class="field__error" id="preparer-when-erreur">{m}</p> })}
                </fieldset>
                <Field id="preparer-publish-at".into() name="publish_at" label="Instant de publication (jj/mm/aaaa hh:mm)" posted=posted.clone() hint="Heure de Paris ; seulement si « À l'instant suivant » est choisi." />
                <p><a href=format!("{path}/apercu") target="_blank" rel="noopener">"Aperçu d'une convocation (PDF, premier candidat inscrit)"</a></p>
                <div class="form__actions"><button type="submit" class="button">"Préparer et publier"</button></div>
            </form>
        </section>
    }
}

#[component]
fn Batches(batches: Vec<BatchRow>) -> impl IntoView {
    view! {
        <section aria-labelledby="lots-titre" id="lots">
            <h2 id="lots-titre">"Lots de convocations"</h2>
            {if batches.is_empty() {
                view! { <p class="muted">"Aucune convocation préparée pour cette offre."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="dense">
                            <caption class="sr-only">"Lots de convocations, le plus récent d'abord"</caption>
                            <thead><tr>
                                <th scope="col">"Préparé le"</th>
                                <th scope="col">"Par"</th>
                                <th scope="col">"Candidats"</th>
                                <th scope="col">"Publication"</th>
                                <th scope="col">"État"</th>
                                <th scope="col">"PDF faits"</th>
                                <th scope="col">"Échecs"</th>
                                <th scope="col">"Messages"</th>
                                <th scope="col">"Fichiers"</th>
                            </tr></thead>
                            <tbody>
                                {batches.into_iter().map(|b| {
                                    let state = b.state_fr();
                                    let label = format!("PDF faits : {} sur {}", b.rendered, b.total);
                                    view! {
                                        <tr>
                                            <td>{b.created.clone()}</td>
                                            <td>{b.by.clone()}</td>
                                            <td>{format!("{} : {} publiée(s), {} inchangée(s)", b.selection, b.total, b.unchanged)}</td>
                                            <td>{b.publish_at.clone()}</td>
                                            <td>{state}</td>
                                            <td>
                                                <progress max=b.total.to_string() value=b.rendered.to_string() aria-label=label.clone()>{label.clone()}</progress>
                                                " "{format!("{} / {}", b.rendered, b.total)}
                                            </td>
                                            <td>{b.failures}</td>
                                            <td>{if b.mailed { "Envoyés" } else if b.published { "En cours" } else { "À l'instant de publication" }}</td>
                                            <td>{if b.files {
                                                let base = format!("/gestion/convocations/lots/{}", b.id);
                                                view! {
                                                    <a href=format!("{base}/impression.pdf")>"PDF à imprimer"</a>
                                                    " · "
                                                    <a href=format!("{base}/convocations.zip")>"ZIP des PDF"</a>
                                                }.into_any()
                                            } else {
                                                view! { <span class="muted">"En préparation"</span> }.into_any()
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
