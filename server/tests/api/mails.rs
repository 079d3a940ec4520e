//! Every mail of a candidate's journey as it leaves the portal through SMTP, checked as a
//! snapshot (`snapshots/`): the recipient, the subject and the decoded parts, with the
//! links' secrets and the candidature's id redacted (the test's clock is fixed, so are the
//! dates). A change of wording shows in review; accept one with
//! `INSTA_UPDATE=always ./cyclades cargo test -p server --test api mails`. The templates'
//! own snapshots, with fixed inputs, are in `app/src/server/mail/snapshots/`.

use crate::accounts::{PASSWORD, activation, credentials, jean};
use crate::helpers::TestApp;
use crate::mail_sink::Received;
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use serde_json::json;

/// What a reader of the mail sees, the secrets and ids replaced by a placeholder.
fn as_read(mail: &Received) -> String {
    let text = format!(
        "To: {}\nSubject: {}\n\n{}",
        mail.to.join(", "),
        mail.subject(),
        mail.text().replace("\r\n", "\n")
    );
    redact_ids(&redact_secrets(&text))
}

/// `jeton=<secret>` → `jeton=[jeton]`.
fn redact_secrets(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("jeton=") {
        let (before, after) = rest.split_at(at + "jeton=".len());
        out.push_str(before);
        out.push_str("[jeton]");
        let end = after
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every hyphenated UUID → `[id]`.
fn redact_ids(text: &str) -> String {
    const LEN: usize = 36;
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let candidate = text.get(i..i + LEN);
        if let Some(c) = candidate
            && c.as_bytes()[8] == b'-'
            && uuid::Uuid::try_parse(c).is_ok()
        {
            out.push_str("[id]");
            i += LEN;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// The `n`-th mail (from 1) received by `address`, as read.
async fn nth(app: &TestApp, address: &str, n: usize) -> String {
    as_read(&app.mail.wait_for(address, n).await[n - 1])
}

on_both_databases! {
    async fn the_mails_of_a_journey_as_they_leave(app) {
        let email = "jean_talu@ac-rennes.fr";
        let created = app.call("create_account", jean(email), None).await;
        assert_eq!(created.status, 200, "{}", created.body);
        let first = app.mail.wait_for(email, 1).await.pop().unwrap();
        insta::assert_snapshot!("1_activation", as_read(&first));

        // The same address again: the owner is told, nobody else learns anything.
        app.call("create_account", jean(email), None).await;
        insta::assert_snapshot!("2_account_exists", nth(&app, email, 2).await);

        let token = first.token("/activer-mon-compte").unwrap();
        app.call("activate_account", activation(&token, PASSWORD), None).await;
        let cookie = app.call("sign_in", credentials(email, PASSWORD), None).await.cookie().unwrap();

        let offer = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &cookie, offer).await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        insta::assert_snapshot!("3_candidature_registered", nth(&app, email, 3).await);

        app.call("request_password_reset", json!({ "email": email }), None).await;
        let reset = app.mail.wait_for(email, 4).await.pop().unwrap();
        insta::assert_snapshot!("4_password_reset", as_read(&reset));
        let new_password = "Nouveau.Chemin9";
        let done = app.call("reset_password", json!({ "token": reset.token("/reinitialiser-mot-de-passe").unwrap(), "form": {
            "current_password": "", "password": new_password, "password_confirm": new_password } }), None).await;
        assert_eq!(done.status, 200, "{}", done.body);
        insta::assert_snapshot!("5_password_changed", nth(&app, email, 5).await);

        let cookie = app.call("sign_in", credentials(email, new_password), None).await.cookie().unwrap();
        let new_email = "jean.talu@example.fr";
        let asked = app.call("change_email", json!({ "form": {
            "email": new_email, "email_confirm": new_email, "email_current_password": new_password } }), Some(&cookie)).await;
        assert_eq!(asked.status, 200, "{}", asked.body);
        let confirm = app.mail.wait_for(new_email, 1).await.pop().unwrap();
        insta::assert_snapshot!("6_confirm_new_email", as_read(&confirm));
        let token = confirm.token("/confirmer-mon-adresse").unwrap();
        app.call("confirm_email_change", json!({ "token": token }), None).await;
        insta::assert_snapshot!("7_email_changed", nth(&app, email, 6).await);
    }
}

#[test]
fn secrets_and_ids_are_redacted_and_nothing_else() {
    let text = "Lien : http://cyclades.test/activer?jeton=0a1B2c-_9 fin \
                /mes-inscriptions/67e55044-10b1-426f-9247-bb680e5fe0c8 Élève";
    assert_eq!(
        redact_ids(&redact_secrets(text)),
        "Lien : http://cyclades.test/activer?jeton=[jeton] fin /mes-inscriptions/[id] Élève"
    );
}
