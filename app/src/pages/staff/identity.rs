//! "Corriger l'identité" in a dossier (REQUIREMENTS S4, A6): the fields of "Créez votre
//! compte" filled with the account's identity, a required reason, and a real POST form that
//! works before the client code is ready and without it. A refusal keeps everything typed.

use crate::api::staff::{correct_identity, load_dossier};
use crate::components::form::{
    FormAlert, FormName, FormState, SubmitButton, typed_before_ready, use_posted,
};
use crate::domain::account::{Errors, errors_for_staff, parse_details};
use crate::error::AppError;
use crate::model::posted::form::STAFF_IDENTITY as FORM;
use crate::model::staff::IdentityCorrection;
use crate::model::{AccountForm, AccountFormLists, Posted};
use crate::pages::account::details::IdentityFields;
use leptos::prelude::*;

/// The reason's field (the server's name for it).
const REASON: &str = "reason";

/// Whether the address says a correction was just made (the form posted by the browser
/// itself is answered by a redirection to the dossier with `?identite=corrigee`).
pub fn corrected_in_address() -> bool {
    leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("identite").is_some_and(|v| v == "corrigee"))
}

#[component]
pub fn IdentityCorrectionForm(
    candidature: uuid::Uuid,
    revision: String,
    form: AccountForm,
    lists: AccountFormLists,
    /// Whether a correction was just made: kept by the page across the dossier's reloads.
    corrected: RwSignal<bool>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let posted = use_posted(FORM);
    let state = FormState::with_posted(form, posted.as_ref());
    let alert = state.alert;
    let typed_reason = posted
        .as_ref()
        .and_then(|p| p.value(REASON))
        .unwrap_or_default()
        .to_owned();
    let reason = RwSignal::new(typed_before_ready(REASON).unwrap_or_else(|| typed_reason.clone()));
    let seen = RwSignal::new(Posted::revision_to_send(posted.as_ref(), &revision));
    // Open when a refusal came back.
    let open = posted.is_some();
    let today = lists.today.date();
    let save = Action::new(|c: &IdentityCorrection| correct_identity(c.clone()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            corrected.set(true);
            reason.set(String::new());
            reload();
        }
        Some(Err(e)) => {
            // Told who changed it and when; what was typed stays, sent again against the
            // revision as it is now should the member confirm it.
            if matches!(e, AppError::ChangedMeanwhile { .. }) {
                leptos::task::spawn_local(async move {
                    if let Ok(d) = load_dossier(candidature).await {
                        seen.set(d.identity_revision);
                    }
                });
            }
            state.refuse(e);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        corrected.set(false);
        let form = state.values.get_untracked();
        let mut errors = Errors::default();
        let parsed = parse_details(&form, today, &mut errors);
        if reason.with_untracked(|r| r.trim().is_empty()) {
            errors.add(
                REASON,
                "Indiquez le motif de la correction : il est envoyé au candidat.",
            );
        }
        if parsed.is_some() && errors.is_empty() {
            state.errors.set(Vec::new());
            save.dispatch(IdentityCorrection {
                candidature,
                revision: seen.get_untracked(),
                form,
                reason: reason.get_untracked(),
            });
        } else {
            state.show(errors_for_staff(errors.into_vec()));
        }
    };
    let reason_error = move || {
        state.errors.with(|e| {
            e.iter()
                .find(|f| f.field == REASON)
                .map(|f| f.message.clone())
        })
    };
    let path = format!("/gestion/candidats/{candidature}");
    view! {
        <Show when=move || corrected.get()>
            <p class="alert alert-success" role="status">
                "L'identité a été corrigée. Les documents ont été publiés de nouveau et le candidat en est informé par mail."
            </p>
        </Show>
        <details class="action" open=open>
            <summary>"Corriger l'identité"</summary>
            <form class="form" method="post" action=path novalidate on:submit=on_submit>
                <FormName name=FORM />
                <input type="hidden" name="candidature" value=candidature.to_string() />
                <input type="hidden" name="revision" value=move || seen.get() />
                <FormAlert message=alert errors=state.errors />
                <fieldset class="fieldset" id="identite-corrigee" tabindex="-1">
                    <legend>"Identité du candidat"</legend>
                    <IdentityFields state lists />
                </fieldset>
                <div class="field" class:field--invalid=move || reason_error().is_some()>
                    <label for=REASON>"Motif de la correction" <span aria-hidden="true">" *"</span></label>
                    <textarea
                        id=REASON
                        name=REASON
                        rows="3"
                        maxlength="500"
                        aria-required="true"
                        aria-describedby="reason-aide reason-erreur"
                        aria-invalid=move || reason_error().map(|_| "true")
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    >{typed_reason}</textarea>
                    <p class="field__hint" id="reason-aide">
                        "Il est écrit au journal et envoyé au candidat. Les documents qui portent l'identité seront publiés de nouveau."
                    </p>
                    <p class="field__error" id="reason-erreur" aria-live="polite">{reason_error}</p>
                </div>
                <SubmitButton label="Enregistrer la correction" pending=save.pending() />
            </form>
        </details>
    }
}
