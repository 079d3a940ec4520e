//! Sessions (checklist lines 13, 15): sign-out cannot be undone by a request that was in
//! flight, the row is written only when the idle expiry needs it, and over HTTPS the cookie
//! is `Secure` with the `__Host-` prefix.

use crate::accounts::{PASSWORD, active_account, credentials, signed_in};
use crate::helpers::{Db, spawn_with, spawn_with_routes, test_now};
use app::server::entities::web_session;
use axum::routing::get;
use chrono::Duration;
use sea_orm::EntityTrait;
use serde_json::json;
use std::sync::Arc;
use tokio::sync::Notify;

/// A route that reads the session, waits for the test, then changes the session (as a
/// signed-in page does when it pushes the idle expiry back) and answers 200.
fn slow_route(loaded: Arc<Notify>, release: Arc<Notify>) -> axum::Router {
    axum::Router::new().route(
        "/essai/lent",
        get(move |session: tower_sessions::Session| {
            let (loaded, release) = (loaded.clone(), release.clone());
            async move {
                let _ = session.get::<serde_json::Value>("compte").await;
                loaded.notify_one();
                release.notified().await;
                let _ = session.insert("vu", true).await;
                "fini"
            }
        }),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_cannot_be_undone_by_a_request_in_flight() {
    for db in [Db::Sqlite, Db::Postgres] {
        let loaded = Arc::new(Notify::new());
        let release = Arc::new(Notify::new());
        let app = spawn_with_routes(
            db,
            test_now(),
            &[],
            slow_route(loaded.clone(), release.clone()),
        )
        .await;
        let cookie = active_account(&app, "deconnexion@example.fr").await;
        let slow = {
            let (client, url, cookie) = (
                app.client.clone(),
                format!("{}/essai/lent", app.base),
                cookie.clone(),
            );
            tokio::spawn(async move { client.get(url).header("cookie", cookie).send().await })
        };
        loaded.notified().await;
        let out = app.call("sign_out", json!({}), Some(&cookie)).await;
        assert_eq!(out.status, 200);
        release.notify_one();
        let answer = slow.await.unwrap().unwrap();
        assert_eq!(answer.status(), 200);
        // The request that ended after "Se déconnecter" did not bring the session back.
        assert_eq!(
            web_session::Entity::find()
                .all(&app.state.db)
                .await
                .unwrap()
                .len(),
            0
        );
        assert!(!signed_in(&app, &cookie).await);
        app.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_row_is_written_only_when_the_idle_expiry_needs_it() {
    let app = spawn_with(Db::Sqlite, test_now(), true, &[]).await;
    let cookie = active_account(&app, "toucher@example.fr").await;
    let row = || async {
        web_session::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
    };
    let first = row().await;
    for _ in 0..3 {
        assert!(signed_in(&app, &cookie).await);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(row().await, first, "requests within a minute write nothing");
    app.state.clock.advance(Duration::minutes(2));
    assert!(signed_in(&app, &cookie).await);
    let touched = row().await;
    assert!(
        touched.expires_at > first.expires_at,
        "the idle expiry moved on"
    );
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_cookie_is_secure_and_host_prefixed_and_hsts_is_sent() {
    let app = spawn_with(
        Db::Sqlite,
        test_now(),
        true,
        &[("CYCLADES_PUBLIC_URL", "https://cyclades.test")],
    )
    .await;
    let email = "https@example.fr";
    let created = app
        .call("create_account", crate::accounts::jean(email), None)
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let token = app.mail.wait_for(email, 1).await[0]
        .token("/activer-mon-compte")
        .unwrap();
    let activated = app
        .call(
            "activate_account",
            crate::accounts::activation(&token, PASSWORD),
            None,
        )
        .await;
    assert_eq!(activated.status, 200, "{}", activated.body);
    let signed = app
        .call_with(
            "sign_in",
            credentials(email, PASSWORD),
            None,
            &[("origin", "https://cyclades.test")],
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    let set = signed.set_cookie().unwrap();
    assert!(set.starts_with("__Host-cyclades="), "{set}");
    for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(flag), "{flag} missing: {set}");
    }
    assert!(!set.contains("Domain"), "{set}");
    let page = app.get_as("/", None).await;
    assert_eq!(
        page.headers["strict-transport-security"],
        "max-age=31536000"
    );
    app.cleanup().await;
}
