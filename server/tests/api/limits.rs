//! What holds under abuse (issue 10; checklist lines 5, 6, 19, 32): the lockout wherever a
//! password is checked and its end, mail and storage caps, the bounded password queue, the
//! per-address throttle behind a proxy, panics, slow requests and clients, body limits and
//! the security headers of pages.

use crate::accounts::{PASSWORD, active_account, credentials, jean, sign_in_again};
use crate::helpers::{Db, TestApp, eventually, spawn_with, spawn_with_routes, test_now};
use crate::on_both_databases;
use app::server::entities::{account_request, mail_outbox, sign_in_failure};
use app::server::mail::outbox;
use axum::routing::get;
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

async fn mails_to(app: &TestApp, email: &str) -> u64 {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq(email))
        .count(&app.state.db)
        .await
        .unwrap()
}

fn wrong_change(i: u32) -> serde_json::Value {
    json!({ "form": {
        "current_password": format!("Mauvais.{i}x"),
        "password": "Quartz.Bleu84",
        "password_confirm": "Quartz.Bleu84",
    }})
}

on_both_databases! {
    async fn wrong_current_passwords_count_in_the_lockout_and_a_reset_unlocks(app) {
        let email = "actuel@example.fr";
        let cookie = active_account(&app, email).await;
        for i in 1..=5 {
            let r = app.call("change_password", wrong_change(i), Some(&cookie)).await;
            assert_eq!(r.fields(), ["current_password"], "{}", r.body);
        }
        for i in 6..=9 {
            let r = app.call("change_email", json!({ "form": {
                "email": "ailleurs@example.fr", "email_confirm": "ailleurs@example.fr",
                "email_current_password": format!("Mauvais.{i}x") } }), Some(&cookie)).await;
            assert_eq!(r.fields(), ["email_current_password"], "{}", r.body);
        }
        let tenth = app.call("change_password", wrong_change(10), Some(&cookie)).await;
        assert_eq!(tenth.code().as_deref(), Some("sign_in_locked"), "{}", tenth.body);
        // The login is locked for sign-in too, and the refusal says a reset unlocks it.
        let locked = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(locked.code().as_deref(), Some("sign_in_locked"));
        let sentence = app::error::AppError::SignInLocked { retry_after_secs: 900 }.message_fr();
        assert!(sentence.contains("réinitialisez votre mot de passe"), "{sentence}");
        // A reset unlocks at once.
        app.call("request_password_reset", json!({ "email": email }), None).await;
        let mail = app.mail.wait_for(email, 2).await.pop().unwrap();
        let token = mail.token("/reinitialiser-mot-de-passe").unwrap();
        let reset = app.call("reset_password", json!({ "token": token, "form": {
            "current_password": "", "password": "Quartz.Bleu84", "password_confirm": "Quartz.Bleu84" } }), None).await;
        assert_eq!(reset.status, 200, "{}", reset.body);
        let open = app.call("sign_in", credentials(email, "Quartz.Bleu84"), None).await;
        assert_eq!(open.status, 200, "{}", open.body);
    }

    async fn a_trickle_of_attempts_does_not_keep_a_login_locked(app) {
        let email = "goutte@example.fr";
        active_account(&app, email).await;
        for _ in 0..10 {
            app.call("sign_in", credentials(email, "Mauvais.Mot1"), None).await;
        }
        // One guess a minute while locked: each refused, none counted.
        for _ in 0..14 {
            app.state.clock.advance(Duration::minutes(1));
            let r = app.call("sign_in", credentials(email, "Mauvais.Mot1"), None).await;
            assert_eq!(r.code().as_deref(), Some("sign_in_locked"));
        }
        app.state.clock.advance(Duration::minutes(2));
        let open = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(open.status, 200, "the lock ends when it said: {}", open.body);
    }

    async fn mails_to_one_recipient_are_capped_per_hour(app) {
        // Creations for an address anyone can type: at most 5 mails an hour, and the
        // requests kept are bounded too.
        let email = "inonde@example.fr";
        for _ in 0..8 {
            assert_eq!(app.call("create_account", jean(email), None).await.status, 200);
        }
        assert_eq!(mails_to(&app, email).await, 5);
        let kept = account_request::Entity::find()
            .filter(account_request::Column::Email.eq(email))
            .count(&app.state.db).await.unwrap();
        assert_eq!(kept, app::server::services::accounts::signup::MAX_REQUESTS_PER_ADDRESS);
        app.state.clock.advance(Duration::minutes(61));
        assert_eq!(app.call("create_account", jean(email), None).await.status, 200);
        assert_eq!(mails_to(&app, email).await, 6);

        // Resets of an existing account: capped the same way.
        let known = "reinit@example.fr";
        active_account(&app, known).await;
        for _ in 0..7 {
            let r = app.call("request_password_reset", json!({ "email": known }), None).await;
            assert_eq!(r.status, 200);
        }
        eventually("the resets are handled", || async {
            (mails_to(&app, known).await >= 5).then_some(())
        }).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(mails_to(&app, known).await, 5, "1 activation + 4 resets");
    }

    async fn a_sent_mail_keeps_no_link_and_old_rows_are_purged(app) {
        let email = "archive@example.fr";
        active_account(&app, email).await;
        let row = eventually("the mail is sent", || async {
            let row = mail_outbox::Entity::find().one(&app.state.db).await.unwrap()?;
            row.sent_at.is_some().then_some(row)
        }).await;
        // A copy of the database opens no account: the body with the link is gone.
        assert_eq!(row.body_text, outbox::ERASED_BODY);
        assert_eq!(row.body_html, outbox::ERASED_BODY);
        assert_eq!(row.subject, "[CYCLADES] Activer mon compte");
        let now = app.state.clock.now();
        assert_eq!(outbox::purge_done(&app.state.db, now - outbox::RETENTION).await.unwrap(), 0);
        let later = now + outbox::RETENTION + Duration::days(1);
        assert_eq!(outbox::purge_done(&app.state.db, later - outbox::RETENTION).await.unwrap(), 1);

        // Failure counts are forgotten once they no longer matter.
        app.call("sign_in", credentials(email, "Mauvais.Mot1"), None).await;
        let settings = app.state.accounts.clone();
        let count = || async { sign_in_failure::Entity::find().count(&app.state.db).await.unwrap() };
        assert_eq!(count().await, 1);
        let now = app.state.clock.now();
        app::server::services::lockout::purge_stale(&app.state.db, now, &settings).await.unwrap();
        assert_eq!(count().await, 1, "a recent failure still counts");
        let later = now + Duration::minutes(16);
        app::server::services::lockout::purge_stale(&app.state.db, later, &settings).await.unwrap();
        assert_eq!(count().await, 0);
    }
}

