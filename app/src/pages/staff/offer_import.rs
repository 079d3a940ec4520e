//! The preview of an imported CSV of offers (administrators; issue 15): each line of the
//! file with what it does (Création, Modification of a period with before and after,
//! Inchangée) or why it is refused, then "Appliquer l'import" (every line not refused, in
//! one transaction). A plain form: it works before the client code is ready and without it.

use super::fields::messages_of;
use super::frame::StaffFrame;
use crate::api::catalog_edit::load_offer_import;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::model::Posted;
use crate::model::catalog_edit::{ImportAction, ImportPreview};
use crate::model::posted::form::STAFF_OFFER_IMPORT;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfferImportPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), load_offer_import);
    // Read once, outside the suspense, in the same order on both sides (see `use_posted`).
    let posted = StoredValue::new(use_posted(STAFF_OFFER_IMPORT));
    let applied = StoredValue::new(use_query_map().with_untracked(|q| q.get("appliquees")));
    view! {
        <Title text="Import des offres" />
        <StaffFrame>
            <p><a href=super::offers::PATH>"Retour à Offres et périodes"</a></p>
            {applied.get_value().map(|n| view! { <p class="alert alert-success" role="status">{format!("Import appliqué : {n} offre(s) créée(s) ou modifiée(s). Les candidats voient les périodes dès maintenant.")}</p> })}
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Preview p posted=posted.get_value() /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn Preview(p: ImportPreview, posted: Option<Posted>) -> impl IntoView {
    let changes = p.changes();
    let refusals = p
        .rows
        .iter()
        .filter(|r| r.action == ImportAction::Refused)
        .count();
    let refused = messages_of(posted.as_ref());
    let path = format!("{}/import/{}", super::offers::PATH, p.id);
    view! {
        <h1>"Import des offres : aperçu"</h1>
        <p>{format!("Fichier « {} », reçu le {}. Lignes : {} ; offres créées ou modifiées : {changes} ; lignes refusées : {refusals}.", p.file_name, p.received, p.rows.len())}</p>
        {(!refused.is_empty()).then(|| view! {
            <div class="alert alert-error" role="alert">{refused.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}</div>
        })}
        <div class="table-scroll">
            <table class="dense">
                <caption>"Ce que fait chaque ligne du fichier"</caption>
                <thead><tr>
                    <th scope="col">"Ligne"</th>
                    <th scope="col">"Offre"</th>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Avant"</th>
                    <th scope="col">"Après"</th>
                    <th scope="col">"Remarques"</th>
                </tr></thead>
                <tbody>
                    {p.rows.into_iter().map(|r| view! {
                        <tr class:row--refused=r.action == ImportAction::Refused>
                            <td>{r.line}</td>
                            <td>{r.offer}</td>
                            <td><strong>{r.action.label_fr()}</strong></td>
                            <td>{r.before}</td>
                            <td>{r.after}</td>
                            <td>{r.notes.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {match p.applied {
            Some(done) => view! { <p class="notice">{done}</p> }.into_any(),
            None if changes == 0 => view! { <p class="notice">"Rien à appliquer : aucune ligne ne crée d'offre ni ne change de période. Corrigez le fichier, puis importez-le à nouveau."</p> }.into_any(),
            None => view! {
                <form method="post" action=path class="form">
                    <FormName name=STAFF_OFFER_IMPORT />
                    <input type="hidden" name="fingerprint" value=p.fingerprint />
                    <p>{if refusals > 0 {
                        format!("Les {refusals} ligne(s) refusée(s) ne seront pas appliquées. Les autres le seront toutes ensemble, ou aucune.")
                    } else {
                        "Toutes les lignes seront appliquées ensemble, ou aucune.".to_owned()
                    }}</p>
                    <div class="form__actions"><button type="submit" class="button">{format!("Appliquer l'import ({changes} offre(s))")}</button></div>
                </form>
            }.into_any(),
        }}
    }
}
