//! "Corriger l'identité" (REQUIREMENTS S4, A6's other half): only staff correct a
//! candidate's identity once a candidature exists; a reason is required beside its field;
//! the values before and after go to the journal; every registered candidature gets a new
//! version and its documents are published again with the corrected identity; the
//! candidate is mailed; a second member working from the same page is refused with who and
//! when; another académie's member finds nothing.

use crate::accounts::active_account;
use crate::back_office::{dossier, enrolled_staff};
use crate::helpers::{Reply, TestApp, borrowed, visible_text};
use crate::on_both_databases;
use crate::registrations::{offer_of, register, request, talu};
use app::domain::{Scope, StaffRole};
use serde_json::{Value, json};
use server::documents::pdf_text::pdf_text;
use uuid::Uuid;

/// The identity as the dossier's form holds it, with `first_names` corrected.
pub fn corrected(d: &Value, first_names: &str) -> Value {
    let mut form = d["identity_form"].clone();
    form["first_names"] = json!(first_names);
    form
}

pub async fn correct(
    app: &TestApp,
    cookie: Option<&str>,
    id: &str,
    revision: &str,
    form: &Value,
    reason: &str,
) -> Reply {
    let correction = json!({ "correction": {
        "candidature": id, "revision": revision, "form": form, "reason": reason,
    }});
    app.call("staff_identity", correction, cookie).await
}

