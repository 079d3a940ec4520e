//! The application's state on the database of a URL, as the server builds it (development
//! settings), for the benchmark examples. Included with
//! `#[path = "support/state.rs"] mod state;`.

/// The state on `url`, with `clock`.
pub async fn on(
    url: &str,
    clock: app::server::Clock,
) -> Result<app::server::AppState, Box<dyn std::error::Error + Send + Sync>> {
    let url = url.to_owned();
    let config =
        server::config::Config::load(std::path::Path::new("/nonexistent"), |key| match key {
            "DATABASE_URL" => Some(url.clone()),
            "CYCLADES_MODE" => Some("development".into()),
            _ => None,
        })?;
    Ok(server::state_of(&config, clock)
        .await
        .map_err(|e| e.to_string())?)
}
