//! The account forms posted by the browser itself (before the client code is ready, or
//! without JavaScript): answered by the server with the same checks and messages as the
//! server functions, never echoing a password, refused from another site.

use crate::accounts::{PASSWORD, active_account, jean};
use crate::helpers::{Reply, TestApp, visible_text};
use crate::on_both_databases;

impl TestApp {
    /// POSTs an HTML form (URL-encoded) to a page, as a browser does with JavaScript off.
    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        cookie: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(
                fields
                    .iter()
                    .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                    .collect::<Vec<_>>()
                    .join("&"),
            );
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        // A browser's own page sends its origin; a test may send another one instead.
        if !headers.iter().any(|(k, _)| *k == "origin") {
            request = request.header("origin", "http://cyclades.test");
        }
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        Reply::of(request).await
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn location(r: &Reply) -> String {
    r.headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

on_both_databases! {
    async fn sign_in_posted_without_javascript(app) {
        let email = "sans.javascript@example.fr";
        active_account(&app, email).await;

        // Refused: the page again, the message, the address kept, the password not echoed.
        let wrong = app
            .post_form("/connexion", &[("formulaire", "connexion"), ("email", email), ("password", "Mauvais.Mot1")], None, &[])
            .await;
        assert_eq!(wrong.status, 401, "{}", wrong.body);
        let text = visible_text(&wrong.body);
        assert!(text.contains("Login ou mot de passe incorrect."), "{text}");
        assert!(wrong.body.contains(&format!("value=\"{email}\"")), "the address is kept");
        assert!(!wrong.body.contains("Mauvais.Mot1"), "a password never comes back");
        assert!(wrong.body.contains("<title>Erreur : Se connecter"), "the title says there is an error");

        // What the browser checks, the server checks again (a form posted without it).
        let empty = app.post_form("/connexion", &[("formulaire", "connexion"), ("email", email), ("password", "")], None, &[]).await;
        assert_eq!(empty.status, 400, "{}", empty.body);
        assert!(visible_text(&empty.body).contains("Saisissez votre mot de passe."));

        // Accepted: a new session and 303 to the return path asked for.
        let right = app
            .post_form(
                "/connexion",
                &[("formulaire", "connexion"), ("retour", "/mes-inscriptions"), ("email", email), ("password", PASSWORD)],
                None,
                &[],
            )
            .await;
        assert_eq!(right.status, 303, "{}", right.body);
        assert_eq!(location(&right), "/mes-inscriptions");
        let cookie = right.cookie().expect("a session cookie");
        assert!(crate::accounts::signed_in(&app, &cookie).await);

        // "Se déconnecter" as a form: the session ends.
        let out = app.post_form("/se-deconnecter", &[("formulaire", "deconnexion")], Some(&cookie), &[]).await;
        assert_eq!(out.status, 303);
        assert_eq!(location(&out), "/");
        assert!(!crate::accounts::signed_in(&app, &cookie).await);
    }

    async fn account_creation_posted_without_javascript(app) {
        let email = "creation.sans.js@example.fr";
        let form = jean(email)["form"].clone();
        let mut fields: Vec<(String, String)> = form
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
            .collect();
        fields.push(("formulaire".into(), "creation".into()));
        let with = |changes: &[(&str, &str)]| -> Vec<(String, String)> {
            fields
                .iter()
                .map(|(k, v)| {
                    let changed = changes.iter().find(|(n, _)| n == k).map(|(_, v)| (*v).to_owned());
                    (k.clone(), changed.unwrap_or_else(|| v.clone()))
                })
                .collect()
        };

        // A field refused by the server's own rule: its message beside it, in the summary.
        let bad = with(&[("birth_name_confirm", "TALUT")]);
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let refused = app.post_form("/creer-un-compte", &bad, None, &[]).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        let text = visible_text(&refused.body);
        assert!(text.contains("La confirmation ne correspond pas au nom de famille."), "{text}");
        assert!(refused.body.contains("href=\"#birth_name_confirm\""), "the error summary links to the field");
        assert!(!refused.body.contains(PASSWORD), "a password never comes back");
        assert!(refused.body.contains("value=\"TALUT\""), "what was typed is kept");

        // Accepted: the MERCI dialog, and the activation mail.
        let good: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let created = app.post_form("/creer-un-compte", &good, None, &[]).await;
        assert_eq!(created.status, 200, "{}", created.body);
        assert!(visible_text(&created.body).contains("MERCI !"));
        let mail = app.mail.wait_for(email, 1).await.pop().unwrap();
        let token = mail.token("/activer-mon-compte").expect("activation link");

        // The activation page posts the link's secret in the body.
        let activated = app
            .post_form("/activer-mon-compte", &[("formulaire", "activation"), ("jeton", &token), ("password", PASSWORD)], None, &[])
            .await;
        assert_eq!(activated.status, 303, "{}", activated.body);
        assert_eq!(location(&activated), "/connexion?compte=active");
    }

    async fn forms_posted_from_another_site_are_refused(app) {
        let email = "autre.site@example.fr";
        active_account(&app, email).await;
        for headers in [
            vec![("origin", "https://evil.example")],
            vec![("sec-fetch-site", "cross-site")],
        ] {
            let r = app
                .post_form("/connexion", &[("formulaire", "connexion"), ("email", email), ("password", PASSWORD)], None, &headers)
                .await;
            assert_eq!(r.status, 403, "{headers:?}");
            assert!(r.cookie().is_none(), "no session from another site");
        }
    }

    async fn an_unknown_form_changes_nothing(app) {
        let r = app.post_form("/connexion", &[("formulaire", "autre"), ("email", "x@example.fr")], None, &[]).await;
        assert_eq!(r.status, 400);
        assert!(r.cookie().is_none());
    }
}
