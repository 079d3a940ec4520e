//! "Messages d'accueil" (REQUIREMENTS S3, P1): administrators only; a message for every
//! académie is a national administrator's, one for an académie its administrators'; the
//! text's links are links and its markup is text; the display window is typed in Paris time;
//! the public page changes at once; each change is journaled, and a second administrator
//! working from the same page is refused; the form works without the client.

use crate::accounts::active_account;
use crate::back_office::enrolled_staff;
use crate::helpers::{Reply, TestApp, borrowed, visible_text};
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use app::domain::{Scope, StaffRole};
use serde_json::{Value, json};

fn message(title: &str, body: &str, academy: &str) -> Value {
    json!({
        "id": "", "revision": "", "title": title, "body": body,
        "visible_from": "", "visible_until": "", "academy": academy, "published": "oui",
    })
}

async fn save(app: &TestApp, cookie: Option<&str>, form: &Value) -> Reply {
    app.call("staff_message_save", json!({ "form": form }), cookie)
        .await
}

async fn listed(app: &TestApp, cookie: &str) -> Value {
    let r = app.get_as("/api/staff_messages", Some(cookie)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

async fn home_text(app: &TestApp, cookie: Option<&str>) -> (String, String) {
    let r = app.get_as("/", cookie).await;
    assert_eq!(r.status, 200);
    (visible_text(&r.body), r.body)
}

on_both_databases! {
    async fn administrators_publish_messages_of_their_academies_shown_at_once_and_safely(app) {
        let (national, _) = enrolled_staff(&app, "admin@education.fr", StaffRole::Administrateur, &Scope::All).await;
        let (versailles, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::of_codes(["VERSAILLES"])).await;
        let (aix, _) = enrolled_staff(&app, "admin@ac-aix-marseille.fr", StaffRole::Administrateur, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let candidate = active_account(&app, "jean.talu@example.fr").await;
        let form = message("Fermeture du service", "Le service sera fermé.", "VERSAILLES");

        // Administrators only.
        assert_eq!(save(&app, None, &form).await.status.as_u16(), 401);
        assert_eq!(save(&app, Some(&candidate), &form).await.status.as_u16(), 403);
        assert_eq!(save(&app, Some(&gestion), &form).await.status.as_u16(), 403);
        assert_eq!(app.get_as("/api/staff_messages", Some(&gestion)).await.status.as_u16(), 403);
        for (endpoint, body) in [
            ("staff_message_check", json!({ "form": form })),
            ("staff_message_delete", json!({ "id": 1, "revision": "2026-11-29T09:00:00Z" })),
        ] {
            assert_eq!(app.call(endpoint, body.clone(), None).await.status.as_u16(), 401, "{endpoint}");
            for who in [&candidate, &gestion] {
                assert_eq!(app.call(endpoint, body.clone(), Some(who)).await.status.as_u16(), 403, "{endpoint}");
            }
        }

        // Every refused field at once, beside it.
        let mut bad = message("", "Voir [ici](javascript:alert(1)).", "VERSAILLES");
        bad["visible_from"] = json!("15/01/2027 08:00");
        bad["visible_until"] = json!("14/01/2027 08:00");
        let refused = save(&app, Some(&versailles), &bad).await;
        let mut fields = refused.fields();
        fields.sort();
        assert_eq!(fields, ["body", "title", "visible_until"], "{}", refused.body);
        assert!(refused.body.contains("javascript:alert(1)"), "the refused link is named: {}", refused.body);
        // Every académie, or another académie: not an académie administrator's.
        for academy in ["TOUTES", "AIX-MARSEILLE"] {
            let beyond = save(&app, Some(&versailles), &message("T", "Texte.", academy)).await;
            assert_eq!(beyond.fields(), ["academy"], "{academy}: {}", beyond.body);
        }

        // Saved: on the home page at once, its link a link, its markup text.
        let body = "Le service des examens sera fermé le 24/12.\n\nConsultez [Ouverture des services](/ouverture-des-services) ou https://www.ac-versailles.fr.\n\n<script>alert(1)</script>";
        let saved = save(&app, Some(&versailles), &message("Fermeture du service", body, "VERSAILLES")).await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        let national_saved = save(&app, Some(&national), &message("Maintenance nationale", "Le portail sera indisponible dimanche.", "TOUTES")).await;
        assert_eq!(national_saved.status, 200, "{}", national_saved.body);
        let (text, html) = home_text(&app, None).await;
        assert!(text.contains("Fermeture du service"), "{text}");
        assert!(html.contains("<p class=\"message__academy\">ACADÉMIE DE VERSAILLES</p>"), "{html}");
        assert!(text.contains("Maintenance nationale"), "{text}");
        assert!(html.contains("<a href=\"/ouverture-des-services\">Ouverture des services</a>"), "{html}");
        assert!(html.contains("<a href=\"https://www.ac-versailles.fr\">https://www.ac-versailles.fr</a>."), "{html}");
        assert!(!html.contains("<script>alert(1)"), "markup is never HTML");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "markup is shown as typed");

        // A candidate registered in Aix sees the national message, not Versailles's.
        let aix_offer = offer_of(&app, "ANGLAIS", "AIX-MARSEILLE").await.public_id;
        let mut dcl = crate::registrations::talu();
        dcl["epreuves"] = json!(["031", "030", "010"]);
        let r = app.call("save_candidature", crate::registrations::request(aix_offer, None, None, uuid::Uuid::new_v4(), dcl), Some(&candidate)).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mine = app.get_as("/api/home_messages", Some(&candidate)).await.json();
        let titles: Vec<&str> = mine.as_array().unwrap().iter().map(|m| m["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"Maintenance nationale") && !titles.contains(&"Fermeture du service"), "{titles:?}");
        let versailles_candidate = active_account(&app, "autre@example.fr").await;
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        assert_eq!(register(&app, &versailles_candidate, cinema).await.status, 200);
        let theirs = app.get_as("/api/home_messages", Some(&versailles_candidate)).await.json();
        assert!(theirs.as_array().unwrap().iter().any(|m| m["title"] == "Fermeture du service"), "{theirs}");

        // Each administrator lists the messages they may change (the demo's welcome is
        // Versailles's too), and no other.
        let own = listed(&app, &versailles).await;
        let lines = own["messages"].as_array().unwrap();
        assert_eq!(lines[0]["title"], "Fermeture du service");
        assert!(lines.iter().all(|m| m["academy"] == "ACADÉMIE DE VERSAILLES"), "{own}");
        assert_eq!(own["national"], false);
        assert!(listed(&app, &aix).await["messages"].as_array().unwrap().is_empty());

        // A window in Paris time: hidden until it starts.
        let mut later = listed(&app, &versailles).await["messages"][0]["form"].clone();
        let revision = later["revision"].as_str().unwrap().to_owned();
        later["visible_from"] = json!("01/12/2030 08:00");
        let changed = save(&app, Some(&versailles), &later).await;
        assert_eq!(changed.status, 200, "{}", changed.body);
        let line = &listed(&app, &versailles).await["messages"][0];
        assert_eq!(line["state"], "Programmé");
        assert_eq!(line["window"], "À partir du 01/12/2030 08:00");
        assert!(!home_text(&app, None).await.0.contains("Fermeture du service"));

        // Another administrator working from the page as it was: refused, told who and when.
        let mut stale = later.clone();
        stale["revision"] = json!(revision);
        stale["title"] = json!("Autre titre");
        let late = save(&app, Some(&national), &stale).await;
        assert_eq!((late.status.as_u16(), late.code().as_deref()), (409, Some("changed_meanwhile")), "{}", late.body);
        assert_eq!(late.json()["detail"]["by"], "admin@ac-versailles.fr");
        // Beyond one's académies, a message does not exist.
        let current = listed(&app, &versailles).await["messages"][0]["form"].clone();
        let id: i32 = current["id"].as_str().unwrap().parse().unwrap();
        let foreign = app.call("staff_message_delete", json!({ "id": id, "revision": current["revision"] }), Some(&aix)).await;
        assert_eq!(foreign.status.as_u16(), 404);
        let deleted = app.call("staff_message_delete", json!({ "id": id, "revision": current["revision"] }), Some(&versailles)).await;
        assert_eq!(deleted.status, 200, "{}", deleted.body);
        let left = listed(&app, &versailles).await;
        assert!(left["messages"].as_array().unwrap().iter().all(|m| m["title"] != "Fermeture du service"), "{left}");

        // The journal holds each action with the values before and after.
        let journal = app.get_as("/api/staff_journal?query%5Baction%5D=message.", Some(&national)).await;
        assert_eq!(journal.status, 200, "{}", journal.body);
        let rows = journal.json();
        let actions: Vec<&str> = rows["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["message.suppression", "message.modification", "message.creation", "message.creation"]);
    }

    async fn the_message_form_previews_and_saves_without_the_client(app) {
        let (admin, _) = enrolled_staff(&app, "admin@education.fr", StaffRole::Administrateur, &Scope::All).await;
        let fields = |preview: bool, title: &str| {
            let mut f = vec![
                ("formulaire", "message-accueil"), ("id", ""), ("revision", ""),
                ("body", "Premier paragraphe.\n\nVoir [la page](/ouverture-des-services)."),
                ("visible_from", ""), ("visible_until", "demain"), ("academy", "TOUTES"), ("published", "oui"),
            ];
            f.push(("title", title));
            if preview {
                f.push(("apercu", "1"));
            }
            f.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect::<Vec<_>>()
        };
        // "Prévisualiser" with a bad date: refused beside the field, what was typed kept.
        let typed = fields(true, "Ouverture des inscriptions");
        let refused = app.post_form("/gestion/messages", &borrowed(&typed), Some(&admin), &[]).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert!(visible_text(&refused.body).contains("jj/mm/aaaa hh:mm"), "{}", refused.body);
        assert!(refused.body.contains("value=\"Ouverture des inscriptions\""));
        // A good one: the preview, as the home page will show it; nothing saved.
        let mut good = typed.clone();
        good.retain(|(k, _)| k != "visible_until");
        good.push(("visible_until".into(), "31/12/2030 18:00".into()));
        let preview = app.post_form("/gestion/messages", &borrowed(&good), Some(&admin), &[]).await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        let aperçu = preview.body.split("id=\"apercu\"").nth(1).unwrap_or_default();
        assert!(aperçu.contains("Ouverture des inscriptions"), "{aperçu}");
        assert!(aperçu.contains("<a href=\"/ouverture-des-services\">la page</a>"), "{aperçu}");
        let before = listed(&app, &admin).await["messages"].as_array().unwrap().len();
        let preview = app.post_form("/gestion/messages", &borrowed(&good), Some(&admin), &[]).await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        assert_eq!(listed(&app, &admin).await["messages"].as_array().unwrap().len(), before, "a preview saves nothing");
        // A box left empty comes back empty (the browser posts the hidden empty value alone).
        let mut unticked = good.clone();
        unticked.retain(|(k, v)| !(k == "published" && v == "oui"));
        unticked.push(("published".into(), String::new()));
        let again = app.post_form("/gestion/messages", &borrowed(&unticked), Some(&admin), &[]).await;
        let tag = |body: &str| -> String {
            let start = body.find("type=\"checkbox\"").expect("the box");
            let open = body[..start].rfind('<').unwrap();
            body[open..open + body[open..].find('>').unwrap()].to_owned()
        };
        assert!(!tag(&again.body).contains("checked"), "{}", tag(&again.body));
        assert!(tag(&preview.body).contains("checked"), "{}", tag(&preview.body));
        // "Enregistrer": saved, back to the page that says so.
        good.retain(|(k, _)| k != "apercu");
        let saved = app.post_form("/gestion/messages", &borrowed(&good), Some(&admin), &[]).await;
        assert_eq!(saved.status.as_u16(), 303, "{}", saved.body);
        assert_eq!(saved.headers["location"], "/gestion/messages?enregistre=oui");
        let page = visible_text(&app.get_as("/gestion/messages?enregistre=oui", Some(&admin)).await.body);
        assert!(page.contains("Le message a été enregistré."), "{page}");
        assert!(page.contains("Jusqu'au 31/12/2030 18:00"), "{page}");
        assert!(visible_text(&app.get_as("/", None).await.body).contains("Ouverture des inscriptions"));
    }
}
