//! Tab 6 "N° Inscription" (R8): shown once saved, in the guide's sentences.

use super::wizard::WizardContext;
use crate::model::Tab;
use crate::pages::documents::candidature_documents::DocumentLinks;
use leptos::prelude::*;

#[component]
pub fn NumeroTab() -> impl IntoView {
    let ctx = WizardContext::get();
    view! {
        <h2 id=format!("{}-titre", Tab::Numero.slug()) tabindex="-1">"Votre numéro d'inscription"</h2>
        {move || ctx.saved.get().map(|s| {
            let first = s.version == 1;
            view! {
                <div class="numero" role="status">
                    <p>
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
                        "Vous devez impérativement prendre connaissance de votre confirmation d'inscription. "
                        "Ce document est mis à votre disposition dans votre espace candidat, menu « Mes documents ». "
                        "Vous pouvez également l'éditer au format pdf à l'aide du bouton « Visualiser/imprimer », ou à défaut l'enregistrer."
                    </p>
                    <h3>"Documents de la candidature"</h3>
                    {if s.documents.is_empty() {
                        view! { <p class="muted">"Aucun document n'est encore publié pour cette candidature : il apparaîtra dans « Mes documents »."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="documents-list">
                                {s.documents.iter().cloned().map(|line| view! { <li><DocumentLinks line /></li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                    <p><a href=format!("/mes-inscriptions/{}", s.id)>"Consulter ma candidature dans « Mes inscriptions »"</a></p>
                </div>
            }
        })}
    }
}
