//! "Mot de passe oublié, réinitialisation du mot de passe" (A5): the same answer for any
//! address, and a mailed single-use link for an existing account.

use crate::api::account::request_password_reset;
use crate::components::form::{
    FormAlert, FormName, FormState, SubmitButton, TextField, use_posted,
};
use crate::domain::Email;
use crate::domain::account::{Errors, field};
use crate::model::SignInForm;
use crate::model::posted::form::FORGOT as FORM;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let posted = use_posted(FORM);
    let state = FormState::with_posted(SignInForm::default(), posted.as_ref());
    let alert = state.alert;
    let sent = RwSignal::new(posted.and_then(|p| p.done));
    let submit = Action::new(|email: &String| request_password_reset(email.clone()));
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) => sent.set(Some(
            state.values.with_untracked(|v| v.email.trim().to_owned()),
        )),
        Some(Err(e)) => state.refuse(e),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        let email = state.values.with_untracked(|v| v.email.clone());
        let mut errors = Errors::default();
        if errors.check(field::EMAIL, Email::parse(&email)).is_some() {
            state.errors.set(Vec::new());
            submit.dispatch(email);
        } else {
            state.show(errors.into_vec());
        }
    };
    view! {
        <Title text="Mot de passe oublié" />
        <h1>"Mot de passe oublié, réinitialisation du mot de passe"</h1>
        {move || match sent.get() {
            Some(email) => view! {
                <p class="alert alert-success" role="status">
                    "Si un compte existe pour l'adresse " <strong>{email}</strong>
                    ", un mail contenant un lien de réinitialisation vient de lui être envoyé. Ce lien ne sert qu'une fois et n'est valable qu'une heure."
                </p>
                <p><a href="/connexion">"Retour à la connexion"</a></p>
            }
                .into_any(),
            None => view! {
                <p>"Saisissez l'adresse mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe."</p>
                <form class="form form--narrow" method="post" action="/mot-de-passe-oublie" novalidate on:submit=on_submit>
                    <FormName name=FORM />
                    <FormAlert message=alert errors=state.errors />
                    <TextField field=state.bind(field::EMAIL) label="Adresse mail" required=true kind="email" autocomplete="email" />
                    <SubmitButton label="Recevoir le lien" pending=submit.pending() />
                </form>
            }
                .into_any(),
        }}
    }
}
