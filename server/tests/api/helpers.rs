//! Starting the application for a test.

use crate::mail_sink::MailSink;
use app::server::{AppState, Clock};
use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{ConnectionTrait, Database};
use server::config::Config;
use std::path::PathBuf;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// The instant the demo catalog is placed around in tests: Sunday 29/11/2026 10:00 Paris.
pub fn test_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap()
}

/// A running application and what the test needs to reach it.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    pub site_root: PathBuf,
    /// The SMTP server the application delivers to.
    pub mail: MailSink,
    dir: PathBuf,
    postgres: Option<(String, String)>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Starts the application with the demo catalog placed around `now`, delivering mail to
/// a running SMTP sink.
pub async fn spawn(db: Db, now: DateTime<Utc>) -> TestApp {
    spawn_with(db, now, true, &[]).await
}

/// Starts the application; `smtp_up` starts the SMTP sink at once, `env` adds settings.
pub async fn spawn_with(
    db: Db,
    now: DateTime<Utc>,
    smtp_up: bool,
    extra: &[(&str, &str)],
) -> TestApp {
    start(db, now, smtp_up, extra, None).await
}

/// Starts the application with its documents rendered by `renderer`.
pub async fn spawn_rendering(
    db: Db,
    now: DateTime<Utc>,
    renderer: std::sync::Arc<dyn server::documents::Render>,
) -> TestApp {
    start(db, now, true, &[], Some(renderer)).await
}

/// Starts the application with `routes` added under the pages' layers (routes that panic
/// or wait on purpose).
pub async fn spawn_with_routes(
    db: Db,
    now: DateTime<Utc>,
    extra: &[(&str, &str)],
    routes: axum::Router,
) -> TestApp {
    start_full(db, now, true, extra, None, Some(routes)).await
}

async fn start(
    db: Db,
    now: DateTime<Utc>,
    smtp_up: bool,
    extra: &[(&str, &str)],
    renderer: Option<std::sync::Arc<dyn server::documents::Render>>,
) -> TestApp {
    start_full(db, now, smtp_up, extra, renderer, None).await
}

async fn start_full(
    db: Db,
    now: DateTime<Utc>,
    smtp_up: bool,
    extra: &[(&str, &str)],
    renderer: Option<std::sync::Arc<dyn server::documents::Render>>,
    routes: Option<axum::Router>,
) -> TestApp {
    let mail = MailSink::reserve();
    if smtp_up {
        mail.start();
    }
    let smtp_port = mail.port.to_string();
    let dir = std::env::temp_dir().join(format!("cyclades-test-{}", uuid::Uuid::new_v4().simple()));
    let site_root = dir.join("site");
    std::fs::create_dir_all(site_root.join("pkg")).unwrap();
    let (database_url, postgres) = match db {
        Db::Sqlite => {
            let file = dir.join("cyclades.db");
            std::fs::copy(&template(db).await.location, &file).unwrap();
            (format!("sqlite://{}?mode=rwc", file.display()), None)
        }
        Db::Postgres => {
            let template = template(db).await;
            let admin = postgres_admin_url();
            let name = format!("cyclades_test_{}", uuid::Uuid::new_v4().simple());
            copy_postgres_template(&admin, &template.location, &name).await;
            (with_database(&admin, &name), Some((admin, name)))
        }
    };
    let env = |key: &str| match key {
        _ if extra.iter().any(|(k, _)| *k == key) => extra
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| (*v).to_owned()),
        "CYCLADES_SMTP_HOST" => Some("127.0.0.1".to_owned()),
        "CYCLADES_SMTP_PORT" => Some(smtp_port.clone()),
        "CYCLADES_SMTP_TLS" => Some("none".to_owned()),
        "CYCLADES_PUBLIC_URL" => Some("http://cyclades.test".to_owned()),
        "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
        "LEPTOS_SITE_ROOT" => Some(site_root.display().to_string()),
        "DATABASE_URL" => Some(database_url.clone()),
        "CYCLADES_DATA_DIR" => Some(dir.join("data").display().to_string()),
        "CYCLADES_DEMO_CATALOG" => Some("true".to_owned()),
        "CYCLADES_DATABASE_MAX_CONNECTIONS" => Some("4".to_owned()),
        "CYCLADES_MODE" => Some("development".to_owned()),
        // The real clamd `./cyclades test` starts (none: deposited files wait unscanned).
        "CYCLADES_CLAMD" => std::env::var("CYCLADES_TEST_CLAMD").ok(),
        _ => None,
    };
    let config = Config::load(&dir.join("absent.toml"), env).unwrap();
    let mut server = server::prepare(&config, Clock::manual(now)).await.unwrap();
    if let Some(renderer) = renderer {
        server = server.with_renderer(renderer);
    }
    if let Some(routes) = routes {
        server = server.with_routes(routes);
    }
    let base = format!("http://{}", server.addr);
    let state = server.state.clone();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.serve(async move {
        let _ = rx.await;
    }));
    TestApp {
        base,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A response that never ends fails its test instead of blocking the run.
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap(),
        state,
        site_root,
        mail,
        dir,
        postgres,
        shutdown: Some(tx),
    }
}

