//! `cyclades-server`: reads the configuration (`Leptos.toml` or `$CYCLADES_CONFIG`, then the
//! environment), migrates the database and serves the portal.

use app::server::Clock;
use secrecy::ExposeSecret;
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, file] = args.as_slice()
        && command == "import-etablissements"
    {
        return import_etablissements(&config, file).await;
    }
    if let [command, what] = args.as_slice()
        && command == "journal"
        && what == "verify"
    {
        return verify_journal(&config).await;
    }
    if !args.is_empty() {
        eprintln!(
            "usage: cyclades-server [import-etablissements <fr-en-annuaire-education.csv> | journal verify]"
        );
        return ExitCode::from(2);
    }
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

/// Loads the national list of établissements into the configured database.
async fn import_etablissements(config: &Config, file: &str) -> ExitCode {
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let (rows, report) = match server::import::parse(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let db = match server::db::connect(
        config.database.url.expose_secret(),
        config.database.max_connections,
    )
    .await
    {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot open the database: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = server::import::store(&db, &rows).await {
        eprintln!("import failed, nothing changed: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{} établissements imported; {} lines refused (bad UAI or missing field), {} closed, {} repeated UAI",
        report.imported, report.refused, report.closed, report.duplicates
    );
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

/// Checks the journal's chain: exit 0 and its length and last hash (keep them: a later
/// check that prints fewer rows means the last ones were removed), or exit 1 and the row
/// where it breaks.
async fn verify_journal(config: &Config) -> ExitCode {
    let db = match server::db::connect(
        config.database.url.expose_secret(),
        config.database.max_connections,
    )
    .await
    {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot open the database: {e}");
            return ExitCode::FAILURE;
        }
    };
    match app::server::services::journal::verify(&db).await {
        Ok(app::server::services::journal::Verdict::Intact { rows, last_hash }) => {
            println!("journal intact: {rows} rows, last hash {last_hash}");
            ExitCode::SUCCESS
        }
        Ok(app::server::services::journal::Verdict::Broken { seq }) => {
            println!(
                "journal broken at row {seq}: that row was edited, or the one before it removed"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("cannot read the journal: {e}");
            ExitCode::FAILURE
        }
    }
}
