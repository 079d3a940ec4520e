//! The throughput baseline of `./cyclades bench`: a bare axum handler that returns the same
//! bytes as the portal's pages, read once from files at start.
//!
//! `bare_axum ADDR HOME_HTML SERVICES_HTML`

use axum::Router;
use axum::response::Html;
use axum::routing::get;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bare_axum ADDR HOME_HTML SERVICES_HTML";
    let addr = args.next().expect(usage);
    let home: &'static str = std::fs::read_to_string(args.next().expect(usage))?.leak();
    let services: &'static str = std::fs::read_to_string(args.next().expect(usage))?.leak();
    let app = Router::new()
        .route("/", get(move || async move { Html(home) }))
        .route(
            "/ouverture-des-services",
            get(move || async move { Html(services) }),
        );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await
}