/// A database migrated once per run, reference data included (the 35,000 communes), that
/// every test of that database starts from a copy of: a file on SQLite, a template
/// database on PostgreSQL.
struct Template {
    /// The SQLite file, or the PostgreSQL database's name.
    location: String,
}

async fn template(db: Db) -> &'static Template {
    static SQLITE: tokio::sync::OnceCell<Template> = tokio::sync::OnceCell::const_new();
    static POSTGRES: tokio::sync::OnceCell<Template> = tokio::sync::OnceCell::const_new();
    match db {
        Db::Sqlite => SQLITE.get_or_init(sqlite_template).await,
        Db::Postgres => POSTGRES.get_or_init(postgres_template).await,
    }
}

/// The folder of this run's SQLite template; those of runs that have ended are removed.
fn template_dir() -> PathBuf {
    const PREFIX: &str = "cyclades-test-template-";
    let tmp = std::env::temp_dir();
    for entry in std::fs::read_dir(&tmp).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix(PREFIX)
            && !std::path::Path::new("/proc").join(pid).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    tmp.join(format!("{PREFIX}{}", std::process::id()))
}

async fn sqlite_template() -> Template {
    let dir = template_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("template.db");
    let _ = std::fs::remove_file(&file);
    let db = server::db::connect(&format!("sqlite://{}?mode=rwc", file.display()), 1)
        .await
        .unwrap();
    // Closing the last connection folds the write-ahead log into the file: a copy of the
    // file alone is the whole database.
    db.close().await.unwrap();
    Template {
        location: file.display().to_string(),
    }
}

fn postgres_admin_url() -> String {
    std::env::var("CYCLADES_TEST_POSTGRES_URL").expect(
        "CYCLADES_TEST_POSTGRES_URL is not set: run the tests with `./cyclades test`, \
         which starts PostgreSQL and sets it",
    )
}

/// Named like a test's database (`./cyclades test` drops those an interrupted run left), with
/// this process's id: a run drops the templates of the runs that have ended.
async fn postgres_template() -> Template {
    const PREFIX: &str = "cyclades_test_template_";
    let admin = postgres_admin_url();
    let name = format!("{PREFIX}{}", std::process::id());
    let conn = Database::connect(&admin)
        .await
        .expect("PostgreSQL reachable");
    let existing = conn
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            format!("SELECT datname FROM pg_database WHERE datname LIKE '{PREFIX}%'"),
        ))
        .await
        .unwrap();
    for row in existing {
        let old: String = row.try_get("", "datname").unwrap();
        let ended = old
            .strip_prefix(PREFIX)
            .is_none_or(|pid| !std::path::Path::new("/proc").join(pid).exists());
        if old == name || ended {
            drop_database(&conn, &old).await;
        }
    }
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    conn.close().await.unwrap();
    let db = server::db::connect(&with_database(&admin, &name), 1)
        .await
        .unwrap();
    db.close().await.unwrap();
    Template { location: name }
}

/// `CREATE DATABASE name TEMPLATE template`: refused while a session is still connected to
/// the template (the migrating one ends a moment after it is closed), so tried again.
async fn copy_postgres_template(admin: &str, template: &str, name: &str) {
    let conn = Database::connect(admin)
        .await
        .expect("PostgreSQL reachable");
    let mut last = None;
    for _ in 0..100 {
        match conn
            .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .await
        {
            Ok(_) => {
                last = None;
                break;
            }
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    conn.close().await.unwrap();
    if let Some(e) = last {
        panic!("cannot copy the template database {template}: {e}");
    }
}

/// `postgres://u:p@h:5432/anything` with another database name.
fn with_database(url: &str, name: &str) -> String {
    let (head, _) = url.rsplit_once('/').expect("a database URL has a path");
    format!("{head}/{name}")
}

impl TestApp {
    /// GET `path`, returning the status and the body.
    pub async fn get(&self, path: &str) -> (reqwest::StatusCode, String) {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.text().await.unwrap())
    }

    /// Stops the server, closes its connections, and removes the test's database and
    /// files (what `Drop` does too, for a test that fails before it gets here).
    pub async fn cleanup(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = self.state.db.close_by_ref().await;
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, name)) = self.postgres.take() {
            // Drop cannot wait on the test's runtime (it may be unwinding a panic): a
            // thread with a runtime of its own drops the database.
            let dropped = std::thread::spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async {
                    if let Ok(conn) = Database::connect(&admin).await {
                        drop_database(&conn, &name).await;
                        let _ = conn.close().await;
                    }
                });
            });
            let _ = dropped.join();
        }
    }
}

