//! Deposited files end to end over HTTP (REQUIREMENTS J3-J5, S6; security checklist lines
//! 20, 25-28; issue 14), on both databases, with the real clamd of the test command: a PDF
//! deposited, scanned, opened by its owner only (404 to another candidate and to another
//! académie), deleted, deposited again, confirmed and locked; Non conforme "Pièce
//! illisible" seen by the candidate, deposited again and confirmed again; Conforme counted.
//! Each refusal names its problem beside the file field; an infected file is never served;
//! with clamd down files wait unopened and are scanned once it is back.

use crate::accounts::active_account;
use crate::back_office::enrolled_staff;
use crate::helpers::{Db, Reply, TestApp, spawn_with, test_now};
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use app::domain::{Scope, StaffRole};
use app::server::entities::piece_file;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::io::{Cursor, Write};

pub const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// The 68 bytes of the EICAR test file, built from pieces.
fn eicar() -> Vec<u8> {
    let head = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
    let tail = ["EICAR", "-STANDARD-ANTIVIRUS-TEST-FILE!", "$H+H*"].concat();
    format!("{head}{tail}").into_bytes()
}

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A multipart body with the file field `fichier`, as a browser's form sends it.
pub fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----cyclades-test-boundary-7d1f";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"formulaire\"\r\n\r\ndepot\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts `bytes` named `name` for a piece; `json`: as the page's client does.
pub async fn upload(
    app: &TestApp,
    cookie: &str,
    candidature: uuid::Uuid,
    piece: i32,
    name: &str,
    bytes: &[u8],
    json: bool,
) -> Reply {
    let (content_type, body) = multipart(name, bytes);
    let request = app
        .client
        .post(format!(
            "{}/mes-justificatifs/{candidature}/{piece}/depot",
            app.base
        ))
        .header("content-type", content_type)
        .header(
            "accept",
            if json {
                "application/json"
            } else {
                "text/html"
            },
        )
        .header("cookie", cookie)
        .body(body);
    Reply::of(request).await
}

/// "J'ai fourni toutes mes pièces" for group `group` of candidature `c`.
pub async fn confirm(
    app: &TestApp,
    cookie: &str,
    c: uuid::Uuid,
    group: &(impl serde::Serialize + ?Sized),
) -> Reply {
    let body = serde_json::json!({ "candidature": c, "group": group });
    app.call("confirm_pieces", body, Some(cookie)).await
}

