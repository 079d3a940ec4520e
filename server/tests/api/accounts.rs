//! Candidate accounts (A1-A6, X4; security checklist lines 1-10, 13-18, 30-31, 33), through
//! the server functions the pages call, with mail read from a real SMTP server.

use crate::helpers::{Reply, TestApp, eventually, spawn_with, test_now};
use crate::on_both_databases;
use app::server::entities::{account, account_request, activation_link, mail_outbox};
use app::server::jobs::{JobKind, queue};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

pub const PASSWORD: &str = "Rivière.Bleue7";

/// The guide's candidate, with an address of the test's own.
pub fn jean(email: &str) -> Value {
    json!({ "form": {
        "civility": "MONSIEUR",
        "birth_name": "TALU",
        "birth_name_confirm": "Talu",
        "usage_name": "",
        "first_names": "Jean",
        "birth_country": "FR",
        "birth_date": "01/01/2002",
        "birth_date_confirm": "01/01/2002",
        "birth_departement": "062",
        "birth_commune": "Beuvry",
        "email": email,
        "email_confirm": email,
        "password": PASSWORD,
        "password_confirm": PASSWORD,
    }})
}

pub fn credentials(email: &str, password: &str) -> Value {
    json!({ "form": { "email": email, "password": password } })
}

/// The activation page's call: the link's secret and the password typed.
pub fn activation(token: &str, password: &str) -> Value {
    json!({ "token": token, "form": { "password": password } })
}

/// Creates an account, follows the mailed link, and signs in: returns the session cookie.
pub async fn active_account(app: &TestApp, email: &str) -> String {
    let created = app.call("create_account", jean(email), None).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let mail = app.mail.wait_for(email, 1).await.pop().unwrap();
    let token = mail.token("/activer-mon-compte").expect("activation link");
    let activated = app
        .call("activate_account", activation(&token, PASSWORD), None)
        .await;
    assert_eq!(activated.status, 200, "{}", activated.body);
    let signed = app
        .call("sign_in", credentials(email, PASSWORD), None)
        .await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    signed.cookie().expect("a session cookie")
}

/// A new session of an account that exists (another browser, or after the first ended).
pub async fn sign_in_again(app: &TestApp, email: &str) -> String {
    let signed = app
        .call("sign_in", credentials(email, PASSWORD), None)
        .await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    signed.cookie().expect("a session cookie")
}

