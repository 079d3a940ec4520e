//! "Activer mon accès gestionnaire": the one-time link's page (checklist lines 11, 12). It
//! shows the second factor's secret as a QR code and as text, asks for a password (12 to
//! 128 characters) and a first code of the application, then shows the ten recovery codes,
//! once. A real POST form: it works before the client code is ready and without it.

use crate::api::staff::{complete_enrolment, open_enrolment};
use crate::components::error_message::ErrorMessage;
use crate::components::form::{
    FormAlert, FormName, FormState, LinkSecretField, NewPasswordFields, SubmitButton, TextField,
    focus, use_link_secret, use_posted,
};
use crate::domain::PasswordPolicy;
use crate::domain::staff::{check_enrolment, field};
use crate::error::AppError;
use crate::model::posted::STAFF_HOME;
use crate::model::posted::form::STAFF_ENROL as FORM;
use crate::model::staff::{EnrolmentForm, EnrolmentView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EnrolmentPage() -> impl IntoView {
    let token = use_link_secret();
    let posted = use_posted(FORM);
    // Accepted without the client code: the server sent the recovery codes with the page.
    let codes_posted: Option<Vec<String>> = posted
        .as_ref()
        .filter(|p| p.accepted())
        .and_then(|p| p.done.as_ref())
        .map(|d| d.split(' ').map(str::to_owned).collect());
    let codes = RwSignal::new(codes_posted);
    let posted = StoredValue::new(posted);
    let view_token = token.clone();
    let token = StoredValue::new(token);
    let data = Resource::new(
        || (),
        move |_| {
            let token = view_token.clone();
            async move {
                if token.is_empty() {
                    Err(AppError::LinkInvalid)
                } else {
                    open_enrolment(token).await
                }
            }
        },
    );
    view! {
        <Title text="Activer mon accès gestionnaire" />
        <h1>"Activer mon accès à l'Espace gestionnaire"</h1>
        <Show
            when=move || codes.with(Option::is_none)
            fallback=move || view! { <RecoveryCodes codes=codes.get().unwrap_or_default() /> }
        >
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {
                    move || {
                        Suspend::new(async move {
                            match data.await {
                                Ok(pending) => view! {
                                    <EnrolmentForm pending token=token.get_value() codes posted=posted.get_value() />
                                }
                                .into_any(),
                                Err(AppError::LinkInvalid) => view! {
                                    <ErrorMessage error=AppError::LinkInvalid />
                                    <p>
                                        "Demandez un nouveau lien à un administrateur de Cyclades."
                                    </p>
                                }
                                .into_any(),
                                Err(error) => view! { <ErrorMessage error /> }.into_any(),
                            }
                        })
                    }
                }
            </Transition>
        </Show>
    }
}

/// The secret to scan and the form that confirms it.
#[component]
fn EnrolmentForm(
    pending: EnrolmentView,
    token: String,
    codes: RwSignal<Option<Vec<String>>>,
    posted: Option<crate::model::Posted>,
) -> impl IntoView {
    let state = FormState::with_posted(EnrolmentForm::default(), posted.as_ref());
    let submit_token = token.clone();
    let submit = Action::new(move |form: &EnrolmentForm| {
        complete_enrolment(submit_token.clone(), form.clone())
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(list)) => codes.set(Some(list)),
        Some(Err(e)) => {
            state.values.update(|v| v.code.clear());
            let first = e.field_errors().first().map(|f| f.field.clone());
            state.refuse(e);
            if first.is_none() {
                focus(field::CODE);
            }
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.alert.set(None);
        let form = state.values.get_untracked();
        match check_enrolment(&form) {
            Ok(()) => {
                state.errors.set(Vec::new());
                submit.dispatch(form);
            }
            Err(errors) => state.show(errors),
        }
    };
    view! {
        <p class="lead">{format!("Accès de {}.", pending.email)}</p>
        <h2>"1. Enregistrez Cyclades dans votre application d'authentification"</h2>
        <p>
            "Ouvrez votre application d'authentification (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…) et scannez ce code :"
        </p>
        // Drawn by the server from the secret (an SVG of our own, no script, no link).
        <div class="qr" role="img" aria-label="Code QR de la clé secrète" inner_html=pending.qr_svg></div>
        <p>
            "Ou saisissez la clé secrète : "
            <code class="secret">{pending.secret}</code>
        </p>
        <h2>"2. Choisissez votre mot de passe et confirmez avec un code"</h2>
        <form
            class="form form--narrow"
            method="post"
            action="/gestion/inscription"
            novalidate
            on:submit=on_submit
        >
            <FormName name=FORM />
            <LinkSecretField token=token />
            <FormAlert message=state.alert errors=state.errors />
            <NewPasswordFields
                password=state.bind(field::PASSWORD)
                confirm=state.bind(field::PASSWORD_CONFIRM)
                label="Mot de passe"
                policy=PasswordPolicy::staff()
            />
            <TextField
                field=state.bind(field::CODE)
                label="Code de vérification"
                required=true
                autocomplete="one-time-code"
                inputmode="numeric"
                hint="Le code à 6 chiffres que votre application affiche maintenant pour Cyclades."
            />
            <SubmitButton label="Activer mon accès" pending=submit.pending() />
        </form>
    }
}

/// The ten recovery codes, shown once.
#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <p class="alert alert-success" role="status">
            "Votre accès est activé et vous êtes connecté(e)."
        </p>
        <h2>"Vos codes de secours"</h2>
        <p>
            "Si vous n'avez plus votre application, chacun de ces codes remplace une fois le code de vérification. "
            <strong>"Ils ne seront plus jamais affichés : "</strong>
            "imprimez-les ou recopiez-les, et gardez-les en lieu sûr."
        </p>
        <ol class="recovery-codes">
            {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
        </ol>
        <p>
            <a class="button" href=STAFF_HOME>"J'ai noté mes codes : accéder à l'Espace gestionnaire"</a>
        </p>
    }
}