/// A sign-in storm beyond the password queue is answered at once with 503 and a French
/// sentence, not made to wait.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_password_queue_answers_503_with_retry_after() {
    let app = spawn_with(
        Db::Sqlite,
        test_now(),
        true,
        &[
            ("CYCLADES_PASSWORD_QUEUE", "0"),
            ("CYCLADES_IP_LIMIT_PER_MINUTE", "0"),
        ],
    )
    .await;
    let email = "tempete@example.fr";
    active_account(&app, email).await;
    let attempts = (0..24).map(|_| {
        let app = &app;
        async move {
            app.call("sign_in", credentials(email, PASSWORD), None)
                .await
        }
    });
    let answers = crate::accounts::join_all(attempts).await;
    let busy: Vec<_> = answers.iter().filter(|r| r.status == 503).collect();
    assert!(
        !busy.is_empty(),
        "24 sign-ins at once on {} cores",
        std::thread::available_parallelism().unwrap()
    );
    for r in &busy {
        assert_eq!(r.code().as_deref(), Some("busy"));
        assert!(r.headers.contains_key("retry-after"));
    }
    assert!(answers.iter().any(|r| r.status == 200));
    // Nothing stays taken: once the storm is over, a sign-in goes through.
    sign_in_again(&app, email).await;
    app.cleanup().await;
}

