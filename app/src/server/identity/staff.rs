//! The signed-in staff member (REQUIREMENTS S1, X3; checklist line 21), read from the
//! back-office's own cookie: a candidate's session is no staff session, and the reverse
//! (the candidates' `auth::current` never reads this cookie). Every staff server function
//! and route starts with [`require_staff`]: 401 to a visitor, 403 to a candidate and to a
//! gestionnaire asking for an administrator's action.

use crate::domain::{Email, Scope, StaffRole};
use crate::error::AppError;
use crate::server::ids::StaffId;
use crate::server::services::staff::{scope_of, sessions};
use crate::server::state::AppState;

/// The signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: StaffId,
    pub email: Email,
    pub role: StaffRole,
    pub scope: Scope,
}

impl Staff {
    /// The journal's name of this member.
    pub fn journal_name(&self) -> String {
        crate::server::services::staff::journal_name(self.id.uuid())
    }

    /// This member acting in the current request (their académies, name and address).
    pub async fn acting(
        &self,
        state: &crate::server::state::AppState,
    ) -> crate::server::services::journal::Acting<'_> {
        crate::server::services::journal::Acting {
            scope: &self.scope,
            name: self.journal_name(),
            address: Some(crate::server::request::client_ip(state).await.to_string()),
        }
    }
}

/// What a staff server function needs of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Any staff member (each sees only their académies).
    AnyStaff,
    /// An administrator.
    Administrateur,
}

/// The staff member of the request's cookie, if their session is alive, checked against
/// `need`.
pub async fn require_staff(state: &AppState, need: Need) -> Result<Staff, AppError> {
    let parts = leptos_axum::extract::<http::request::Parts>()
        .await
        .map_err(|_| AppError::Internal)?;
    match staff_of_headers(state, &parts.headers, need).await {
        // A candidate signed in is told this is not theirs (403), a visitor to sign in.
        Err(AppError::Unauthenticated) => {
            let candidate = crate::server::identity::signed_in_candidate(state).await?;
            Err(if candidate.is_some() {
                AppError::Forbidden
            } else {
                AppError::Unauthenticated
            })
        }
        other => other,
    }
}

/// The staff member whose live session the request's back-office cookie is (routes outside
/// the server functions), checked against `need`: `Unauthenticated` without one.
pub async fn staff_of_headers(
    state: &AppState,
    headers: &http::HeaderMap,
    need: Need,
) -> Result<Staff, AppError> {
    let member = match staff_cookie(headers, state.accounts.staff_cookie_name()) {
        Some(secret) => sessions::find(state, &secret).await?,
        None => None,
    };
    let member = member.ok_or(AppError::Unauthenticated)?;
    let role = StaffRole::parse(&member.role).ok_or(AppError::Internal)?;
    if need == Need::Administrateur && role != StaffRole::Administrateur {
        return Err(AppError::Forbidden);
    }
    Ok(Staff {
        id: StaffId::new(member.id),
        email: Email::parse(&member.email).map_err(|_| AppError::Internal)?,
        role,
        scope: scope_of(&state.db, &member).await?,
    })
}

/// The request's staff cookie secret, if any.
pub async fn request_staff_secret(state: &AppState) -> Result<Option<String>, AppError> {
    let parts = leptos_axum::extract::<http::request::Parts>()
        .await
        .map_err(|_| AppError::Internal)?;
    Ok(staff_cookie(
        &parts.headers,
        state.accounts.staff_cookie_name(),
    ))
}

/// Gives the answer the back-office's cookie holding `secret` (HttpOnly, SameSite=Strict:
/// never sent by a page of another site; Secure and `__Host-` prefixed over HTTPS), or the
/// order to forget it (`None`). It lasts at most the session's absolute lifetime.
pub fn set_staff_cookie(state: &AppState, secret: Option<&str>) -> Result<(), AppError> {
    let settings = &state.accounts;
    let max_age = match secret {
        Some(_) => settings.staff_session_absolute.num_seconds(),
        None => 0,
    };
    let cookie = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        settings.staff_cookie_name(),
        secret.unwrap_or_default(),
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    let options =
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>().ok_or(AppError::Internal)?;
    options.append_header(
        http::header::SET_COOKIE,
        http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?,
    );
    Ok(())
}

/// The value of the cookie `name` in the request's headers.
pub fn staff_cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::staff_cookie;

    #[test]
    fn the_staff_cookie_is_read_by_its_exact_name() {
        let mut headers = http::HeaderMap::new();
        headers.append(
            http::header::COOKIE,
            "cyclades=candidate; cyclades-gestion=abc".parse().unwrap(),
        );
        assert_eq!(
            staff_cookie(&headers, "cyclades-gestion").as_deref(),
            Some("abc")
        );
        assert_eq!(staff_cookie(&headers, "gestion"), None);
        let mut only_candidate = http::HeaderMap::new();
        only_candidate.append(http::header::COOKIE, "cyclades=x".parse().unwrap());
        assert_eq!(staff_cookie(&only_candidate, "cyclades-gestion"), None);
    }
}
