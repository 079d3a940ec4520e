//! Server functions of the Espace gestionnaire (REQUIREMENTS S1, S4, X3). Each one:
//! throttle or `require_staff` (401 to a visitor, 403 to a candidate), parse, call one
//! service, map the error. The back-office's session is its own cookie, set and cleared
//! here; the candidates' session is never read for it.

use crate::error::AppError;
use crate::model::staff::{
    CandidateQuery, CandidatesPage, Dossier, EnrolmentForm, EnrolmentView, IdentityCorrection,
    StaffSignInForm, StaffViewer, StatusChange,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// "Se connecter" to the Espace gestionnaire: login, password and a code of the second
/// factor; the back-office's cookie on success.
#[server(prefix = "/api", endpoint = "staff_sign_in", input = Json)]
pub async fn staff_sign_in(form: StaffSignInForm) -> Result<(), AppError> {
    use crate::server::services::staff::sign_in;
    use crate::server::{identity, request, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::SignIn).await?;
        crate::domain::staff::check_sign_in(&form).map_err(AppError::InvalidFields)?;
        let address = request::client_ip(&state).await.to_string();
        let signed = sign_in::sign_in(
            &state,
            &form.email,
            &form.password,
            &form.code,
            Some(&address),
        )
        .await?;
        identity::set_staff_cookie(&state, Some(&signed.session_secret))
    }
    .await
    .map_err(AppError::respond)
}

/// "Se déconnecter" of the Espace gestionnaire: the session is deleted, the cookie cleared.
#[server(prefix = "/api", endpoint = "staff_sign_out", input = Json)]
pub async fn staff_sign_out() -> Result<(), AppError> {
    use crate::server::services::staff::sessions;
    use crate::server::{identity, state::app_state};
    async {
        let state = app_state()?;
        if let Some(secret) = identity::request_staff_secret(&state).await? {
            sessions::end(&state.db, &secret).await?;
        }
        identity::set_staff_cookie(&state, None)
    }
    .await
    .map_err(AppError::respond)
}

/// The enrolment link's page: whose it is and the second factor's secret to scan.
#[server(prefix = "/api", endpoint = "staff_enrolment", input = Json)]
pub async fn open_enrolment(token: String) -> Result<EnrolmentView, AppError> {
    use crate::server::services::staff::enrolment;
    use crate::server::{qr, request, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::Activation).await?;
        let pending = enrolment::open(&state, &token).await?;
        let qr_svg = qr::svg(&pending.otpauth_uri).map_err(|e| {
            tracing::error!(error = %e, "enrolment QR code");
            AppError::Internal
        })?;
        Ok(EnrolmentView {
            email: pending.email,
            secret: grouped(&pending.secret),
            qr_svg,
        })
    }
    .await
    .map_err(AppError::respond)
}

/// The enrolment form: password and a first code. Returns the recovery codes (shown
/// once) and signs the member in.
#[server(prefix = "/api", endpoint = "staff_enrol", input = Json)]
pub async fn complete_enrolment(
    token: String,
    form: EnrolmentForm,
) -> Result<Vec<String>, AppError> {
    use crate::server::services::staff::enrolment;
    use crate::server::{identity, request, state::app_state, throttle::Action};
    async {
        let state = app_state()?;
        request::throttle(&state, Action::Activation).await?;
        crate::domain::staff::check_enrolment(&form).map_err(AppError::InvalidFields)?;
        let address = request::client_ip(&state).await.to_string();
        let enrolled =
            enrolment::complete(&state, &token, &form.password, &form.code, Some(&address)).await?;
        identity::set_staff_cookie(&state, Some(&enrolled.session_secret))?;
        Ok(enrolled.recovery_codes)
    }
    .await
    .map_err(AppError::respond)
}

/// The staff member signed in (their role and académies), for the back-office's pages.
#[server(prefix = "/api", endpoint = "staff_viewer", input = GetUrl)]
pub async fn load_staff_viewer() -> Result<StaffViewer, AppError> {
    use crate::server::services::staff;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_staff(&state, Need::AnyStaff).await?;
        staff::viewer(&state.db, &who).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Candidats": one page of the candidatures of the member's académies.
#[server(prefix = "/api", endpoint = "staff_candidates", input = GetUrl)]
pub async fn search_candidates(
    #[server(default)] query: CandidateQuery,
) -> Result<CandidatesPage, AppError> {
    use crate::server::services::dossiers::search;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_staff(&state, Need::AnyStaff).await?;
        search::search(&state, &who.scope, &query).await
    }
    .await
    .map_err(AppError::respond)
}

/// A candidate's dossier, opened from one of their candidatures.
#[server(prefix = "/api", endpoint = "staff_dossier", input = GetUrl)]
pub async fn load_dossier(candidature: uuid::Uuid) -> Result<Dossier, AppError> {
    use crate::domain::StaffRole;
    use crate::server::ids::CandidatureId;
    use crate::server::services::dossiers::read;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_staff(&state, Need::AnyStaff).await?;
        let administrator = who.role == StaffRole::Administrateur;
        read::dossier(
            &state,
            &who.scope,
            administrator,
            CandidatureId::new(candidature),
        )
        .await
    }
    .await
    .map_err(AppError::respond)
}

/// "Désinscrire" (with its reason), or its undoing by an administrator ("Réinscrire").
#[server(prefix = "/api", endpoint = "staff_candidature_status", input = Json)]
pub async fn change_status(change: StatusChange) -> Result<(), AppError> {
    use crate::server::ids::CandidatureId;
    use crate::server::services::dossiers::status;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let need = if change.unregister {
            Need::AnyStaff
        } else {
            Need::Administrateur
        };
        let who = identity::require_staff(&state, need).await?;
        let acting = who.acting(&state).await;
        let id = CandidatureId::new(change.candidature);
        if change.unregister {
            status::unregister(&state, &acting, id, &change.revision, &change.reason).await
        } else {
            status::reinstate(&state, &acting, id, &change.revision).await
        }
    }
    .await
    .map_err(AppError::respond)
}

/// "Corriger l'identité" of the candidate of a candidature, with its reason.
#[server(prefix = "/api", endpoint = "staff_identity", input = Json)]
pub async fn correct_identity(correction: IdentityCorrection) -> Result<(), AppError> {
    use crate::server::ids::CandidatureId;
    use crate::server::services::dossiers::identity;
    use crate::server::{identity as who, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        let member = who::require_staff(&state, Need::AnyStaff).await?;
        let acting = member.acting(&state).await;
        identity::correct(
            &state,
            &acting,
            CandidatureId::new(correction.candidature),
            &correction.revision,
            &correction.form,
            &correction.reason,
        )
        .await
    }
    .await
    .map_err(AppError::respond)
}

/// A base32 secret in groups of four, as authenticator applications print it.
#[cfg(feature = "ssr")]
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