/// The candidate's candidatures' pieces, as "Mes justificatifs" loads them.
pub async fn my_pieces(app: &TestApp, cookie: &str) -> serde_json::Value {
    let r = app.get_as("/api/my_pieces", Some(cookie)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

/// Waits until the antivirus has scanned file `id` (at most 30 s).
pub async fn scanned(app: &TestApp, id: uuid::Uuid) -> piece_file::Model {
    for _ in 0..300 {
        let row = piece_file::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        if row.scanned_at.is_some() {
            return row;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("file {id} was not scanned");
}

/// The candidate's registered candidature of the demo's cinema offer, and its online and
/// postal pieces.
pub async fn candidature_with_pieces(app: &TestApp, cookie: &str) -> (uuid::Uuid, i32, i32, i32) {
    let cinema = offer_of(app, "ARTS-CINEMA", "VERSAILLES").await;
    assert_eq!(register(app, cookie, cinema.public_id).await.status, 200);
    let mine = my_pieces(app, cookie).await;
    let c = &mine[0];
    let online = &c["groups"][0];
    assert_eq!(online["mode"], "EnLigne");
    (
        uuid::Uuid::parse_str(c["candidature"].as_str().unwrap()).unwrap(),
        i32::try_from(online["id"].as_i64().unwrap()).unwrap(),
        i32::try_from(online["pieces"][0]["id"].as_i64().unwrap()).unwrap(),
        i32::try_from(c["groups"][1]["pieces"][0]["id"].as_i64().unwrap()).unwrap(),
    )
}

fn file_id(reply: &Reply) -> uuid::Uuid {
    assert_eq!(reply.status, 200, "{}", reply.body);
    uuid::Uuid::parse_str(reply.json()["file"].as_str().unwrap()).unwrap()
}

async fn decide(
    app: &TestApp,
    staff: &str,
    c: uuid::Uuid,
    piece: i32,
    status: &str,
    comment: &str,
) -> Reply {
    let control = app
        .get_as(&format!("/api/piece_control?candidature={c}&piece={piece}&query[offer]=&query[group]=&query[status]=tous&query[confirmed]=&query[deadline]=&query[page]=1"), Some(staff))
        .await;
    if control.status != 200 {
        return control;
    }
    let revision = control.json()["revision"].as_str().unwrap().to_owned();
    app.call(
        "decide_pieces",
        serde_json::json!({ "selection": [format!("{c}/{piece}")], "revision": revision, "status": status, "received_on": "", "comment": comment }),
        Some(staff),
    )
    .await
}

/// The whole J3-J5 cycle on `app` (whatever its database and file store).
async fn cycle(app: &TestApp) {
    let me = active_account(app, "jean.talu@example.fr").await;
    let (c, group, piece, _) = candidature_with_pieces(app, &me).await;

    // Nothing to confirm without a file: the piece is named.
    let early = confirm(app, &me, c, &group).await;
    assert_eq!(
        early.code().as_deref(),
        Some("invalid_fields"),
        "{}",
        early.body
    );
    assert_eq!(early.fields(), [format!("piece-{piece}")]);

    // Deposited: waiting for the antivirus, opened by nobody.
    let first = file_id(&upload(app, &me, c, piece, "ancien.pdf", PDF, true).await);
    let url = format!("/mes-justificatifs/fichiers/{first}");
    let row = scanned(app, first).await;
    assert_eq!(row.infection, None);
    assert_eq!(row.size, PDF.len() as i64);
    let (status, headers, body) = app.get_bytes(&url, Some(&me)).await;
    assert_eq!(status, 200);
    assert_eq!(body, PDF);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"ancien.pdf\""
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");

    // Another candidate, and staff of another académie: as if it did not exist.
    let other = active_account(app, "autre@example.fr").await;
    assert_eq!(app.get_bytes(&url, Some(&other)).await.0, 404);
    let (aix, _) = enrolled_staff(
        app,
        "gestion@ac-aix-marseille.fr",
        StaffRole::Gestionnaire,
        &Scope::of_codes(["AIX-MARSEILLE"]),
    )
    .await;
    assert_eq!(
        app.get_bytes(
            &format!("/gestion/justificatifs/fichiers/{first}"),
            Some(&aix)
        )
        .await
        .0,
        404
    );
    let (gestion, _) = enrolled_staff(
        app,
        "gestion@ac-versailles.fr",
        StaffRole::Gestionnaire,
        &Scope::of_codes(["VERSAILLES"]),
    )
    .await;
    let (status, headers, _) = app
        .get_bytes(
            &format!("/gestion/justificatifs/fichiers/{first}?apercu=1"),
            Some(&gestion),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-disposition"],
        "inline; filename=\"ancien.pdf\""
    );
    // Another candidate cannot deposit on this candidature, nor delete its file.
    assert_eq!(
        upload(app, &other, c, piece, "x.pdf", PDF, true)
            .await
            .status,
        404
    );
    let theirs = app
        .call(
            "delete_piece_file",
            serde_json::json!({ "candidature": c, "file": first }),
            Some(&other),
        )
        .await;
    assert_eq!(theirs.status, 404, "{}", theirs.body);

    // Deleted, then deposited again.
    let deleted = app
        .call(
            "delete_piece_file",
            serde_json::json!({ "candidature": c, "file": first }),
            Some(&me),
        )
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(app.get_bytes(&url, Some(&me)).await.0, 404);
    let second = file_id(&upload(app, &me, c, piece, "confirmation.pdf", PDF, true).await);
    scanned(app, second).await;
    let listed = my_pieces(app, &me).await;
    let p = &listed[0]["groups"][0]["pieces"][0];
    assert_eq!(p["files"].as_array().unwrap().len(), 1);
    assert_eq!(p["files"][0]["name"], "confirmation.pdf");
    assert!(
        p["files"][0]["deposited"]
            .as_str()
            .unwrap()
            .starts_with("Déposé le ")
    );
    assert_eq!(p["changeable"], true);
    let history: Vec<&str> = p["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["what"].as_str().unwrap())
        .collect();
    assert_eq!(history[0], "Fichier « ancien.pdf » déposé");
    assert!(
        history.contains(&"Fichier « ancien.pdf » supprimé"),
        "{history:?}"
    );

    // Confirmed: validated and locked.
    let confirmed = confirm(app, &me, c, &group).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert_eq!(confirmed.json(), 1);
    let p = my_pieces(app, &me).await[0]["groups"][0]["pieces"][0].clone();
    assert!(
        p["confirmed_at"]
            .as_str()
            .unwrap()
            .ends_with("(heure/Paris)")
    );
    assert_eq!(p["changeable"], false);
    let locked = app
        .call(
            "delete_piece_file",
            serde_json::json!({ "candidature": c, "file": second }),
            Some(&me),
        )
        .await;
    assert_eq!(
        locked.code().as_deref(),
        Some("piece_locked"),
        "{}",
        locked.body
    );
    assert_eq!(
        upload(app, &me, c, piece, "encore.pdf", PDF, true)
            .await
            .code()
            .as_deref(),
        Some("piece_locked")
    );

    // The gestionnaire's queue has it; another académie's does not.
    let queue = app.get_as("/api/piece_queue?query[offer]=&query[group]=&query[status]=&query[confirmed]=oui&query[deadline]=&query[page]=1", Some(&gestion)).await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    assert_eq!(queue.json()["total"], 1, "{}", queue.body);
    let theirs = app.get_as("/api/piece_queue?query[offer]=&query[group]=&query[status]=tous&query[confirmed]=&query[deadline]=&query[page]=1", Some(&aix)).await;
    assert_eq!(theirs.json()["total"], 0, "{}", theirs.body);
    // Beyond the member's académies, as if it did not exist; a candidate is no staff.
    assert_eq!(
        decide(app, &aix, c, piece, "conforme", "").await.status,
        404
    );
    let by_candidate = app.call("decide_pieces", serde_json::json!({ "selection": [format!("{c}/{piece}")], "revision": "", "status": "conforme", "received_on": "", "comment": "" }), Some(&me)).await;
    assert_eq!(by_candidate.status, 403, "{}", by_candidate.body);

    // Non conforme: seen by the candidate with the comment; no mail.
    let mails_before = app.mail.all().len();
    let refused = decide(app, &gestion, c, piece, "non_conforme", "Pièce illisible").await;
    assert_eq!(refused.status, 200, "{}", refused.body);
    let p = my_pieces(app, &me).await[0]["groups"][0]["pieces"][0].clone();
    assert_eq!(p["status"], "NonConforme");
    assert_eq!(p["comment"], "Pièce illisible");
    assert_eq!(p["changeable"], true);
    // Deposited again and confirmed again: to be checked again.
    let third = file_id(&upload(app, &me, c, piece, "lisible.pdf", PDF, true).await);
    scanned(app, third).await;
    let p = my_pieces(app, &me).await[0]["groups"][0]["pieces"][0].clone();
    assert_eq!(p["status"], serde_json::Value::Null);
    let again = confirm(app, &me, c, &group).await;
    assert_eq!(again.status, 200, "{}", again.body);
    // Conforme: counted.
    assert_eq!(
        decide(app, &gestion, c, piece, "conforme", "").await.status,
        200
    );
    let mine = my_pieces(app, &me).await;
    assert_eq!(
        (mine[0]["conformes"].as_u64(), mine[0]["total"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(
        app.mail.all().len(),
        mails_before,
        "no mail on a status change"
    );
    // A stale page's decision is refused.
    let stale = app.call("decide_pieces", serde_json::json!({ "selection": [format!("{c}/{piece}")], "revision": "aucune", "status": "recue", "received_on": "", "comment": "" }), Some(&gestion)).await;
    assert_eq!(
        stale.code().as_deref(),
        Some("changed_meanwhile"),
        "{}",
        stale.body
    );
    // Every change is in the journal.
    let journal: Vec<_> = app::server::entities::journal_entry::Entity::find()
        .filter(app::server::entities::journal_entry::Column::Action.eq("piece.statut"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(journal.len(), 2);
}

on_both_databases! {
    async fn a_piece_is_deposited_scanned_confirmed_controlled_and_deposited_again(app) {
        cycle(&app).await;
    }

    async fn every_bad_file_is_refused_with_its_reason_beside_the_field(app) {
        let me = active_account(&app, "jean.talu@example.fr").await;
        let (c, _, piece, postal) = candidature_with_pieces(&app, &me).await;
        let refusal = |r: &Reply| {
            assert_eq!(r.code().as_deref(), Some("invalid_fields"), "{}", r.body);
            assert_eq!(r.fields(), ["fichier"]);
            r.json()["detail"][0]["message"].as_str().unwrap().to_owned()
        };
        // 5 MB and one byte: 413 with the French sentence.
        let mut big = PDF.to_vec();
        big.resize(5 * 1024 * 1024 + 1, b' ');
        let r = upload(&app, &me, c, piece, "gros.pdf", &big, true).await;
        assert_eq!(r.status, 413);
        assert_eq!(r.code().as_deref(), Some("file_too_large"));
        // A program renamed .pdf, a PNG named .pdf.
        let m = refusal(&upload(&app, &me, c, piece, "facture.pdf", b"MZ\x90\0\x03\0\0\0", true).await);
        assert!(m.contains("programme"), "{m}");
        let m = refusal(&upload(&app, &me, c, piece, "photo.pdf", PNG, true).await);
        assert!(m.contains("n'est pas un PDF") && m.contains("PNG"), "{m}");
        // A zip bomb, a climbing entry, an encrypted archive.
        let zeros = vec![0u8; 60 * 1024 * 1024];
        let bomb = zip_of(&[("zeros.bin", &zeros)], zip::CompressionMethod::Deflated);
        assert!(bomb.len() < 1024 * 1024);
        let m = refusal(&upload(&app, &me, c, piece, "bombe.zip", &bomb, true).await);
        assert!(m.contains("50 Mo"), "{m}");
        let climbing = zip_of(&[("../../etc/cron.d/x", b"x")], zip::CompressionMethod::Stored);
        let m = refusal(&upload(&app, &me, c, piece, "chemin.zip", &climbing, true).await);
        assert!(m.contains("chemin interdit"), "{m}");
        let mut secret = zip_of(&[("secret.txt", b"abc")], zip::CompressionMethod::Stored);
        for (magic, offset) in [(&b"PK\x03\x04"[..], 6), (&b"PK\x01\x02"[..], 8)] {
            let at = secret.windows(4).position(|w| w == magic).unwrap();
            secret[at + offset] |= 1;
        }
        let m = refusal(&upload(&app, &me, c, piece, "secret.zip", &secret, true).await);
        assert!(m.contains("mot de passe"), "{m}");
        // An encrypted PDF: staff could not open it.
        let locked = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n";
        let m = refusal(&upload(&app, &me, c, piece, "protege.pdf", locked, true).await);
        assert!(m.contains("ne pourrait pas l'ouvrir"), "{m}");
        // A piece sent by post takes no file.
        let r = upload(&app, &me, c, postal, "courrier.pdf", PDF, true).await;
        assert_eq!(r.code().as_deref(), Some("deposit_closed"), "{}", r.body);
        // Nothing was kept.
        let kept = piece_file::Entity::find().filter(piece_file::Column::CandidatureId.eq(c)).all(&app.state.db).await.unwrap();
        assert!(kept.is_empty(), "{kept:?}");

        // Without the client: 303 back to the page, or the page with the message.
        let ok = upload(&app, &me, c, piece, "sans-script.pdf", PDF, false).await;
        assert_eq!(ok.status, 303);
        assert!(ok.headers["location"].to_str().unwrap().starts_with("/mes-justificatifs"));
        let refused = upload(&app, &me, c, piece, "photo.pdf", PNG, false).await;
        assert_eq!(refused.status, 400);
        assert!(refused.body.contains("n&#x27;est pas un PDF") || refused.body.contains("n'est pas un PDF"), "{}", refused.body);
    }

    async fn every_piece_form_works_without_the_client(app) {
        let me = active_account(&app, "jean.talu@example.fr").await;
        let (c, group, piece, _) = candidature_with_pieces(&app, &me).await;
        let (cs, gs, ps) = (c.to_string(), group.to_string(), piece.to_string());
        // Confirming without a file: the page again, the message under the piece.
        let early = app.post_form("/mes-justificatifs", &[("formulaire", "confirmation-pieces"), ("candidature", &cs), ("groupe", &gs)], Some(&me), &[]).await;
        assert_eq!(early.status, 400, "{}", early.body);
        assert!(early.body.contains("avant de confirmer"), "{}", early.body);
        let id = file_id(&upload(&app, &me, c, piece, "a.pdf", PDF, true).await);
        let ids = id.to_string();
        let deleted = app.post_form("/mes-justificatifs", &[("formulaire", "suppression-fichier"), ("candidature", &cs), ("piece", &ps), ("fichier", &ids)], Some(&me), &[]).await;
        assert_eq!(deleted.status, 303, "{}", deleted.body);
        let b = file_id(&upload(&app, &me, c, piece, "b.pdf", PDF, true).await);
        scanned(&app, b).await;
        let confirmed = app.post_form("/mes-justificatifs", &[("formulaire", "confirmation-pieces"), ("candidature", &cs), ("groupe", &gs)], Some(&me), &[]).await;
        assert_eq!(confirmed.status, 303, "{}", confirmed.body);
        assert!(confirmed.headers["location"].to_str().unwrap().starts_with("/mes-justificatifs?confirme="));
        // The gestionnaire's decision on the piece's page, then on a selection of the queue.
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let page = format!("/gestion/justificatifs/{c}/{piece}");
        let shown = app.get_as(&format!("{page}?statut=tous"), Some(&gestion)).await;
        assert_eq!(shown.status, 200);
        assert!(shown.body.contains("TALU Jean"), "{}", shown.body);
        let revision = shown.body.split("name=\"revision\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let key = format!("{c}/{piece}");
        let bad = app.post_form(&page, &[("formulaire", "controle-piece"), ("selection", &key), ("revision", &revision), ("statut", "recue"), ("date_reception", "31/02/2026"), ("commentaire", ""), ("filtres", "statut=tous")], Some(&gestion), &[]).await;
        assert_eq!(bad.status, 400, "{}", bad.body);
        assert!(bad.body.contains("jj/mm/aaaa"), "{}", bad.body);
        assert!(bad.body.contains("31/02/2026"), "what was typed is kept");
        let decided = app.post_form(&page, &[("formulaire", "controle-piece"), ("selection", &key), ("revision", &revision), ("statut", "non_conforme"), ("date_reception", ""), ("commentaire", "Pièce illisible"), ("filtres", "statut=tous")], Some(&gestion), &[]).await;
        assert_eq!(decided.status, 303, "{}", decided.body);
        assert_eq!(decided.headers["location"], format!("{page}?statut=tous").as_str());
        let p = my_pieces(&app, &me).await[0]["groups"][0]["pieces"][0].clone();
        assert_eq!(p["status"], "NonConforme");
        let bulk = app.post_form("/gestion/justificatifs", &[("formulaire", "controle-selection"), ("selection", &key), ("statut", "conforme"), ("date_reception", ""), ("commentaire", "")], Some(&gestion), &[]).await;
        assert_eq!(bulk.status, 303, "{}", bulk.body);
        let p = my_pieces(&app, &me).await[0]["groups"][0]["pieces"][0].clone();
        assert_eq!(p["status"], "Conforme");
        // The dossier shows the pieces too, with their history for staff.
        let d = crate::back_office::dossier(&app, &gestion, &cs).await.json();
        let pieces = &d["candidatures"][0]["pieces"];
        assert_eq!((pieces["conformes"].as_u64(), pieces["total"].as_u64()), (Some(1), Some(2)), "{d}");
        let history = pieces["groups"][0]["pieces"][0]["history"].to_string();
        assert!(history.contains("gestion@ac-versailles.fr") && history.contains("Pièce illisible"), "{history}");
        // A candidate's cookie posts nothing there.
        let refused = app.post_form("/gestion/justificatifs", &[("formulaire", "controle-selection"), ("selection", &key), ("statut", "recue")], Some(&me), &[]).await;
        assert_ne!(refused.status, 303, "{}", refused.body);
    }

    async fn nobody_reaches_another_candidatures_files_by_id_nor_deposits_from_another_site(app) {
        let me = active_account(&app, "jean.talu@example.fr").await;
        let (c, _, piece, _) = candidature_with_pieces(&app, &me).await;
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        // Random ids: not found, whoever asks.
        for _ in 0..20 {
            let random = uuid::Uuid::new_v4();
            assert_eq!(app.get_bytes(&format!("/mes-justificatifs/fichiers/{random}"), Some(&me)).await.0, 404);
            assert_eq!(app.get_bytes(&format!("/gestion/justificatifs/fichiers/{random}"), Some(&gestion)).await.0, 404);
            assert_eq!(upload(&app, &me, random, piece, "a.pdf", PDF, true).await.status, 404);
            let n = i32::try_from(random.as_u128() % 100_000).unwrap() + 1000;
            assert_eq!(upload(&app, &me, c, n, "a.pdf", PDF, true).await.status, 404);
        }
        // A deposit posted from another site: refused (checklist 18), nothing kept.
        let (content_type, body) = multipart("a.pdf", PDF);
        let crossed = app.client
            .post(format!("{}/mes-justificatifs/{c}/{piece}/depot", app.base))
            .header("content-type", content_type)
            .header("accept", "application/json")
            .header("cookie", &me)
            .header("origin", "https://evil.example")
            .body(body);
        assert_eq!(Reply::of(crossed).await.status, 403);
        let kept = piece_file::Entity::find().filter(piece_file::Column::CandidatureId.eq(c)).all(&app.state.db).await.unwrap();
        assert!(kept.is_empty());
        // Signed out: to the sign-in page, never the file.
        let id = file_id(&upload(&app, &me, c, piece, "a.pdf", PDF, true).await);
        let (status, headers, _) = app.get_bytes(&format!("/mes-justificatifs/fichiers/{id}"), None).await;
        assert_eq!(status, 303);
        assert!(headers["location"].to_str().unwrap().starts_with("/connexion"));
    }

    async fn an_infected_file_is_never_served_and_the_candidate_is_told(app) {
        let me = active_account(&app, "jean.talu@example.fr").await;
        let (c, _, piece, _) = candidature_with_pieces(&app, &me).await;
        let archive = zip_of(&[("lisez-moi.txt", &eicar())], zip::CompressionMethod::Deflated);
        let id = file_id(&upload(&app, &me, c, piece, "pieces.zip", &archive, true).await);
        let row = scanned(&app, id).await;
        assert!(row.infection.as_deref().unwrap().contains("EICAR"), "{row:?}");
        let r = app.get_as(&format!("/mes-justificatifs/fichiers/{id}"), Some(&me)).await;
        assert_eq!(r.status, 410);
        assert!(r.body.contains("Déposez un autre fichier"), "{}", r.body);
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        assert_eq!(app.get_bytes(&format!("/gestion/justificatifs/fichiers/{id}"), Some(&gestion)).await.0, 410);
        // Its bytes are gone from the storage.
        assert!(app.state.files.get(&row.storage_key).await.is_err());
        let p = my_pieces(&app, &me).await[0]["groups"][0]["pieces"][0].clone();
        assert_eq!(p["files"][0]["infected"], true);
        // It counts for nothing: the group cannot be confirmed with it.
        let group = my_pieces(&app, &me).await[0]["groups"][0]["id"].clone();
        let confirm = confirm(&app, &me, c, &group).await;
        assert_eq!(confirm.code().as_deref(), Some("invalid_fields"), "{}", confirm.body);
    }
}

/// The S3-compatible server the test command starts (moto), and its bucket.
fn s3_bucket() -> String {
    std::env::var("CYCLADES_TEST_S3_BUCKET").expect(
        "CYCLADES_TEST_S3_BUCKET: run the tests with ./cyclades test, which starts an S3-compatible server",
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cycle_runs_on_an_s3_bucket_with_each_database() {
    let bucket = s3_bucket();
    for db in [Db::Sqlite, Db::Postgres] {
        let app = spawn_with(
            db,
            test_now(),
            true,
            &[("CYCLADES_PIECES_S3_BUCKET", bucket.as_str())],
        )
        .await;
        cycle(&app).await;
        // The files are in the bucket, under their candidature's key, never in a folder.
        let kept = piece_file::Entity::find()
            .filter(piece_file::Column::DeletedAt.is_null())
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(!kept.is_empty());
        for f in &kept {
            assert!(
                f.storage_key
                    .starts_with(&format!("candidatures/{}/", f.candidature_id))
            );
            assert_eq!(app.state.files.get(&f.storage_key).await.unwrap(), PDF);
            // Never overwritten there either (a conditional put).
            let again = app
                .state
                .files
                .put_new(&f.storage_key, b"autre".to_vec())
                .await;
            assert!(
                matches!(again, Err(app::server::storage::StorageError::Exists)),
                "{again:?}"
            );
        }
        app.cleanup().await;
    }
}

/// Forwards a Unix socket to clamd's: "clamd back" for a portal configured with `path`.
async fn clamd_at(path: std::path::PathBuf) {
    let real = std::env::var("CYCLADES_TEST_CLAMD").unwrap();
    let real = real.strip_prefix("unix:").unwrap().to_owned();
    let listener = tokio::net::UnixListener::bind(&path).unwrap();
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let real = real.clone();
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::UnixStream::connect(&real).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_clamd_down_files_wait_unopened_and_are_scanned_once_it_is_back() {
    let dir =
        std::env::temp_dir().join(format!("cyclades-clamd-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let socket = dir.join("clamd.sock");
    let address = format!("unix:{}", socket.display());
    let app = spawn_with(
        Db::Sqlite,
        test_now(),
        true,
        &[("CYCLADES_CLAMD", address.as_str())],
    )
    .await;
    let me = active_account(&app, "jean.talu@example.fr").await;
    let (c, _, piece, _) = candidature_with_pieces(&app, &me).await;
    let id = file_id(&upload(&app, &me, c, piece, "attente.pdf", PDF, true).await);
    // clamd does not answer: the file waits, and nobody opens it.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let row = piece_file::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.scanned_at, None);
    let r = app
        .get_as(&format!("/mes-justificatifs/fichiers/{id}"), Some(&me))
        .await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("en cours de vérification"), "{}", r.body);
    let (gestion, _) = enrolled_staff(
        &app,
        "gestion@ac-versailles.fr",
        StaffRole::Gestionnaire,
        &Scope::of_codes(["VERSAILLES"]),
    )
    .await;
    assert_eq!(
        app.get_bytes(
            &format!("/gestion/justificatifs/fichiers/{id}"),
            Some(&gestion)
        )
        .await
        .0,
        409
    );
    let listed = my_pieces(&app, &me).await;
    assert_eq!(
        listed[0]["groups"][0]["pieces"][0]["files"][0]["scanned"],
        false
    );
    // Not confirmed while it waits: it could yet be found infected once locked.
    let group = listed[0]["groups"][0]["id"].clone();
    let early = confirm(&app, &me, c, &group).await;
    assert_eq!(
        early.code().as_deref(),
        Some("invalid_fields"),
        "{}",
        early.body
    );
    assert!(
        early.body.contains("en cours de vérification"),
        "{}",
        early.body
    );
    // clamd is back: at the end of the back-off the file is scanned and opens.
    clamd_at(socket).await;
    app.state.clock.advance(chrono::Duration::minutes(16));
    app.state.jobs.wake(app::server::jobs::JobKind::Scan);
    let row = scanned(&app, id).await;
    assert_eq!(row.infection, None);
    assert_eq!(
        app.get_bytes(&format!("/mes-justificatifs/fichiers/{id}"), Some(&me))
            .await
            .0,
        200
    );
    app.cleanup().await;
    let _ = std::fs::remove_dir_all(&dir);
}
