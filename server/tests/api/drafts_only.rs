//! "Candidats", "Brouillon seulement" (REQUIREMENTS S4): the registrations a candidate
//! started in the wizard and never validated, within the member's académies, found like
//! candidatures and exported with what was typed; a draft beside a candidature for the same
//! offer (a modification in progress) is not one.

use crate::accounts::active_account;
use crate::back_office::{enrolled_staff, found};
use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::registrations::{offer_of, register, talu};
use app::domain::{Scope, StaffRole};
use serde_json::json;

async fn draft(app: &TestApp, cookie: &str, offer: uuid::Uuid) {
    let saved = app
        .call(
            "save_draft",
            json!({ "request": { "offer": offer, "tab": 1, "form": talu() } }),
            Some(cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
}

on_both_databases! {
    async fn drafts_never_validated_are_found_and_exported_within_the_members_academies(app) {
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        // Started and never validated.
        let started = active_account(&app, "jean.talu@example.fr").await;
        draft(&app, &started, cinema).await;
        // Registered, then a modification typed and not saved: a candidature, not a draft only.
        let registered = active_account(&app, "inscrit@example.fr").await;
        assert_eq!(register(&app, &registered, cinema).await.status, 200);
        draft(&app, &registered, cinema).await;
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;

        assert_eq!(found(&app, &gestion, json!({ "status": "DraftOnly" })).await, ["TALU Jean"]);
        assert_eq!(found(&app, &gestion, json!({ "status": "DraftOnly", "text": "jean.talu" })).await, ["TALU Jean"]);
        assert!(found(&app, &gestion, json!({ "status": "DraftOnly", "text": "personne" })).await.is_empty());
        assert!(found(&app, &aix, json!({ "status": "DraftOnly" })).await.is_empty());
        let page = app.get_as(&crate::back_office::search(json!({ "status": "DraftOnly", "sort": "LastChange", "descending": "true" })), Some(&gestion)).await.json();
        let row = &page["rows"][0];
        assert!(row["candidature"].is_null(), "no dossier yet: {row}");
        assert_eq!(row["registration"], "");
        assert_eq!(row["number"], "", "no N° candidat before a first candidature");
        // The other filters still apply: not a draft of 2020.
        assert!(found(&app, &gestion, json!({ "status": "DraftOnly", "session": "2020" })).await.is_empty());

        // Exported with what was typed.
        let (status, _, body) = app.get_bytes("/gestion/candidats.csv?statut=brouillon", Some(&gestion)).await;
        assert_eq!(status, 200);
        let text = String::from_utf8(body).unwrap();
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2, "{text}");
        let header: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(';').collect();
        let cells: Vec<&str> = lines[1].split(';').collect();
        let at = |name: &str| cells[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(at("Adresse mail"), "jean.talu@example.fr");
        assert_eq!(at("Statut"), "brouillon");
        assert_eq!(at("Téléphone"), "0123456789");
        assert_eq!((at("N° inscription"), at("Version"), at("Date d'inscription")), ("", "", ""));
        let (_, _, body) = app.get_bytes("/gestion/candidats.csv?statut=brouillon", Some(&aix)).await;
        assert_eq!(String::from_utf8(body).unwrap().trim_end().lines().count(), 1);
    }
}
