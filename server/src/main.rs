//! `cyclades-server`: reads the configuration (`Leptos.toml` or `$CYCLADES_CONFIG`, then the
//! environment), migrates the database and serves the portal.

use app::server::Clock;
use server::config::Config;
use std::path::PathBuf;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm_migration=warn".into()),
        )
        .init();

    let named = std::env::var_os("CYCLADES_CONFIG").map(PathBuf::from);
    if let Some(path) = &named
        && !path.is_file()
    {
        eprintln!(
            "configuration error: CYCLADES_CONFIG names {}, which does not exist",
            path.display()
        );
        return ExitCode::from(2);
    }
    let path = named.unwrap_or_else(|| PathBuf::from("Leptos.toml"));
    let config = match Config::load(&path, |key| std::env::var(key).ok()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let server = match server::prepare(&config, Clock::System).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("Cyclades listening on http://{}", server.addr);
    if let Err(e) = server.serve(shutdown_signal()).await {
        eprintln!("server error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("shutting down");
}