/// Behind a trusted proxy the client is the address the proxy saw (the last hop), not
/// what the client wrote at the left of `X-Forwarded-For`; creation and reset are limited
/// as well as sign-in; the commune look-up is throttled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_throttle_counts_the_address_the_proxy_saw() {
    let app = spawn_with(
        Db::Sqlite,
        test_now(),
        true,
        &[
            ("CYCLADES_IP_LIMIT_PER_MINUTE", "3"),
            ("CYCLADES_TRUSTED_PROXIES", "127.0.0.1, ::1"),
        ],
    )
    .await;
    let from = |client: &'static str| vec![("x-forwarded-for", client)];
    for i in 0..3 {
        // A new forged address at the left each time: still the same client.
        let forged: &'static str =
            Box::leak(format!("198.51.100.{i}, 203.0.113.5").into_boxed_str());
        let r = app
            .call_with(
                "sign_in",
                credentials("x@example.fr", "Mauvais.Mot1"),
                None,
                &from(forged),
            )
            .await;
        assert_eq!(r.status, 401, "{}", r.body);
    }
    let over = app
        .call_with(
            "sign_in",
            credentials("x@example.fr", "Mauvais.Mot1"),
            None,
            &from("198.51.100.9, 203.0.113.5"),
        )
        .await;
    assert_eq!(over.status, 429);
    let other = app
        .call_with(
            "sign_in",
            credentials("x@example.fr", "Mauvais.Mot1"),
            None,
            &from("203.0.113.6"),
        )
        .await;
    assert_eq!(
        other.status, 401,
        "another client of the proxy has its own count"
    );
    // IPv6 clients by their /64.
    for host in ["2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6::3"] {
        let r = app
            .call_with(
                "sign_in",
                credentials("x@example.fr", "Mauvais.Mot1"),
                None,
                &from(host),
            )
            .await;
        assert_eq!(r.status, 401);
    }
    let same_64 = app
        .call_with(
            "sign_in",
            credentials("x@example.fr", "Mauvais.Mot1"),
            None,
            &from("2001:db8:5:6::99"),
        )
        .await;
    assert_eq!(same_64.status, 429);

    // Creation and reset have their limits too.
    for i in 0..3 {
        let r = app
            .call_with(
                "create_account",
                jean(&format!("c{i}@example.fr")),
                None,
                &from("203.0.113.7"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let r = app
        .call_with(
            "create_account",
            jean("c9@example.fr"),
            None,
            &from("203.0.113.7"),
        )
        .await;
    assert_eq!(r.status, 429);
    for _ in 0..3 {
        let r = app
            .call_with(
                "request_password_reset",
                json!({ "email": "r@example.fr" }),
                None,
                &from("203.0.113.8"),
            )
            .await;
        assert_eq!(r.status, 200);
    }
    let r = app
        .call_with(
            "request_password_reset",
            json!({ "email": "r@example.fr" }),
            None,
            &from("203.0.113.8"),
        )
        .await;
    assert_eq!(r.status, 429);
    assert!(r.headers.contains_key("retry-after"));

    // Suggestions of communes: ten times the allowance (they follow the keys), then 429.
    let mut statuses = Vec::new();
    for _ in 0..31 {
        let r = app
            .client
            .get(format!(
                "{}/api/commune_suggestions?departement=062&typed=Beu",
                app.base
            ))
            .header("accept", "application/json")
            .header("x-forwarded-for", "203.0.113.9")
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert!(statuses[..30].iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(statuses[30], 429);

    // The checklist's question about a password being typed: the server's long list
    // ("papillon" is on it, not on the short list the browser has), posted, then 429.
    let client = from("203.0.113.10");
    let common = |password: &'static str| {
        app.call_with(
            "password_is_common",
            json!({ "password": password }),
            None,
            &client,
        )
    };
    let on_list = common("Papillon.7").await;
    assert_eq!(
        (on_list.status.as_u16(), on_list.body.as_str()),
        (200, "true")
    );
    let mine = common("Rivière.Bleue7").await;
    assert_eq!((mine.status.as_u16(), mine.body.as_str()), (200, "false"));
    for _ in 2..30 {
        assert_eq!(common("Rivière.Bleue7").await.status, 200);
    }
    assert_eq!(common("Rivière.Bleue7").await.status, 429);
    app.cleanup().await;
}

/// Routes that fail on purpose, under the same layers as every page.
fn failing_routes() -> axum::Router {
    axum::Router::new()
        .route(
            "/essai/panique",
            get(|| async {
                if true {
                    panic!("panique voulue par le test");
                }
                "jamais"
            }),
        )
        .route(
            "/api/essai_panique",
            get(|| async {
                if true {
                    panic!("panique voulue par le test");
                }
                "jamais"
            }),
        )
        .route(
            "/essai/dort",
            get(|| async {
                tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                "réveillé"
            }),
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_or_a_slow_answer_gets_a_french_error_and_the_server_goes_on() {
    let app = spawn_with_routes(
        Db::Sqlite,
        test_now(),
        &[("CYCLADES_REQUEST_TIMEOUT_SECONDS", "1")],
        failing_routes(),
    )
    .await;
    let page = app.get_as("/essai/panique", None).await;
    assert_eq!(page.status, 500);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.body.contains("Une erreur est survenue"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("panique voulue"),
        "no internals: {}",
        page.body
    );
    let api = app.get_as("/api/essai_panique", None).await;
    assert_eq!(api.status, 500);
    assert_eq!(api.code().as_deref(), Some("internal"));
    // Security headers are there on the error too.
    assert_eq!(api.headers["x-content-type-options"], "nosniff");

    let slow = app.get_as("/essai/dort", None).await;
    assert_eq!(slow.status, 503);
    assert!(slow.headers.contains_key("retry-after"));
    assert!(
        slow.body.contains("Une erreur est survenue"),
        "{}",
        slow.body
    );

    let (status, _) = app.get("/health").await;
    assert_eq!(status, 200, "the server goes on");
    app.cleanup().await;
}

/// A client that trickles its request headers (slowloris) is disconnected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_trickles_its_headers_is_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_with(
        Db::Sqlite,
        test_now(),
        true,
        &[("CYCLADES_HEADER_READ_TIMEOUT_SECONDS", "1")],
    )
    .await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    // Guard of the test itself: without the timeout the server would wait for ever.
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        stream.read_to_end(&mut buf),
    )
    .await;
    let read = read.expect("the server closed the connection");
    assert!(read.is_ok() || buf.is_empty());
    let text = String::from_utf8_lossy(&buf);
    assert!(
        !text.contains(" 200 "),
        "no answer to an unfinished request: {text}"
    );
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_their_limit_are_refused_with_413() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_with(Db::Sqlite, test_now(), true, &[]).await;
    // Announced larger than the limit: refused from the headers, before any of the body is
    // read (a raw client that sends only the headers gets its answer).
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let length = server::router::body_limit::API + 1;
    let head = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // The answer, read until the server closes the connection (it cannot be reused: the
    // announced body was never read).
    let mut buf = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(20),
        stream.read_to_end(&mut buf),
    )
    .await
    .expect("an answer without the body")
    .unwrap();
    let answer = String::from_utf8_lossy(&buf);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("invalid_input"), "{answer}");
    // A form of normal size goes through.
    let r = app
        .call("sign_in", credentials("x@example.fr", "Mauvais.Mot1"), None)
        .await;
    assert_eq!(r.status, 401);
    app.cleanup().await;
}

