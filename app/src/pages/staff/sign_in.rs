//! "Espace gestionnaire" - "Se connecter": login, password and the code of the second factor
//! (the application's six digits, or a recovery code) in one form, one answer whatever was
//! wrong. A real POST form: it works before the client code is ready and without it.

use crate::api::staff::staff_sign_in;
use crate::components::form::{
    FormAlert, FormName, FormState, SubmitButton, TextField, focus, use_posted,
};
use crate::domain::staff::{check_sign_in, field};
use crate::error::AppError;
use crate::model::posted::STAFF_HOME;
use crate::model::posted::form::STAFF_SIGN_IN as FORM;
use crate::model::staff::StaffSignInForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The sentence of a refusal, in the back-office's words (no "Mot de passe oublié" here:
/// an administrator resets a staff member's access).
pub fn refusal_fr(error: &AppError) -> String {
    match error {
        AppError::SignInFailed => "Login, mot de passe ou code de vérification incorrect.".into(),
        AppError::SignInLocked { .. } => format!(
            "Trop d'essais de connexion ont échoué pour ce login : il est bloqué pour un moment. {}",
            "Réessayez plus tard, ou demandez à un administrateur de réinitialiser votre accès."
        ),
        other => other.message_fr(),
    }
}

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let query = use_query_map();
    let ended = query.with_untracked(|q| q.get("session").is_some_and(|v| v == "terminee"));
    let posted = use_posted(FORM);
    let state = FormState::with_posted(StaffSignInForm::default(), posted.as_ref());
    if let Some(error) = posted.as_ref().and_then(|p| p.error.as_ref()) {
        state.alert.set(Some(refusal_fr(error)));
    }
    let navigate = use_navigate();
    let submit = Action::new(|form: &StaffSignInForm| staff_sign_in(form.clone()));
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) => navigate(STAFF_HOME, Default::default()),
        Some(Err(e)) => {
            state.values.update(|v| {
                v.password.clear();
                v.code.clear();
            });
            state.errors.set(e.field_errors().to_vec());
            state.alert.set(Some(refusal_fr(&e)));
            focus(field::EMAIL);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.alert.set(None);
        let form = state.values.get_untracked();
        match check_sign_in(&form) {
            Ok(()) => {
                state.errors.set(Vec::new());
                submit.dispatch(form);
            }
            Err(errors) => state.show(errors),
        }
    };
    view! {
        <Title text="Espace gestionnaire - Se connecter" />
        <h1>"Espace gestionnaire"</h1>
        <p class="lead">"Réservé aux personnels des services des examens."</p>
        {ended.then(|| view! {
            <p class="alert alert-success" role="status">"Votre session a pris fin. Veuillez vous identifier."</p>
        })}
        <form class="form form--narrow" method="post" action="/gestion" novalidate on:submit=on_submit>
            <FormName name=FORM />
            <FormAlert message=state.alert errors=state.errors />
            <TextField field=state.bind(field::EMAIL) label="Login" required=true kind="email" autocomplete="username" />
            <TextField
                field=state.bind(field::PASSWORD)
                label="Mot de passe"
                required=true
                kind="password"
                autocomplete="current-password"
            />
            <TextField
                field=state.bind(field::CODE)
                label="Code de vérification"
                required=true
                autocomplete="one-time-code"
                hint="Le code à 6 chiffres affiché par votre application d'authentification, ou l'un de vos codes de secours."
            />
            <SubmitButton label="Se connecter" pending=submit.pending() />
        </form>
    }
}
