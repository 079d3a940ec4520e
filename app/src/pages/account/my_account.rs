//! "Modifier mon compte" (A6): the account's data in the creation form's layout. While the
//! candidate has no candidature every field can change; once one exists only the email
//! (confirmed by a mailed link) and the password (current one required) can, and the page
//! says why, with the service gestionnaire's contact.

use super::details::IdentityFields;
use crate::api::account::{
    change_email, change_password, load_account_form, load_my_account, update_account,
};
use crate::components::error_message::ErrorMessage;
use crate::components::form::{
    FormAlert, FormName, FormState, NewPasswordFields, SubmitButton, TextField, use_posted,
};
use crate::components::service_contact::ServiceContactLine;
use crate::components::signed_in::SignedIn;
use crate::domain::account::{
    Errors, field, parse_details, parse_email_change, parse_new_password,
};
use crate::model::posted::form::{
    DETAILS as DETAILS_FORM, EMAIL as EMAIL_FORM, PASSWORD as PASSWORD_FORM,
};
use crate::model::{AccountForm, AccountFormLists, EmailChangeForm, MyAccount, NewPasswordForm};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async { (load_my_account().await, load_account_form().await) },
    );
    view! {
        <Title text="Modifier mon compte" />
        <SignedIn>
            <h1>"Modifier mon compte"</h1>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        (Ok(account), Ok(lists)) => view! { <AccountSections account lists /> }.into_any(),
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </SignedIn>
    }
}

#[component]
fn AccountSections(account: MyAccount, lists: AccountFormLists) -> impl IntoView {
    let frozen = account.frozen.clone();
    let locked = frozen.is_some();
    view! {
        {frozen.map(|c| view! {
            <div class="notice" role="note">
                <p>
                    "Les informations de votre compte ne sont pas modifiables car vous avez au moins une inscription en cours."
                </p>
                <p>
                    "Pour toute modification, veuillez contacter le service : "
                    <ServiceContactLine contact=c />
                </p>
            </div>
        })}
        <DetailsSection form=account.form.clone() lists=lists.clone() locked />
        <EmailSection current=account.form.email.clone() pending=account.pending_email.clone() />
        <PasswordSection lists />
    }
}

