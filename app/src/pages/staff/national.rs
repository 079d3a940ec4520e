//! "Catalogue national" (national administrators; REQUIREMENTS S2, issue 15): the domains,
//! the exams and certifications of each, their specialities, and the tests of each
//! speciality with its groups of choice. Plain POST forms: each works without JavaScript,
//! and a refusal comes back beside its field with what was typed.

use super::fields::{Field, Select, messages_of};
use super::frame::StaffFrame;
use crate::api::catalog_edit::load_national_catalog;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::model::Posted;
use crate::model::catalog_edit::{DomainEdit, ExamEdit, SpecialityEdit};
use crate::model::posted::form::STAFF_NATIONAL;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/gestion/catalogue";

/// The page's refused form, read once outside the suspense (the same on both sides, see
/// `use_posted`) and shared with the blocks below.
#[derive(Clone)]
struct Refused(Option<Posted>);

/// The refused form, when it is `action` about `key` = `id`.
fn posted_for(action: &str, key: &str, id: i32) -> Option<Posted> {
    use_context::<Refused>()
        .and_then(|r| r.0)
        .filter(|p| p.has("action", action) && p.has(key, &id.to_string()))
}

#[component]
pub fn NationalPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_national_catalog());
    let done = use_query_map()
        .with_untracked(|q| q.get("fait"))
        .map(|a| match a.as_str() {
            a if a.ends_with("-suppression") => "La suppression est enregistrée.",
            a if a.ends_with("-ajout") => "L'ajout est enregistré.",
            a if a.ends_with("-archive") => "Le changement est enregistré : une spécialité ou un examen archivé ne peut plus recevoir de nouvelle offre.",
            _ => "La modification est enregistrée.",
        });
    let posted = use_posted(STAFF_NATIONAL);
    let refused = messages_of(posted.as_ref());
    provide_context(Refused(posted));
    view! {
        <Title text="Catalogue national" />
        <StaffFrame>
            <h1>"Catalogue national"</h1>
            <p class="lead">
                "Les domaines, les examens et certifications, leurs spécialités (secteurs disciplinaires) et les épreuves de chaque spécialité. Ce qu'une offre ou une candidature utilise n'est jamais supprimé : il est archivé."
            </p>
            {done.map(|m| view! { <p class="alert alert-success" role="status">{m}</p> })}
            {(!refused.is_empty()).then(|| view! {
                <div class="alert alert-error" role="alert">
                    <p>"Le changement n'a pas été enregistré :"</p>
                    <ul>{refused.clone().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })}
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(c) => c.domains.into_iter().map(|d| view! { <DomainBlock d /> }).collect_view().into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

/// A hidden field.
#[component]
fn Hidden(name: &'static str, value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value /> }
}

/// The start of every form of the page: its name and the change it asks.
#[component]
fn Change(action: &'static str) -> impl IntoView {
    view! {
        <FormName name=STAFF_NATIONAL />
        <input type="hidden" name="action" value=action />
    }
}

/// "Modifier le libellé" of a domain, an exam or a speciality.
#[component]
fn LabelForm(
    action: &'static str,
    id: i32,
    field: String,
    summary: &'static str,
    value: String,
) -> impl IntoView {
    let posted = posted_for(action, "id", id);
    let open = posted.is_some();
    view! {
        <details class="action action--neutral" open=open>
            <summary>{summary}</summary>
            <form method="post" action=PATH class="form form--narrow">
                <Change action />
                <Hidden name="id" value=id.to_string() />
                <Field id=field name="label" label="Libellé" posted value />
                <div class="form__actions"><button type="submit" class="button">"Enregistrer"</button></div>
            </form>
        </details>
    }
}

#[component]
fn DomainBlock(d: DomainEdit) -> impl IntoView {
    let add_posted = posted_for("examen-ajout", "domaine", d.id);
    let add_posted_open = add_posted.is_some();
    let id = |name: &str| format!("domaine-{}-{name}", d.id);
    view! {
        <section class="catalog-domain" id=format!("domaine-{}", d.id) aria-labelledby=id("titre")>
            <h2 id=id("titre")>{format!("{} - {}", d.code, d.label)}</h2>
            <p class="small muted">"Le code du domaine décide du document d'une inscription (G01 : confirmation à retourner, G02 : récapitulatif) : il ne change pas, et un domaine n'est jamais supprimé."</p>
            <LabelForm action="domaine-libelle" id=d.id field=id("label") summary="Modifier le libellé du domaine" value=d.label.clone() />
            {if d.exams.is_empty() {
                view! { <p class="muted">"Aucun examen dans ce domaine."</p> }.into_any()
            } else {
                d.exams.into_iter().map(|e| view! { <ExamBlock e /> }).collect_view().into_any()
            }}
            <details class="action" open=add_posted_open>
                <summary>{format!("Ajouter un examen ou une certification ({})", d.code)}</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <Change action="examen-ajout" />
                    <Hidden name="domaine" value=d.id.to_string() />
                    <Field id=id("code") name="code" label="Code" posted=add_posted.clone() hint="Lettres sans accent, chiffres, « - » ou « _ », par exemple DCL." />
                    <Field id=id("exam-label") name="label" label="Libellé" posted=add_posted hint="Par exemple « DIPLOME DE COMPETENCE EN LANGUE »." />
                    <div class="form__actions"><button type="submit" class="button">"Ajouter"</button></div>
                </form>
            </details>
        </section>
    }
}

/// "Archiver" / "Rétablir", or "Supprimer" when nothing refers to it.
#[component]
fn Lifecycle(
    what: &'static str,
    id: i32,
    name: String,
    archived: bool,
    offers: u64,
) -> impl IntoView {
    let archive_action = if what == "examen" {
        "examen-archive"
    } else {
        "specialite-archive"
    };
    let delete_action = if what == "examen" {
        "examen-suppression"
    } else {
        "specialite-suppression"
    };
    let noun = if what == "examen" {
        "l'examen"
    } else {
        "la spécialité"
    };
    view! {
        <div class="catalog-actions">
            <form method="post" action=PATH class="inline-form">
                <Change action=archive_action />
                <Hidden name="id" value=id.to_string() />
                <Hidden name="archive" value=if archived { "non" } else { "oui" }.to_owned() />
                <button type="submit" class="button button--secondary button--small" aria-label=format!("{} {noun} {name}", if archived { "Rétablir" } else { "Archiver" })>
                    {if archived { "Rétablir" } else { "Archiver" }}
                </button>
            </form>
            {if offers == 0 {
                view! {
                    <form method="post" action=PATH class="inline-form">
                        <Change action=delete_action />
                        <Hidden name="id" value=id.to_string() />
                        <button type="submit" class="button button--danger button--small" aria-label=format!("Supprimer {noun} {name}")>"Supprimer"</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p class="small muted">{format!("{offers} offre(s) s'y rapportent : pas de suppression possible, l'archivage empêche seulement les nouvelles offres.")}</p>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn ExamBlock(e: ExamEdit) -> impl IntoView {
    let add_posted = posted_for("specialite-ajout", "examen", e.id);
    let add_posted_open = add_posted.is_some();
    let id = |name: &str| format!("examen-{}-{name}", e.id);
    let title = format!(
        "{} - {}{}",
        e.code,
        e.label,
        if e.archived { " (archivé)" } else { "" }
    );
    view! {
        <section class="catalog-exam" id=format!("examen-{}", e.id) aria-labelledby=id("titre")>
            <h3 id=id("titre")>{title}</h3>
            <p class="small">{format!("{} spécialité(s), {} offre(s).", e.specialities.len(), e.offers)}</p>
            <Lifecycle what="examen" id=e.id name=e.code.clone() archived=e.archived offers=e.offers />
            <LabelForm action="examen-libelle" id=e.id field=id("label") summary="Modifier le libellé" value=e.label.clone() />
            {e.specialities.into_iter().map(|s| view! { <SpecialityBlock s /> }).collect_view()}
            <details class="action" open=add_posted_open>
                <summary>"Ajouter une spécialité"</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <Change action="specialite-ajout" />
                    <Hidden name="examen" value=e.id.to_string() />
                    <Field id=id("spe-code") name="code" label="Code" posted=add_posted.clone() hint="Par exemple ANGLAIS." />
                    <Field id=id("spe-label") name="label" label="Libellé" posted=add_posted />
                    <div class="form__actions"><button type="submit" class="button">"Ajouter la spécialité"</button></div>
                </form>
            </details>
        </section>
    }
}

const KINDS: [(&str, &str); 3] = [
    ("obligatoire", "Obligatoire"),
    ("facultative", "Facultative"),
    ("a_choix", "À choix"),
];
const MODES: [(&str, &str); 2] = [("ecrit", "Écrit"), ("oral", "Oral")];

fn label_of(list: &[(&str, &'static str)], value: &str) -> &'static str {
    list.iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, l)| *l)
}

#[component]
fn SpecialityBlock(s: SpecialityEdit) -> impl IntoView {
    let test_posted = posted_for("epreuve-ajout", "specialite", s.id);
    let test_posted_open = test_posted.is_some();
    let group_posted = posted_for("groupe-ajout", "specialite", s.id);
    let group_posted_open = group_posted.is_some();
    let id = |name: &str| format!("specialite-{}-{name}", s.id);
    let locked = s.candidatures > 0;
    let title = format!(
        "{} - {}{}",
        s.code,
        s.label,
        if s.archived { " (archivée)" } else { "" }
    );
    let group_options: Vec<(String, String)> =
        std::iter::once((String::new(), "Aucun (épreuve non à choix)".to_owned()))
            .chain(
                s.groups
                    .iter()
                    .map(|g| (g.code.clone(), format!("{} - {}", g.code, g.label))),
            )
            .collect();
    view! {
        <section class="catalog-speciality" id=format!("specialite-{}", s.id) aria-labelledby=id("titre")>
            <h4 id=id("titre")>{title}</h4>
            <p class="small">{format!("{} offre(s), {} candidature(s).", s.offers, s.candidatures)}</p>
            <Lifecycle what="specialite" id=s.id name=s.code.clone() archived=s.archived offers=s.offers />
            <LabelForm action="specialite-libelle" id=s.id field=id("label") summary="Modifier le libellé" value=s.label.clone() />
            {if s.epreuves.is_empty() {
                view! { <p class="muted">"Aucune épreuve."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="dense">
                            <caption>{format!("Épreuves de {}", s.code)}</caption>
                            <thead><tr>
                                <th scope="col">"Épreuve"</th>
                                <th scope="col">"Nature"</th>
                                <th scope="col">"Mode"</th>
                                <th scope="col">"Groupe de choix"</th>
                                <th scope="col">"Action"</th>
                            </tr></thead>
                            <tbody>
                                {s.epreuves.into_iter().map(|e| view! {
                                    <tr id=format!("epreuve-{}", e.id)>
                                        <td>{format!("{} - {}", e.code, e.label)}</td>
                                        <td>{label_of(&KINDS, &e.kind)}</td>
                                        <td>{label_of(&MODES, &e.mode)}</td>
                                        <td>{e.group.clone().unwrap_or_default()}</td>
                                        <td>{if locked {
                                            view! { <span class="small muted">"Des candidatures existent : conservée."</span> }.into_any()
                                        } else {
                                            view! {
                                                <form method="post" action=PATH class="inline-form">
                                                    <Change action="epreuve-suppression" />
                                                    <Hidden name="id" value=e.id.to_string() />
                                                    <button type="submit" class="button button--danger button--small" aria-label=format!("Supprimer l'épreuve {}", e.code)>"Supprimer"</button>
                                                </form>
                                            }.into_any()
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {(!s.groups.is_empty()).then(|| view! {
                <p class="small">"Groupes de choix : "</p>
                <ul class="small">
                    {s.groups.clone().into_iter().map(|g| view! {
                        <li id=format!("groupe-{}", g.id)>
                            {format!("{} - {} : de {} à {} épreuve(s) à choisir ", g.code, g.label, g.min, g.max)}
                            {(!g.used).then(|| view! {
                                <form method="post" action=PATH class="inline-form">
                                    <Change action="groupe-suppression" />
                                    <Hidden name="id" value=g.id.to_string() />
                                    <button type="submit" class="button button--danger button--small" aria-label=format!("Supprimer le groupe {}", g.code)>"Supprimer"</button>
                                </form>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <details class="action" open=test_posted_open>
                <summary>"Ajouter une épreuve"</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <Change action="epreuve-ajout" />
                    <Hidden name="specialite" value=s.id.to_string() />
                    <Field id=id("e-code") name="code" label="Code" posted=test_posted.clone() hint="Par exemple 010." />
                    <Field id=id("e-label") name="label" label="Libellé" posted=test_posted.clone() hint="Par exemple « EPREUVE 1 »." />
                    <Select id=id("e-kind") name="kind" label="Nature" posted=test_posted.clone() options=KINDS.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect() />
                    <Select id=id("e-mode") name="mode" label="Mode" posted=test_posted.clone() options=MODES.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect() />
                    <Select id=id("e-group") name="group" label="Groupe de choix (épreuve à choix)" posted=test_posted options=group_options />
                    <div class="form__actions"><button type="submit" class="button">"Ajouter l'épreuve"</button></div>
                </form>
            </details>
            <details class="action" open=group_posted_open>
                <summary>"Ajouter un groupe de choix"</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <Change action="groupe-ajout" />
                    <Hidden name="specialite" value=s.id.to_string() />
                    <Field id=id("g-code") name="code" label="Code" posted=group_posted.clone() hint="Par exemple SUPPORT." />
                    <Field id=id("g-label") name="label" label="Libellé" posted=group_posted.clone() hint="Par exemple « Support de l'épreuve orale »." />
                    <Field id=id("g-min") name="min" label="Nombre minimal d'épreuves à choisir" posted=group_posted.clone() value="1" />
                    <Field id=id("g-max") name="max" label="Nombre maximal d'épreuves à choisir" posted=group_posted value="1" />
                    <div class="form__actions"><button type="submit" class="button">"Ajouter le groupe"</button></div>
                </form>
            </details>
        </section>
    }
}