/// Every page carries a Content Security Policy whose nonce is the one of its scripts, new
/// for each response; other answers get the script-less policy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_csp_with_the_nonce_of_their_scripts() {
    let app = spawn_with(Db::Sqlite, test_now(), true, &[]).await;
    let nonce_of = |csp: &str| {
        csp.split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no nonce in {csp}"))
    };
    let mut seen = Vec::new();
    for path in [
        "/",
        "/connexion",
        "/creer-un-compte",
        "/page-qui-n-existe-pas",
    ] {
        let page = app.get_as(path, None).await;
        let csp = page.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        for part in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "'wasm-unsafe-eval'",
        ] {
            assert!(csp.contains(part), "{path}: {part} missing from {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let nonce = nonce_of(&csp);
        let tags: Vec<&str> = page
            .body
            .split("<script")
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or(""))
            .collect();
        assert!(!tags.is_empty(), "{path}: the hydration script");
        for tag in tags {
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: a script without the response's nonce: <script{tag}>"
            );
        }
        assert!(
            !page.headers.contains_key("strict-transport-security"),
            "no HSTS over http"
        );
        seen.push(nonce);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4, "a new nonce for each response");
    let api = app.get_as("/api/viewer", None).await;
    assert_eq!(
        api.headers["content-security-policy"],
        app::server::headers::FALLBACK
    );
    app.cleanup().await;
}
