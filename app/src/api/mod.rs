//! Server functions: authenticate, parse, call one service, map the error.

pub mod account;
pub mod catalog;
pub mod catalog_edit;
pub mod convocations;
pub mod documents;
pub mod home;
pub mod journal;
pub mod legal;
pub mod pieces;
#[cfg(feature = "ssr")]
pub mod posted;
#[cfg(feature = "ssr")]
pub mod posted_catalog;
pub mod registration;
pub mod staff;
pub mod staff_members;

/// Runs `f` with the staff member signed in, as `need` asks (401 to a visitor, 403 to a
/// candidate or to a gestionnaire asking for an administrator's action), its error mapped.
#[cfg(feature = "ssr")]
pub(crate) async fn as_staff<T, F>(
    need: crate::server::identity::Need,
    f: impl FnOnce(crate::server::state::AppState, crate::server::identity::Staff) -> F,
) -> Result<T, crate::error::AppError>
where
    F: std::future::Future<Output = Result<T, crate::error::AppError>>,
{
    async {
        let state = crate::server::state::app_state()?;
        let staff = crate::server::identity::require_staff(&state, need).await?;
        f(state, staff).await
    }
    .await
    .map_err(crate::error::AppError::respond)
}
