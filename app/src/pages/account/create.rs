//! "Créez votre compte" (A1-A4): every field of the guide, checked in the browser with the
//! same code the server runs again, then the "MERCI !" dialog.

use super::details::IdentityFields;
use crate::api::account::{create_account, load_account_form};
use crate::components::dialog::Modal;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{
    FormAlert, FormName, FormState, NewPasswordFields, SubmitButton, TextField, use_posted,
};
use crate::domain::account::{field, parse_new_account};
use crate::error::AppError;
use crate::model::posted::form::CREATE as FORM;
use crate::model::{AccountForm, AccountFormLists};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CreateAccountPage() -> impl IntoView {
    let lists = Resource::new(|| (), |_| load_account_form());
    view! {
        <Title text="Créer un compte" />
        <h1>"Créez votre compte"</h1>
        <p class="notice">
            "Attention ! Il ne peut y avoir qu'un seul compte candidat par adresse email. "
            <strong>"L'adresse email est l'identifiant du compte."</strong>
        </p>
        <p>
            "Pour une première candidature, vous devez obligatoirement créer un compte au préalable. "
            <a href="/connexion">"J'ai déjà un compte"</a>
        </p>
        <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match lists.await {
                    Ok(lists) => view! { <CreateForm lists /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CreateForm(lists: AccountFormLists) -> impl IntoView {
    let posted = use_posted(FORM);
    let state = FormState::with_posted(AccountForm::default(), posted.as_ref());
    let alert = state.alert;
    let thanks = RwSignal::new(posted.and_then(|p| p.done));
    let save = Action::new(|form: &AccountForm| create_account(form.clone()));
    let policy = lists.policy.clone();
    let checklist_policy = lists.policy.clone();
    let today = lists.today.date();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => thanks.set(Some(
            state.values.with_untracked(|v| v.email.trim().to_owned()),
        )),
        Some(Err(e)) => state.refuse(e),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        let form = state.values.get_untracked();
        match parse_new_account(&form, &policy, today) {
            Ok(_) => {
                state.errors.set(Vec::new());
                save.dispatch(form);
            }
            Err(fields) => state.refuse(AppError::InvalidFields(fields)),
        }
    };
    view! {
        <form class="form" method="post" action="/creer-un-compte" novalidate on:submit=on_submit>
            <FormName name=FORM />
            <FormAlert message=alert errors=state.errors />
            <p class="muted">"Les champs marqués d'un " <abbr title="obligatoire">"*"</abbr> " sont obligatoires."</p>
            <IdentityFields state lists />
            <TextField field=state.bind(field::EMAIL) label="Adresse mail" required=true kind="email" autocomplete="email" />
            <TextField field=state.bind(field::EMAIL_CONFIRM) label="Confirmation de l'adresse mail" required=true kind="email" />
            <NewPasswordFields
                password=state.bind(field::PASSWORD)
                confirm=state.bind(field::PASSWORD_CONFIRM)
                label="Mot de passe"
                policy=checklist_policy
                personal=Signal::derive(move || state.values.with(|f| vec![f.birth_name.clone(), f.usage_name.clone(), f.first_names.clone()]))
            />
            <SubmitButton label="Enregistrer" pending=save.pending() />
        </form>
        {move || thanks.get().map(|email| view! { <ThanksDialog email /> })}
    }
}

/// "MERCI !" (A4), a modal dialog that takes the focus.
#[component]
fn ThanksDialog(email: String) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    // Escape closes it, as "Fermer" does (the Quitter dialog does the same).
    let close = Callback::new(move |_| navigate("/connexion", Default::default()));
    view! {
        <Modal title_id="merci-titre" behind=&["form.form"] on_escape=close>
                <h2 id="merci-titre" tabindex="-1">"MERCI !"</h2>
                <p>"Votre compte est en cours de création."</p>
                <p>"Votre inscription sera possible seulement lorsque votre compte sera activé."</p>
                <p>
                    "Vous allez recevoir un mail à l'adresse " <strong>{email}</strong>
                    ", veuillez cliquer sur le lien contenu dans ce mail pour activer votre compte."
                </p>
                <p>
                    "Ce lien n'est valable que pour une durée de 48h. Passé ce délai, vos informations seront effacées, vous devrez recommencer votre démarche de création de compte."
                </p>
                <a class="button" href="/connexion">"Fermer"</a>
        </Modal>
    }
}
