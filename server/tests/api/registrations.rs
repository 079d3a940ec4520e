//! Registration (R1-R11; checklist lines 20, 22-24), through the server functions the
//! wizard calls: numbers, period enforcement at the opening and closing instants, versions,
//! the modification mail, idempotent saves, stale-version refusal, drafts and ownership.

use crate::accounts::{active_account, join_all};
use crate::helpers::{Reply, TestApp};
use crate::on_both_databases;
use app::server::entities::{
    academy, candidature, candidature_version, offer, registration_draft, speciality,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

/// The offer of `speciality` in `academy` (demo catalog).
pub async fn offer_of(app: &TestApp, speciality_code: &str, academy_code: &str) -> offer::Model {
    let spe = speciality::Entity::find()
        .filter(speciality::Column::Code.eq(speciality_code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let aca = academy::Entity::find()
        .filter(academy::Column::Code.eq(academy_code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    offer::Entity::find()
        .filter(offer::Column::SpecialityId.eq(spe.id))
        .filter(offer::Column::AcademyId.eq(aca.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

/// The guide's example: the certification ARTS CINEMA in Versailles (open in the demo).
async fn cinema(app: &TestApp) -> Uuid {
    offer_of(app, "ARTS-CINEMA", "VERSAILLES").await.public_id
}

/// The guide's Jean TALU, working at 0783371R in Versailles.
pub fn talu() -> Value {
    json!({
        "address_country": "FR",
        "address_1": "Rue de la pluie",
        "postal_code": "78270",
        "locality": "BLARU",
        "nationality": "FR",
        "phone": "0123456789",
        "corps": "ACT1D",
        "statut": "TIT",
        "position": "ACT",
        "work_country": "FR",
        "work_departement": "078",
        "work_locality": "78000-VERSAILLES",
        "etablissement": "0783371R",
        "epreuves": []
    })
}

pub fn request(
    offer: Uuid,
    candidature: Option<Uuid>,
    expected: Option<i64>,
    key: Uuid,
    form: Value,
) -> Value {
    json!({ "request": {
        "offer": offer,
        "candidature": candidature,
        "expected_version": expected,
        "idempotency_key": key,
        "form": form,
    }})
}

/// "Enregistrer" for a new candidature.
pub async fn register(app: &TestApp, cookie: &str, offer: Uuid) -> Reply {
    app.call(
        "save_candidature",
        request(offer, None, None, Uuid::new_v4(), talu()),
        Some(cookie),
    )
    .await
}

async fn modify(
    app: &TestApp,
    cookie: &str,
    offer: Uuid,
    id: Uuid,
    expected: i64,
    form: Value,
) -> Reply {
    app.call(
        "save_candidature",
        request(offer, Some(id), Some(expected), Uuid::new_v4(), form),
        Some(cookie),
    )
    .await
}

fn id_of(reply: &Reply) -> Uuid {
    assert_eq!(reply.status, 200, "{}", reply.body);
    Uuid::parse_str(reply.json()["id"].as_str().unwrap()).unwrap()
}

/// What a save answered, without whether its documents were rendered yet: a
/// replay may come after the renderer finished, and still names the same save.
fn saved(reply: &Reply) -> Value {
    let mut json = reply.json();
    for document in json["documents"].as_array_mut().into_iter().flatten() {
        document.as_object_mut().unwrap().remove("ready");
    }
    json
}

/// Moves the test clock to `at`.
fn set_clock(app: &TestApp, at: DateTime<Utc>) {
    let now = app.state.clock.now();
    app.state.clock.advance(at - now);
}

async fn count<E>(app: &TestApp) -> u64
where
    E: EntityTrait,
    E::Model: Sync,
{
    E::find().count(&app.state.db).await.unwrap()
}

on_both_databases! {
    async fn a_first_candidature_gets_numbers_and_a_second_one_the_next(app) {
        let cookie = active_account(&app, "talu@example.fr").await;
        let first = register(&app, &cookie, cinema(&app).await).await;
        assert_eq!(first.status, 200, "{}", first.body);
        let first = first.json();
        assert_eq!(first["registration_number"], "001");
        assert_eq!(first["version"], 1);
        let number = first["candidate_number"].as_str().unwrap().to_owned();
        assert_eq!(number.len(), 10);
        assert!(number.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(first["saved_at"], first["registered_at"]);

        let visuels = offer_of(&app, "DNL-ARTS-VISUELS", "VERSAILLES").await.public_id;
        // The second starts with the address, phone and situation of the first, not its tests.
        let starts = app.get_as(&format!("/api/new_registration?offer={visuels}"), Some(&cookie)).await.json();
        for key in ["address_1", "postal_code", "locality", "phone", "corps", "statut", "etablissement"] {
            assert_eq!(starts["form"][key], talu()[key], "{key}: {starts}");
        }
        assert_eq!(starts["form"]["epreuves"], json!([]));
        assert_eq!(starts["prefilled_from"], "CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE");
        let second = register(&app, &cookie, visuels).await.json();
        assert_eq!(second["registration_number"], "002");
        assert_eq!(second["candidate_number"], number.as_str(), "one N° candidat per account");

        // Another candidate starts at 001 with a number of their own.
        let other = active_account(&app, "autre@example.fr").await;
        let theirs = register(&app, &other, cinema(&app).await).await.json();
        assert_eq!(theirs["registration_number"], "001");
        assert_ne!(theirs["candidate_number"], number.as_str());

        let mine = app.get_as("/api/my_candidatures", Some(&cookie)).await.json();
        let numbers: Vec<&str> = mine["candidatures"].as_array().unwrap().iter()
            .map(|c| c["registration_number"].as_str().unwrap()).collect();
        assert_eq!(numbers, ["002", "001"]);
    }

    async fn concurrent_first_candidatures_get_001_and_002(app) {
        let cookie = active_account(&app, "presse@example.fr").await;
        let a = cinema(&app).await;
        let b = offer_of(&app, "DNL-ARTS-VISUELS", "VERSAILLES").await.public_id;
        let replies = join_all([a, b].into_iter().map(|o| register(&app, &cookie, o))).await;
        let mut numbers: Vec<String> = replies.iter().map(|r| {
            assert_eq!(r.status, 200, "{}", r.body);
            r.json()["registration_number"].as_str().unwrap().to_owned()
        }).collect();
        numbers.sort();
        assert_eq!(numbers, ["001", "002"]);
        assert_eq!(replies[0].json()["candidate_number"], replies[1].json()["candidate_number"]);
    }

    async fn many_candidates_saving_at_once_all_succeed(app) {
        // On SQLite every writing transaction takes the write lock first (no "database is
        // locked" from a read upgraded to a write); on PostgreSQL rows are locked.
        let mut cookies = Vec::new();
        for i in 0..8 {
            cookies.push(active_account(&app, &format!("foule{i}@example.fr")).await);
        }
        let offer = cinema(&app).await;
        let first = join_all(cookies.iter().map(|c| register(&app, c, offer))).await;
        let ids: Vec<Uuid> = first.iter().map(id_of).collect();
        let again = join_all(cookies.iter().zip(&ids).map(|(c, id)| modify(&app, c, offer, *id, 1, talu()))).await;
        for r in &again {
            assert_eq!(r.json()["version"], 2, "{}", r.body);
        }
        assert_eq!(count::<candidature_version::Entity>(&app).await, 16);
    }

    async fn only_an_open_offer_can_be_registered_for_at_the_instant_of_saving(app) {
        let cookie = active_account(&app, "dates@example.fr").await;
        let closed = offer_of(&app, "ARTS-CINEMA", "AIX-MARSEILLE").await;
        let refused = register(&app, &cookie, closed.public_id).await;
        assert_eq!((refused.status.as_u16(), refused.code().as_deref()), (409, Some("offer_closed")));
        let later = offer_of(&app, "DNL-EDUC-MUSICALE", "VERSAILLES").await;
        // Weeks pass between the steps: each one signs in again.
        let at = |when: DateTime<Utc>| {
            set_clock(&app, when);
            crate::accounts::sign_in_again(&app, "dates@example.fr")
        };
        // One second before the opening: refused; at the opening instant: accepted.
        let cookie = at(later.opens_at - chrono::Duration::seconds(1)).await;
        let early = register(&app, &cookie, later.public_id).await;
        assert_eq!(early.code().as_deref(), Some("offer_closed"));
        let cookie = at(later.opens_at).await;
        let on_time = register(&app, &cookie, later.public_id).await;
        let id = id_of(&on_time);
        // A modification one second before the closing passes; at the closing it is refused.
        let cookie = at(later.closes_at - chrono::Duration::seconds(1)).await;
        let last = modify(&app, &cookie, later.public_id, id, 1, talu()).await;
        assert_eq!(last.json()["version"], 2, "{}", last.body);
        let cookie = at(later.closes_at).await;
        let too_late = modify(&app, &cookie, later.public_id, id, 2, talu()).await;
        assert_eq!(too_late.code().as_deref(), Some("offer_closed"));
        assert_eq!(count::<candidature_version::Entity>(&app).await, 2);
        // The candidature is still shown, read-only, with the closing date.
        let html = app.get_as(&format!("/mes-inscriptions/{id}"), Some(&cookie)).await.body;
        let page = crate::helpers::visible_text(&html);
        assert!(page.contains("votre candidature n'est plus modifiable"), "{page}");
        assert!(!html.contains(&format!("/mes-inscriptions/{id}/modifier")), "no Modifier once closed");
    }

    async fn a_modification_raises_the_version_keeps_the_previous_and_mails(app) {
        let email = "modif@example.fr";
        let cookie = active_account(&app, email).await;
        let offer = cinema(&app).await;
        let id = id_of(&register(&app, &cookie, offer).await);
        // The activation mail was the first; the registration's the second.
        let registered = app.mail.wait_for(email, 2).await.pop().unwrap();
        assert_eq!(
            registered.subject(),
            "Inscription enregistrée : CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE"
        );
        assert!(registered.text().contains("récapitulatif d'inscription"), "{}", registered.text());
        assert!(registered.text().contains(&format!("/mes-documents/{id}")), "{}", registered.text());
        let mut form = talu();
        form["phone"] = json!("06 12 34 56 78");
        let second = modify(&app, &cookie, offer, id, 1, form).await;
        assert_eq!(second.status, 200, "{}", second.body);
        assert_eq!(second.json()["version"], 2);
        assert_eq!(second.json()["registration_number"], "001");

        let versions = candidature_version::Entity::find()
            .filter(candidature_version::Column::CandidatureId.eq(id))
            .all(&app.state.db).await.unwrap();
        let mut kept: Vec<(i32, bool)> = versions.iter()
            .map(|v| (v.version, v.answers.contains("0612345678"))).collect();
        kept.sort();
        assert_eq!(kept, [(1, false), (2, true)], "version 1 is kept as it was");

        let shown = app.get_as(&format!("/api/candidature?id={id}"), Some(&cookie)).await.json();
        assert_eq!(shown["saved"]["version"], 2);
        assert_eq!(shown["form"]["phone"], "0612345678");

        // Then the modification mail.
        let mail = app.mail.wait_for(email, 3).await.pop().unwrap();
        assert_eq!(
            mail.subject(),
            "Modification d'inscription : CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE"
        );
        assert!(mail.text().contains("version n°2"), "{}", mail.text());
        assert!(mail.text().contains(&format!("/mes-inscriptions/{id}")));
    }

    async fn a_replayed_or_double_clicked_save_creates_one_candidature(app) {
        let cookie = active_account(&app, "double@example.fr").await;
        let offer = cinema(&app).await;
        let key = Uuid::new_v4();
        let body = request(offer, None, None, key, talu());
        let replies = join_all((0..3).map(|_| app.call("save_candidature", body.clone(), Some(&cookie)))).await;
        for r in &replies {
            assert_eq!(r.status, 200, "{}", r.body);
            assert_eq!(saved(r), saved(&replies[0]), "every replay gets the first answer");
        }
        let replay = app.call("save_candidature", body, Some(&cookie)).await;
        assert_eq!(saved(&replay), saved(&replies[0]));
        assert_eq!(count::<candidature::Entity>(&app).await, 1);
        assert_eq!(count::<candidature_version::Entity>(&app).await, 1);

        // A modification sent twice raises the version once.
        let id = id_of(&replies[0]);
        let key = Uuid::new_v4();
        let change = request(offer, Some(id), Some(1), key, talu());
        let twice = join_all((0..2).map(|_| app.call("save_candidature", change.clone(), Some(&cookie)))).await;
        for r in &twice {
            assert_eq!(r.json()["version"], 2, "{}", r.body);
        }
        assert_eq!(count::<candidature_version::Entity>(&app).await, 2);

        // A new save (another key) for the same offer is sent to the candidature.
        let again = register(&app, &cookie, offer).await;
        assert_eq!(again.code().as_deref(), Some("already_registered"));
        assert_eq!(again.json()["detail"]["candidature"], id.to_string());
        let wizard = app.get_as(&format!("/api/new_registration?offer={offer}"), Some(&cookie)).await;
        assert_eq!(wizard.code().as_deref(), Some("already_registered"));
    }

    async fn a_stale_modification_does_not_overwrite_a_newer_one(app) {
        let cookie = active_account(&app, "onglets@example.fr").await;
        let offer = cinema(&app).await;
        let id = id_of(&register(&app, &cookie, offer).await);
        let mut first_tab = talu();
        first_tab["address_2"] = json!("Bâtiment A");
        let mut second_tab = talu();
        second_tab["address_2"] = json!("Bâtiment B");
        assert_eq!(modify(&app, &cookie, offer, id, 1, first_tab).await.status, 200);
        let stale = modify(&app, &cookie, offer, id, 1, second_tab).await;
        assert_eq!((stale.status.as_u16(), stale.code().as_deref()), (409, Some("stale_version")));
        let shown = app.get_as(&format!("/api/candidature?id={id}"), Some(&cookie)).await.json();
        assert_eq!(shown["form"]["address_2"], "Bâtiment A");
        assert_eq!(shown["saved"]["version"], 2);
        // What the refused tab sent is not lost: it is offered back as a draft.
        assert_eq!(shown["draft"]["form"]["address_2"], "Bâtiment B");
        assert_eq!(shown["draft"]["tab"], 5);
    }

    async fn the_server_checks_every_tab_again_and_ignores_what_a_candidate_may_not_set(app) {
        let cookie = active_account(&app, "controle@example.fr").await;
        let offer = cinema(&app).await;
        let mut form = talu();
        form["postal_code"] = json!("78999");
        form["etablissement"] = json!("0780422K");
        form["phone"] = json!("12");
        let refused = app.call("save_candidature", request(offer, None, None, Uuid::new_v4(), form), Some(&cookie)).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        let mut fields = refused.fields();
        fields.sort();
        assert_eq!(fields, ["etablissement", "phone", "postal_code"]);

        // A locality that is not the postal code's, a workplace outside its département.
        let mut form = talu();
        form["locality"] = json!("VERSAILLES");
        form["work_departement"] = json!("035");
        let refused = app.call("save_candidature", request(offer, None, None, Uuid::new_v4(), form), Some(&cookie)).await;
        let mut fields = refused.fields();
        fields.sort();
        assert_eq!(fields, ["etablissement", "locality"], "{}", refused.body);

        // The DCL asks for one oral support among two: none chosen is refused.
        let dcl = offer_of(&app, "ANGLAIS", "AIX-MARSEILLE").await.public_id;
        let none = app.call("save_candidature", request(dcl, None, None, Uuid::new_v4(), talu()), Some(&cookie)).await;
        assert_eq!(none.fields(), ["epreuves-SUPPORT"]);
        let mut form = talu();
        form["epreuves"] = json!(["031", "030", "010"]);
        let chosen = app.call("save_candidature", request(dcl, None, None, Uuid::new_v4(), form), Some(&cookie)).await;
        assert_eq!(chosen.status, 200, "{}", chosen.body);
        let id = id_of(&chosen);
        let shown = app.get_as(&format!("/api/candidature?id={id}"), Some(&cookie)).await.json();
        assert_eq!(shown["form"]["epreuves"], json!(["030", "031"]), "mandatory tests are not choices");

        // A request without a real idempotency key is refused.
        let nil = app.call("save_candidature", request(offer, None, None, Uuid::nil(), talu()), Some(&cookie)).await;
        assert_eq!(nil.code().as_deref(), Some("invalid_input"));

        // Numbers, version and status sent by the browser are not read.
        let mut body = request(offer, None, None, Uuid::new_v4(), talu());
        body["request"]["version"] = json!(9);
        body["request"]["registration_number"] = json!(42);
        body["request"]["form"]["status"] = json!("desinscrite");
        body["request"]["form"]["candidate_number"] = json!("0000000001");
        let saved = app.call("save_candidature", body, Some(&cookie)).await.json();
        assert_eq!(saved["version"], 1);
        assert_eq!(saved["registration_number"], "002");
        assert_ne!(saved["candidate_number"], "0000000001");
        let stored = candidature::Entity::find_by_id(Uuid::parse_str(saved["id"].as_str().unwrap()).unwrap())
            .one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(stored.status, "inscrite");
    }

    async fn tab_changes_keep_a_draft_that_is_offered_back(app) {
        let cookie = active_account(&app, "brouillon@example.fr").await;
        let offer = cinema(&app).await;
        let mut partial = talu();
        partial["phone"] = json!("");
        let draft = app.call("save_draft", json!({ "request": { "offer": offer, "tab": 1, "form": partial } }), Some(&cookie)).await;
        assert_eq!(draft.status, 200, "{}", draft.body);
        let errors: Vec<String> = draft.json().as_array().unwrap().iter()
            .map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(errors, ["phone"], "the tab's refusals come back, the input is kept anyway");
        // Tab 3 is checked against the reference data.
        let mut elsewhere = talu();
        elsewhere["etablissement"] = json!("0780422K");
        let tab3 = app.call("save_draft", json!({ "request": { "offer": offer, "tab": 3, "form": elsewhere } }), Some(&cookie)).await;
        assert_eq!(tab3.json()[0]["field"], "etablissement");

        // A new session (a closed tab, an expired session) finds the draft.
        let again = crate::accounts::sign_in_again(&app, "brouillon@example.fr").await;
        let wizard = app.get_as(&format!("/api/new_registration?offer={offer}"), Some(&again)).await.json();
        assert_eq!(wizard["draft"]["tab"], 3);
        assert_eq!(wizard["draft"]["form"]["etablissement"], "0780422K");
        let mine = app.get_as("/api/my_candidatures", Some(&again)).await.json();
        assert_eq!(mine["drafts"].as_array().unwrap().len(), 1);
        assert_eq!(count::<candidature::Entity>(&app).await, 0, "a draft is not a candidature");

        // Saving the candidature removes the draft.
        let id = id_of(&register(&app, &again, offer).await);
        assert_eq!(count::<registration_draft::Entity>(&app).await, 0);
        let shown = app.get_as(&format!("/api/candidature?id={id}"), Some(&again)).await.json();
        assert!(shown["draft"].is_null());

        // "Abandonner ma saisie" forgets a draft.
        let visuels = offer_of(&app, "DNL-ARTS-VISUELS", "VERSAILLES").await.public_id;
        app.call("save_draft", json!({ "request": { "offer": visuels, "tab": 1, "form": talu() } }), Some(&again)).await;
        assert_eq!(count::<registration_draft::Entity>(&app).await, 1);
        let dropped = app.call("discard_draft", json!({ "offer": visuels }), Some(&again)).await;
        assert_eq!(dropped.status, 200, "{}", dropped.body);
        assert_eq!(count::<registration_draft::Entity>(&app).await, 0);
    }

    async fn a_candidate_reaches_only_their_own_candidatures(app) {
        let alice = active_account(&app, "alice@example.fr").await;
        let bob = active_account(&app, "bob@example.fr").await;
        let offer = cinema(&app).await;
        let id = id_of(&register(&app, &alice, offer).await);
        let not_found = app.get_as(&format!("/api/candidature?id={}", Uuid::new_v4()), Some(&bob)).await;
        assert_eq!(not_found.status, 404);
        // Property: for Alice's id and random ids alike, Bob gets the same "not found".
        let ids: Vec<Uuid> = std::iter::once(id).chain((0..40).map(|_| Uuid::new_v4())).collect();
        for other in ids {
            let r = app.get_as(&format!("/api/candidature?id={other}"), Some(&bob)).await;
            assert_eq!((r.status, r.body.clone()), (not_found.status, not_found.body.clone()), "{other}");
        }
        let taken = modify(&app, &bob, offer, id, 1, talu()).await;
        assert_eq!(taken.code().as_deref(), Some("not_found"));
        let page = app.get_as(&format!("/mes-inscriptions/{id}"), Some(&bob)).await;
        assert!(!crate::helpers::visible_text(&page.body).contains("0783371R"));
        // Without a session, nothing.
        let anonymous = app.get_as(&format!("/api/candidature?id={id}"), None).await;
        assert_eq!(anonymous.status, 401);
        let still = app.get_as(&format!("/api/candidature?id={id}"), Some(&alice)).await.json();
        assert_eq!(still["saved"]["version"], 1);
    }

    async fn the_pages_show_the_recapitulatif_and_the_service_contact(app) {
        let cookie = active_account(&app, "pages@example.fr").await;
        let offer = cinema(&app).await;
        let id = id_of(&register(&app, &cookie, offer).await);
        let page = crate::helpers::visible_text(&app.get_as(&format!("/mes-inscriptions/{id}"), Some(&cookie)).await.body);
        for expected in [
            "Récapitulatif",
            "ARTS CINEMA et AUDIOVISUEL",
            "Rue de la pluie 78270 BLARU FRANCE (DONT OUTRE-MER)",
            "ETABLISSEMENT PENITENTIAIRE (0783371R) 78000-VERSAILLES (078)",
            "Version n°1",
            "Modifier",
            "Vous ne pouvez pas vous désinscrire par vos propres moyens",
            "ce.dec@ac-versailles.fr",
        ] {
            assert!(page.contains(expected), "{expected} missing from {page}");
        }
        let list = crate::helpers::visible_text(&app.get_as("/mes-inscriptions", Some(&cookie)).await.body);
        assert!(list.contains("N° ") && list.contains(" - 001 - Version n°1"), "{list}");
    }
}

/// A script saving one candidature in a loop is stopped: each version keeps its answers
/// and a PDF. What was typed is kept as the draft; a minute later saving works again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saves_of_one_candidature_are_limited_per_minute() {
    for db in [crate::helpers::Db::Sqlite, crate::helpers::Db::Postgres] {
        let app = crate::helpers::spawn_with(
            db,
            crate::helpers::test_now(),
            true,
            &[("CYCLADES_SAVES_PER_CANDIDATURE_PER_MINUTE", "2")],
        )
        .await;
        let cookie = active_account(&app, "boucle@example.fr").await;
        let offer = cinema(&app).await;
        let id = id_of(&register(&app, &cookie, offer).await);
        let second = modify(&app, &cookie, offer, id, 1, talu()).await;
        assert_eq!(second.status, 200, "{}", second.body);
        let mut changed = talu();
        changed["address_1"] = json!("Rue du soleil");
        let third = modify(&app, &cookie, offer, id, 2, changed).await;
        assert_eq!(third.status, 429, "{}", third.body);
        assert_eq!(third.code().as_deref(), Some("too_many_requests"));
        assert!(third.headers.contains_key("retry-after"));
        assert_eq!(count::<candidature_version::Entity>(&app).await, 2);
        let draft = registration_draft::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .expect("the refused input is kept as a draft");
        assert!(draft.answers.contains("Rue du soleil"), "{}", draft.answers);
        app.state.clock.advance(chrono::Duration::seconds(61));
        let later = modify(&app, &cookie, offer, id, 2, talu()).await;
        assert_eq!(later.status, 200, "{}", later.body);
        app.cleanup().await;
    }
}
