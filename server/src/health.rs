//! `GET /health`: 200 when the database answers, 503 otherwise.

use axum::http::StatusCode;
use sea_orm::DatabaseConnection;

/// Pings the database.
pub async fn health(db: DatabaseConnection) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
