//! The Cyclades server: configuration, database, router and start-up, as a library so
//! that integration tests start the very same application on a free port.

pub mod config;
pub mod csrf;
pub mod db;
pub mod documents;
pub mod export;
pub mod guard;
pub mod health;
pub mod import;
pub mod jobs;
pub mod mail;
pub mod no_script;
pub mod offers_csv;
pub mod pieces;
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
    /// Kept to rebuild the router with routes a test adds.
    options: LeptosOptions,
    request_timeout: std::time::Duration,
    header_read_timeout: std::time::Duration,
    mailer: mail::Mailer,
    renderer: Arc<dyn documents::Render>,
}

/// The application's state for `config`: the database opened and migrated (the search
/// names of older accounts filled), the settings, the password hasher. The command-line
/// tools use it too.
pub async fn state_of(
    config: &Config,
    clock: Clock,
) -> Result<AppState, Box<dyn std::error::Error>> {
    let db = db::connect(
        secrecy::ExposeSecret::expose_secret(&config.database.url),
        config.database.max_connections,
    )
    .await?;
    let filled = app::server::services::accounts::fill_search_names(&db).await?;
    if filled > 0 {
        tracing::info!(accounts = filled, "search names filled");
    }
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    Ok(AppState {
        db,
        tz: config.portal.time_zone,
        clock,
        accounts: Arc::new(config.accounts.clone()),
        legal: Arc::new(config.portal.legal.clone()),
        hasher: app::server::services::passwords::Hasher::new(
            cores,
            config.accounts.password_queue,
        ),
        common_passwords: Arc::new(app::server::services::passwords::common_passwords(
            migration::COMMON_PASSWORDS_TXT,
        )),
        throttle: Arc::new(app::server::throttle::Throttle::per_minute(
            config.accounts.ip_limit_per_minute,
        )),
        jobs: Arc::default(),
        documents_rendered: Arc::new(tokio::sync::Notify::new()),
        saves_in_flight: Arc::default(),
        wizard_lists: Arc::default(),
        communes: Arc::default(),
        files: match &config.pieces.store {
            config::FileStore::Folder(root) => app::server::storage::Storage::local(root)?,
            config::FileStore::S3 { bucket } => app::server::storage::Storage::s3(bucket)?,
        },
        clamd: config.pieces.clamd.clone(),
        uploads_dir: {
            let dir = config.portal.data_dir.join("uploads");
            std::fs::create_dir_all(&dir)?;
            dir
        },
    })
}

/// Opens and migrates the database, loads the demo catalog if configured, binds the address.
pub async fn prepare(config: &Config, clock: Clock) -> Result<Server, Box<dyn std::error::Error>> {
    // Every setting is checked before anything starts: the mail transport too.
    let mailer = mail::Mailer::new(&config.mail, config.portal.mode)?;
    let state = state_of(config, clock.clone()).await?;
    if config.portal.demo_catalog
        && app::server::demo::load_if_empty(&state.db, state.tz, clock.now()).await?
    {
        tracing::info!("demo catalog loaded");
    }
    let options = LeptosOptions::builder()
        .output_name(env!("LEPTOS_OUTPUT_NAME"))
        .site_root(config.site.root.to_string_lossy().into_owned())
        .site_pkg_dir(PKG_DIR)
        .site_addr(config.site.addr)
        .build();
    if !config
        .site
        .root
        .join(PKG_DIR)
        .join(format!("{}.js", env!("LEPTOS_OUTPUT_NAME")))
        .exists()
    {
        tracing::warn!(
            site_root = %config.site.root.display(),
            "no browser bundle in the site root: pages render but will not hydrate (run ./cyclades build)"
        );
    }
    let listener = tokio::net::TcpListener::bind(config.site.addr).await?;
    let addr = listener.local_addr()?;
    let web = router::Web {
        request_timeout: config.site.request_timeout,
        extra: None,
    };
    let router = router::build(state.clone(), options.clone(), web);
    Ok(Server {
        addr,
        state,
        listener,
        router,
        options,
        request_timeout: config.site.request_timeout,
        header_read_timeout: config.site.header_read_timeout,
        mailer,
        renderer: Arc::new(documents::Typst::new()),
    })
}

impl Server {
    /// Adds `routes` under the pages' layers (guard, limits, sessions, cross-site refusal,
    /// headers): integration tests add routes that panic or wait on purpose.
    #[must_use]
    pub fn with_routes(mut self, routes: axum::Router) -> Self {
        self.router = router::build(
            self.state.clone(),
            self.options.clone(),
            router::Web {
                request_timeout: self.request_timeout,
                extra: Some(routes),
            },
        );
        self
    }

    /// Renders documents with `renderer` instead of Typst alone (tests wrap it to make
    /// renderings fail).
    #[must_use]
    pub fn with_renderer(mut self, renderer: Arc<dyn documents::Render>) -> Self {
        self.renderer = renderer;
        self
    }

    /// Starts the background jobs, then serves until `shutdown` completes; the jobs running
    /// then are given a moment to finish.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let jobs = jobs::start(&self.state, self.mailer, self.renderer);
        let served = serve_connections(
            self.listener,
            self.router,
            self.header_read_timeout,
            shutdown,
        )
        .await;
        jobs.stop(jobs::SHUTDOWN_GRACE).await;
        served
    }
}

/// Accepts connections until `shutdown`, then lets the open ones finish. Unlike
/// `axum::serve`, a client must send its request headers within `header_read_timeout`
/// (a connection that trickles them, slowloris, is closed).
async fn serve_connections(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    header_read_timeout: std::time::Duration,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    let mut open = tokio::task::JoinSet::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = tower::ServiceExt::map_request(
            router.clone(),
            move |mut request: hyper::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                request.map(axum::body::Body::new)
            },
        );
        let service = hyper_util::service::TowerToHyperService::new(service);
        let mut stop = stop_rx.clone();
        open.spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            let result = tokio::select! {
                result = connection.as_mut() => result,
                _ = stop.changed() => {
                    // Ends an idle connection now, a busy one after its answer.
                    connection.as_mut().graceful_shutdown();
                    connection.as_mut().await
                }
            };
            if let Err(e) = result {
                tracing::debug!(error = %e, "connection ended");
            }
        });
        // Forget the connections that have ended.
        while open.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stop_tx.send(true);
    while open.join_next().await.is_some() {}
    Ok(())
}
