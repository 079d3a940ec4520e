//! The Cyclades server: configuration, database, router and start-up, as a library so
//! that integration tests start the very same application on a free port.

pub mod config;
pub mod csrf;
pub mod db;
pub mod documents;
pub mod health;
pub mod import;
pub mod jobs;
pub mod mail;
pub mod router;

use app::server::{AppState, Clock};
use config::Config;
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::sync::Arc;

/// The bundle's folder in the site root, served as `/pkg` (where the pages link it).
const PKG_DIR: &str = "pkg";

/// A server bound to its address, ready to serve.
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    listener: tokio::net::TcpListener,
    router: axum::Router,
    mail: config::MailConfig,
    renderer: Arc<dyn documents::Render>,
}

/// Opens and migrates the database, loads the demo catalog if configured, binds the address.
pub async fn prepare(config: &Config, clock: Clock) -> Result<Server, Box<dyn std::error::Error>> {
    let db = db::connect(&config.database_url, config.database_max_connections).await?;
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let state = AppState {
        db,
        tz: config.time_zone,
        clock: clock.clone(),
        accounts: Arc::new(config.accounts.clone()),
        hasher: app::server::services::passwords::Hasher::new(cores),
        common_passwords: Arc::new(app::server::services::passwords::common_passwords(
            migration::COMMON_PASSWORDS_TXT,
        )),
        throttle: Arc::new(app::server::throttle::Throttle::per_minute(
            config.accounts.ip_limit_per_minute,
        )),
        mail_waiting: Arc::new(tokio::sync::Notify::new()),
        documents_waiting: Arc::new(tokio::sync::Notify::new()),
        documents_rendered: Arc::new(tokio::sync::Notify::new()),
        saves_in_flight: Arc::default(),
        wizard_lists: Arc::default(),
    };
    if config.demo_catalog
        && app::server::demo::load_if_empty(&state.db, state.tz, clock.now()).await?
    {
        tracing::info!("demo catalog loaded");
    }
    let options = LeptosOptions::builder()
        .output_name(env!("LEPTOS_OUTPUT_NAME"))
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir(PKG_DIR)
        .site_addr(config.site_addr)
        .build();
    if !config
        .site_root
        .join(PKG_DIR)
        .join(format!("{}.js", env!("LEPTOS_OUTPUT_NAME")))
        .exists()
    {
        tracing::warn!(
            site_root = %config.site_root.display(),
            "no browser bundle in the site root: pages render but will not hydrate (run ./cyclades build)"
        );
    }
    let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
    let addr = listener.local_addr()?;
    let router = router::build(state.clone(), options);
    Ok(Server {
        addr,
        state,
        listener,
        router,
        mail: config.mail.clone(),
        renderer: Arc::new(documents::Typst::new()),
    })
}

impl Server {
    /// Renders documents with `renderer` instead of Typst alone (tests wrap it to make
    /// renderings fail).
    #[must_use]
    pub fn with_renderer(mut self, renderer: Arc<dyn documents::Render>) -> Self {
        self.renderer = renderer;
        self
    }

    /// Starts the background jobs, then serves until `shutdown` completes.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let jobs = jobs::spawn(&self.state, self.mail, self.renderer);
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        for job in jobs {
            job.abort();
        }
        served
    }
}
