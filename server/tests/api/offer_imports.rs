//! An académie's offers and periods as CSV (issue 15), on both databases: the export of the
//! administrator's académies; the import's preview (what each line changes, every refusal
//! with its reason, its sender's only); "Appliquer l'import" in one transaction, refused
//! when the catalog changed since the preview, never twice; the file form without
//! JavaScript, and from another site.

use crate::back_office::enrolled_staff;
use crate::deposits::multipart;
use crate::helpers::{Reply, TestApp, visible_text};
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use app::domain::{Scope, StaffRole};
use app::server::entities::{journal_entry, offer};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

/// Posts `text` as the import form's file, as the browser does.
async fn import(app: &TestApp, cookie: &str, text: &str, origin: &str) -> Reply {
    let (content_type, body) = multipart("offres.csv", text.as_bytes());
    let request = app
        .client
        .post(format!("{}/gestion/offres/import", app.base))
        .header("content-type", content_type)
        .header("accept", "text/html")
        .header("origin", origin)
        .header("cookie", cookie)
        .body(body);
    Reply::of(request).await
}

async fn offers(app: &TestApp) -> u64 {
    offer::Entity::find().count(&app.state.db).await.unwrap()
}

on_both_databases! {
    async fn an_imported_csv_is_previewed_line_by_line_and_applied_in_one_transaction(app) {
        let (versailles, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::of_codes(["VERSAILLES"])).await;
        let (national, _) = enrolled_staff(&app, "national@education.gouv.fr", StaffRole::Administrateur, &Scope::All).await;
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        let candidate = crate::accounts::active_account(&app, "jean.talu@example.fr").await;
        assert_eq!(register(&app, &candidate, cinema.public_id).await.status, 200);

        // The export: the administrator's académies only, in the import's format.
        assert_eq!(app.get_as("/gestion/offres.csv", Some(&gestion)).await.status, 403);
        let exported = app.get_as("/gestion/offres.csv", Some(&versailles)).await;
        assert_eq!(exported.status, 200);
        let lines: Vec<&str> = exported.body.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "academie;examen;specialite;session;ouverture;fermeture;confirmation;libelle;inscrits");
        assert!(lines.iter().skip(1).all(|l| l.starts_with("VERSAILLES;")), "{lines:?}");
        let cinema_line = lines.iter().find(|l| l.contains(";ARTS-CINEMA;")).unwrap().to_string();
        assert!(cinema_line.ends_with(";1"), "its registered count: {cinema_line}");
        let visuels_line = lines.iter().find(|l| l.contains(";DNL-ARTS-VISUELS;")).unwrap().to_string();
        let cells: Vec<&str> = cinema_line.split(';').collect();
        let (opens, year) = (cells[4], cells[3]);

        // The file: a change, a creation, refusals of every kind, an unchanged line.
        let file = format!(
            "Académie;Examen;Spécialité;Session;Ouverture;Clôture;Confirmation\r\n\
             VERSAILLES;CCPE1D;ARTS-CINEMA;{year};{opens};20/12/2026 17:00;\r\n\
             versailles;DCL;ANGLAIS;2029;01/03/2029 09:00;30/03/2029 17:00;15/04/2029 12:00\r\n\
             AIX-MARSEILLE;CCPE1D;ARTS-CINEMA;2029;01/03/2029 09:00;30/03/2029 17:00;\r\n\
             VERSAILLES;DCL;ALLEMAND;2029;31/02/2029 09:00;30/03/2029 17:00;\r\n\
             VERSAILLES;DCL;ANGLAIS;2029;01/03/2029 09:00;31/03/2029 17:00;\r\n\
             {visuels_line}\r\n\
             VERSAILLES;CCPE1D;DNL-ARTS-VISUELS;2029;01/03/2029 09:00;30/03/2029 17:00;15/04/2029 12:00\r\n\
             VERSAILLES;CCPE1D;INCONNUE;2029;01/03/2029 09:00;30/03/2029 17:00;\r\n"
        );
        // From another site, or by a gestionnaire: refused.
        assert_eq!(import(&app, &versailles, &file, "http://evil.test").await.status, 403);
        let received = import(&app, &versailles, &file, "http://cyclades.test").await;
        assert_eq!(received.status, 303, "{}", received.body);
        let location = received.location().expect("the preview's address");
        let id = location.strip_prefix("/gestion/offres/import/").expect(&location).to_owned();

        let preview = app.get_as(&format!("/api/offer_import?id={id}"), Some(&versailles)).await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        let p = preview.json();
        let actions: Vec<&str> = p["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["Change", "Creation", "Refused", "Refused", "Refused", "Unchanged", "Refused", "Refused"], "{p}");
        let notes = |i: usize| p["rows"][i]["notes"].to_string();
        assert!(notes(0).contains("Période ouverte, 1 candidat(s) inscrit(s)"), "{}", notes(0));
        assert!(p["rows"][0]["after"].as_str().unwrap().contains("20/12/2026 17:00"));
        assert!(notes(2).contains("hors de votre périmètre"), "{}", notes(2));
        assert!(notes(3).contains("Ouverture : Saisissez une date"), "{}", notes(3));
        assert!(notes(4).contains("ligne 3 du fichier"), "{}", notes(4));
        assert!(notes(6).contains("Seuls les examens"), "a G02 has no confirmation: {}", notes(6));
        assert!(notes(7).contains("INCONNUE"), "{}", notes(7));
        assert_eq!(p["rows"][2]["line"], 4, "line numbers as the spreadsheet shows them");
        // The sender's only.
        assert_eq!(app.get_as(&format!("/api/offer_import?id={id}"), Some(&national)).await.status, 404);
        let page = visible_text(&app.get_as(&location, Some(&versailles)).await.body);
        assert!(page.contains("Appliquer l'import (2 offre(s))"), "{page}");

        // The catalog changes after the preview: applying is refused, nothing is applied.
        let fingerprint = p["fingerprint"].as_str().unwrap().to_owned();
        let before = offers(&app).await;
        let moved = app.call("offer_period", json!({ "form": { "offer": cinema.id, "opens": opens, "closes": "19/12/2026 17:00", "confirmation": "", "confirmed": "oui" } }), Some(&versailles)).await;
        assert_eq!(moved.status, 200, "{}", moved.body);
        let stale = app.post_form(&location, &[("formulaire", "import-offres"), ("fingerprint", &fingerprint)], Some(&versailles), &[]).await;
        assert_eq!(stale.status, 400);
        assert!(visible_text(&stale.body).contains("Le catalogue a changé depuis l'aperçu"), "{}", visible_text(&stale.body));
        assert_eq!(offers(&app).await, before, "nothing applied");

        // Applied with the updated preview: every line not refused, together.
        let p = app.get_as(&format!("/api/offer_import?id={id}"), Some(&versailles)).await.json();
        let applied = app.post_form(&location, &[("formulaire", "import-offres"), ("fingerprint", p["fingerprint"].as_str().unwrap())], Some(&versailles), &[]).await;
        assert_eq!(applied.status, 303, "{}", applied.body);
        assert_eq!(offers(&app).await, before + 1);
        let after = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        assert_eq!(app::domain::LocalDateTime::from_utc(after.closes_at, app.state.tz).to_string(), "20/12/2026 17:00");
        let anglais = app.get_as("/gestion/offres.csv", Some(&versailles)).await.body;
        assert!(anglais.contains("VERSAILLES;DCL;ANGLAIS;2029;01/03/2029 09:00;30/03/2029 17:00;15/04/2029 12:00;"), "{anglais}");
        let journal: Vec<String> = journal_entry::Entity::find().all(&app.state.db).await.unwrap().into_iter().map(|e| e.action).collect();
        assert!(journal.contains(&"catalogue.offres.import".to_owned()));
        assert!(journal.contains(&"catalogue.offre.creation".to_owned()));
        // Never twice.
        let again = app.call("offer_import_apply", json!({ "form": { "id": id, "fingerprint": p["fingerprint"] } }), Some(&versailles)).await;
        assert_eq!(again.fields(), ["fingerprint"], "{}", again.body);
        assert!(again.body.contains("déjà été appliqué"));

        // A file without the columns, or no file: the page again, the message beside the field.
        let bad = import(&app, &versailles, "nom;date\r\nx;y\r\n", "http://cyclades.test").await;
        assert_eq!(bad.status, 400);
        assert!(visible_text(&bad.body).contains("Colonne(s) manquante(s) : academie, examen, specialite, session, ouverture, fermeture"), "{}", visible_text(&bad.body));
        let empty = import(&app, &versailles, "", "http://cyclades.test").await;
        assert_eq!(empty.status, 400);
        assert!(visible_text(&empty.body).contains("Choisissez le fichier CSV des offres"));
        let by_gestion = import(&app, &gestion, &file, "http://cyclades.test").await;
        assert_eq!(by_gestion.status, 403);
    }
}
