//! Documents (D1-D4; checklist line 29): published on save and on each modification with
//! earlier versions kept, rendered by the background job (retried after a failure), fetched
//! by their owner only, and checked by anyone on "Vérifier un document". What the PDFs say
//! is read back with pdftotext.

use crate::accounts::active_account;
use crate::helpers::{Db, TestApp, eventually, spawn_rendering, test_now, visible_text};
use crate::on_both_databases;
use crate::registrations::{offer_of, register, talu};
use app::model::documents::DocumentKind;
use app::server::entities::{candidature, document, job};
use app::server::jobs::{JobKind, queue};
use app::server::services::documents::DocumentData;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use server::documents::pdf_text::pdf_text;
use server::documents::{Render, Typst};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use uuid::Uuid;

/// The documents listed by a save's answer.
/// The documents of a saved candidature but its "Demande de pièces justificatives" (the
/// demo's cinema offer asks for pieces: relances.rs tests that one).
fn documents(saved: &Value) -> Vec<Value> {
    saved["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d["kind"] != "DemandePieces")
        .collect()
}

/// The PDF of document `id` as its owner gets it, with the response headers, and its text.
async fn pdf(app: &TestApp, cookie: &str, id: &str) -> (reqwest::header::HeaderMap, String) {
    let (status, headers, body) = app
        .get_bytes(&format!("/documents/{id}"), Some(cookie))
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let text = pdf_text(&body).expect("a readable PDF");
    // Lines as a reader follows them: every run of spaces and line breaks one space.
    (
        headers,
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// "Enregistrer" on a modification of candidature `id` (version `expected`).
async fn modify(app: &TestApp, cookie: &str, offer: Uuid, id: &str, expected: i64) -> Value {
    let mut form = talu();
    form["phone"] = json!("0612345678");
    let saved = app
        .call(
            "save_candidature",
            json!({ "request": {
                "offer": offer, "candidature": id, "expected_version": expected,
                "idempotency_key": Uuid::new_v4(), "form": form,
            }}),
            Some(cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    saved.json()
}

async fn rows(app: &TestApp, candidature: &str) -> Vec<document::Model> {
    document::Entity::find()
        .filter(document::Column::CandidatureId.eq(Uuid::parse_str(candidature).unwrap()))
        .filter(document::Column::Kind.ne("demande_pieces"))
        .order_by_asc(document::Column::Number)
        .all(&app.state.db)
        .await
        .unwrap()
}

on_both_databases! {
    async fn saving_publishes_the_recapitulatif_and_a_modification_its_version_2(app) {
        let cookie = active_account(&app, "talu@example.fr").await;
        let offer = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &cookie, offer).await.json();
        let id = saved["id"].as_str().unwrap().to_owned();
        let number = saved["candidate_number"].as_str().unwrap().to_owned();
        let listed = documents(&saved);
        assert_eq!(listed.len(), 1, "{saved}");
        assert_eq!(listed[0]["kind"], "Recapitulatif", "G02 publishes a récapitulatif");
        // Beside it, the demande of the pieces the offer asks for.
        assert!(saved["documents"].as_array().unwrap().iter().any(|d| d["kind"] == "DemandePieces"), "{saved}");
        assert_eq!(listed[0]["number"], 1);
        let first = listed[0]["id"].as_str().unwrap().to_owned();

        // Asked for at once, the PDF comes when rendered.
        let (headers, text) = pdf(&app, &cookie, &first).await;
        assert_eq!(headers["content-type"], "application/pdf");
        assert_eq!(
            headers["content-disposition"],
            format!("inline; filename=\"recapitulatif-inscription-{number}-001-v1.pdf\"").as_str()
        );
        assert_eq!(headers["cache-control"], "private, no-store");
        for expected in ["Récapitulatif d'inscription", "TALU", "Jean", &number, "N° inscription : 001", "Version n°1", "Rue de la pluie", "ARTS CINEMA"] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
        let (status, headers, _) = app
            .get_bytes(&format!("/documents/{first}?telecharger=1"), Some(&cookie))
            .await;
        assert_eq!(status, 200);
        assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"recapitulatif-inscription-"));

        // A modification publishes version n°2 in its place; n°1 stays stored.
        let modified = modify(&app, &cookie, offer, &id, 1).await;
        let listed = documents(&modified);
        assert_eq!(listed.len(), 1, "{modified}");
        assert_eq!(listed[0]["number"], 2);
        let second = listed[0]["id"].as_str().unwrap().to_owned();
        assert_ne!(first, second);
        let (_, text) = pdf(&app, &cookie, &second).await;
        assert!(text.contains("Version n°2"), "{text}");
        assert!(text.contains("0612345678"), "the modified phone: {text}");
        let stored = rows(&app, &id).await;
        assert_eq!(stored.iter().map(|d| d.number).collect::<Vec<_>>(), [1, 2]);
        assert!(stored.iter().all(|d| d.pdf.is_some()), "earlier versions stay stored");
        let (_, old) = pdf(&app, &cookie, &first).await;
        assert!(old.contains("Version n°1") && !old.contains("0612345678"), "{old}");

        // The list of "Mes documents" shows the latest version only.
        let list = app.get_as(&format!("/api/candidature_documents?id={id}"), Some(&cookie)).await;
        assert_eq!(list.status, 200, "{}", list.body);
        let shown = documents(&list.json());
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0]["number"], 2);
        assert_eq!(shown[0]["ready"], true);
    }

    async fn an_exam_of_g01_publishes_a_confirmation_to_return_before_its_date(app) {
        let cookie = active_account(&app, "talu@example.fr").await;
        let dcl = offer_of(&app, "ANGLAIS", "AIX-MARSEILLE").await;
        let mut form = talu();
        form["epreuves"] = json!(["031"]);
        let saved = app
            .call(
                "save_candidature",
                json!({ "request": {
                    "offer": dcl.public_id, "candidature": null, "expected_version": null,
                    "idempotency_key": Uuid::new_v4(), "form": form,
                }}),
                Some(&cookie),
            )
            .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        let listed = documents(&saved.json());
        assert_eq!(listed[0]["kind"], "Confirmation");
        let (_, text) = pdf(&app, &cookie, listed[0]["id"].as_str().unwrap()).await;
        let due = app::domain::LocalDateTime::from_utc(dcl.confirmation_due_at.unwrap(), app.state.tz);
        assert!(text.contains("Confirmation d'inscription"), "{text}");
        assert!(text.contains(&format!("avant le {}", due.date_fr())), "{text}");
        assert!(text.contains("031"), "the test chosen: {text}");
    }

    async fn a_document_is_its_owners_alone(app) {
        let owner = active_account(&app, "talu@example.fr").await;
        let offer = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &owner, offer).await.json();
        let doc = documents(&saved)[0]["id"].as_str().unwrap().to_owned();
        let candidature = saved["id"].as_str().unwrap().to_owned();
        pdf(&app, &owner, &doc).await;

        let other = active_account(&app, "autre@example.fr").await;
        let (status, _, body) = app.get_bytes(&format!("/documents/{doc}"), Some(&other)).await;
        assert_eq!(status, 404, "{}", String::from_utf8_lossy(&body));
        let (unknown, _, _) = app.get_bytes(&format!("/documents/{}", Uuid::new_v4()), Some(&owner)).await;
        assert_eq!(unknown, 404, "another's document looks like no document");
        let (garbled, _, _) = app.get_bytes("/documents/..%2F..%2Fetc%2Fpasswd", Some(&owner)).await;
        assert_eq!(garbled, 404);
        let (anonymous, headers, _) = app.get_bytes(&format!("/documents/{doc}"), None).await;
        assert_eq!(anonymous, 303, "a visitor is sent to the sign-in");
        assert_eq!(
            headers["location"],
            format!("/connexion?retour=%2Fdocuments%2F{doc}").as_str(),
            "and brought back to the document after signing in"
        );
        let (_, headers, _) = app.get_bytes(&format!("/documents/{doc}?telecharger=1"), None).await;
        assert_eq!(
            headers["location"],
            format!("/connexion?retour=%2Fdocuments%2F{doc}").as_str(),
            "after signing in, the document opens rather than downloads"
        );
        let theirs = app
            .get_as(&format!("/api/candidature_documents?id={candidature}"), Some(&other))
            .await;
        assert_eq!(theirs.status, 404);
        let mine = app.get_as("/api/my_documents", Some(&other)).await.json();
        assert_eq!(mine["cards"], json!([]));
        let mine = app.get_as("/api/my_documents", Some(&owner)).await.json();
        assert_eq!(mine["cards"].as_array().unwrap().len(), 1);
        assert_eq!(mine["cards"][0]["domain_label"], "Autres Certifications");
        assert_eq!(mine["cards"][0]["registration_number"], "001");
    }

    async fn the_verification_page_tells_valid_superseded_and_unknown_codes(app) {
        let cookie = active_account(&app, "talu@example.fr").await;
        let offer = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &cookie, offer).await.json();
        let id = saved["id"].as_str().unwrap().to_owned();
        let first = rows(&app, &id).await.remove(0).verification_code;
        // The code printed on the PDF is the one the page knows.
        let (_, text) = pdf(&app, &cookie, documents(&saved)[0]["id"].as_str().unwrap()).await;
        let printed = app::domain::VerificationCode::parse(&first).unwrap().to_string();
        assert!(text.contains(&printed), "{printed} in {text}");

        let check = |code: String| {
            let app = &app;
            async move { app.get_as(&format!("/api/verify_document?code={code}"), None).await }
        };
        let found = check(printed.to_lowercase()).await;
        assert_eq!(found.status, 200, "{}", found.body);
        let v = &found.json()["Found"];
        assert_eq!(v["kind"], "Recapitulatif");
        assert_eq!(v["registration_number"], "001");
        assert_eq!(v["candidate_number"], saved["candidate_number"]);
        assert_eq!(v["number"], 1);
        assert_eq!(v["latest"], true);
        assert_eq!(v["registered"], true);

        modify(&app, &cookie, offer, &id, 1).await;
        let second = rows(&app, &id).await.remove(1).verification_code;
        assert_eq!(check(first.clone()).await.json()["Found"]["latest"], false, "superseded");
        let now = check(second).await.json();
        assert_eq!(now["Found"]["latest"], true);
        assert_eq!(now["Found"]["candidature_version"], 2);
        for unknown in ["0000-0000-0000-0000", "pas un code", "#read(\"/etc/passwd\")"] {
            let r = check(unknown.replace(' ', "%20").replace('#', "%23").replace('"', "%22")).await;
            assert_eq!(r.status, 200, "{}", r.body);
            assert_eq!(r.json(), json!("Unknown"), "{unknown}");
        }

        // The page says it without an account, and nothing about where the candidate lives.
        let page = app.get_as(&format!("/verifier-un-document?code={printed}"), None).await;
        assert_eq!(page.status, 200);
        let text = visible_text(&page.body);
        assert!(text.contains("une version plus récente a été publiée"), "{text}");
        assert!(text.contains("Récapitulatif d'inscription"), "{text}");
        for private in ["Rue de la pluie", "BLARU", "01 23 45 67 89", "0123456789", "0612345678", "01/01/2002", "talu@example.fr"] {
            assert!(!text.contains(private), "{private} shown: {text}");
        }
        let malformed = visible_text(&app.get_as("/verifier-un-document?code=ABC", None).await.body);
        assert!(malformed.contains("comporte 16 lettres ou chiffres"), "{malformed}");

        // Unregistered by the service (S5): its documents no longer prove a registration.
        candidature::Entity::update_many()
            .col_expr(candidature::Column::Status, sea_orm::sea_query::Expr::value("desinscrite"))
            .filter(candidature::Column::Id.eq(Uuid::parse_str(&id).unwrap()))
            .exec(&app.state.db)
            .await
            .unwrap();
        let gone = check(printed.clone()).await.json();
        assert_eq!(gone["Found"]["registered"], false);
        let page = visible_text(&app.get_as(&format!("/verifier-un-document?code={printed}"), None).await.body);
        assert!(page.contains("la candidature a été désinscrite"), "{page}");
    }

    async fn mes_documents_lists_cards_then_the_documents_of_one(app) {
        let cookie = active_account(&app, "talu@example.fr").await;
        let offer = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &cookie, offer).await.json();
        let id = saved["id"].as_str().unwrap();
        let number = saved["candidate_number"].as_str().unwrap();
        pdf(&app, &cookie, documents(&saved)[0]["id"].as_str().unwrap()).await;
        let cards = visible_text(&app.get_as("/mes-documents", Some(&cookie)).await.body);
        assert!(cards.contains(&format!("N° candidat : {number}")), "{cards}");
        assert!(cards.contains("Autres Certifications"), "{cards}");
        assert!(cards.contains("N° : 001"), "{cards}");
        let list = visible_text(&app.get_as(&format!("/mes-documents/{id}"), Some(&cookie)).await.body);
        assert!(list.contains(&format!("Liste des documents publiés pour la candidature n° {number} - 001")), "{list}");
        assert!(list.contains("Récapitulatif d'inscription : Version n°1 mis à jour le"), "{list}");
        let forms = visible_text(&app.get_as("/les-formulaires", Some(&cookie)).await.body);
        assert!(forms.contains("cette section n'est pas utilisée dans le cadre des examens/certifications"), "{forms}");
    }
}

