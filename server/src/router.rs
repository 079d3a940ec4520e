//! The HTTP routes: health, the browser bundle (precompressed), the Leptos pages and
//! server functions, and the public files with the portal's 404 page as fallback; around
//! them the guard (panics, timeouts), body limits, the cross-site refusal and the security
//! headers (checklist lines 18, 19, 32).

use crate::health::health;
use app::server::AppState;
use app::{App, shell};
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The route list, generated once per process. Generating it suppresses the loading of
/// resources in the whole process for a moment (a process-global flag in leptos_server), so a
/// page another server of the same process was rendering then waited forever (leptos issue
/// 4773): the integration tests, which start many servers in one process, hung on it.
static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();

/// Body sizes accepted, per kind of route (413 beyond, before the body is read whole).
pub mod body_limit {
    /// Server functions: JSON forms (the registration form is a few kilobytes).
    pub const API: usize = 64 * 1024;
    /// A page's form posted by the browser itself (URL-encoded text fields).
    pub const FORM: usize = 16 * 1024;
    /// Pages, files, documents, health: read with GET, no body expected.
    pub const OTHER: usize = 4 * 1024;
}

/// What the router needs beyond the state.
pub struct Web {
    pub request_timeout: std::time::Duration,
    /// Routes added under the same layers (integration tests add ones that panic or wait).
    pub extra: Option<Router>,
}

/// Builds the application's router.
pub fn build(state: AppState, options: LeptosOptions, web: Web) -> Router {
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let origins = std::sync::Arc::new(crate::csrf::Origins::new(&state.accounts.public_url));
    let https = state.accounts.public_url.starts_with("https://");
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let db = state.db.clone();
    let fallback_state = state.clone();
    // The bundle's names carry no hash: browsers revalidate (Last-Modified) every time.
    let bundle = Router::new()
        .fallback_service(ServeDir::new(pkg).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));

    let sessions = session_layer(&state);
    // The PDFs of documents, to their owner (the session says who).
    let documents = Router::new()
        .route("/documents/{id}", get(crate::documents::download::pdf))
        .route(
            "/gestion/documents/{id}",
            get(crate::documents::download::staff_pdf),
        )
        .route(
            "/mes-justificatifs/fichiers/{id}",
            get(crate::pieces::download::candidate_file),
        )
        .route(
            "/gestion/justificatifs/fichiers/{id}",
            get(crate::pieces::download::staff_file),
        )
        .route(
            "/gestion/offres/{id}/convocations/apercu",
            get(crate::documents::preview::convocation),
        )
        .route(
            "/gestion/convocations/lots/{id}/{file}",
            get(crate::documents::batch_files::download),
        )
        .route("/gestion/offres.csv", get(crate::offers_csv::export))
        .route("/gestion/candidats.csv", get(crate::export::candidates_csv))
        .route("/gestion/journal.csv", get(crate::export::journal_csv))
        .with_state(state.clone())
        .layer(sessions.clone())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    // Pages and server functions: sessions (read lazily, written when the idle timeout
    // slides), cross-site refusal, and no caching of what may be personal.
    let no_script = std::sync::Arc::new(crate::no_script::Context {
        state: state.clone(),
        options: options.clone(),
    });
    let mut pages = Router::new().leptos_routes_with_context(
        &options,
        routes,
        move || provide_context(state.clone()),
        {
            let options = options.clone();
            move || shell(options.clone())
        },
    );
    // The account forms posted without the client code, beside the page's GET.
    for path in app::api::posted::PATHS {
        pages = pages.route(
            path,
            axum::routing::post(crate::no_script::post).with_state(no_script.clone()),
        );
    }
    // The deposit of a file (multipart, streamed), under the same layers as the pages.
    // axum's own 2 MB bound is lifted there: `body_limits` bounds the body, the handler the file.
    pages = pages.route(
        crate::pieces::UPLOAD_ROUTE,
        axum::routing::post(crate::pieces::upload::deposit)
            .with_state(no_script.clone())
            .layer(axum::extract::DefaultBodyLimit::disable()),
    );
    // An imported CSV of offers (multipart, 1 MB), under the same layers.
    pages = pages.route(
        crate::offers_csv::IMPORT_ROUTE,
        axum::routing::post(crate::offers_csv::receive)
            .with_state(no_script.clone())
            .layer(axum::extract::DefaultBodyLimit::disable()),
    );
    // Public files (precompressed), else the portal's 404 page rendered like any page. Not
    // leptos_axum's `file_and_error_handler`: it answers a file under an owner made the child
    // of whatever owner the worker thread had current, another request's page, and takes that
    // page's headers: under concurrent loads a page lost its Content Security Policy to the
    // favicon fetched beside it (its scripts were then blocked).
    let not_found = leptos_axum::render_app_async_with_context(
        move || provide_context(fallback_state.clone()),
        {
            let options = options.clone();
            move || shell(options.clone())
        },
    );
    // Any other method, and a folder, go to the 404 page too (ServeDir would answer a bare
    // 405, or redirect a folder to itself with a slash, which the router strips again).
    let public = ServeDir::new(options.site_root.as_ref())
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .call_fallback_on_method_not_allowed(true)
        .fallback(
            Router::new().fallback(move |request: axum::extract::Request| not_found(request)),
        );
    let pages = pages
        .fallback_service(public)
        .with_state(options)
        .layer(sessions.clone())
        .layer(axum::middleware::from_fn_with_state(
            origins.clone(),
            crate::csrf::refuse_cross_site,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::server::headers::FALLBACK),
        ));
    let pages = match web.extra {
        Some(extra) => pages.merge(extra.layer(sessions).layer(
            axum::middleware::from_fn_with_state(origins, crate::csrf::refuse_cross_site),
        )),
        None => pages,
    };

    let limits = std::sync::Arc::new(crate::guard::Limits {
        request_timeout: web.request_timeout,
    });
    let router = Router::new()
        .route("/health", get(move || health(db.clone())))
        .nest("/pkg", bundle)
        .merge(documents)
        .merge(pages)
        .layer(axum::middleware::from_fn(body_limits))
        .layer(axum::middleware::from_fn(strip_trailing_slash))
        // Whatever happens inside, an answer; the headers below are set on it too.
        .layer(axum::middleware::from_fn_with_state(
            limits,
            crate::guard::guard,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ));
    if https {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        router
    }
}

