//! Server functions of candidate accounts (A1-A6). Each one: throttle or authenticate,
//! parse, call one service, map the error to its HTTP status. Everything that changes
//! state is a JSON POST (and the router refuses cross-site ones).

use crate::error::AppError;
use crate::model::{
    AccountForm, AccountFormLists, ActivationForm, EmailChangeForm, MyAccount, NewPasswordForm,
    SignInForm, Viewer,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The lists and the password rule of the account forms.
#[server(prefix = "/api", endpoint = "account_form", input = GetUrl)]
pub async fn load_account_form() -> Result<AccountFormLists, AppError> {
    use crate::server::{services::reference, state::app_state};
    async {
        let state = app_state()?;
        Ok(AccountFormLists {
            countries: reference::countries(&state.db).await?,
            departements: reference::departements(&state.db).await?,
            policy: state.accounts.policy.clone(),
            today: state
                .clock
                .now()
                .with_timezone(&state.tz)
                .date_naive()
                .into(),
        })
    }
    .await
    .map_err(AppError::respond)
}

/// Communes of a département whose name starts with (or contains) what was typed.
#[server(prefix = "/api", endpoint = "commune_suggestions", input = GetUrl)]
pub async fn commune_suggestions(
    departement: String,
    typed: String,
) -> Result<Vec<String>, AppError> {
    use crate::domain::DepartementCode;
    use crate::server::{request, services::reference, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::Lookup).await?;
        let departement = DepartementCode::parse(&departement).ok_or(AppError::InvalidInput)?;
        if typed.chars().count() > 100 {
            return Err(AppError::InvalidInput);
        }
        Ok(reference::communes(&state, &departement, &typed, 15).await?)
    }
    .await
    .map_err(AppError::respond)
}

/// Whether a new password, as typed, is on the server's list of common passwords (the
/// checklist under the field). In the body of a POST, never in an address; limited like
/// the look-ups; not written anywhere.
#[server(prefix = "/api", endpoint = "password_is_common", input = Json)]
pub async fn password_is_common(password: String) -> Result<bool, AppError> {
    use crate::server::{request, services::passwords, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::PasswordCheck).await?;
        if password.chars().count() > 128 {
            return Err(AppError::InvalidInput);
        }
        Ok(passwords::is_common(&state.common_passwords, &password))
    }
    .await
    .map_err(AppError::respond)
}

/// "Enregistrer" on "Créez votre compte": the same answer for a new or a known address.
#[server(prefix = "/api", endpoint = "create_account", input = Json)]
pub async fn create_account(form: AccountForm) -> Result<(), AppError> {
    use crate::domain::account::parse_new_account;
    use crate::server::{request, services::accounts::signup, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::CreateAccount).await?;
        let today = state.clock.now().with_timezone(&state.tz).date_naive();
        let new = parse_new_account(&form, &state.accounts.policy, today)
            .map_err(AppError::InvalidFields)?;
        signup::create(&state, new).await
    }
    .await
    .map_err(AppError::respond)
}

/// The activation link's page, with the password chosen when creating the account.
#[server(prefix = "/api", endpoint = "activate_account", input = Json)]
pub async fn activate_account(token: String, form: ActivationForm) -> Result<(), AppError> {
    use crate::server::{request, services::accounts::signup, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::Activation).await?;
        signup::activate(&state, &token, &form.password).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Se connecter": a new session id on success.
#[server(prefix = "/api", endpoint = "sign_in", input = Json)]
pub async fn sign_in(form: SignInForm) -> Result<(), AppError> {
    use crate::server::{auth, request, services::accounts, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::SignIn).await?;
        crate::domain::account::check_sign_in(&form).map_err(AppError::InvalidFields)?;
        let account = accounts::sign_in(&state, &form.email, &form.password).await?;
        auth::establish(&auth::session().await?, &account, state.clock.now()).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Recevoir un nouveau mail d'activation".
#[server(prefix = "/api", endpoint = "resend_activation", input = Json)]
pub async fn resend_activation(email: String) -> Result<(), AppError> {
    use crate::server::services::accounts::{self, signup};
    use crate::server::{request, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::PasswordReset).await?;
        accounts::after_answer("activation mail", async move {
            signup::resend_activation(&state, &email).await
        });
        Ok(())
    }
    .await
    .map_err(AppError::respond)
}

/// "Se déconnecter": the session record is deleted.
#[server(prefix = "/api", endpoint = "sign_out", input = Json)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::auth;
    async { auth::end(&auth::session().await?).await }
        .await
        .map_err(AppError::respond)
}