/// Typst, after `failures` failed attempts.
struct FailingFirst {
    failures: AtomicU32,
    typst: Typst,
}

impl Render for FailingFirst {
    fn render(&self, kind: DocumentKind, data: &DocumentData) -> Result<Vec<u8>, String> {
        if self
            .failures
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
        {
            return Err("the renderer failed (test)".into());
        }
        self.typst.render(kind, data)
    }
}

/// The rendering job of candidature `id`'s document once an attempt has failed.
async fn first_failure(app: &TestApp, id: &str) -> job::Model {
    let doc = rows(app, id).await.remove(0);
    eventually("a failed attempt is recorded", || async {
        let job = queue::find(&app.state.db, JobKind::Render, doc.id)
            .await
            .unwrap()?;
        (job.attempts >= 1).then_some(job)
    })
    .await
}

/// D1: a rendering that fails never fails the save; the job retries after its back-off
/// until the document exists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_rendering_is_retried_until_the_document_exists() {
    for db in [Db::Sqlite, Db::Postgres] {
        let renderer = Arc::new(FailingFirst {
            failures: AtomicU32::new(2),
            typst: Typst::new(),
        });
        let app = spawn_rendering(db, test_now(), renderer).await;
        let cookie = active_account(&app, "talu@example.fr").await;
        let offer = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let saved = register(&app, &cookie, offer).await;
        assert_eq!(
            saved.status, 200,
            "the candidature is saved: {}",
            saved.body
        );
        let id = saved.json()["id"].as_str().unwrap().to_owned();
        let doc = documents(&saved.json())[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();

        // The first attempt fails and is recorded with a later attempt time.
        let job = first_failure(&app, &id).await;
        assert!(rows(&app, &id).await[0].pdf.is_none());
        assert!(
            job.last_error
                .as_deref()
                .unwrap_or("")
                .contains("renderer failed")
        );
        assert!(job.run_at > app.state.clock.now());
        // Meanwhile the owner is told to come back in a moment.
        let (status, headers, _) = app
            .get_bytes(&format!("/documents/{doc}"), Some(&cookie))
            .await;
        assert_eq!(status, 503);
        assert_eq!(headers["retry-after"], "5");

        // Past the back-offs, the job tries again and the document exists.
        for _ in 0..3 {
            app.state.clock.advance(chrono::Duration::minutes(1));
            app.state.jobs.wake(JobKind::Render);
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
        let (headers, text) = pdf(&app, &cookie, &doc).await;
        assert_eq!(headers["content-type"], "application/pdf");
        assert!(text.contains("Récapitulatif d'inscription"));
        let row = rows(&app, &id).await.remove(0);
        assert!(row.rendered_at.is_some());
        let job = queue::find(&app.state.db, JobKind::Render, row.id)
            .await
            .unwrap();
        assert!(job.is_none(), "the rendered document's job is done");
        app.cleanup().await;
    }
}
