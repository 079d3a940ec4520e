//! No account taken before activation (issue 10): whoever does not read the mailbox never
//! knows the password of the activated account, whatever order the owner and a stranger
//! submit "Créez votre compte" in and whichever mailed link the owner follows.

use crate::accounts::{PASSWORD, activation, credentials, jean};
use crate::helpers::TestApp;
use crate::on_both_databases;
use app::server::entities::{account, account_request};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const STRANGER: &str = "Nuit.Etoilee42";

/// The form of a stranger who typed the owner's address with a password of their own.
fn stranger(email: &str) -> serde_json::Value {
    let mut form = jean(email);
    form["form"]["password"] = json!(STRANGER);
    form["form"]["password_confirm"] = json!(STRANGER);
    form["form"]["first_names"] = json!("Intrus");
    form
}

/// Both submit in `order`, the owner follows link number `click` of those received, with
/// the password chosen in their own form: the owner's account, never the stranger's.
async fn owner_activates(app: &TestApp, email: &str, owner_first: bool, click: usize) {
    let (first, second) = if owner_first {
        (jean(email), stranger(email))
    } else {
        (stranger(email), jean(email))
    };
    let a = app.call("create_account", first, None).await;
    let b = app.call("create_account", second, None).await;
    // The same answer to both: nothing tells the second that the address was typed before.
    assert_eq!((a.status, &a.body), (b.status, &b.body));
    assert_eq!(a.status, 200, "{}", a.body);
    // Neither overwrote the other: two requests wait, each with its own password.
    let waiting = account_request::Entity::find()
        .filter(account_request::Column::Email.eq(email))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(waiting, 2);
    let mails = app.mail.wait_for(email, 2).await;
    let token = mails[click].token("/activer-mon-compte").unwrap();

    // The link and the stranger's password would open nothing for the owner: the owner
    // types their own, which picks their own request whichever link it came with.
    let activated = app
        .call("activate_account", activation(&token, PASSWORD), None)
        .await;
    assert_eq!(activated.status, 200, "{}", activated.body);

    let intruder = app
        .call("sign_in", credentials(email, STRANGER), None)
        .await;
    assert_eq!(intruder.code().as_deref(), Some("sign_in_failed"));
    let owner = app
        .call("sign_in", credentials(email, PASSWORD), None)
        .await;
    assert_eq!(owner.status, 200, "{}", owner.body);
    let viewer = app.get_as("/api/viewer", owner.cookie().as_deref()).await;
    assert_eq!(viewer.json()["first_names"], "Jean");
    // The address has one account, and the other request and links are gone.
    let rows = account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
    for mail in &mails {
        let other = mail.token("/activer-mon-compte").unwrap();
        let again = app
            .call("activate_account", activation(&other, STRANGER), None)
            .await;
        assert_eq!(
            again.code().as_deref(),
            Some("link_invalid"),
            "{}",
            again.body
        );
    }
}

on_both_databases! {
    async fn owner_then_stranger_the_owner_clicks_the_first_link(app) {
        owner_activates(&app, "p1@example.fr", true, 0).await;
    }

    async fn owner_then_stranger_the_owner_clicks_the_strangers_link(app) {
        owner_activates(&app, "p2@example.fr", true, 1).await;
    }

    async fn stranger_then_owner_the_owner_clicks_the_strangers_link(app) {
        owner_activates(&app, "p3@example.fr", false, 0).await;
    }

    async fn stranger_then_owner_the_owner_clicks_their_own_link(app) {
        owner_activates(&app, "p4@example.fr", false, 1).await;
    }

    async fn a_mail_scanner_fetching_the_link_activates_nothing(app) {
        let email = "scanner@example.fr";
        assert_eq!(app.call("create_account", jean(email), None).await.status, 200);
        let mail = app.mail.wait_for(email, 1).await.pop().unwrap();
        let link = mail.link("/activer-mon-compte").unwrap();
        let path = link.trim_start_matches("http://cyclades.test");
        for _ in 0..3 {
            let (status, _) = app.get(path).await;
            assert_eq!(status, 200);
        }
        assert_eq!(account::Entity::find().count(&app.state.db).await.unwrap(), 0);
        let early = app.call("sign_in", credentials(email, PASSWORD), None).await;
        assert_eq!(early.code().as_deref(), Some("not_activated"));
    }

    async fn wrong_passwords_on_the_activation_page_count_in_the_lockout(app) {
        let email = "devine@example.fr";
        assert_eq!(app.call("create_account", jean(email), None).await.status, 200);
        let token = app.mail.wait_for(email, 1).await[0].token("/activer-mon-compte").unwrap();
        for i in 1..=9 {
            let r = app.call("activate_account", activation(&token, &format!("Essai.{i}x")), None).await;
            assert_eq!(r.fields(), ["password"], "attempt {i}: {}", r.body);
        }
        let tenth = app.call("activate_account", activation(&token, "Essai.10x"), None).await;
        assert_eq!(tenth.code().as_deref(), Some("sign_in_locked"));
        let right = app.call("activate_account", activation(&token, PASSWORD), None).await;
        assert_eq!(right.code().as_deref(), Some("sign_in_locked"));
    }
}