/// Refuses a body larger than its route's limit: at once from `Content-Length` (413), else
/// as it is read (the read fails past the limit: nothing larger is ever buffered).
async fn body_limits(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let limit = if request.uri().path().starts_with("/api/") {
        body_limit::API
    } else if request.method() == axum::http::Method::POST
        && crate::pieces::is_upload(request.uri().path())
    {
        crate::pieces::upload::BODY_LIMIT
    } else if request.method() == axum::http::Method::POST
        && request.uri().path() == crate::offers_csv::IMPORT_ROUTE
    {
        crate::offers_csv::BODY_LIMIT
    } else if request.method() == axum::http::Method::POST {
        body_limit::FORM
    } else {
        body_limit::OTHER
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(&request);
    }
    let (parts, body) = request.into_parts();
    let limited = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(axum::extract::Request::from_parts(parts, limited))
        .await
}

fn too_large(request: &axum::extract::Request) -> axum::response::Response {
    let path = request.uri().path();
    tracing::warn!(path, "body over its limit refused");
    // A deposit far over 5 MB: the sentence of a file too large (JSON to the page's client).
    let (json, error) = if crate::pieces::is_upload(path) {
        let json = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
        (json, app::error::AppError::FileTooLarge)
    } else {
        (
            path.starts_with("/api/"),
            app::error::AppError::InvalidInput,
        )
    };
    crate::guard::error_response(
        json,
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        &error,
        None,
    )
}

/// The session cookie (checklist lines 13, 16): HttpOnly, SameSite=Lax, Secure with the
/// `__Host-` prefix over HTTPS, ended after the configured inactivity.
fn session_layer(
    state: &AppState,
) -> SessionManagerLayer<app::server::session_store::DbSessionStore> {
    let settings = &state.accounts;
    let idle = tower_sessions::cookie::time::Duration::seconds(settings.session_idle.num_seconds());
    SessionManagerLayer::new(app::server::session_store::DbSessionStore::new(
        state.db.clone(),
    ))
    .with_name(settings.cookie_name())
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_secure(settings.secure_cookies)
    .with_path("/")
    .with_expiry(Expiry::OnInactivity(idle))
    // Saved only when modified: at sign-in, and when `auth::current` pushes the idle
    // expiry back (at most once a minute), never as an upsert (see the store).
}

/// `/ouverture-des-services/?…` → 308 to `/ouverture-des-services?…`: one address per page.
async fn strip_trailing_slash(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let page = if trimmed.is_empty() { "/" } else { trimmed };
        let target = request
            .uri()
            .query()
            .map_or_else(|| page.to_owned(), |q| format!("{page}?{q}"));
        // Only a local path: "//evil.example/" must not become an absolute redirect.
        if !target.starts_with("//") && !target.starts_with("/\\") {
            return axum::response::Redirect::permanent(&target).into_response();
        }
    }
    next.run(request).await
}
