//! The page of the reset link: a new password and its confirmation. Every session of the
//! account ends and a notification mail goes out.

use crate::api::account::{load_account_form, reset_password};
use crate::components::error_message::ErrorMessage;
use crate::components::form::{
    FormAlert, FormName, FormState, LinkSecretField, NewPasswordFields, SubmitButton,
    use_link_secret, use_posted,
};
use crate::domain::PasswordPolicy;
use crate::domain::account::{field, parse_new_password};
use crate::error::AppError;
use crate::model::NewPasswordForm;
use crate::model::posted::form::RESET as FORM;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_link_secret();
    let lists = Resource::new(|| (), |_| load_account_form());
    view! {
        <Title text="Choisir un nouveau mot de passe" />
        <h1>"Choisir un nouveau mot de passe"</h1>
        <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
            {
                let token = token.clone();
                move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match lists.await {
                            Ok(lists) => view! { <ResetForm token policy=lists.policy /> }.into_any(),
                            Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        }
                    })
                }
            }
        </Transition>
    }
}

#[component]
fn ResetForm(token: String, policy: PasswordPolicy) -> impl IntoView {
    let posted = use_posted(FORM);
    let state = FormState::with_posted(NewPasswordForm::default(), posted.as_ref());
    let alert = state.alert;
    let link_dead = RwSignal::new(
        posted
            .as_ref()
            .is_some_and(|p| p.error == Some(AppError::LinkInvalid)),
    );
    let hidden_token = token.clone();
    let navigate = use_navigate();
    let submit = Action::new(|(token, form): &(String, NewPasswordForm)| {
        reset_password(token.clone(), form.clone())
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) => navigate("/connexion?mot-de-passe=modifie", Default::default()),
        Some(Err(e)) => {
            link_dead.set(e == AppError::LinkInvalid);
            state.refuse(e);
        }
        None => {}
    });
    let checklist_policy = policy.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        let form = state.values.get_untracked();
        match parse_new_password(&form, &policy, &[], false) {
            Ok(_) => {
                state.errors.set(Vec::new());
                submit.dispatch((token.clone(), form));
            }
            Err(errors) => state.show(errors),
        }
    };
    view! {
        <form class="form form--narrow" method="post" action="/reinitialiser-mot-de-passe" novalidate on:submit=on_submit>
            <FormName name=FORM />
            <LinkSecretField token=hidden_token />
            <FormAlert message=alert errors=state.errors />
            <Show when=move || link_dead.get()>
                <p><a href="/mot-de-passe-oublie">"Demander un nouveau lien"</a></p>
            </Show>
            <NewPasswordFields
                password=state.bind(field::PASSWORD)
                confirm=state.bind(field::PASSWORD_CONFIRM)
                label="Nouveau mot de passe"
                policy=checklist_policy
            />
            <SubmitButton label="Enregistrer" pending=submit.pending() />
        </form>
    }
}
