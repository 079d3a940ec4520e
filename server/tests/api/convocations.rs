//! Convocations aux épreuves (REQUIREMENTS S7, D3; issue 15), on both databases: each test's
//! schedule checked field by field; a batch rendered before its instant and shown to every
//! candidate at that instant, not a second before (a controllable clock); one mail each at
//! the instant, holding only the link; preparing again publishes version n°2 only where the
//! convocation changed; staff of another académie, candidates and visitors are refused.

use crate::accounts::active_account;
use crate::back_office::enrolled_staff;
use crate::helpers::{Reply, TestApp, eventually};
use crate::on_both_databases;
use crate::registrations::{offer_of, request, talu};
use app::domain::{Scope, StaffRole};
use app::model::documents::DocumentKind;
use app::server::entities::{document, journal_entry};
use app::server::jobs::JobKind;
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use server::documents::pdf_text::pdf_text;
use uuid::Uuid;

/// The convocations of candidature `c`, oldest first.
async fn convocations(app: &TestApp, c: &str) -> Vec<document::Model> {
    document::Entity::find()
        .filter(document::Column::CandidatureId.eq(c.parse::<Uuid>().unwrap()))
        .filter(document::Column::Kind.eq(DocumentKind::Convocation.as_str()))
        .order_by_asc(document::Column::Number)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// The kinds of the documents the candidate sees for candidature `c`.
async fn seen(app: &TestApp, cookie: &str, c: &str) -> Vec<(String, i64)> {
    let list = app
        .get_as(&format!("/api/candidature_documents?id={c}"), Some(cookie))
        .await
        .json();
    list["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap().to_owned(),
                d["number"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn schedule(
    app: &TestApp,
    cookie: &str,
    offer: i32,
    code: &str,
    starts: &str,
    place: &str,
) -> Reply {
    app.call(
        "convocation_schedule",
        json!({ "form": { "offer": offer, "epreuve": code, "starts": starts, "duration": "150", "place": place, "instructions": "Calculatrice interdite." } }),
        Some(cookie),
    )
    .await
}

async fn prepare(
    app: &TestApp,
    cookie: &str,
    offer: i32,
    selection: &str,
    numbers: &str,
    when: &str,
    at: &str,
) -> Reply {
    app.call(
        "convocations_prepare",
        json!({ "form": { "offer": offer, "selection": selection, "numbers": numbers, "when": when, "publish_at": at } }),
        Some(cookie),
    )
    .await
}

/// Registers the account of `cookie` for `offer` with the optional tests `chosen`; returns
/// the candidature's id and the candidate number.
async fn register_with(
    app: &TestApp,
    cookie: &str,
    offer: Uuid,
    chosen: &[&str],
) -> (String, String) {
    let mut form = talu();
    form["epreuves"] = json!(chosen);
    let saved = app
        .call(
            "save_candidature",
            request(offer, None, None, Uuid::new_v4(), form),
            Some(cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let v = saved.json();
    (
        v["id"].as_str().unwrap().to_owned(),
        v["candidate_number"].as_str().unwrap().to_owned(),
    )
}

/// Waits until every convocation of `c` is rendered; returns the last one's text.
async fn rendered_text(app: &TestApp, c: &str) -> String {
    let pdf = eventually("the convocation rendered", || async {
        let last = convocations(app, c).await.pop()?;
        last.pdf
    })
    .await;
    pdf_text(&pdf)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

on_both_databases! {
    async fn a_batch_is_shown_at_its_instant_and_republished_only_where_it_changed(app) {
        // An optional test "030" on the guide's certification, before anyone registers.
        let (national, _) = enrolled_staff(&app, "national@education.gouv.fr", StaffRole::Administrateur, &Scope::All).await;
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        let added = app.call("national_change", json!({ "change": { "EpreuveAdd": { "speciality": cinema.speciality_id, "code": "030", "label": "EPREUVE FACULTATIVE", "kind": "facultative", "mode": "oral", "group": "" } } }), Some(&national)).await;
        assert_eq!(added.status, 200, "{}", added.body);
        let talu = active_account(&app, "jean.talu@example.fr").await;
        let (with_030, talu_number) = register_with(&app, &talu, cinema.public_id, &["030"]).await;
        let other = active_account(&app, "autre@example.fr").await;
        let (without, _) = register_with(&app, &other, cinema.public_id, &[]).await;

        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        let page_path = format!("/api/convocations?offer={}", cinema.id);
        // Who may: staff of the offer's académie only.
        assert_eq!(app.get_as(&page_path, None).await.status, 401);
        assert_eq!(app.get_as(&page_path, Some(&talu)).await.status, 403);
        assert_eq!(app.get_as(&page_path, Some(&aix)).await.status, 404);
        assert_eq!(schedule(&app, &aix, cinema.id, "010", "12/05/2027 09:00", "Lycée Hoche").await.status, 404);
        assert_eq!(prepare(&app, &aix, cinema.id, "tous", "", "maintenant", "").await.status, 404);
        let page = app.get_as(&page_path, Some(&gestion)).await.json();
        let codes: Vec<&str> = page["schedules"].as_array().unwrap().iter().map(|s| s["form"]["epreuve"].as_str().unwrap()).collect();
        assert_eq!(codes, ["010", "020", "030"]);
        assert_eq!(page["registered"], 2);

        // Nothing prepared while a test taken has no schedule: the message names it.
        let early = prepare(&app, &gestion, cinema.id, "tous", "", "maintenant", "").await;
        assert_eq!(early.fields(), ["selection"], "{}", early.body);
        assert!(early.body.contains("010 - EXAMEN DU DOSSIER"), "{}", early.body);

        // Every field of a schedule checked, each refusal beside its field.
        let bad = app.call("convocation_schedule", json!({ "form": { "offer": cinema.id, "epreuve": "010", "starts": "31/02/2027 09:00", "duration": "0", "place": "  ", "instructions": "" } }), Some(&gestion)).await;
        assert_eq!(bad.fields(), ["starts", "duration", "place"], "{}", bad.body);
        let unknown = schedule(&app, &gestion, cinema.id, "999", "12/05/2027 09:00", "Lycée Hoche").await;
        assert_eq!(unknown.status, 404, "a test of another speciality does not exist here");
        for (code, starts) in [("010", "12/05/2027 09:00"), ("020", "12/05/2027 14:00"), ("030", "13/05/2027 09:00")] {
            let saved = schedule(&app, &gestion, cinema.id, code, starts, "Lycée Hoche\n73 avenue de Saint-Cloud\n78000 Versailles").await;
            assert_eq!(saved.status, 200, "{}", saved.body);
        }

        // Without JavaScript: a refused schedule comes back with what was typed, beside its field.
        let page = format!("/gestion/offres/{}/convocations", cinema.id);
        let refused = app.post_form(&page, &[("formulaire", "horaire-epreuve"), ("epreuve", "020"), ("starts", "13/05/2027 25:00"), ("duration", "45"), ("place", "Rectorat de Versailles"), ("instructions", "")], Some(&gestion), &[]).await;
        assert_eq!(refused.status, 400);
        let text = crate::helpers::visible_text(&refused.body);
        assert!(text.contains("L'horaire n'a pas été enregistré") && text.contains("Saisissez une date et une heure"), "{text}");
        assert!(refused.body.contains("13/05/2027 25:00"), "what was typed is kept");
        let saved = app.post_form(&page, &[("formulaire", "horaire-epreuve"), ("epreuve", "020"), ("starts", "12/05/2027 14:00"), ("duration", "150"), ("place", "Lycée Hoche\n73 avenue de Saint-Cloud\n78000 Versailles"), ("instructions", "Calculatrice interdite.")], Some(&gestion), &[]).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        assert_eq!(saved.location().unwrap(), format!("{page}?fait=horaire#epreuve-020"));
        let forged = app.post_form(&page, &[("formulaire", "preparation-convocations"), ("selection", "tous"), ("numbers", ""), ("when", "maintenant"), ("publish_at", "")], Some(&gestion), &[("origin", "http://evil.test")]).await;
        assert_eq!(forged.status, 403, "from another site");
        let shown = crate::helpers::visible_text(&app.get_as(&page, Some(&gestion)).await.body);
        assert!(shown.contains("Horaires des épreuves") && shown.contains("Préparer les convocations"), "{shown}");

        // Publication: an instant in the past, a selection with an unknown number.
        let past = prepare(&app, &gestion, cinema.id, "tous", "", "le", "28/11/2026 10:00").await;
        assert_eq!(past.fields(), ["publish_at"], "{}", past.body);
        let typo = prepare(&app, &gestion, cinema.id, "numeros", "0000000000", "maintenant", "").await;
        assert_eq!(typo.fields(), ["numbers"], "{}", typo.body);
        assert!(typo.body.contains("0000000000"), "{}", typo.body);

        // The batch, for 10:05 Paris (the clock is at 10:00).
        let batch = prepare(&app, &gestion, cinema.id, "tous", "", "le", "29/11/2026 10:05").await;
        assert_eq!(batch.status, 200, "{}", batch.body);
        assert_eq!(batch.json(), json!({ "published": 2, "unchanged": 0 }));
        // Rendered before the instant, but nobody sees it yet: not listed, its PDF "not found".
        let text = rendered_text(&app, &with_030).await;
        for expected in ["Convocation(s) aux épreuves", "12/05/2027", "09:00", "2 h 30", "78000 Versailles", "030 - EPREUVE FACULTATIVE", "Calculatrice interdite."] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
        let other_text = rendered_text(&app, &without).await;
        assert!(!other_text.contains("030 - EPREUVE FACULTATIVE"), "only the tests the candidate takes: {other_text}");
        let early_doc = convocations(&app, &with_030).await.remove(0);
        assert!(early_doc.visible_from.is_some());
        app.state.clock.advance(Duration::minutes(5) - Duration::seconds(1));
        app.state.jobs.wake(JobKind::Convocation);
        assert!(!seen(&app, &talu, &with_030).await.iter().any(|(k, _)| k == "Convocation"));
        let (hidden, _, _) = app.get_bytes(&format!("/documents/{}", early_doc.id), Some(&talu)).await;
        assert_eq!(hidden, 404, "one second before the instant");
        let verified = app.get_as(&format!("/api/verify_document?code={}", early_doc.verification_code), None).await;
        assert!(verified.body.contains("Unknown"), "not verifiable before its instant either: {}", verified.body);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!app.mail.all().iter().any(|m| m.subject().starts_with("Convocation")), "no mail before the instant");

        // At the instant: every convocation of the batch, for every candidate, and one mail each.
        app.state.clock.advance(Duration::seconds(1));
        assert_eq!(seen(&app, &talu, &with_030).await.iter().filter(|(k, _)| k == "Convocation").count(), 1);
        assert!(seen(&app, &other, &without).await.contains(&("Convocation".to_owned(), 1)));
        let (shown, _, pdf) = app.get_bytes(&format!("/documents/{}", early_doc.id), Some(&talu)).await;
        assert_eq!(shown, 200);
        assert!(pdf.starts_with(b"%PDF-"));
        app.state.jobs.wake(JobKind::Convocation);
        let mails = app.mail.wait_for("autre@example.fr", 3).await;
        let mail = mails.iter().find(|m| m.subject().starts_with("Convocation aux épreuves")).expect("the convocation's mail");
        assert!(mail.text().contains(&format!("/mes-documents/{without}")), "{}", mail.text());
        assert!(!mail.text().contains("Lycée Hoche") && !mail.text().contains("12/05/2027"), "no content in the mail: {}", mail.text());
        app.mail.wait_for("jean.talu@example.fr", 3).await;

        // Nothing changed: nothing to publish.
        let again = prepare(&app, &gestion, cinema.id, "tous", "", "maintenant", "").await;
        assert_eq!(again.fields(), ["selection"], "{}", again.body);
        // The optional test moves: version n°2 for the candidate who takes it, only.
        assert_eq!(schedule(&app, &gestion, cinema.id, "030", "14/05/2027 09:00", "Lycée Hoche\n78000 Versailles").await.status, 200);
        let second = prepare(&app, &gestion, cinema.id, "tous", "", "maintenant", "").await;
        assert_eq!(second.json(), json!({ "published": 1, "unchanged": 1 }), "{}", second.body);
        let talus = convocations(&app, &with_030).await;
        assert_eq!(talus.iter().map(|d| d.number).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(convocations(&app, &without).await.len(), 1);
        assert!(rendered_text(&app, &with_030).await.contains("14/05/2027"));
        assert!(seen(&app, &talu, &with_030).await.contains(&("Convocation".to_owned(), 2)));
        // A selection by candidate number: this candidate only, nothing new to say.
        let chosen = prepare(&app, &gestion, cinema.id, "numeros", &talu_number, "maintenant", "").await;
        assert_eq!(chosen.fields(), ["selection"], "{}", chosen.body);

        // A change shown tomorrow: hidden until then, even when staff correct the identity
        // (the documents published again keep their embargo).
        assert_eq!(schedule(&app, &gestion, cinema.id, "030", "15/05/2027 09:00", "Lycée Hoche\n78000 Versailles").await.status, 200);
        let tomorrow = prepare(&app, &gestion, cinema.id, "tous", "", "le", "30/11/2026 10:00").await;
        assert_eq!(tomorrow.json(), json!({ "published": 1, "unchanged": 1 }), "{}", tomorrow.body);
        assert!(seen(&app, &talu, &with_030).await.contains(&("Convocation".to_owned(), 2)));
        let d = crate::back_office::dossier(&app, &gestion, &with_030).await.json();
        let revision = d["identity_revision"].as_str().unwrap().to_owned();
        let corrected = crate::corrections::correct(&app, Some(&gestion), &with_030, &revision, &crate::corrections::corrected(&d, "Jean Pierre"), "Erreur de saisie").await;
        assert_eq!(corrected.status, 200, "{}", corrected.body);
        let all = convocations(&app, &with_030).await;
        assert_eq!(all.len(), 4, "version n°4 for the corrected identity");
        assert_eq!(all[3].visible_from, all[2].visible_from, "still under the batch's embargo");
        assert!(seen(&app, &talu, &with_030).await.contains(&("Convocation".to_owned(), 2)), "nothing shown before tomorrow");
        // The same convocation, published now instead: shown at once.
        let sooner = prepare(&app, &gestion, cinema.id, "tous", "", "maintenant", "").await;
        assert_eq!(sooner.json(), json!({ "published": 1, "unchanged": 1 }), "{}", sooner.body);
        assert!(seen(&app, &talu, &with_030).await.contains(&("Convocation".to_owned(), 5)));

        // The page's batches, newest first, with their progress; the journal has each step.
        let page: Value = app.get_as(&page_path, Some(&gestion)).await.json();
        let batches = page["batches"].as_array().unwrap();
        assert_eq!(batches.len(), 4);
        assert_eq!(batches[3]["total"], 2);
        assert_eq!(batches[3]["published"], true);
        assert_eq!(batches[3]["mailed"], true);
        assert_eq!(batches[3]["rendered"], 2);
        assert_eq!(batches[2]["unchanged"], 1);
        assert_eq!(batches[1]["published"], false, "tomorrow's");
        let actions: Vec<String> = journal_entry::Entity::find().all(&app.state.db).await.unwrap().into_iter().map(|e| e.action).filter(|a| a.starts_with("convocations.")).collect();
        assert_eq!(actions.iter().filter(|a| *a == "convocations.lot").count(), 4);
        assert_eq!(actions.iter().filter(|a| *a == "convocations.horaire").count(), 6);

        // The first batch's printable PDF (every convocation in turn) and its ZIP.
        let first = batches[3]["id"].as_str().unwrap().to_owned();
        eventually("the batch's files", || async {
            let page: Value = app.get_as(&page_path, Some(&gestion)).await.json();
            page["batches"][3]["files"].as_bool().filter(|f| *f)
        })
        .await;
        let base = format!("/gestion/convocations/lots/{first}");
        let (status, headers, print) = app.get_bytes(&format!("{base}/impression.pdf"), Some(&gestion)).await;
        assert_eq!(status, 200);
        assert_eq!(headers.get("content-type").unwrap(), "application/pdf");
        let printed = pdf_text(&print).unwrap();
        assert_eq!(printed.matches("Vous êtes convoqué(e)").count(), 2, "both convocations, in full: {printed}");
        assert_eq!(printed.matches("030 - EPREUVE FACULTATIVE").count(), 3, "one convocation names it (its table, its instructions, its tests): {printed}");
        let (status, headers, zipped) = app.get_bytes(&format!("{base}/convocations.zip"), Some(&gestion)).await;
        assert_eq!(status, 200);
        assert_eq!(headers.get("content-type").unwrap(), "application/zip");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
        let mut names: Vec<String> = archive.file_names().map(str::to_owned).collect();
        names.sort();
        assert_eq!(names.len(), 2);
        assert!(names.iter().any(|n| n == &format!("convocation-epreuves-{talu_number}-001-v1.pdf")), "{names:?}");
        let mut inside = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut inside).unwrap();
        assert!(inside.starts_with(b"%PDF-"));
        let (status, _, _) = app.get_bytes(&format!("{base}/convocations.zip"), Some(&aix)).await;
        assert_eq!(status, 404, "another académie's batch does not exist for them");
        let (status, _, _) = app.get_bytes(&format!("{base}/convocations.zip"), Some(&talu)).await;
        assert_ne!(status, 200, "nor for a candidate");

        // The preview: a PDF for staff of the académie, nothing for the others.
        let (status, headers, pdf) = app.get_bytes(&format!("/gestion/offres/{}/convocations/apercu", cinema.id), Some(&gestion)).await;
        assert_eq!(status, 200);
        assert_eq!(headers.get("content-type").unwrap(), "application/pdf");
        assert!(pdf_text(&pdf).unwrap().contains("EXAMEN DU DOSSIER"));
        let (status, _, _) = app.get_bytes(&format!("/gestion/offres/{}/convocations/apercu", cinema.id), Some(&aix)).await;
        assert_eq!(status, 404);
        assert_eq!(convocations(&app, &with_030).await.len(), 5, "a preview publishes nothing");
    }
}
