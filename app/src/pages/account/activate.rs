//! The pages mailed links open: account activation (A4) and the confirmation of a new
//! address (A6). Following a link changes state, so the page confirms it with a POST: the
//! activation with the password chosen at creation, the new address by itself as soon as
//! the page is ready; a mail scanner that merely fetches a link changes nothing.

use crate::api::account::{activate_account, confirm_email_change};
use crate::components::form::{
    FormAlert, FormName, FormState, LinkSecretField, SubmitButton, TextField, use_link_secret,
    use_posted,
};
use crate::domain::account::field;
use crate::error::AppError;
use crate::model::posted::form::{ACTIVATE as FORM, CONFIRM_EMAIL as CONFIRM_FORM};
use crate::model::{ActivationForm, FieldError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

/// What to do when the link no longer works.
fn activation_retry() -> impl IntoView {
    view! {
        <p>
            "Si votre compte a été créé il y a moins de 48 heures, vous pouvez demander un nouveau mail d'activation depuis la page "
            <a href="/connexion">"Se connecter"</a>
            ". Sinon, vos informations ont été effacées : "
            <a href="/creer-un-compte">"créez à nouveau votre compte"</a> "."
        </p>
    }
}

/// "Activer mon compte": the link proves the mailbox, the password chosen in "Créez votre
/// compte" says which creation becomes the account (a stranger who submitted the same
/// address with a password of their own cannot have it activated by the owner).
#[component]
pub fn ActivatePage() -> impl IntoView {
    let token = use_link_secret();
    let missing = token.is_empty();
    let navigate = use_navigate();
    let posted = use_posted(FORM);
    let state = FormState::with_posted(ActivationForm::default(), posted.as_ref());
    let dead = RwSignal::new(
        missing
            || posted
                .as_ref()
                .is_some_and(|p| p.error == Some(AppError::LinkInvalid)),
    );
    let hidden_token = token.clone();
    let submit =
        Action::new(move |form: &ActivationForm| activate_account(token.clone(), form.clone()));
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) => navigate("/connexion?compte=active", Default::default()),
        Some(Err(e)) => {
            state.values.update(|v| v.password.clear());
            dead.set(e == AppError::LinkInvalid);
            state.refuse(e);
            if state.errors.with_untracked(Vec::is_empty) {
                crate::components::form::focus(field::PASSWORD);
            }
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.alert.set(None);
        let form = state.values.get_untracked();
        if form.password.is_empty() {
            state.show(vec![FieldError {
                field: field::PASSWORD.into(),
                message: "Saisissez le mot de passe choisi lors de la création de votre compte."
                    .into(),
            }]);
        } else {
            state.errors.set(Vec::new());
            submit.dispatch(form);
        }
    };
    view! {
        <Title text="Activer mon compte" />
        <h1>"Activer mon compte"</h1>
        <Show
            when=move || !dead.get()
            fallback=move || view! {
                <p class="alert alert-error" role="alert">{AppError::LinkInvalid.message_fr()}</p>
                {activation_retry()}
            }
        >
            <p>
                "Pour activer votre compte, saisissez le mot de passe que vous avez choisi en le créant."
            </p>
            // A POST even before the client code is ready (the server answers it): the
            // password never goes into the address.
            <form class="form form--narrow" method="post" action="/activer-mon-compte" novalidate on:submit=on_submit>
                <FormName name=FORM />
                <LinkSecretField token=hidden_token.clone() />
                <FormAlert message=state.alert errors=state.errors />
                <TextField
                    field=state.bind(field::PASSWORD)
                    label="Mot de passe"
                    required=true
                    kind="password"
                    autocomplete="current-password"
                />
                <SubmitButton label="Activer mon compte" pending=submit.pending() />
            </form>
        </Show>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = use_link_secret();
    let action = Action::new(|token: &String| confirm_email_change(token.clone()));
    view! {
        <Title text="Confirmer ma nouvelle adresse mail" />
        <h1>"Confirmer ma nouvelle adresse mail"</h1>
        <LinkConfirmation
            token
            action
            form=CONFIRM_FORM
            path="/confirmer-mon-adresse"
            button="Confirmer mon adresse mail"
            next="/connexion?adresse=confirmee"
            retry=|| view! {
                <p>
                    "Vous pouvez refaire la demande depuis "
                    <a href="/modifier-mon-compte">"Modifier mon compte"</a> "."
                </p>
            }
        />
    }
}

/// Posts the link's secret once the page is ready, then goes to `next`.
#[component]
fn LinkConfirmation(
    token: String,
    action: Action<String, Result<(), AppError>>,
    form: &'static str,
    path: &'static str,
    button: &'static str,
    next: &'static str,
    #[prop(into)] retry: ViewFn,
) -> impl IntoView {
    let navigate = use_navigate();
    // Refused when posted without the client code: the refusal, as if the action had run.
    let posted_error = StoredValue::new(use_posted(form).and_then(|p| p.error));
    let started = StoredValue::new(posted_error.with_value(Option::is_some));
    {
        let token = token.clone();
        Effect::new(move |_| {
            if !started.get_value() && !token.is_empty() {
                started.set_value(true);
                action.dispatch(token.clone());
            }
        });
    }
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            navigate(next, Default::default());
        }
    });
    let failed = move || match action.value().get() {
        Some(Err(e)) => Some(e.message_fr()),
        Some(Ok(())) => None,
        None => posted_error.with_value(|e| e.as_ref().map(AppError::message_fr)),
    };
    let missing = token.is_empty();
    view! {
        {missing.then(|| view! { <p class="alert alert-error" role="alert">{AppError::LinkInvalid.message_fr()}</p> })}
        <div role="alert">{move || failed().map(|m| view! { <p class="alert alert-error">{m}</p> })}</div>
        <Show when=move || failed().is_some() || missing>
            {retry.run()}
        </Show>
        <Show when=move || !missing && failed().is_none()>
            <p role="status">
                {move || if action.pending().get() { "Vérification du lien…" } else { "" }}
            </p>
            // Without the client code the button posts the form and the server confirms.
            <form
                method="post"
                action=path
                on:submit={
                    let token = token.clone();
                    move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        action.dispatch(token.clone());
                    }
                }
            >
                <FormName name=form />
                <LinkSecretField token=token.clone() />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {button}
                </button>
            </form>
        </Show>
    }
}