/// "Mot de passe oublié": the same answer for any valid address.
#[server(prefix = "/api", endpoint = "request_password_reset", input = Json)]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::domain::Email;
    use crate::domain::account::{Errors, field};
    use crate::server::{request, services::accounts, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::PasswordReset).await?;
        let mut errors = Errors::default();
        let email = errors
            .check(field::EMAIL, Email::parse(&email))
            .ok_or_else(|| AppError::InvalidFields(errors.into_vec()))?;
        accounts::after_answer("password reset", async move {
            accounts::request_reset(&state, &email).await
        });
        Ok(())
    }
    .await
    .map_err(AppError::respond)
}

/// The reset link's page: a new password; every session of the account ends.
#[server(prefix = "/api", endpoint = "reset_password", input = Json)]
pub async fn reset_password(token: String, form: NewPasswordForm) -> Result<(), AppError> {
    use crate::server::{request, services::accounts, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::PasswordReset).await?;
        accounts::reset_password(&state, &token, &form).await
    }
    .await
    .map_err(AppError::respond)
}

/// Who is signed in (`None` for a visitor), for the menu.
#[server(prefix = "/api", endpoint = "viewer", input = GetUrl)]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::server::{identity, state::app_state};
    async {
        let state = app_state()?;
        Ok(identity::signed_in_candidate(&state)
            .await?
            .map(|c| Viewer {
                last_name: c.names.last().to_owned(),
                first_names: c.names.first,
            }))
    }
    .await
    .map_err(AppError::respond)
}

/// "Modifier mon compte": the account's data and whether it is frozen (A6).
#[server(prefix = "/api", endpoint = "my_account", input = GetUrl)]
pub async fn load_my_account() -> Result<MyAccount, AppError> {
    use crate::server::{identity, services::accounts, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        accounts::my_account(&state, &who).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Enregistrer" on "Modifier mes informations" (refused once a candidature exists).
#[server(prefix = "/api", endpoint = "update_account", input = Json)]
pub async fn update_account(form: AccountForm) -> Result<(), AppError> {
    use crate::server::{identity, services::accounts, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        accounts::update_details(&state, &who, &form).await
    }
    .await
    .map_err(AppError::respond)
}

/// A new login address (current password required), confirmed by a link mailed to it.
/// Returns the address.
#[server(prefix = "/api", endpoint = "change_email", input = Json)]
pub async fn change_email(form: EmailChangeForm) -> Result<String, AppError> {
    use crate::server::{
        identity, request, services::accounts, state::app_state, throttle::Action,
    };
    async {
        let state = app_state()?;
        request::throttle(&state, Action::AccountChange).await?;
        let who = identity::require_candidate(&state).await?;
        let new = accounts::request_email_change(&state, &who, &form).await?;
        Ok(new.as_str().to_owned())
    }
    .await
    .map_err(AppError::respond)
}

/// The link mailed to a new address.
#[server(prefix = "/api", endpoint = "confirm_email_change", input = Json)]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    use crate::server::{services::accounts, state::app_state};
    async { accounts::confirm_email_change(&app_state()?, &token).await }
        .await
        .map_err(AppError::respond)
}

/// A new password with the current one; the other sessions end, this one stays.
#[server(prefix = "/api", endpoint = "change_password", input = Json)]
pub async fn change_password(form: NewPasswordForm) -> Result<(), AppError> {
    use crate::server::{
        auth, identity, request, services::accounts, state::app_state, throttle::Action,
    };
    async {
        let state = app_state()?;
        request::throttle(&state, Action::AccountChange).await?;
        let session = auth::session().await?;
        let who = identity::candidate_of_session(&state, &session).await?;
        let updated = accounts::change_password(&state, &who, &form).await?;
        auth::follow_epoch(&session, &updated).await
    }
    .await
    .map_err(AppError::respond)
}
