//! "Offres et périodes" (administrators; REQUIREMENTS S2, issue 15): per académie of their
//! scope, its service gestionnaire and its offers with their registration periods, a form
//! to create an offer. Plain POST forms, as everywhere in the
//! back-office.

use super::fields::{Field, Select, error_of, messages_of};
use super::frame::StaffFrame;
use crate::api::catalog_edit::load_offers;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::model::Posted;
use crate::model::catalog_edit::AcademyOffers;
use crate::model::posted::form::{STAFF_OFFER_IMPORT_FILE, STAFF_OFFER_NEW, STAFF_SERVICE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/gestion/offres";

#[component]
pub fn OffersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_offers());
    // Read once, outside the suspense, in the same order on both sides (see `use_posted`).
    let posted = StoredValue::new((use_posted(STAFF_SERVICE), use_posted(STAFF_OFFER_NEW)));
    let imported = use_posted(STAFF_OFFER_IMPORT_FILE);
    let done = use_query_map()
        .with_untracked(|q| q.get("fait"))
        .map(|a| match a.as_str() {
            "service" => "Le service gestionnaire est enregistré : les pages et les prochains documents l'affichent.",
            "suppression" => "L'offre est supprimée.",
            _ => "La modification est enregistrée.",
        });
    view! {
        <Title text="Offres et périodes" />
        <StaffFrame>
            <h1>"Offres et périodes"</h1>
            <p class="lead">
                "Les examens et certifications que vos académies proposent, par session, avec leur période d'inscription (heure de Paris), et le service gestionnaire que voient les candidats."
            </p>
            {done.map(|m| view! { <p class="alert alert-success" role="status">{m}</p> })}
            <CsvBlock posted=imported.clone() />
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) if p.academies.is_empty() => view! { <p>"Aucune académie dans votre périmètre."</p> }.into_any(),
                        Ok(p) => {
                            let specialities = p.specialities;
                            let (service, offer) = posted.get_value();
                            p.academies.into_iter().map(|a| view! { <AcademyBlock a specialities=specialities.clone() service=service.clone() offer=offer.clone() /> }).collect_view().into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn AcademyBlock(
    a: AcademyOffers,
    specialities: Vec<(i32, String)>,
    service: Option<Posted>,
    offer: Option<Posted>,
) -> impl IntoView {
    let anchor = crate::domain::text::anchor_of(&a.code);
    let service_posted = service.filter(|p| p.has("academy", &a.code));
    let service_posted_open = service_posted.is_some();
    let offer_posted = offer.filter(|p| p.has("academy", &a.code));
    let offer_posted_open = offer_posted.is_some();
    let refused: Vec<String> = messages_of(service_posted.as_ref())
        .into_iter()
        .chain(messages_of(offer_posted.as_ref()))
        .collect();
    let id = move |name: &str| format!("academie-{anchor}-{name}");
    let s = a.service.clone();
    let options: Vec<(String, String)> = std::iter::once((String::new(), "Choisissez…".to_owned()))
        .chain(specialities.into_iter().map(|(i, l)| (i.to_string(), l)))
        .collect();
    view! {
        <section class="academy-offers" id=format!("academie-{}", crate::domain::text::anchor_of(&a.code)) aria-labelledby=id("titre")>
            <h2 id=id("titre")>{a.label.clone()}</h2>
            {(!refused.is_empty()).then(|| view! {
                <div class="alert alert-error" role="alert">
                    <p>"Le formulaire n'a pas été enregistré :"</p>
                    <ul>{refused.clone().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })}
            <p>
                <strong>"Service gestionnaire : "</strong>
                {format!("{} - {} - {}", s.name, s.phone, s.email)}
            </p>
            <details class="action action--neutral" open=service_posted_open>
                <summary>"Modifier le service gestionnaire"</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <FormName name=STAFF_SERVICE />
                    <input type="hidden" name="academy" value=a.code.clone() />
                    <Field id=id("name") name="name" label="Nom du service" posted=service_posted.clone() value=s.name.clone() />
                    <Field id=id("phone") name="phone" label="Téléphone" posted=service_posted.clone() value=s.phone.clone() />
                    <Field id=id("email") name="email" label="Adresse mail" posted=service_posted.clone() value=s.email.clone() />
                    <Field id=id("address") name="address" label="Adresse postale" posted=service_posted area=true value=s.address.clone() hint="Une ligne par ligne de l'enveloppe, 6 au plus." />
                    <div class="form__actions"><button type="submit" class="button">"Enregistrer le service"</button></div>
                </form>
            </details>
            {if a.offers.is_empty() {
                view! { <p class="muted">"Aucune offre dans cette académie."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="dense">
                            <caption>{format!("Offres de l'{}", a.label.to_lowercase())}</caption>
                            <thead><tr>
                                <th scope="col">"Examen : spécialité"</th>
                                <th scope="col">"Session"</th>
                                <th scope="col">"Ouverture"</th>
                                <th scope="col">"Fermeture"</th>
                                <th scope="col">"État"</th>
                                <th scope="col">"Inscrits"</th>
                            </tr></thead>
                            <tbody>
                                {a.offers.into_iter().map(|o| view! {
                                    <tr>
                                        <td><a href=format!("{PATH}/{}", o.id)>{o.label.clone()}</a></td>
                                        <td>{o.session}</td>
                                        <td>{o.opens.clone()}</td>
                                        <td>{o.closes.clone()}</td>
                                        <td>{o.state.label_fr()}</td>
                                        <td>{o.registered}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <details class="action" open=offer_posted_open>
                <summary>"Créer une offre"</summary>
                <form method="post" action=PATH class="form form--narrow">
                    <FormName name=STAFF_OFFER_NEW />
                    <input type="hidden" name="academy" value=a.code.clone() />
                    <Select id=id("speciality") name="speciality" label="Examen ou certification : spécialité" posted=offer_posted.clone() options />
                    <Field id=id("session") name="session" label="Session (année)" posted=offer_posted.clone() hint="Par exemple 2027." />
                    <Field id=id("opens") name="opens" label="Ouverture des inscriptions (jj/mm/aaaa hh:mm)" posted=offer_posted.clone() hint="Heure de Paris, par exemple 01/09/2027 10:00." />
                    <Field id=id("closes") name="closes" label="Fermeture des inscriptions (jj/mm/aaaa hh:mm)" posted=offer_posted.clone() hint="Heure de Paris ; après l'ouverture." />
                    <Field id=id("confirmation") name="confirmation" label="Date limite de retour de la confirmation (jj/mm/aaaa hh:mm, examens G01)" posted=offer_posted hint="Facultatif ; vide : la date de fermeture. Pour les certifications (G02), laissez vide." />
                    <div class="form__actions"><button type="submit" class="button">"Créer l'offre"</button></div>
                </form>
            </details>
        </section>
    }
}

/// "Importer ou exporter (CSV)": the export's link, and the file form of the import (a plain
/// multipart form: its preview is the next page).
#[component]
fn CsvBlock(posted: Option<Posted>) -> impl IntoView {
    let error = error_of(posted.as_ref(), "fichier")
        .or_else(|| messages_of(posted.as_ref()).into_iter().next());
    let invalid = error.is_some().then_some("true");
    view! {
        <details class="action" open=error.is_some()>
            <summary>"Importer ou exporter les offres (CSV)"</summary>
            <p>
                "Une ligne par offre, séparées par des points-virgules : "
                <code>"academie;examen;specialite;session;ouverture;fermeture;confirmation"</code>
                " (codes du catalogue national, année de session, dates au format jj/mm/aaaa hh:mm en heure de Paris ; la confirmation seulement pour un examen G01). Les autres colonnes du fichier exporté sont ignorées. L'aperçu liste ce que chaque ligne change, et chaque ligne refusée avec sa raison ; rien n'est modifié avant « Appliquer l'import ». Un import ne supprime aucune offre."
            </p>
            <p><a href="/gestion/offres.csv">"Exporter les offres de vos académies (CSV)"</a></p>
            <form method="post" action="/gestion/offres/import" enctype="multipart/form-data" class="form form--narrow">
                <div class="field" class:field--invalid=invalid.is_some()>
                    <label for="import-fichier">"Fichier CSV des offres"</label>
                    <input type="file" id="import-fichier" name="fichier" accept=".csv,text/csv" required aria-invalid=invalid aria-describedby=error.is_some().then_some("import-fichier-erreur") />
                    {error.clone().map(|m| view! { <p class="field__error" id="import-fichier-erreur">{m}</p> })}
                </div>
                <div class="form__actions"><button type="submit" class="button">"Prévisualiser l'import"</button></div>
            </form>
        </details>
    }
}
