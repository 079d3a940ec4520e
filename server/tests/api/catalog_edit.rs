//! The catalog in staff hands (REQUIREMENTS S2, issue 15), on both databases: the national
//! lists (national administrators only, every validation, archived rather than deleted
//! when used), an académie's service gestionnaire and offers (scope by académie, periods
//! typed in Paris time, a change to an open period confirmed and journaled, seen by R1's
//! server check at once), the no-JavaScript forms.

use crate::accounts::active_account;
use crate::back_office::enrolled_staff;
use crate::helpers::{Reply, TestApp, visible_text};
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use app::domain::{Scope, StaffRole};
use app::server::entities::{epreuve, exam, journal_entry, speciality};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

/// The journal's actions, oldest first.
async fn journaled(app: &TestApp) -> Vec<String> {
    journal_entry::Entity::find()
        .order_by_asc(journal_entry::Column::Seq)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

async fn national(app: &TestApp, cookie: &str, change: Value) -> Reply {
    app.call("national_change", json!({ "change": change }), Some(cookie))
        .await
}

async fn exam_id(app: &TestApp, code: &str) -> i32 {
    exam::Entity::find()
        .filter(exam::Column::Code.eq(code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A national administrator, a Versailles administrator and a Versailles gestionnaire.
async fn staff(app: &TestApp) -> (String, String, String) {
    let (all, _) = enrolled_staff(
        app,
        "national@education.gouv.fr",
        StaffRole::Administrateur,
        &Scope::All,
    )
    .await;
    let (versailles, _) = enrolled_staff(
        app,
        "admin@ac-versailles.fr",
        StaffRole::Administrateur,
        &Scope::of_codes(["VERSAILLES"]),
    )
    .await;
    let (gestion, _) = enrolled_staff(
        app,
        "gestion@ac-versailles.fr",
        StaffRole::Gestionnaire,
        &Scope::of_codes(["VERSAILLES"]),
    )
    .await;
    (all, versailles, gestion)
}

on_both_databases! {
    async fn the_national_lists_are_validated_and_what_is_used_is_archived_not_deleted(app) {
        let (all, versailles, gestion) = staff(&app).await;
        // Only national administrators see or change the national lists.
        assert_eq!(app.get_as("/api/national_catalog", Some(&versailles)).await.status, 403);
        assert_eq!(app.get_as("/api/national_catalog", Some(&gestion)).await.status, 403);
        assert_eq!(app.get_as("/api/national_catalog", None).await.status, 401);
        let g02 = app.get_as("/api/national_catalog", Some(&all)).await.json()["domains"][1].clone();
        assert_eq!(g02["code"], "G02");
        let g02_id = g02["id"].as_i64().unwrap();
        let refused = national(&app, &versailles, json!({ "ExamAdd": { "domain": g02_id, "code": "CAPPEI", "label": "CAPPEI" } })).await;
        assert_eq!(refused.status, 403);

        // Every field checked, each refusal beside its field.
        let bad = national(&app, &all, json!({ "ExamAdd": { "domain": g02_id, "code": "é t", "label": "  " } })).await;
        assert_eq!(bad.fields(), ["code", "label"], "{}", bad.body);
        let taken = national(&app, &all, json!({ "ExamAdd": { "domain": g02_id, "code": "dcl", "label": "Autre" } })).await;
        assert_eq!(taken.fields(), ["code"], "codes are unique, in upper case: {}", taken.body);
        let added = national(&app, &all, json!({ "ExamAdd": { "domain": g02_id, "code": "cappei", "label": "CERTIFICAT D'APTITUDE PROFESSIONNELLE AUX PRATIQUES DE L'EDUCATION INCLUSIVE" } })).await;
        assert_eq!(added.status, 200, "{}", added.body);
        let cappei = exam_id(&app, "CAPPEI").await;
        let spe = national(&app, &all, json!({ "SpecialityAdd": { "exam": cappei, "code": "TOUS", "label": "Tous secteurs" } })).await;
        assert_eq!(spe.status, 200, "{}", spe.body);
        let tous = speciality::Entity::find().filter(speciality::Column::ExamId.eq(cappei)).one(&app.state.db).await.unwrap().unwrap().id;

        let choice = |code: &str, kind: &str, group: &str| json!({ "EpreuveAdd": { "speciality": tous, "code": code, "label": "EPREUVE 1", "kind": kind, "mode": "oral", "group": group } });
        let no_group = national(&app, &all, choice("010", "a_choix", "")).await;
        assert_eq!(no_group.fields(), ["group"], "a test à choix is in a group: {}", no_group.body);
        let bad_test = national(&app, &all, json!({ "EpreuveAdd": { "speciality": tous, "code": "0 1", "label": "", "kind": "autre", "mode": "visio", "group": "" } })).await;
        assert_eq!(bad_test.fields(), ["code", "label", "kind", "mode"]);
        let bad_group = national(&app, &all, json!({ "GroupAdd": { "speciality": tous, "code": "SUPPORT", "label": "Support", "min": "2", "max": "1" } })).await;
        assert_eq!(bad_group.fields(), ["max"]);
        let group = national(&app, &all, json!({ "GroupAdd": { "speciality": tous, "code": "support", "label": "Support", "min": "1", "max": "1" } })).await;
        assert_eq!(group.status, 200, "{}", group.body);
        assert_eq!(national(&app, &all, choice("010", "a_choix", "SUPPORT")).await.status, 200);
        assert_eq!(national(&app, &all, choice("010", "obligatoire", "")).await.fields(), ["code"], "one test per code");

        // The new exam's offers' tests come from the speciality.
        let catalog = app.get_as("/api/national_catalog", Some(&all)).await.json();
        let shown = catalog["domains"][1]["exams"].as_array().unwrap().iter().find(|e| e["code"] == "CAPPEI").unwrap().clone();
        assert_eq!(shown["specialities"][0]["epreuves"][0]["group"], "SUPPORT");
        assert_eq!(shown["specialities"][0]["groups"][0]["used"], true);

        // Used: the certification of the guide has offers. Never deleted; archived.
        let ccpe = exam_id(&app, "CCPE1D").await;
        let kept = national(&app, &all, json!({ "ExamDelete": { "id": ccpe } })).await;
        assert_eq!(kept.fields(), ["examen"], "{}", kept.body);
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        let candidate = active_account(&app, "jean.talu@example.fr").await;
        assert_eq!(register(&app, &candidate, cinema.public_id).await.status, 200);
        let test = epreuve::Entity::find().filter(epreuve::Column::SpecialityId.eq(cinema.speciality_id)).one(&app.state.db).await.unwrap().unwrap();
        let test_kept = national(&app, &all, json!({ "EpreuveDelete": { "id": test.id } })).await;
        assert_eq!(test_kept.fields(), ["epreuve"], "a candidature names its tests: {}", test_kept.body);
        assert_eq!(national(&app, &all, json!({ "ExamArchive": { "id": ccpe, "archived": true } })).await.status, 200);
        let offers = app.get_as("/api/offers", Some(&versailles)).await.json();
        let choices: Vec<String> = offers["specialities"].as_array().unwrap().iter().map(|s| s[1].as_str().unwrap().to_owned()).collect();
        assert!(choices.iter().all(|c| !c.starts_with("CERTIFICATION COMPLEMENTAIRE")), "an archived exam gets no new offer: {choices:?}");
        assert!(choices.iter().any(|c| c.starts_with("CERTIFICAT D'APTITUDE")), "{choices:?}");
        let on_archived = app.call("offer_create", json!({ "form": { "academy": "VERSAILLES", "speciality": cinema.speciality_id.to_string(), "session": "2031", "opens": "01/09/2030 10:00", "closes": "30/09/2030 17:00", "confirmation": "" } }), Some(&versailles)).await;
        assert_eq!(on_archived.fields(), ["speciality"], "{}", on_archived.body);
        // What nothing refers to is deleted, with its tests and groups.
        assert_eq!(national(&app, &all, json!({ "ExamDelete": { "id": cappei } })).await.status, 200);
        assert!(speciality::Entity::find_by_id(tous).one(&app.state.db).await.unwrap().is_none());
        assert!(epreuve::Entity::find().filter(epreuve::Column::SpecialityId.eq(tous)).one(&app.state.db).await.unwrap().is_none());

        let actions = journaled(&app).await;
        for a in ["catalogue.examen.creation", "catalogue.specialite.creation", "catalogue.groupe.creation", "catalogue.epreuve.creation", "catalogue.examen.archivage", "catalogue.examen.suppression"] {
            assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
        }
    }

    async fn offers_and_periods_stay_in_their_academie_and_a_period_change_applies_at_once(app) {
        let (_, versailles, gestion) = staff(&app).await;
        let (aix, _) = enrolled_staff(&app, "admin@ac-aix-marseille.fr", StaffRole::Administrateur, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        assert_eq!(app.get_as("/api/offers", Some(&gestion)).await.status, 403, "administrators only");
        let page = app.get_as("/api/offers", Some(&versailles)).await.json();
        let academies: Vec<&str> = page["academies"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
        assert_eq!(academies, ["VERSAILLES"]);

        // A new offer: every date typed in Paris time, closing after opening; a
        // confirmation date only for an exam (G01).
        let anglais = speciality::Entity::find().filter(speciality::Column::Code.eq("ANGLAIS")).one(&app.state.db).await.unwrap().unwrap().id;
        let visuels = speciality::Entity::find().filter(speciality::Column::Code.eq("DNL-ARTS-VISUELS")).one(&app.state.db).await.unwrap().unwrap().id;
        let create = |speciality: i32, session: &str, opens: &str, closes: &str, confirmation: &str| json!({ "form": {
            "academy": "VERSAILLES", "speciality": speciality.to_string(), "session": session, "opens": opens, "closes": closes, "confirmation": confirmation } });
        let bad = app.call("offer_create", create(anglais, "27", "31/09/2026 10:00", "01/09/2026 10:00", "demain"), Some(&versailles)).await;
        assert_eq!(bad.fields(), ["session", "opens", "confirmation"], "{}", bad.body);
        let order = app.call("offer_create", create(anglais, "2028", "01/10/2027 10:00", "01/09/2027 10:00", ""), Some(&versailles)).await;
        assert_eq!(order.fields(), ["closes"]);
        let g02 = app.call("offer_create", create(visuels, "2028", "01/09/2027 10:00", "30/09/2027 17:00", "15/10/2027 12:00"), Some(&versailles)).await;
        assert_eq!(g02.fields(), ["confirmation"], "a certification has no confirmation to return");
        let elsewhere = app.call("offer_create", json!({ "form": { "academy": "AIX-MARSEILLE", "speciality": anglais.to_string(), "session": "2028", "opens": "01/09/2027 10:00", "closes": "30/09/2027 17:00", "confirmation": "" } }), Some(&versailles)).await;
        assert_eq!(elsewhere.status, 404, "another académie does not exist for this administrator");
        let made = app.call("offer_create", create(anglais, "2028", "01/09/2027 10:00", "30/09/2027 17:00", "15/10/2027 12:00"), Some(&versailles)).await;
        assert_eq!(made.status, 200, "{}", made.body);
        let new_id = made.json().as_i64().unwrap();
        let again = app.call("offer_create", create(anglais, "2028", "01/09/2027 10:00", "30/09/2027 17:00", ""), Some(&versailles)).await;
        assert_eq!(again.fields(), ["speciality"], "one offer per speciality, académie and session");
        let shown = app.get_as(&format!("/api/offer?id={new_id}"), Some(&versailles)).await.json();
        assert_eq!(shown["period"]["opens"], "01/09/2027 10:00", "read back in Paris time");
        assert_eq!(shown["period"]["confirmation"], "15/10/2027 12:00");
        assert_eq!(shown["domain_code"], "G01");
        assert_eq!(app.get_as(&format!("/api/offer?id={new_id}"), Some(&aix)).await.status, 404);

        // The guide's certification, open, with one registered candidate.
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        let jean = active_account(&app, "jean.talu@example.fr").await;
        assert_eq!(register(&app, &jean, cinema.public_id).await.status, 200);
        let tz = app.state.tz;
        let paris = |t: chrono::DateTime<chrono::Utc>| app::domain::LocalDateTime::from_utc(t, tz).to_string();
        let now = app.state.clock.now();
        let closes_now = json!({ "form": { "offer": cinema.id, "opens": paris(cinema.opens_at), "closes": paris(now + chrono::Duration::minutes(1)), "confirmation": "", "confirmed": "" } });
        let from_aix = app.call("offer_period", closes_now.clone(), Some(&aix)).await;
        assert_eq!(from_aix.status, 404);
        let asked = app.call("offer_period", closes_now.clone(), Some(&versailles)).await;
        assert_eq!(asked.fields(), ["confirmed"], "{}", asked.body);
        assert!(asked.body.contains("1 candidat est inscrit"), "{}", asked.body);
        let mut confirmed = closes_now.clone();
        confirmed["form"]["confirmed"] = json!("oui");
        assert_eq!(app.call("offer_period", confirmed, Some(&versailles)).await.status, 200);
        assert_eq!(journaled(&app).await.iter().filter(|a| *a == "catalogue.offre.periode").count(), 1);

        // R1's server check sees the new closing at once: two minutes later, closed.
        app.state.clock.advance(chrono::Duration::minutes(2));
        let marie = active_account(&app, "marie.curie@example.fr").await;
        let late = register(&app, &marie, cinema.public_id).await;
        assert_eq!(late.code().as_deref(), Some("offer_closed"), "{}", late.body);
        // Reopened: accepted again, and a closed period changes without a confirmation.
        let now = app.state.clock.now();
        let reopen = json!({ "form": { "offer": cinema.id, "opens": paris(cinema.opens_at), "closes": paris(now + chrono::Duration::days(3)), "confirmation": "", "confirmed": "" } });
        assert_eq!(app.call("offer_period", reopen, Some(&versailles)).await.status, 200);
        assert_eq!(register(&app, &marie, cinema.public_id).await.status, 200);

        // An offer with candidatures is never deleted; one without is.
        let kept = app.call("offer_delete", json!({ "id": cinema.id }), Some(&versailles)).await;
        assert_eq!(kept.fields(), ["offre"]);
        assert_eq!(app.call("offer_delete", json!({ "id": new_id }), Some(&aix)).await.status, 404);
        assert_eq!(app.call("offer_delete", json!({ "id": new_id }), Some(&versailles)).await.status, 200);
        assert_eq!(app.get_as(&format!("/api/offer?id={new_id}"), Some(&versailles)).await.status, 404);

        // The service gestionnaire, with its postal address, as candidates see it.
        let service = |phone: &str, email: &str| json!({ "form": { "academy": "VERSAILLES", "name": "DEC 5 - Examens", "phone": phone, "email": email, "address": "Rectorat\n3 boulevard de Lesseps\n\n78017 VERSAILLES CEDEX" } });
        assert_eq!(app.call("service_save", service("12", "pas-une-adresse"), Some(&versailles)).await.fields(), ["phone", "email"]);
        let foreign = app.call("service_save", json!({ "form": { "academy": "AIX-MARSEILLE", "name": "X", "phone": "0442266803", "email": "a@b.fr", "address": "" } }), Some(&versailles)).await;
        assert_eq!(foreign.status, 404);
        assert_eq!(app.call("service_save", service("01 30 83 44 44", "dec5@ac-versailles.fr"), Some(&versailles)).await.status, 200);
        let mine = app.get_as("/api/my_account", Some(&jean)).await.json();
        assert_eq!(mine["frozen"]["name"], "DEC 5 - Examens");
        assert_eq!(mine["frozen"]["email"], "dec5@ac-versailles.fr");
        assert_eq!(mine["frozen"]["address"], "Rectorat\n3 boulevard de Lesseps\n78017 VERSAILLES CEDEX", "blank lines dropped");
        assert!(journaled(&app).await.iter().any(|a| a == "catalogue.service"));
    }

    async fn the_catalog_forms_work_without_javascript(app) {
        let (all, versailles, _) = staff(&app).await;
        // A refused national change: the page again, the message beside the field, the
        // value typed kept.
        let g01 = app.get_as("/api/national_catalog", Some(&all)).await.json()["domains"][0]["id"].as_i64().unwrap().to_string();
        let refused = app.post_form("/gestion/catalogue", &[("formulaire", "catalogue-national"), ("action", "examen-ajout"), ("domaine", &g01), ("code", "BTS-ÉTÉ"), ("label", "Brevet de technicien")], Some(&all), &[]).await;
        assert_eq!(refused.status, 400, "a refusal: the page again");
        let text = visible_text(&refused.body);
        assert!(text.contains("Saisissez un code de 32 caractères au plus"), "{text}");
        assert!(refused.body.contains("value=\"Brevet de technicien\""), "what was typed is kept");
        let added = app.post_form("/gestion/catalogue", &[("formulaire", "catalogue-national"), ("action", "examen-ajout"), ("domaine", &g01), ("code", "BTS"), ("label", "Brevet de technicien")], Some(&all), &[]).await;
        assert_eq!(added.status, 303, "{}", added.body);
        assert!(exam::Entity::find().filter(exam::Column::Code.eq("BTS")).one(&app.state.db).await.unwrap().is_some());

        // A change to an open period with a registered candidate: the server asks first.
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        let jean = active_account(&app, "jean.talu@example.fr").await;
        assert_eq!(register(&app, &jean, cinema.public_id).await.status, 200);
        let page = format!("/gestion/offres/{}", cinema.id);
        let tz = app.state.tz;
        let paris = |t: chrono::DateTime<chrono::Utc>| app::domain::LocalDateTime::from_utc(t, tz).to_string();
        let closes = paris(cinema.closes_at + chrono::Duration::days(7));
        let opens = paris(cinema.opens_at);
        let fields = [("formulaire", "periode-offre"), ("opens", opens.as_str()), ("closes", closes.as_str()), ("confirmation", ""), ("confirmed", "")];
        let asked = app.post_form(&page, &fields, Some(&versailles), &[]).await;
        assert_eq!(asked.status, 400, "a refusal: the page again");
        let text = visible_text(&asked.body);
        assert!(text.contains("La période d'inscription est ouverte et 1 candidat est inscrit : confirmez la modification."), "{text}");
        assert!(text.contains("Confirmer la modification"), "{text}");
        assert!(asked.body.contains(&format!("value=\"{closes}\"")), "the new closing typed is kept");
        let mut confirmed = fields;
        confirmed[4] = ("confirmed", "oui");
        let done = app.post_form(&page, &confirmed, Some(&versailles), &[]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let after = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        assert_eq!(paris(after.closes_at), closes);
        // From another site: refused, nothing changed.
        let forged = app.post_form(&page, &confirmed, Some(&versailles), &[("origin", "http://evil.test")]).await;
        assert_eq!(forged.status, 403);

        // The pages themselves, as an administrator of the académie sees them.
        let offers = app.get_as("/gestion/offres", Some(&versailles)).await;
        let text = visible_text(&offers.body);
        assert!(text.contains("ARTS CINEMA et AUDIOVISUEL"), "{text}");
        assert!(!text.contains("AIX-MARSEILLE"), "{text}");
        let one = visible_text(&app.get_as(&page, Some(&versailles)).await.body);
        assert!(one.contains("Des candidatures se rapportent à cette offre"), "{one}");
    }
}