#[component]
fn DetailsSection(form: AccountForm, lists: AccountFormLists, locked: bool) -> impl IntoView {
    let posted = use_posted(DETAILS_FORM);
    let state = FormState::with_posted(form, posted.as_ref());
    let alert = state.alert;
    let saved = RwSignal::new(posted.is_some_and(|p| p.accepted()));
    let today = lists.today.date();
    let save = Action::new(|form: &AccountForm| update_account(form.clone()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => saved.set(true),
        Some(Err(e)) => state.refuse(e),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        saved.set(false);
        let form = state.values.get_untracked();
        let mut errors = Errors::default();
        let parsed = parse_details(&form, today, &mut errors);
        if parsed.is_some() && errors.is_empty() {
            state.errors.set(Vec::new());
            save.dispatch(form);
        } else {
            state.show(errors.into_vec());
        }
    };
    view! {
        <section class="panel" aria-labelledby="mes-informations">
            <h2 id="mes-informations">"Modifier mes informations"</h2>
            <form class="form" method="post" action="/modifier-mon-compte" novalidate on:submit=on_submit>
                <FormName name=DETAILS_FORM />
                <FormAlert message=alert errors=state.errors />
                <Show when=move || saved.get()>
                    <p class="alert alert-success" role="status">"Vos informations ont été enregistrées."</p>
                </Show>
                <IdentityFields state lists locked=locked />
                {(!locked).then(|| view! {
                    <SubmitButton label="Enregistrer" pending=save.pending() />
                })}
            </form>
        </section>
    }
}

#[component]
fn EmailSection(current: String, pending: Option<String>) -> impl IntoView {
    let posted = use_posted(EMAIL_FORM);
    let state = FormState::with_posted(
        EmailChangeForm {
            email: current.clone(),
            ..EmailChangeForm::default()
        },
        posted.as_ref(),
    );
    let alert = state.alert;
    let waiting = RwSignal::new(posted.and_then(|p| p.done).or(pending));
    let save = Action::new(|form: &EmailChangeForm| change_email(form.clone()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(address)) => {
            waiting.set(Some(address));
            state.values.update(|v| v.email_current_password.clear());
        }
        Some(Err(e)) => state.refuse(e),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        let form = state.values.get_untracked();
        match parse_email_change(&form) {
            Ok(_) => {
                state.errors.set(Vec::new());
                save.dispatch(form);
            }
            Err(errors) => state.show(errors),
        }
    };
    view! {
        <section class="panel" aria-labelledby="mon-adresse">
            <h2 id="mon-adresse">"Adresse mail"</h2>
            <p>"Votre login est " <strong>{current}</strong> "."</p>
            {move || waiting.get().map(|a| view! {
                <p class="alert alert-success" role="status">
                    "Un mail de confirmation a été envoyé à " <strong>{a}</strong>
                    ". Cette adresse deviendra votre login quand vous aurez cliqué sur le lien qu'il contient (valable 48h)."
                </p>
            })}
            <form class="form" method="post" action="/modifier-mon-compte" novalidate on:submit=on_submit>
                <FormName name=EMAIL_FORM />
                <FormAlert message=alert errors=state.errors />
                <TextField field=state.bind(field::EMAIL) label="Adresse mail" required=true kind="email" autocomplete="email" />
                <TextField field=state.bind(field::EMAIL_CONFIRM) label="Confirmation de l'adresse mail" required=true kind="email" />
                <TextField
                    field=state.bind(field::EMAIL_CURRENT_PASSWORD)
                    label="Mot de passe actuel"
                    required=true
                    kind="password"
                    autocomplete="current-password"
                />
                <SubmitButton label="Modifier mon adresse mail" pending=save.pending() />
            </form>
        </section>
    }
}

#[component]
fn PasswordSection(lists: AccountFormLists) -> impl IntoView {
    let posted = use_posted(PASSWORD_FORM);
    let state = FormState::with_posted(NewPasswordForm::default(), posted.as_ref());
    let alert = state.alert;
    let saved = RwSignal::new(posted.is_some_and(|p| p.accepted()));
    let policy = lists.policy.clone();
    let save = Action::new(|form: &NewPasswordForm| change_password(form.clone()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            saved.set(true);
            state.values.set(NewPasswordForm::default());
        }
        Some(Err(e)) => state.refuse(e),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        saved.set(false);
        let form = state.values.get_untracked();
        match parse_new_password(&form, &policy, &[], true) {
            Ok(_) => {
                state.errors.set(Vec::new());
                save.dispatch(form);
            }
            Err(errors) => state.show(errors),
        }
    };
    view! {
        <section class="panel" aria-labelledby="mon-mot-de-passe">
            <h2 id="mon-mot-de-passe">"Mot de passe"</h2>
            <form class="form" method="post" action="/modifier-mon-compte" novalidate on:submit=on_submit>
                <FormName name=PASSWORD_FORM />
                <FormAlert message=alert errors=state.errors />
                <Show when=move || saved.get()>
                    <p class="alert alert-success" role="status">
                        "Votre mot de passe a été modifié. Vos autres connexions ont été fermées et un mail vous en informe."
                    </p>
                </Show>
                <TextField
                    field=state.bind(field::CURRENT_PASSWORD)
                    label="Mot de passe actuel"
                    required=true
                    kind="password"
                    autocomplete="current-password"
                />
                <NewPasswordFields
                password=state.bind(field::PASSWORD)
                confirm=state.bind(field::PASSWORD_CONFIRM)
                label="Nouveau mot de passe"
                policy=lists.policy.clone()
            />
                <SubmitButton label="Modifier mon mot de passe" pending=save.pending() />
            </form>
        </section>
    }
}