/// Drops a test's PostgreSQL database (cleanup only). An autovacuum worker may be connected
/// for a moment after the reference data's large inserts, and FORCE cannot end a
/// superuser's process: try again a little later.
pub async fn drop_database(conn: &sea_orm::DatabaseConnection, name: &str) {
    for _ in 0..20 {
        let dropped = conn
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
        if dropped.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

/// What `probe` finds, polled every 50 ms for up to 10 s: for what a background job
/// (the mail sender, the renderer) does a moment after the request that caused it.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    for _ in 0..200 {
        if let Some(found) = probe().await {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what}: not within 10 s");
}

/// Declares each test twice, on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[expect(clippy::allow_attributes, reason = "an allow: `expect` fails where the body uses the imports")]
            #[allow(unused_imports, reason = "not every test body uses its module's imports")]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::helpers::spawn($crate::helpers::Db::Sqlite, $crate::helpers::test_now()).await;
                $body
                $app.cleanup().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $app = $crate::helpers::spawn($crate::helpers::Db::Postgres, $crate::helpers::test_now()).await;
                $body
                $app.cleanup().await;
            }
        }
    )*};
}

/// Posted fields as `post_form` takes them.
pub fn borrowed(all: &[(String, String)]) -> Vec<(&str, &str)> {
    all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The text of an HTML page as a person reads it: tags removed, spaces collapsed,
/// the few entities the renderer uses decoded.
pub fn visible_text(html: &str) -> String {
    let mut rest = html
        .split_once("<body")
        .and_then(|(_, b)| b.split_once('>'))
        .map_or(html, |(_, b)| b);
    let mut without_scripts = String::new();
    while let Some(start) = rest.find("<script") {
        without_scripts.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("</script>")
            .map_or("", |(_, after)| after);
    }
    without_scripts.push_str(rest);
    let mut out = String::new();
    let mut in_tag = false;
    for c in without_scripts.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", "\"");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An answer of the application.
#[derive(Debug)]
pub struct Reply {
    pub status: reqwest::StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Reply {
    /// Sends `request` and reads its whole answer.
    pub async fn of(request: reqwest::RequestBuilder) -> Self {
        let resp = request.send().await.unwrap();
        Self {
            status: resp.status(),
            headers: resp.headers().clone(),
            body: resp.text().await.unwrap(),
        }
    }

    /// The body as JSON (`null` for a server function's `Ok(())`).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The portal's error code, if the answer is an error.
    pub fn code(&self) -> Option<String> {
        self.json()["code"].as_str().map(str::to_owned)
    }

    /// The fields named by an `invalid_fields` answer.
    pub fn fields(&self) -> Vec<String> {
        self.json()["detail"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The session cookie set by this answer, as `name=value`.
    pub fn cookie(&self) -> Option<String> {
        self.set_cookie()
            .and_then(|c| c.split(';').next().map(str::to_owned))
            .filter(|c| !c.ends_with('='))
    }

    /// Where a redirection goes.
    pub fn location(&self) -> Option<String> {
        self.headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// The raw `Set-Cookie` header.
    pub fn set_cookie(&self) -> Option<String> {
        self.headers
            .get(reqwest::header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

impl TestApp {
    /// Calls the server function `endpoint` (a JSON POST, as the pages do).
    pub async fn call(
        &self,
        endpoint: &str,
        body: serde_json::Value,
        cookie: Option<&str>,
    ) -> Reply {
        self.call_with(endpoint, body, cookie, &[]).await
    }

    /// Same, with extra request headers.
    pub async fn call_with(
        &self,
        endpoint: &str,
        body: serde_json::Value,
        cookie: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .body(body.to_string());
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        Reply::of(request).await
    }

    /// GET `path` with a session cookie.
    pub async fn get_as(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = self
            .client
            .get(format!("{}{path}", self.base))
            // As a browser: pages are asked for as HTML, server functions as JSON.
            .header(
                "accept",
                if path.starts_with("/api/") {
                    "application/json"
                } else {
                    "text/html"
                },
            );
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        Reply::of(request).await
    }

    /// Wakes the mail sender (after moving the clock past a back-off).
    pub fn nudge_mail(&self) {
        self.state.jobs.wake(app::server::jobs::JobKind::Mail);
    }

    /// GET `path` with a session cookie, the body as bytes (a PDF).
    pub async fn get_bytes(
        &self,
        path: &str,
        cookie: Option<&str>,
    ) -> (reqwest::StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        let resp = request.send().await.unwrap();
        let (status, headers) = (resp.status(), resp.headers().clone());
        (status, headers, resp.bytes().await.unwrap().to_vec())
    }
}
