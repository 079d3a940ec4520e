//! Tab 6 "N° inscription" (R8): shown once saved, in the guide's sentences. The document
//! published by the save is rendered just after it: the tab asks again until it is ready,
//! and says so.

use crate::api::documents::load_candidature_documents;
use crate::model::Tab;
use crate::model::documents::DocumentKind;
use crate::pages::documents::candidature_documents::DocumentLinks;
use crate::pages::registration::context::WizardContext;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How many times the tab asks whether the documents are ready before leaving it to
/// "Mes documents" (about a minute in all).
const READY_CHECKS: u32 = 30;

#[component]
pub fn NumeroTab() -> impl IntoView {
    let ctx = WizardContext::get();
    let document = ctx
        .data
        .with_value(|w| DocumentKind::at_registration(&w.offer.domain_code));
    let asked = StoredValue::new(0u32);
    Effect::new(move |_| {
        let Some((id, pending)) = ctx.saved.with(|s| {
            s.as_ref()
                .map(|s| (s.id, s.documents.iter().any(|d| !d.ready)))
        }) else {
            return;
        };
        let checks = asked.get_value();
        if !pending || checks >= READY_CHECKS {
            return;
        }
        asked.set_value(checks + 1);
        let wait = Duration::from_millis(500 * u64::from(checks.min(4) + 1));
        set_timeout(
            move || {
                spawn_local(async move {
                    let Ok(list) = load_candidature_documents(id).await else {
                        return;
                    };
                    if ctx.saved.is_disposed() {
                        return;
                    }
                    ctx.saved.update(|s| {
                        if let Some(s) = s.as_mut().filter(|s| s.id == id) {
                            s.documents = list.documents;
                        }
                    });
                });
            },
            wait,
        );
    });
    let name = document.label_fr().to_lowercase();
    // Its own node, kept across the updates, so that a screen reader announces the change.
    let ready = move || {
        let ready = ctx.saved.with(|s| {
            s.as_ref()?
                .documents
                .iter()
                .find(|d| d.kind == document)
                .map(|d| d.ready)
        })?;
        let label = document.label_fr();
        Some(if ready {
            format!(
                "Le document « {label} » est prêt : ouvrez-le ci-dessous ou avec « Visualiser/imprimer »."
            )
        } else {
            format!(
                "Le document « {label} » est en cours de préparation : il sera prêt dans quelques instants."
            )
        })
    };
    // The numbers and dates, which the documents' updates leave unchanged.
    let saved = Memo::new(move |_| {
        ctx.saved.get().map(|mut s| {
            s.documents.clear();
            s
        })
    });
    view! {
        <h2 id=format!("{}-titre", Tab::Numero.slug()) tabindex="-1">"Votre numéro d'inscription"</h2>
        {move || saved.get().map(|s| {
            let first = s.version == 1;
            let name = name.clone();
            view! {
                <div class="numero">
                    <p role="status">
                        {if first { "Votre inscription a bien été prise en compte le " } else { "Votre modification a bien été prise en compte le " }}
                        <strong>{s.saved_at.date_fr()}</strong>" à "<strong>{s.saved_at.time_fr()}</strong>"."
                    </p>
                    <p>"Votre numéro candidat : " <strong class="candidate-number">{s.candidate_number.clone()}</strong></p>
                    <p>"Votre numéro d'inscription : " <strong class="registration-number">{s.registration_number.clone()}</strong></p>
                    {(!first).then(|| view! { <p><strong class="version">{s.version_label()}</strong></p> })}
                    <p>
                        "Vous pourrez consulter et, éventuellement, modifier les données de votre dossier avant la fermeture du service fixée le : "
                        <strong>{s.closes_at.date_fr()}</strong>" à "<strong>{s.closes_at.time_fr()}</strong>"."
                    </p>
                    <p>
                        {format!("Vous devez impérativement prendre connaissance de votre {name}. ")}
                        "Ce document est mis à votre disposition dans votre espace candidat, menu « Mes documents ». "
                        "Vous pouvez également l'éditer au format pdf à l'aide du bouton « Visualiser/imprimer », ou à défaut l'enregistrer."
                    </p>
                    {(document == DocumentKind::Confirmation).then(|| view! {
                        <p><strong>"La confirmation d'inscription est à retourner au service gestionnaire des examens avant la date qu'elle indique."</strong></p>
                    })}
                </div>
            }
        })}
        <h3>"Documents de la candidature"</h3>
        <p role="status" class="numero__ready">{ready}</p>
        {move || ctx.saved.with(|s| s.as_ref().map(|s| {
            if s.documents.is_empty() {
                view! { <p class="muted">"Aucun document n'est encore publié pour cette candidature : il apparaîtra dans « Mes documents »."</p> }.into_any()
            } else {
                view! {
                    <ul class="documents-list">
                        {s.documents.iter().cloned().map(|line| view! { <li><DocumentLinks line /></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }))}
        {move || ctx.saved.with(|s| s.as_ref().map(|s| view! {
            <p><a href=format!("/mes-inscriptions/{}", s.id)>"Consulter ma candidature dans « Mes inscriptions »"</a></p>
        }))}
    }
}