/// The text of a document as staff open it.
async fn staff_pdf_text(app: &TestApp, cookie: &str, id: &str) -> String {
    let (status, _, body) = app
        .get_bytes(&format!("/gestion/documents/{id}"), Some(cookie))
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let text = pdf_text(&body).expect("a readable PDF");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

on_both_databases! {
    async fn staff_correct_an_identity_with_a_reason_and_every_document_is_published_again(app) {
        app.state.clock.advance(chrono::Duration::nanoseconds(987_654_321));
        let candidate = active_account(&app, "jean.talu@example.fr").await;
        let versailles = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &candidate, versailles).await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        let id = saved.json()["id"].as_str().unwrap().to_owned();
        // A second candidature, in another académie.
        let mut dcl = talu();
        dcl["epreuves"] = json!(["031", "030", "010"]);
        let aix_offer = offer_of(&app, "ANGLAIS", "AIX-MARSEILLE").await.public_id;
        let other = app.call("save_candidature", request(aix_offer, None, None, Uuid::new_v4(), dcl), Some(&candidate)).await;
        assert_eq!(other.status, 200, "{}", other.body);
        let other_id = other.json()["id"].as_str().unwrap().to_owned();

        // The candidate can no longer change it.
        let mut own = crate::accounts::jean("jean.talu@example.fr");
        own["form"]["first_names"] = json!("Jean-Pierre");
        let frozen = app.call("update_account", own, Some(&candidate)).await;
        assert_eq!(frozen.code().as_deref(), Some("account_frozen"));

        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        let d = dossier(&app, &gestion, &id).await.json();
        let revision = d["identity_revision"].as_str().unwrap().to_owned();
        let candidature_seen = d["candidatures"][0]["revision"].as_str().unwrap().to_owned();
        let aix_seen = dossier(&app, &aix, &other_id).await.json()["candidatures"][0]["revision"].as_str().unwrap().to_owned();
        assert_eq!(d["identity_form"]["first_names"], "Jean");
        assert_eq!(d["identity_form"]["birth_date_confirm"], "01/01/2002");
        let form = corrected(&d, "Jean-Pierre");

        // Nobody but staff; beyond the member's académies, as if it did not exist.
        assert_eq!(correct(&app, None, &id, &revision, &form, "Erreur").await.status.as_u16(), 401);
        assert_eq!(correct(&app, Some(&candidate), &id, &revision, &form, "Erreur").await.status.as_u16(), 403);
        let beyond = correct(&app, Some(&aix), &id, &revision, &form, "Erreur").await;
        let nowhere = correct(&app, Some(&aix), &Uuid::new_v4().to_string(), &revision, &form, "Erreur").await;
        assert_eq!((beyond.status, beyond.body.clone()), (nowhere.status, nowhere.body.clone()));
        assert_eq!(beyond.status.as_u16(), 404);

        // Every refused field at once, beside it; nothing changes.
        let mut bad = form.clone();
        bad["birth_date"] = json!("31/02/2002");
        let refused = correct(&app, Some(&gestion), &id, &revision, &bad, "   ").await;
        let mut fields = refused.fields();
        fields.sort();
        assert_eq!(fields, ["birth_date", "reason"], "{}", refused.body);
        let unchanged = correct(&app, Some(&gestion), &id, &revision, &d["identity_form"], "Rien").await;
        assert_eq!(unchanged.fields(), ["identite-corrigee"], "{}", unchanged.body);
        assert_eq!(dossier(&app, &gestion, &id).await.json()["identity_revision"], revision.as_str());

        // Corrected: the dossier, a new version of both candidatures, new documents.
        let done = correct(&app, Some(&gestion), &id, &revision, &form, "Erreur de saisie signalée par le candidat.").await;
        assert_eq!(done.status, 200, "{}", done.body);
        let after = dossier(&app, &gestion, &id).await.json();
        assert_eq!(after["name"], "TALU Jean-Pierre");
        let c = &after["candidatures"][0];
        assert_eq!(c["version"], 2);
        assert_eq!(c["versions"][0]["changes"], json!(["Identité"]));
        let newest = c["documents"].as_array().unwrap().iter()
            .find(|doc| doc["title"].as_str().unwrap().contains("Version n°2"))
            .unwrap_or_else(|| panic!("a new document version: {c}"));
        let text = staff_pdf_text(&app, &gestion, newest["id"].as_str().unwrap()).await;
        assert!(text.contains("Jean-Pierre"), "{text}");
        // The journal keeps both values and the reason.
        let row = after["journal"].as_array().unwrap().iter()
            .find(|j| j["action"] == "compte.correction_identite")
            .unwrap_or_else(|| panic!("{}", after["journal"]));
        assert!(row["before"].as_str().unwrap().contains("\"Jean\""), "{row}");
        assert!(row["after"].as_str().unwrap().contains("Jean-Pierre"), "{row}");
        assert!(row["after"].as_str().unwrap().contains("Erreur de saisie"), "{row}");
        assert_eq!(row["actor"], "gestion@ac-versailles.fr");
        // The other académie's candidature carries the corrected identity too, with its
        // documents published again; its service reads what changed, not who did it or from
        // where.
        let theirs = dossier(&app, &aix, &other_id).await.json();
        assert_eq!(theirs["candidatures"][0]["version"], 2);
        assert_eq!(theirs["name"], "TALU Jean-Pierre");
        assert!(theirs["candidatures"][0]["documents"].as_array().unwrap().iter().any(|d| d["title"].as_str().unwrap().contains("Version n°2")), "{theirs}");
        let seen_there = theirs["journal"].as_array().unwrap().iter().find(|j| j["action"] == "compte.correction_identite").unwrap();
        assert_eq!(seen_there["actor"], "service d'une autre académie");
        assert_eq!(seen_there["address"], "");
        assert!(!theirs.to_string().contains("gestion@ac-versailles.fr"), "{theirs}");
        // Nor does "modifié par" name them there.
        let change = json!({ "change": { "candidature": other_id, "revision": aix_seen, "unregister": true, "reason": "Doublon" } });
        let theirs_stale = app.call("staff_candidature_status", change, Some(&aix)).await;
        assert_eq!(theirs_stale.code().as_deref(), Some("changed_meanwhile"), "{}", theirs_stale.body);
        assert_eq!(theirs_stale.json()["detail"]["by"], "le service d'une autre académie");
        // The candidature moved with it: "Désinscrire" from the page as it was is refused,
        // naming the correction's author.
        let change = json!({ "change": { "candidature": id, "revision": candidature_seen, "unregister": true, "reason": "Doublon" } });
        let stale = app.call("staff_candidature_status", change, Some(&gestion)).await;
        assert_eq!(stale.code().as_deref(), Some("changed_meanwhile"), "{}", stale.body);
        assert_eq!(stale.json()["detail"]["by"], "gestion@ac-versailles.fr");

        // The candidate is told, and sees version n°2 with their corrected name.
        let mail = app.mail.wait_for("jean.talu@example.fr", 4).await.pop().unwrap();
        assert_eq!(mail.subject(), "Correction de vos informations");
        assert!(mail.text().contains("Prénoms"), "{}", mail.text());
        assert!(mail.text().contains("Motif : Erreur de saisie signalée par le candidat."), "{}", mail.text());
        let mine = app.get_as("/api/my_candidatures", Some(&candidate)).await.json();
        assert!(mine["candidatures"].as_array().unwrap().iter().all(|c| c["version"] == 2), "{mine}");
        let viewer = app.get_as("/api/viewer", Some(&candidate)).await.json();
        assert_eq!(viewer["first_names"], "Jean-Pierre");

        // A second member working from the page as it was: refused, told who and when.
        let (admin, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::All).await;
        let late = correct(&app, Some(&admin), &id, &revision, &corrected(&d, "Jehan"), "Autre motif").await;
        assert_eq!((late.status.as_u16(), late.code().as_deref()), (409, Some("changed_meanwhile")), "{}", late.body);
        assert_eq!(late.json()["detail"]["by"], "gestion@ac-versailles.fr");
        // When: the correction's instant, in Paris time.
        let when = app::domain::LocalDateTime::from_utc(app.state.clock.now(), app.state.tz).to_string();
        assert_eq!(late.json()["detail"]["at"], when.as_str());
        assert_eq!(dossier(&app, &admin, &id).await.json()["name"], "TALU Jean-Pierre");
    }
}

