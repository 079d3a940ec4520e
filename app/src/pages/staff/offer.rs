//! One offer (administrators; REQUIREMENTS S2, issue 15): its registration period and, for
//! an exam (G01), the date its confirmation must be returned, typed in Paris time. A change
//! to an open period with registered candidates asks first, saying how many (a dialog once
//! the page is interactive; before, or without JavaScript, the server's refusal offers the
//! same confirmation). An offer without candidatures can be deleted; otherwise the page
//! says why not.

use super::fields::{Field, error_of, messages_of};
use super::frame::StaffFrame;
use crate::api::catalog_edit::load_offer;
use crate::components::dialog::Modal;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::domain::PeriodState;
use crate::model::Posted;
use crate::model::catalog_edit::OfferEdit;
use crate::model::posted::form::{STAFF_OFFER_DELETE, STAFF_PERIOD};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_offer(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    // Read once, outside the suspense, in the same order on both sides (see `use_posted`).
    let posted = StoredValue::new((use_posted(STAFF_PERIOD), use_posted(STAFF_OFFER_DELETE)));
    let done = use_query_map()
        .with_untracked(|q| q.get("fait"))
        .map(|a| match a.as_str() {
            "creation" => "L'offre est créée. Les candidats la voient dans « Ouverture des services » dès l'ouverture de sa période.",
            _ => "La période est enregistrée : elle s'applique dès maintenant aux candidats.",
        });
    view! {
        <Title text="Offre" />
        <StaffFrame>
            <p><a href=super::offers::PATH>"Retour à Offres et périodes"</a></p>
            {done.map(|m| view! { <p class="alert alert-success" role="status">{m}</p> })}
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => {
                            let (period, deletion) = posted.get_value();
                            view! { <OfferBlock o period deletion /> }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn OfferBlock(o: OfferEdit, period: Option<Posted>, deletion: Option<Posted>) -> impl IntoView {
    let path = format!("{}/{}", super::offers::PATH, o.id);
    let posted = period;
    let deleted = messages_of(deletion.as_ref());
    // The server asked for the confirmation (a refusal on `confirmed`).
    let asked = error_of(posted.as_ref(), "confirmed");
    let refused: Vec<String> = messages_of(posted.as_ref())
        .into_iter()
        .filter(|m| asked.as_ref() != Some(m))
        .collect();
    let needs_confirmation = o.state == PeriodState::Open && o.registered > 0;
    let sentence = StoredValue::new(crate::model::catalog_edit::confirm_sentence(o.registered));
    let dialog = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let confirmed_ref = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let already = confirmed_ref
            .get_untracked()
            .is_some_and(|i| i.value() == "oui");
        if needs_confirmation && !already {
            ev.prevent_default();
            dialog.set(true);
        }
    };
    let confirm = move |_| {
        if let Some(input) = confirmed_ref.get_untracked() {
            input.set_value("oui");
        }
        dialog.set(false);
        if let Some(form) = form_ref.get_untracked() {
            let _ = form.submit();
        }
    };
    view! {
        <div class="offer-page">
        <h1>{format!("Offre : {}", o.label)}</h1>
        <p>{format!("{} - session {} - {}", o.academy, o.session, o.state.label_fr())}</p>
        <p>{format!("Candidats inscrits : {} ; candidatures en tout (désinscrites comprises) : {}.", o.registered, o.candidatures)}</p>
        <p><a href=format!("{path}/convocations")>"Convocations de cette offre"</a></p>
        {(!refused.is_empty()).then(|| view! {
            <div class="alert alert-error" role="alert">
                <p>"La période n'a pas été enregistrée :"</p>
                <ul>{refused.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        })}
        <section aria-labelledby="periode-titre">
            <h2 id="periode-titre">"Période d'inscription"</h2>
            <form method="post" action=path.clone() class="form form--narrow" node_ref=form_ref on:submit=on_submit>
                <FormName name=STAFF_PERIOD />
                <Field id="periode-opens".into() name="opens" label="Ouverture (jj/mm/aaaa hh:mm)" posted=posted.clone() value=o.period.opens.clone() hint="Heure de Paris." />
                <Field id="periode-closes".into() name="closes" label="Fermeture (jj/mm/aaaa hh:mm)" posted=posted.clone() value=o.period.closes.clone() hint="Heure de Paris ; après l'ouverture. Après la fermeture, les candidatures ne peuvent plus être modifiées." />
                {(o.domain_code == "G01").then(|| view! {
                    <Field id="periode-confirmation".into() name="confirmation" label="Date limite de retour de la confirmation (jj/mm/aaaa hh:mm)" posted=posted.clone() value=o.period.confirmation.clone() hint="Facultatif ; vide : la date de fermeture." />
                })}
                {asked.map(|m| view! {
                    <div class="notice" role="alert" id="periode-confirmation-demandee">
                        <p>{m}</p>
                        <button type="submit" class="button" name="confirmed" value="oui">"Confirmer la modification"</button>
                    </div>
                })}
                <div class="form__actions"><button type="submit" class="button">"Enregistrer la période"</button></div>
                // After the buttons: the "Confirmer la modification" button's value comes first.
                <input type="hidden" name="confirmed" value="" node_ref=confirmed_ref />
            </form>
        </section>
        <section aria-labelledby="suppression-titre">
            <h2 id="suppression-titre">"Supprimer l'offre"</h2>
            {(!deleted.is_empty()).then(|| view! {
                <div class="alert alert-error" role="alert">{deleted.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}</div>
            })}
            {if o.candidatures == 0 {
                view! {
                    <form method="post" action=path class="inline-form">
                        <FormName name=STAFF_OFFER_DELETE />
                        <button type="submit" class="button button--danger">"Supprimer l'offre"</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p>"Des candidatures se rapportent à cette offre : elle n'est jamais supprimée. Pour arrêter les inscriptions, avancez sa date de fermeture."</p>
                }.into_any()
            }}
        </section>
        </div>
        <Show when=move || dialog.get()>
            <Modal title_id="confirmer-periode-titre" behind=&[".offer-page", ".staff-menu"] on_escape=Callback::new(move |()| dialog.set(false))>
                <h2 id="confirmer-periode-titre" tabindex="-1">"Modifier une période ouverte"</h2>
                <p>{sentence.get_value()}</p>
                <div class="form__actions">
                    <button type="button" class="button" on:click=confirm>"Confirmer"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| dialog.set(false)>"Annuler"</button>
                </div>
            </Modal>
        </Show>
    }
}
