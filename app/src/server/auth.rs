//! Who is signed in (checklist lines 14-17): the session holds the account id, the
//! account's session epoch at sign-in and the sign-in instant. A raised epoch (password
//! reset or change) ends every other session; the absolute timeout ends old ones.

use crate::error::AppError;
use crate::server::entities::account;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "compte";

/// What the session remembers of a sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SignedIn {
    account: uuid::Uuid,
    epoch: i32,
    since: DateTime<Utc>,
    /// When the session's idle expiry was last pushed back (its row last written).
    #[serde(default)]
    touched: Option<DateTime<Utc>>,
}

/// The idle expiry is pushed back at most this often: a signed-in page or call writes the
/// session's row only when a minute has passed since it last did, not on every request.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::minutes(1);

/// The request's session (set up by the router's session layer).
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Internal
    })
}

fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "session store");
    AppError::Internal
}

/// Starts a signed-in session under a new id: whatever id the browser had before no longer
/// works.
pub async fn establish(
    session: &Session,
    account: &account::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(
            KEY,
            SignedIn {
                account: account.id,
                epoch: account.session_epoch,
                since: now,
                touched: Some(now),
            },
        )
        .await
        .map_err(internal)
}

/// Ends the session: its record is deleted, so replaying the cookie finds nothing.
pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(internal)
}

/// The signed-in account, or `Unauthenticated` (the session is ended if it is stale): read
/// through [`identity`](crate::server::identity), which gives the typed value callers use.
pub(crate) async fn current(
    state: &AppState,
    session: &Session,
) -> Result<account::Model, AppError> {
    let Some(signed) = session.get::<SignedIn>(KEY).await.map_err(internal)? else {
        return Err(AppError::Unauthenticated);
    };
    let now = state.clock.now();
    let found = account::Entity::find_by_id(signed.account)
        .one(&state.db)
        .await?;
    match found {
        Some(a)
            if a.session_epoch == signed.epoch
                && a.activated_at.is_some()
                && now < signed.since + state.accounts.session_absolute =>
        {
            if signed.touched.is_none_or(|t| now - t >= TOUCH_EVERY) {
                // Modifies the session: the layer writes its row (an update only) with a
                // new idle expiry once the answer is ready.
                session
                    .insert(
                        KEY,
                        SignedIn {
                            touched: Some(now),
                            ..signed
                        },
                    )
                    .await
                    .map_err(internal)?;
            }
            Ok(a)
        }
        _ => {
            end(session).await?;
            Err(AppError::Unauthenticated)
        }
    }
}

/// Keeps the current session valid after its own account raised its epoch.
pub async fn follow_epoch(session: &Session, account: &account::Model) -> Result<(), AppError> {
    if let Some(mut signed) = session.get::<SignedIn>(KEY).await.map_err(internal)? {
        signed.epoch = account.session_epoch;
        session.insert(KEY, signed).await.map_err(internal)?;
    }
    Ok(())
}