on_both_databases! {
    async fn the_correction_is_a_form_that_works_without_the_client(app) {
        let candidate = active_account(&app, "sans.script@example.fr").await;
        let versailles = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &candidate, versailles).await;
        let id = saved.json()["id"].as_str().unwrap().to_owned();
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let d = dossier(&app, &gestion, &id).await.json();
        let revision = d["identity_revision"].as_str().unwrap().to_owned();
        let path = format!("/gestion/candidats/{id}");
        let mut fields: Vec<(String, String)> = d["identity_form"].as_object().unwrap().iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        for (k, v) in [("formulaire", "identite-candidat"), ("candidature", id.as_str()), ("revision", revision.as_str())] {
            fields.push((k.into(), v.into()));
        }
        fields.retain(|(k, _)| k != "first_names");
        fields.push(("first_names".into(), "Jean-Paul".into()));
        let with = |reason: &str| -> Vec<(String, String)> {
            let mut all = fields.clone();
            all.push(("reason".into(), reason.into()));
            all
        };

        // No reason: the page again, the message beside the field, what was typed kept.
        let no_reason = with("");
        let refused = app.post_form(&path, &borrowed(&no_reason), Some(&gestion), &[]).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        let text = visible_text(&refused.body);
        assert!(text.contains("Indiquez le motif de la correction"), "{text}");
        assert!(refused.body.contains("href=\"#reason\""), "the error summary links to the field");
        assert!(refused.body.contains("value=\"Jean-Paul\""), "what was typed is kept");

        // Accepted: back to the dossier, which says so and shows the corrected name.
        let good = with("Prénom composé.");
        let accepted = app.post_form(&path, &borrowed(&good), Some(&gestion), &[]).await;
        assert_eq!(accepted.status.as_u16(), 303, "{}", accepted.body);
        let location = accepted.headers["location"].to_str().unwrap().to_owned();
        assert_eq!(location, format!("{path}?identite=corrigee"));
        let page = visible_text(&app.get_as(&location, Some(&gestion)).await.body);
        assert!(page.contains("L'identité a été corrigée."), "{page}");
        assert!(page.contains("Dossier de TALU Jean-Paul"), "{page}");
        // A candidate's session posting it: refused.
        let mut other = with("Par le candidat");
        other.retain(|(k, _)| k != "first_names" && k != "revision");
        other.push(("first_names".into(), "Pirate".into()));
        other.push(("revision".into(), dossier(&app, &gestion, &id).await.json()["identity_revision"].as_str().unwrap().into()));
        let forbidden = app.post_form(&path, &borrowed(&other), Some(&candidate), &[]).await;
        assert_eq!(forbidden.status.as_u16(), 403, "{}", forbidden.body);
        assert_eq!(dossier(&app, &gestion, &id).await.json()["name"], "TALU Jean-Paul");
    }
}
