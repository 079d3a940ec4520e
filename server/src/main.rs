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
    if let [command, what, rest @ ..] = args.as_slice()
        && command == "staff"
        && what == "add"
    {
        return add_staff(&config, rest).await;
    }
    if !args.is_empty() {
        eprintln!(
            "usage: cyclades-server [import-etablissements <fr-en-annuaire-education.csv> | journal verify | staff add EMAIL --role administrateur|gestionnaire [--academie CODE ...]]"
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
    // No default account (checklist line 11): a development run prints a way in instead.
    if config.portal.mode == server::config::Mode::Development {
        use app::server::services::staff::{first_administrator, members};
        match first_administrator::first_administrator(&server.state).await {
            Ok(Some(secret)) => tracing::info!(
                login = first_administrator::FIRST_ADMINISTRATOR,
                link = %server.state.accounts.link(&members::enrolment_path(&secret)),
                "no staff member has enrolled yet: the first administrator enrols at this link"
            ),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "no first administrator's link"),
        }
    }
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

/// `staff add EMAIL --role ROLE [--academie CODE ...]`: adds a staff member (every académie
/// when none is named) and prints their one-time enrolment link.
async fn add_staff(config: &Config, args: &[String]) -> ExitCode {
    use app::domain::{Email, Scope, StaffRole};
    use app::server::services::staff::members;
    let usage = "usage: staff add EMAIL --role administrateur|gestionnaire [--academie CODE ...]";
    let mut email = None;
    let mut role = None;
    let mut academies = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--role" => role = words.next().and_then(|r| StaffRole::parse(r)),
            "--academie" => match words.next() {
                Some(code) => academies.push(code.as_str()),
                None => role = None,
            },
            other if email.is_none() && !other.starts_with("--") => email = Some(other),
            _ => {
                eprintln!("{usage}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(email), Some(role)) = (email, role) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let Ok(email) = Email::parse(email) else {
        eprintln!("not an email address: {email}");
        return ExitCode::from(2);
    };
    let state = match server::state_of(config, Clock::System).await {
        Ok(state) => state,
        Err(e) => {
            eprintln!("cannot open the database: {e}");
            return ExitCode::FAILURE;
        }
    };
    let scope = Scope::of_codes(academies);
    match members::add(
        &state,
        &members::Actor::command_line(),
        &email,
        role,
        &scope,
    )
    .await
    {
        Ok(added) => {
            let link = state
                .accounts
                .link(&members::enrolment_path(&added.enrolment_secret));
            println!(
                "{} added ({}); they enrol once, within {} hours, at:\n{link}",
                email.as_str(),
                role.as_str(),
                state.accounts.staff_enrolment_ttl.num_hours()
            );
            ExitCode::SUCCESS
        }
        Err(app::error::AppError::EmailTaken) => {
            eprintln!("{} is already a staff member", email.as_str());
            ExitCode::FAILURE
        }
        Err(app::error::AppError::InvalidInput) => {
            eprintln!(
                "an académie code is not in the catalog: {academies:?}",
                academies = scope
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("cannot add the staff member: {e}");
            ExitCode::FAILURE
        }
    }
}
