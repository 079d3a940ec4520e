//! "Veuillez vous identifier" (A5): Login and Mot de passe, the guide's two links, and the
//! offer to resend the activation mail to an account that was never activated.

use crate::api::account::{resend_activation, sign_in};
use crate::components::form::{
    FormAlert, FormName, FormState, SubmitButton, TextField, use_posted,
};
use crate::components::viewer::use_viewer;
use crate::domain::account::{check_sign_in, field};
use crate::domain::{ReturnPath, return_path};
use crate::error::AppError;
use crate::model::SignInForm;
use crate::model::posted::form::{RESEND, SIGN_IN as FORM};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The sentence for `?compte=active` and the like, after a mailed link was followed.
fn arrival_message(key: &str, value: &str) -> Option<&'static str> {
    match (key, value) {
        ("compte", "active") => {
            Some("Votre compte est activé. Vous pouvez maintenant vous connecter.")
        }
        ("mot-de-passe", "modifie") => {
            Some("Votre mot de passe a été modifié. Vous pouvez vous connecter avec le nouveau.")
        }
        ("adresse", "confirmee") => {
            Some("Votre nouvelle adresse mail est confirmée : c'est désormais votre login.")
        }
        ("session", "terminee") => Some("Votre session a pris fin. Veuillez vous identifier."),
        _ => None,
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let arrival = move || {
        query.with(|q| {
            ["compte", "mot-de-passe", "adresse", "session"]
                .into_iter()
                .find_map(|k| q.get(k).and_then(|v| arrival_message(k, &v)))
        })
    };
    let posted = use_posted(FORM);
    let state = FormState::with_posted(SignInForm::default(), posted.as_ref());
    let alert = state.alert;
    let not_activated = RwSignal::new(
        posted
            .as_ref()
            .is_some_and(|p| p.error == Some(AppError::NotActivated)),
    );
    let resent = RwSignal::new(
        posted
            .as_ref()
            .is_some_and(|p| p.done.as_deref() == Some(RESEND)),
    );
    let return_to = query.with_untracked(|q| q.get(return_path::PARAMETER));
    let back = StoredValue::new(return_to.as_deref().and_then(ReturnPath::parse));
    let viewer = use_viewer();
    let navigate = use_navigate();
    let submit = Action::new(|form: &SignInForm| sign_in(form.clone()));
    let resend = Action::new(|email: &String| resend_activation(email.clone()));
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) => {
            viewer.0.refetch();
            match back.get_value() {
                // A PDF is the server's, not a page of the client's router.
                Some(path) if path.is_file() => {
                    let _ = window().location().set_href(path.as_str());
                }
                Some(path) => navigate(path.as_str(), Default::default()),
                None => navigate("/espace-candidat", Default::default()),
            }
        }
        Some(Err(e)) => {
            state.errors.set(Vec::new());
            not_activated.set(e == AppError::NotActivated);
            state.values.update(|v| v.password.clear());
            alert.set(Some(e.message_fr()));
            crate::components::form::focus(field::EMAIL);
        }
        None => {}
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = resend.value().get() {
            resent.set(true);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        resent.set(false);
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
        <Title text="Se connecter" />
        <h1>"Veuillez vous identifier"</h1>
        {move || arrival().map(|m| view! { <p class="alert alert-success" role="status">{m}</p> })}
        <form class="form form--narrow" method="post" action="/connexion" novalidate on:submit=on_submit>
            <FormName name=FORM />
            {return_to.map(|b| view! { <input type="hidden" name=return_path::PARAMETER value=b /> })}
            <FormAlert message=alert errors=state.errors />
            <Show when=move || not_activated.get()>
                <p>
                    <button
                        type="submit"
                        name=RESEND
                        value="1"
                        class="button button--secondary"
                        on:click=move |ev| {
                            ev.prevent_default();
                            resend.dispatch(state.values.with_untracked(|v| v.email.clone()));
                        }
                    >
                        "Recevoir un nouveau mail d'activation"
                    </button>
                </p>
            </Show>
            <Show when=move || resent.get()>
                <p class="alert alert-success" role="status">
                    "Si ce compte attend son activation, un nouveau mail d'activation vient de lui être envoyé."
                </p>
            </Show>
            <TextField field=state.bind(field::EMAIL) label="Login" required=true kind="email" autocomplete="username" />
            <TextField
                field=state.bind(field::PASSWORD)
                label="Mot de passe"
                required=true
                kind="password"
                autocomplete="current-password"
            />
            <p class="form__links">
                <a href="/mot-de-passe-oublie">"Mot de passe oublié, réinitialisation du mot de passe"</a>
                <br />
                <a href="/creer-un-compte">"Je n'ai pas de compte"</a>
            </p>
            <SubmitButton label="Se connecter" pending=submit.pending() />
        </form>
    }
}
