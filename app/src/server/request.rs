//! What server functions read from the request itself: the client's address, for the
//! per-address throttle.

use crate::error::AppError;
use crate::server::state::AppState;
use crate::server::throttle::Action;
use std::net::{IpAddr, SocketAddr};

/// The client's address: the socket's peer, or the proxy's `X-Forwarded-For` when trusted.
pub async fn client_ip(state: &AppState) -> IpAddr {
    if state.accounts.trust_forwarded_for
        && let Ok(parts) = leptos_axum::extract::<http::request::Parts>().await
        && let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
    {
        return ip;
    }
    match leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>().await {
        Ok(axum::extract::ConnectInfo(addr)) => addr.ip(),
        Err(_) => IpAddr::from([0, 0, 0, 0]),
    }
}

/// Counts this request against the client's limit for `action` (429 beyond it).
pub async fn throttle(state: &AppState, action: Action) -> Result<(), AppError> {
    let ip = client_ip(state).await;
    state.throttle.hit(action, ip).map_err(|retry_after_secs| {
        tracing::warn!(%ip, ?action, "throttled");
        AppError::TooManyRequests { retry_after_secs }
    })
}
