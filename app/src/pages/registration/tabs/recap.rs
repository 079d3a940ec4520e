//! "Récapitulatif" (R7): everything entered, read-only, in the guide's sections; the same
//! component is printed by "Visualiser/imprimer" and shows a saved candidature. Its content
//! comes from `model::recap`, as the PDF documents' does.

use super::identification::{ReadOnly, RecapRows};
use crate::components::service_contact::ServiceContactLine;
use crate::model::recap::{RecapSource, sections};
use crate::pages::registration::context::WizardContext;
use leptos::prelude::*;

#[component]
pub fn Recap() -> impl IntoView {
    let ctx = WizardContext::get();
    let saved = move || {
        ctx.saved
            .get()
            .or_else(|| ctx.data.with_value(|w| w.saved.clone()))
    };
    move || {
        let form = ctx.form.values.get();
        let etablissement = ctx.etablissement_label.get();
        ctx.data.with_value(|w| {
            let sections = sections(RecapSource {
                offer: &w.offer,
                identity: &w.identity,
                lists: &w.lists,
                epreuves: &w.epreuves,
                form: &form,
                etablissement: &etablissement,
            });
            let service = w.offer.service.clone();
            view! {
                <div class="recap">
                    {saved().map(|s| view! {
                        <dl class="readonly">
                            <ReadOnly label="N° candidat :" value=s.candidate_number.clone() />
                            <ReadOnly label="N° inscription :" value=s.registration_number.clone() />
                            <ReadOnly label="Version :" value=s.version_label() />
                        </dl>
                    })}
                    {sections
                        .into_iter()
                        .map(|section| view! {
                            <h3>{section.title}</h3>
                            <dl class="readonly">
                                <RecapRows rows=section.rows />
                            </dl>
                        })
                        .collect_view()}
                    <h3>"Service gestionnaire"</h3>
                    <p><ServiceContactLine contact=service /></p>
                </div>
            }
        })
    }
}