/// Whether the cookie opens a signed-in session.
pub async fn signed_in(app: &TestApp, cookie: &str) -> bool {
    let r = app.get_as("/api/viewer", Some(cookie)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    !r.json().is_null()
}

async fn count_accounts(app: &TestApp) -> u64 {
    account::Entity::find().count(&app.state.db).await.unwrap()
}

/// Runs the futures at once and waits for all, answers in their order.
pub async fn join_all<F: std::future::Future<Output = Reply>>(
    futures: impl Iterator<Item = F>,
) -> Vec<Reply> {
    let mut pinned: Vec<_> = futures.map(Box::pin).collect();
    let mut out: Vec<Option<Reply>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(r) => out[i] = Some(r),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(Option::unwrap).collect()
}

fn same_answer(a: &Reply, b: &Reply) {
    assert_eq!(a.status, b.status);
    assert_eq!(a.body, b.body);
}

on_both_databases! {
    async fn a_candidate_creates_activates_and_signs_in(app) {
        let email = "jean_talu@ac-rennes.fr";
        let created = app.call("create_account", jean(email), None).await;
        assert_eq!(created.status, 200, "{}", created.body);

        // The guide's mail, with a link to the portal's public address.
        let mail = app.mail.wait_for(email, 1).await.pop().unwrap();
        let text = mail.text();
        assert!(text.contains("Vous venez de créer un compte sur Cyclades"), "{text}");
        assert!(mail.link("/activer-mon-compte").is_some(), "{text}");
        assert!(text.contains("http://cyclades.test/activer-mon-compte?jeton="), "{text}");
        let subject = mail_outbox::Entity::find().one(&app.state.db).await.unwrap().unwrap().subject;
        assert_eq!(subject, "[CYCLADES] Activer mon compte");

        // Not yet activated: the right password says so, a wrong one does not.
        let early = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(early.code().as_deref(), Some("not_activated"));
        let wrong = app.call("sign_in", credentials(email, "Autre.Mot1"), None).await;
        assert_eq!(wrong.code().as_deref(), Some("sign_in_failed"));

        // The secret is stored hashed, never as sent.
        let token = mail.token("/activer-mon-compte").unwrap();
        assert_eq!(token.len(), 64);
        let stored = activation_link::Entity::find().one(&app.state.db).await.unwrap().unwrap();
        assert_ne!(stored.token_hash, token);

        // The link alone activates nothing (a mail scanner follows links): the password
        // chosen in the form is asked, and checked.
        let no_password = app.call("activate_account", activation(&token, ""), None).await;
        assert_eq!(no_password.fields(), ["password"]);
        let wrong = app.call("activate_account", activation(&token, "Autre.Mot1"), None).await;
        assert_eq!(wrong.fields(), ["password"]);
        assert!(wrong.body.contains("pas le mot de passe choisi"), "{}", wrong.body);
        assert_eq!(count_accounts(&app).await, 0);
        let activated = app.call("activate_account", activation(&token, PASSWORD), None).await;
        assert_eq!(activated.status, 200, "{}", activated.body);
        let again = app.call("activate_account", activation(&token, PASSWORD), None).await;
        assert_eq!(again.status, 410);
        assert_eq!(again.code().as_deref(), Some("link_invalid"));

        // Login is the address whatever its case; names kept as typed.
        let signed = app.call("sign_in", credentials("Jean_Talu@AC-Rennes.fr", PASSWORD), None).await;
        assert_eq!(signed.status, 200, "{}", signed.body);
        let cookie = signed.cookie().unwrap();
        let viewer = app.get_as("/api/viewer", Some(&cookie)).await.json();
        assert_eq!(viewer["first_names"], "Jean");
        assert_eq!(viewer["last_name"], "TALU");
        let home = app.get_as("/espace-candidat", Some(&cookie)).await;
        let text = crate::helpers::visible_text(&home.body);
        for entry in ["M'inscrire", "Mes inscriptions", "Mes documents", "Les formulaires", "Mes justificatifs", "Modifier mon compte", "Se déconnecter"] {
            assert!(text.contains(entry), "{entry} missing from {text}");
        }
        assert_eq!(home.headers["cache-control"], "no-store");
    }

    async fn the_session_cookie_is_http_only_and_lax_and_rotates_at_sign_in(app) {
        let email = "rotation@example.fr";
        let first = active_account(&app, email).await;
        let again = app.call("sign_in", credentials(email, PASSWORD), Some(&first)).await;
        let set = again.set_cookie().unwrap();
        assert!(set.contains("HttpOnly"), "{set}");
        assert!(set.contains("SameSite=Lax"), "{set}");
        assert!(set.contains("Path=/"), "{set}");
        assert!(!set.contains("Secure"), "served over http: {set}");
        let second = again.cookie().unwrap();
        assert_ne!(first, second);
        assert!(!signed_in(&app, &first).await, "the id before sign-in must die");
        assert!(signed_in(&app, &second).await);

        // Sign-out deletes the session: replaying the cookie finds nothing.
        let out = app.call("sign_out", json!({}), Some(&second)).await;
        assert_eq!(out.status, 200);
        assert!(!signed_in(&app, &second).await);
        let page = app.get_as("/modifier-mon-compte", Some(&second)).await;
        assert!(page.status.is_redirection(), "{} {}", page.status, crate::helpers::visible_text(&page.body));
        assert_eq!(
            page.headers["location"], "/connexion?retour=%2Fmodifier-mon-compte",
            "the sign-in brings the candidate back to the page afterwards"
        );
    }

    async fn sessions_end_after_the_absolute_timeout(app) {
        let cookie = active_account(&app, "longue@example.fr").await;
        app.state.clock.advance(Duration::hours(11));
        assert!(signed_in(&app, &cookie).await);
        app.state.clock.advance(Duration::hours(2));
        assert!(!signed_in(&app, &cookie).await);
    }

    async fn creation_does_not_tell_whether_an_address_has_an_account(app) {
        let known = "connu@example.fr";
        active_account(&app, known).await;
        let before = count_accounts(&app).await;
        let unknown = "inconnu@example.fr";
        let new = app.call("create_account", jean(unknown), None).await;
        let mut second = jean(known);
        second["form"]["first_names"] = json!("Autre");
        let existing = app.call("create_account", second, None).await;
        same_answer(&new, &existing);
        assert_eq!(count_accounts(&app).await, before, "a request is not an account");
        // The owner is told by mail; nothing was changed.
        let mails = app.mail.wait_for(known, 2).await;
        assert!(mails[1].text().contains("Un compte existe déjà pour cette adresse"), "{}", mails[1].text());
        let owner = account::Entity::find()
            .filter(account::Column::Email.eq(known))
            .one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(owner.first_names, "Jean");

        // Sign-in and reset answer the same for known and unknown addresses.
        let a = app.call("sign_in", credentials(known, "Mauvais.Mot1"), None).await;
        let b = app.call("sign_in", credentials("personne@example.fr", "Mauvais.Mot1"), None).await;
        same_answer(&a, &b);
        assert_eq!(a.status, 401);
        let a = app.call("request_password_reset", json!({ "email": known }), None).await;
        let b = app.call("request_password_reset", json!({ "email": "personne@example.fr" }), None).await;
        same_answer(&a, &b);
        assert_eq!(a.status, 200);
    }

    async fn every_bad_field_is_named_with_a_french_message(app) {
        let mut form = jean("champs@example.fr");
        form["form"]["birth_name_confirm"] = json!("TALUT");
        form["form"]["birth_date"] = json!("31/02/2002");
        form["form"]["email_confirm"] = json!("autre@example.fr");
        form["form"]["birth_departement"] = json!("");
        let r = app.call("create_account", form, None).await;
        assert_eq!(r.status, 400);
        assert_eq!(r.code().as_deref(), Some("invalid_fields"));
        assert_eq!(
            r.fields(),
            ["birth_name_confirm", "birth_date", "birth_departement", "email_confirm"]
        );
        assert!(r.body.contains("Cette date n'existe pas."), "{}", r.body);

        // Codes not in the reference lists are refused by the server too.
        let mut form = jean("liste@example.fr");
        form["form"]["birth_departement"] = json!("999");
        let r = app.call("create_account", form, None).await;
        assert_eq!(r.fields(), ["birth_departement"]);

        // Common passwords (the shipped list) and the candidate's names are refused.
        for (password, expected) in [("Soleil2024!", "trop courant"), ("Azerty123!", "trop courant"), ("Jean.Talu99", "nom ou votre prénom")] {
            let mut form = jean("courant@example.fr");
            form["form"]["password"] = json!(password);
            form["form"]["password_confirm"] = json!(password);
            let r = app.call("create_account", form, None).await;
            assert_eq!(r.fields(), ["password"], "{password}: {}", r.body);
            assert!(r.body.contains(expected), "{password}: {}", r.body);
        }
        assert_eq!(count_accounts(&app).await, 0);
    }

    async fn ten_failures_lock_a_login_known_or_not(app) {
        let email = "verrou@example.fr";
        active_account(&app, email).await;
        for login in [email, "fantome@example.fr"] {
            for attempt in 1..=9 {
                let r = app.call("sign_in", credentials(login, "Mauvais.Mot1"), None).await;
                assert_eq!(r.code().as_deref(), Some("sign_in_failed"), "attempt {attempt}");
            }
            let tenth = app.call("sign_in", credentials(login, "Mauvais.Mot1"), None).await;
            assert_eq!(tenth.status, 429);
            assert_eq!(tenth.code().as_deref(), Some("sign_in_locked"));
        }
        // Even the right password is refused while locked.
        let locked = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(locked.code().as_deref(), Some("sign_in_locked"));
        assert!(locked.headers.contains_key("retry-after"));
        app.state.clock.advance(Duration::minutes(16));
        let open = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(open.status, 200, "{}", open.body);
    }

    async fn links_expire_and_unactivated_accounts_are_purged(app) {
        let email = "tardif@example.fr";
        app.call("create_account", jean(email), None).await;
        let token = app.mail.wait_for(email, 1).await[0].token("/activer-mon-compte").unwrap();
        app.state.clock.advance(Duration::hours(49));
        let late = app.call("activate_account", activation(&token, PASSWORD), None).await;
        assert_eq!(late.code().as_deref(), Some("link_invalid"));
        let purged = app::server::services::accounts::signup::purge_expired(&app.state).await.unwrap();
        assert_eq!(purged, 1);
        assert_eq!(count_accounts(&app).await, 0);
        assert_eq!(account_request::Entity::find().count(&app.state.db).await.unwrap(), 0);
        assert_eq!(activation_link::Entity::find().count(&app.state.db).await.unwrap(), 0);
        // The address is free again.
        let again = app.call("create_account", jean(email), None).await;
        assert_eq!(again.status, 200);
        let token = app.mail.wait_for(email, 2).await[1].token("/activer-mon-compte").unwrap();
        let activated = app.call("activate_account", activation(&token, PASSWORD), None).await;
        assert_eq!(activated.status, 200, "{}", activated.body);
        assert_eq!(count_accounts(&app).await, 1);
    }

    async fn a_reset_sets_a_new_password_and_ends_every_session(app) {
        let email = "oubli@example.fr";
        let old_session = active_account(&app, email).await;
        // A change of address asked from a session the owner then cuts off by a reset.
        let thief = "voleur@example.fr";
        let asked = app.call("change_email", json!({ "form": {
            "email": thief, "email_confirm": thief, "email_current_password": PASSWORD } }), Some(&old_session)).await;
        assert_eq!(asked.status, 200, "{}", asked.body);
        let stolen = app.mail.wait_for(thief, 1).await[0].token("/confirmer-mon-adresse").unwrap();
        let asked = app.call("request_password_reset", json!({ "email": email }), None).await;
        assert_eq!(asked.status, 200);
        let mail = app.mail.wait_for(email, 2).await.pop().unwrap();
        let token = mail.token("/reinitialiser-mot-de-passe").expect("reset link");

        let weak = app.call("reset_password", json!({ "token": token, "form": {
            "current_password": "", "password": "court", "password_confirm": "court" } }), None).await;
        assert_eq!(weak.fields(), ["password"]);
        let new_password = "Nouveau.Chemin9";
        let done = app.call("reset_password", json!({ "token": token, "form": {
            "current_password": "", "password": new_password, "password_confirm": new_password } }), None).await;
        assert_eq!(done.status, 200, "{}", done.body);
        let reuse = app.call("reset_password", json!({ "token": token, "form": {
            "current_password": "", "password": "Encore.Autre8", "password_confirm": "Encore.Autre8" } }), None).await;
        assert_eq!(reuse.code().as_deref(), Some("link_invalid"));

        assert!(!signed_in(&app, &old_session).await, "a reset ends the other sessions");
        let late = app.call("confirm_email_change", json!({ "token": stolen }), None).await;
        assert_eq!(late.code().as_deref(), Some("link_invalid"), "a reset retires a pending change of address");
        let old = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(old.code().as_deref(), Some("sign_in_failed"));
        let new = app.call("sign_in", credentials(email, new_password), None).await;
        assert_eq!(new.status, 200);
        let notice = app.mail.wait_for(email, 3).await.pop().unwrap();
        assert!(notice.text().contains("vient d'être modifié"), "{}", notice.text());
    }

    async fn a_reset_link_lives_one_hour(app) {
        let email = "heure@example.fr";
        active_account(&app, email).await;
        app.call("request_password_reset", json!({ "email": email }), None).await;
        let token = app.mail.wait_for(email, 2).await.pop().unwrap().token("/reinitialiser-mot-de-passe").unwrap();
        app.state.clock.advance(Duration::minutes(61));
        let late = app.call("reset_password", json!({ "token": token, "form": {
            "current_password": "", "password": "Nouveau.Chemin9", "password_confirm": "Nouveau.Chemin9" } }), None).await;
        assert_eq!(late.code().as_deref(), Some("link_invalid"));
    }

    async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(app) {
        let email = "change@example.fr";
        let here = active_account(&app, email).await;
        let elsewhere = app.call("sign_in", credentials(email, PASSWORD), None).await.cookie().unwrap();
        let wrong = app.call("change_password", json!({ "form": {
            "current_password": "Pas.Le.Bon1", "password": "Nouveau.Chemin9", "password_confirm": "Nouveau.Chemin9" } }), Some(&here)).await;
        assert_eq!(wrong.fields(), ["current_password"]);
        let ok = app.call("change_password", json!({ "form": {
            "current_password": PASSWORD, "password": "Nouveau.Chemin9", "password_confirm": "Nouveau.Chemin9" } }), Some(&here)).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        assert!(signed_in(&app, &here).await, "the session that changed it stays");
        assert!(!signed_in(&app, &elsewhere).await);
        let notice = app.mail.wait_for(email, 2).await.pop().unwrap();
        assert!(notice.text().contains("vient d'être modifié"));
        // Without a session, nothing changes.
        let anonymous = app.call("change_password", json!({ "form": {
            "current_password": "Nouveau.Chemin9", "password": "Encore.Autre8", "password_confirm": "Encore.Autre8" } }), None).await;
        assert_eq!(anonymous.status, 401);
    }

    async fn once_a_candidature_exists_only_email_and_password_change(app) {
        let email = "fige@example.fr";
        let cookie = active_account(&app, email).await;
        let mut form = jean(email);
        form["form"]["usage_name"] = json!("Durand");
        let free = app.call("update_account", form.clone(), Some(&cookie)).await;
        assert_eq!(free.status, 200, "{}", free.body);
        let mine = app.get_as("/api/my_account", Some(&cookie)).await.json();
        assert_eq!(mine["form"]["usage_name"], "Durand");
        assert!(mine["frozen"].is_null());

        // A first candidature freezes the identity.
        let offer = crate::registrations::offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        let saved = crate::registrations::register(&app, &cookie, offer.public_id).await;
        assert_eq!(saved.status, 200, "{}", saved.body);

        form["form"]["usage_name"] = json!("Martin");
        let frozen = app.call("update_account", form, Some(&cookie)).await;
        assert_eq!(frozen.status, 409);
        assert_eq!(frozen.code().as_deref(), Some("account_frozen"));
        let mine = app.get_as("/api/my_account", Some(&cookie)).await.json();
        assert_eq!(mine["form"]["usage_name"], "Durand");
        assert!(!mine["frozen"]["email"].as_str().unwrap().is_empty(), "{mine}");
        let page = crate::helpers::visible_text(&app.get_as("/modifier-mon-compte", Some(&cookie)).await.body);
        assert!(page.contains("ne sont pas modifiables car vous avez au moins une inscription en cours"), "{page}");

        // The email still changes, once the new address confirms it.
        let new_email = "nouvelle@example.fr";
        let change = |password: &str| json!({ "form": {
            "email": new_email, "email_confirm": new_email, "email_current_password": password } });
        let guessed = app.call("change_email", change("Pas.Le.Bon1"), Some(&cookie)).await;
        assert_eq!(guessed.fields(), ["email_current_password"], "a session alone cannot move the login");
        let asked = app.call("change_email", change(PASSWORD), Some(&cookie)).await;
        assert_eq!(asked.status, 200, "{}", asked.body);
        let still = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(still.status, 200, "the old address stays the login until confirmed");
        let token = app.mail.wait_for(new_email, 1).await[0].token("/confirmer-mon-adresse").unwrap();
        let confirmed = app.call("confirm_email_change", json!({ "token": token }), None).await;
        assert_eq!(confirmed.status, 200, "{}", confirmed.body);
        let by_new = app.call("sign_in", credentials(new_email, PASSWORD), None).await;
        assert_eq!(by_new.status, 200);
        let by_old = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(by_old.code().as_deref(), Some("sign_in_failed"));
        // Activation, "Inscription enregistrée", then the notice of the change.
        let mails = app.mail.wait_for(email, 3).await;
        assert!(mails.iter().any(|m| m.subject() == "[CYCLADES] Adresse mail modifiée" && m.text().contains(new_email)), "{mails:?}");
    }

    async fn the_session_store_forgets_idle_sessions(app) {
        use app::server::session_store::DbSessionStore;
        use tower_sessions::session::{Id, Record};
        use tower_sessions::session_store::{ExpiredDeletion, SessionStore};
        let store = DbSessionStore::new(app.state.db.clone());
        let now = tower_sessions::cookie::time::OffsetDateTime::now_utc();
        let minute = tower_sessions::cookie::time::Duration::minutes(1);
        let mut live = Record { id: Id::default(), data: Default::default(), expiry_date: now + minute };
        live.data.insert("compte".into(), json!({"x": 1}));
        let mut idle = Record { id: Id::default(), data: Default::default(), expiry_date: now - minute };
        store.create(&mut live).await.unwrap();
        store.create(&mut idle).await.unwrap();
        assert_eq!(store.load(&live.id).await.unwrap().unwrap().data, live.data);
        assert!(store.load(&idle.id).await.unwrap().is_none(), "an expired session is not loaded");
        store.delete_expired().await.unwrap();
        let rows = app::server::entities::web_session::Entity::find().count(&app.state.db).await.unwrap();
        assert_eq!(rows, 1);
        store.delete(&live.id).await.unwrap();
        assert!(store.load(&live.id).await.unwrap().is_none());
    }

    async fn parallel_guesses_cannot_pass_the_lockout(app) {
        let email = "rafale@example.fr";
        active_account(&app, email).await;
        let guesses = (0..25).map(|i| {
            let app = &app;
            async move { app.call("sign_in", credentials(email, &format!("Essai.{i}x")), None).await }
        });
        let answers = join_all(guesses).await;
        let failed = answers.iter().filter(|r| r.code().as_deref() == Some("sign_in_failed")).count();
        let locked = answers.iter().filter(|r| r.code().as_deref() == Some("sign_in_locked")).count();
        assert_eq!(failed + locked, 25, "{:?}", answers.iter().map(|r| r.body.clone()).collect::<Vec<_>>());
        assert!(failed <= 9, "only 9 guesses may be checked before the lock, got {failed}");
        let right = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(right.code().as_deref(), Some("sign_in_locked"));
    }

    async fn cross_site_requests_are_refused(app) {
        for headers in [
            vec![("sec-fetch-site", "cross-site")],
            vec![("origin", "https://evil.example")],
        ] {
            let r = app.call_with("sign_in", credentials("x@example.fr", PASSWORD), None, &headers).await;
            assert_eq!(r.status, 403, "{headers:?}");
            assert_eq!(r.code().as_deref(), Some("cross_site"));
        }
        // The origin must be the configured public one, scheme included: not the address
        // the server listens on, not the public host over another scheme.
        for origin in [app.base.as_str(), "https://cyclades.test"] {
            let r = app.call_with("sign_in", credentials("x@example.fr", PASSWORD), None, &[("origin", origin)]).await;
            assert_eq!(r.code().as_deref(), Some("cross_site"), "{origin}");
        }
        let r = app.call_with("sign_in", credentials("x@example.fr", PASSWORD), None, &[("origin", "http://cyclades.test"), ("sec-fetch-site", "same-origin")]).await;
        assert_eq!(r.code().as_deref(), Some("sign_in_failed"));
    }
}

/// One address may try sign-in, creation and reset only so often (checklist line 6).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_requests_from_one_address_get_429_with_retry_after() {
    let app = spawn_with(
        crate::helpers::Db::Sqlite,
        test_now(),
        true,
        &[("CYCLADES_IP_LIMIT_PER_MINUTE", "3")],
    )
    .await;
    for _ in 0..3 {
        let r = app
            .call("sign_in", credentials("x@example.fr", "Mauvais.Mot1"), None)
            .await;
        assert_eq!(r.status, 401);
    }
    let r = app
        .call("sign_in", credentials("y@example.fr", "Mauvais.Mot1"), None)
        .await;
    assert_eq!(r.status, 429);
    assert_eq!(r.code().as_deref(), Some("too_many_requests"));
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Creation has its own counter.
    let created = app.call("create_account", jean("z@example.fr"), None).await;
    assert_eq!(created.status, 200, "{}", created.body);
    app.cleanup().await;
}

