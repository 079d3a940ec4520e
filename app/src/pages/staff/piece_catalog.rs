//! "Pièces demandées" (administrators; REQUIREMENTS S2, issue 14): per offer of their
//! académies, the groups of pieces (mode, window and deadline in Paris time, postal address)
//! and their pieces, with plain POST forms to add a group or a piece and to delete a piece
//! nothing refers to. A change publishes the demande again to the offer's candidates.

use super::fields::Field;
use super::frame::StaffFrame;
use crate::api::pieces::load_piece_catalog;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::model::pieces::{GroupEdit, OfferPieces, PieceMode};
use crate::model::posted::form::{STAFF_GROUP, STAFF_PIECE_DELETE, STAFF_PIECE_NEW};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/gestion/pieces-demandees";

#[component]
pub fn PieceCatalogPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_piece_catalog());
    let done = use_query_map().with_untracked(|q| {
        match (q.get("ajoute").as_deref(), q.get("supprime").as_deref()) {
            (Some("regroupement"), _) => Some("Le regroupement a été ajouté."),
            (Some("piece"), _) => Some("La pièce a été ajoutée : la demande de pièces justificatives est publiée de nouveau aux candidats de l'examen."),
            (_, Some("piece")) => Some("La pièce a été supprimée : la demande de pièces justificatives est publiée de nouveau aux candidats de l'examen."),
            _ => None,
        }
    });
    let deleted = use_posted(STAFF_PIECE_DELETE)
        .and_then(|p| p.error)
        .map(|e| {
            e.field_errors()
                .first()
                .map_or_else(|| e.message_fr(), |f| f.message.clone())
        });
    view! {
        <Title text="Pièces demandées" />
        <StaffFrame>
            <h1>"Pièces demandées"</h1>
            <p class="lead">
                "Les pièces justificatives que chaque examen demande, par regroupement : un regroupement est une demande, avec un mode de dépôt, une période de dépôt et une date limite (heure de Paris)."
            </p>
            {done.map(|m| view! { <p class="alert alert-success" role="status">{m}</p> })}
            {deleted.clone().map(|m| view! { <p class="alert alert-error" role="alert">{m}</p> })}
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(c) if c.offers.is_empty() => view! { <p>"Aucun examen dans vos académies."</p> }.into_any(),
                        Ok(c) => c.offers.into_iter().map(|o| view! { <OfferBlock o /> }).collect_view().into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn OfferBlock(o: OfferPieces) -> impl IntoView {
    let offer = o.id.to_string();
    let posted = use_posted(STAFF_GROUP).filter(|p| p.has("offre", &offer));
    let open = posted.is_some();
    let id = |name: &str| format!("offre-{}-{name}", o.id);
    view! {
        <section class="candidature-pieces" id=format!("offre-{}", o.id) aria-labelledby=id("titre")>
            <h2 id=id("titre")>{o.label.clone()}</h2>
            {if o.groups.is_empty() {
                view! { <p class="muted">"Aucune pièce n'est demandée pour cet examen."</p> }.into_any()
            } else {
                o.groups.into_iter().map(|g| view! { <GroupBlock g /> }).collect_view().into_any()
            }}
            <details class="action" open=open>
                <summary>"Ajouter un regroupement"</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <FormName name=STAFF_GROUP />
                    <input type="hidden" name="offre" value=offer.clone() />
                    <Field id=id("label") name="label" label="Libellé" posted=posted.clone() hint="Par exemple « Confirmation d'inscription »." />
                    <div class="field">
                        <label for=id("mode")>"Mode de dépôt"</label>
                        <select id=id("mode") name="mode">
                            {[("en_ligne", "En ligne"), ("courrier", "Courrier"), ("autres", "Autres modalités")].into_iter().map(|(v, l)| {
                                let selected = posted.as_ref().and_then(|p| p.value("mode")) == Some(v);
                                view! { <option value=v selected=selected>{l}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <Field id=id("opens") name="opens" label="Ouverture du dépôt en ligne (jj/mm/aaaa hh:mm)" posted=posted.clone() hint="Heure de Paris ; pour le dépôt en ligne seulement." />
                    <Field id=id("closes") name="closes" label="Date limite (jj/mm/aaaa hh:mm)" posted=posted.clone() hint="Heure de Paris, par exemple 30/10/2027 23:59." />
                    <Field id=id("address") name="address" label="Adresse d'envoi des pièces (courrier)" posted=posted.clone() area=true />
                    <div class="form__actions"><button type="submit" class="button">"Ajouter le regroupement"</button></div>
                </form>
            </details>
        </section>
    }
}

#[component]
fn GroupBlock(g: GroupEdit) -> impl IntoView {
    let group = g.id.to_string();
    let posted = use_posted(STAFF_PIECE_NEW).filter(|p| p.has("groupe", &group));
    let open = posted.is_some();
    let id = |name: &str| format!("groupe-{}-{name}", g.id);
    let mode = match g.mode {
        PieceMode::EnLigne => "En ligne",
        PieceMode::Courrier => "Courrier",
        PieceMode::Autres => "Autres modalités",
    };
    view! {
        <div class="piece-group" id=format!("groupe-{}", g.id)>
            <h3 id=id("titre")>{format!("► {} ({mode})", g.label)}</h3>
            <p class="piece-group__when">{g.when.clone()}</p>
            {g.postal_address.clone().map(|a| view! { <p>"Adresse d'envoi : "{a}</p> })}
            {if g.pieces.is_empty() {
                view! { <p class="muted">"Aucune pièce dans ce regroupement."</p> }.into_any()
            } else {
                view! {
                    <ul class="pieces-list">
                        {g.pieces.into_iter().map(|p| view! {
                            <li class="piece">
                                <strong>{format!("{} : {}", p.label, p.description)}</strong>
                                {p.only.clone().map(|o| view! { <br /><span class="small">{format!("Demandée à une candidature seulement : {o}")}</span> })}
                                {if p.used {
                                    view! { <p class="small muted">"Des fichiers ou des statuts s'y rapportent : elle ne peut pas être supprimée."</p> }.into_any()
                                } else {
                                    view! {
                                        <form method="post" action=PATH class="inline-form">
                                            <FormName name=STAFF_PIECE_DELETE />
                                            <input type="hidden" name="id" value=p.id.to_string() />
                                            <button type="submit" class="button button--danger button--small" aria-label=format!("Supprimer la pièce {}", p.label)>"Supprimer"</button>
                                        </form>
                                    }.into_any()
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <details class="action" open=open>
                <summary>"Ajouter une pièce"</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <FormName name=STAFF_PIECE_NEW />
                    <input type="hidden" name="groupe" value=group.clone() />
                    <Field id=id("label") name="label" label="Libellé" posted=posted.clone() hint="Par exemple « Justificatif 1 »." />
                    <Field id=id("description") name="description" label="Description" posted=posted.clone() />
                    <Field id=id("candidate") name="candidate" label="N° candidat (facultatif)" posted=posted.clone() hint="Pour demander la pièce à ce candidat seulement ; vide : à tous les candidats de l'examen." />
                    <div class="form__actions"><button type="submit" class="button">"Ajouter la pièce"</button></div>
                </form>
            </details>
        </div>
    }
}
