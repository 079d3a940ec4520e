//! "Convocations" (staff; REQUIREMENTS S7, issue 15): the offers of the member's académies,
//! each with its registered candidates and a link to its convocations.

use super::frame::StaffFrame;
use crate::api::convocations::load_convocation_offers;
use crate::components::error_message::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page's address.
pub const PATH: &str = "/gestion/convocations";

#[component]
pub fn ConvocationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_convocation_offers());
    view! {
        <Title text="Convocations" />
        <StaffFrame>
            <h1>"Convocations"</h1>
            <p class="lead">"Pour chaque offre : l'horaire et le lieu de ses épreuves, puis les convocations de ses candidats inscrits, publiées maintenant ou à l'instant choisi."</p>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p>"Aucune offre dans vos académies."</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-scroll"><table class="dense">
                                <caption class="sr-only">"Offres de vos académies"</caption>
                                <thead><tr>
                                    <th scope="col">"Offre"</th>
                                    <th scope="col">"Académie"</th>
                                    <th scope="col">"Session"</th>
                                    <th scope="col">"Inscrits"</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|o| view! {
                                        <tr>
                                            <td><a href=format!("/gestion/offres/{}/convocations", o.id)>{o.label}</a></td>
                                            <td>{o.academy}</td>
                                            <td>{o.session}</td>
                                            <td>{o.registered}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}
