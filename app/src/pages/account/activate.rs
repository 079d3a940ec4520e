//! The pages mailed links open: account activation (A4) and the confirmation of a new
//! address (A6). Following a link changes state, so the page confirms it with a POST: in a
//! browser this happens by itself as soon as the page is ready (the button is there
//! without JavaScript); a mail scanner that merely fetches the link activates nothing.

use crate::api::account::{activate_account, confirm_email_change};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The secret of the link, from `?jeton=`.
fn use_token() -> String {
    use_query_map().with_untracked(|q| q.get("jeton").unwrap_or_default())
}

#[component]
pub fn ActivatePage() -> impl IntoView {
    let token = use_token();
    let action = Action::new(|token: &String| activate_account(token.clone()));
    view! {
        <Title text="Activer mon compte" />
        <h1>"Activer mon compte"</h1>
        <LinkConfirmation
            token
            action
            button="Activer mon compte"
            next="/connexion?compte=active"
            retry=|| view! {
                <p>
                    "Si votre compte a été créé il y a moins de 48 heures, vous pouvez demander un nouveau mail d'activation depuis la page "
                    <a href="/connexion">"Se connecter"</a>
                    ". Sinon, vos informations ont été effacées : "
                    <a href="/creer-un-compte">"créez à nouveau votre compte"</a> "."
                </p>
            }
        />
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = use_token();
    let action = Action::new(|token: &String| confirm_email_change(token.clone()));
    view! {
        <Title text="Confirmer ma nouvelle adresse mail" />
        <h1>"Confirmer ma nouvelle adresse mail"</h1>
        <LinkConfirmation
            token
            action
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
    button: &'static str,
    next: &'static str,
    #[prop(into)] retry: ViewFn,
) -> impl IntoView {
    let navigate = use_navigate();
    let started = StoredValue::new(false);
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
        _ => None,
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
            <button
                type="button"
                class="button"
                disabled=move || action.pending().get()
                on:click={
                    let token = token.clone();
                    move |_| {
                        action.dispatch(token.clone());
                    }
                }
            >
                {button}
            </button>
        </Show>
    }
}