/// X4: with the SMTP server down, the mail waits in the outbox and leaves once it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_waits_for_the_smtp_server_and_is_not_lost() {
    for db in [crate::helpers::Db::Sqlite, crate::helpers::Db::Postgres] {
        let app = spawn_with(db, test_now(), false, &[]).await;
        let email = "patient@example.fr";
        let created = app.call("create_account", jean(email), None).await;
        assert_eq!(created.status, 200, "{}", created.body);
        // The sender tries, fails, and keeps the mail with a later attempt.
        let row = mail_outbox::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        let job = eventually("a failed attempt is recorded", || async {
            let job = queue::find(&app.state.db, JobKind::Mail, row.id)
                .await
                .unwrap()?;
            (job.attempts > 0).then_some(job)
        })
        .await;
        assert!(job.last_error.is_some());
        assert!(
            job.run_at > app.state.clock.now(),
            "tried again after a back-off"
        );
        assert!(app.mail.all().is_empty());

        app.mail.start();
        app.state.clock.advance(Duration::minutes(1));
        app.nudge_mail();
        let mail = app.mail.wait_for(email, 1).await.pop().unwrap();
        assert!(mail.token("/activer-mon-compte").is_some());
        // The sender marks the row once the server has accepted the mail, just after
        // the sink received it.
        eventually("the outbox row is marked as sent", || async {
            let row = mail_outbox::Entity::find()
                .one(&app.state.db)
                .await
                .unwrap()?;
            row.sent_at.is_some().then_some(())
        })
        .await;
        let job = queue::find(&app.state.db, JobKind::Mail, row.id)
            .await
            .unwrap();
        assert!(job.is_none(), "the sent mail's job is done");
        app.cleanup().await;
    }
}
