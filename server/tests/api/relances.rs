//! "Demande" and "Relance de pièces justificatives" (REQUIREMENTS D3, S7; issue 14), on both
//! databases: the demande is published at registration (Version n°1) with every piece, its
//! mode, its deadline and where to send postal pieces; the relance goes, on the job runner
//! and with a mail, only to the candidatures that still miss pieces, from staff of their
//! académie only.

use crate::accounts::active_account;
use crate::back_office::enrolled_staff;
use crate::deposits::{PDF, candidature_with_pieces, confirm, scanned, upload};
use crate::helpers::TestApp;
use crate::on_both_databases;
use app::domain::{Scope, StaffRole};
use app::model::documents::DocumentKind;
use app::server::entities::document;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::documents::pdf_text::pdf_text;

/// The documents of `kind` published for candidature `c`, oldest first.
async fn published(app: &TestApp, c: uuid::Uuid, kind: DocumentKind) -> Vec<document::Model> {
    document::Entity::find()
        .filter(document::Column::CandidatureId.eq(c))
        .filter(document::Column::Kind.eq(kind.as_str()))
        .order_by_asc(document::Column::Number)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// The text of a rendered document (waiting for its rendering).
async fn text_of(app: &TestApp, id: uuid::Uuid) -> String {
    for _ in 0..300 {
        let d = document::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        if let Some(pdf) = d.pdf {
            let text = pdf_text(&pdf).expect("a readable PDF");
            return text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("document {id} was not rendered");
}

on_both_databases! {
    async fn the_demande_lists_every_piece_and_the_relance_only_what_is_missing(app) {
        let mine = active_account(&app, "jean.talu@example.fr").await;
        let (done, group, piece, postal) = candidature_with_pieces(&app, &mine).await;
        let theirs = active_account(&app, "autre@example.fr").await;
        let (missing, ..) = candidature_with_pieces(&app, &theirs).await;

        // The demande, Version n°1, at registration.
        let demandes = published(&app, done, DocumentKind::DemandePieces).await;
        assert_eq!(demandes.len(), 1);
        assert_eq!(demandes[0].candidature_version, 1);
        let details: serde_json::Value = serde_json::from_str(&demandes[0].details).unwrap();
        assert_eq!(details["pieces"].as_array().unwrap().len(), 2, "{details}");
        assert!(details["return_address"].to_string().contains("Versailles"), "{details}");
        let text = text_of(&app, demandes[0].id).await;
        assert!(text.contains("Justificatif 1"), "{text}");
        assert!(text.contains("Adresse de retour"), "{text}");
        let listed = crate::deposits::my_pieces(&app, &mine).await;
        assert_eq!(listed[0]["demande"], "Demande de pièces justificatives Version n°1");

        // One candidature provides everything: its online piece confirmed, its postal piece
        // received. The other provides nothing.
        let id = upload(&app, &mine, done, piece, "a.pdf", PDF, true).await.json()["file"].as_str().unwrap().parse().unwrap();
        scanned(&app, id).await;
        let confirmed = confirm(&app, &mine, done, &group).await;
        assert_eq!(confirmed.status, 200, "{}", confirmed.body);
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let received = app.call("decide_pieces", serde_json::json!({ "selection": [format!("{done}/{postal}")], "revision": "", "status": "recue", "received_on": "", "comment": "" }), Some(&gestion)).await;
        assert_eq!(received.status, 200, "{}", received.body);

        // Beyond the member's académies: as if the offer did not exist.
        let cinema = crate::registrations::offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.id;
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        let refused = app.call("publish_relance", serde_json::json!({ "candidature": null, "offer": cinema }), Some(&aix)).await;
        assert_eq!(refused.status, 404, "{}", refused.body);
        let refused = app.call("publish_relance", serde_json::json!({ "candidature": missing, "offer": null }), Some(&aix)).await;
        assert_eq!(refused.status, 404, "{}", refused.body);
        let by_candidate = app.call("publish_relance", serde_json::json!({ "candidature": null, "offer": cinema }), Some(&theirs)).await;
        assert_eq!(by_candidate.status, 403, "{}", by_candidate.body);

        // The relance of the offer: both looked at, only the one missing pieces gets it.
        let queued = app.call("publish_relance", serde_json::json!({ "candidature": null, "offer": cinema }), Some(&gestion)).await;
        assert_eq!(queued.status, 200, "{}", queued.body);
        assert_eq!(queued.json(), 2);
        let mail = app.mail.wait_for("autre@example.fr", 3).await;
        assert!(mail.iter().any(|m| m.subject().starts_with("Relance de pièces justificatives")), "{:?}", mail.iter().map(|m| m.subject()).collect::<Vec<_>>());
        let relances = published(&app, missing, DocumentKind::RelancePieces).await;
        assert_eq!(relances.len(), 1);
        let text = text_of(&app, relances[0].id).await;
        assert!(text.contains("Justificatif 1") && text.contains("Justificatif 2"), "{text}");
        // Wait for every queued relance, then: nothing for the candidature that misses nothing.
        for _ in 0..100 {
            if app::server::jobs::queue::find(&app.state.db, app::server::jobs::JobKind::Relance, done).await.unwrap().is_none() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(published(&app, done, DocumentKind::RelancePieces).await.is_empty());
        assert!(!app.mail.all().iter().any(|m| m.to.iter().any(|t| t == "jean.talu@example.fr") && m.subject().starts_with("Relance")));
    }
}

on_both_databases! {
    async fn administrators_define_the_pieces_and_the_demande_follows(app) {
        let mine = active_account(&app, "jean.talu@example.fr").await;
        let (c, _, piece, _) = candidature_with_pieces(&app, &mine).await;
        let cinema = crate::registrations::offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.id;
        let (admin, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::of_codes(["VERSAILLES"])).await;
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let (aix, _) = enrolled_staff(&app, "admin@ac-aix-marseille.fr", StaffRole::Administrateur, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        let group = |closes: &str| serde_json::json!({ "form": { "offer": cinema.to_string(), "label": "Pièces complémentaires", "mode": "en_ligne", "opens": "01/01/2026 08:00", "closes": closes, "address": "" } });
        // A gestionnaire is not an administrator; another académie's administrator: not found.
        assert_eq!(app.call("add_piece_group", group("30/12/2026 23:59"), Some(&gestion)).await.status, 403);
        assert_eq!(app.call("add_piece_group", group("30/12/2026 23:59"), Some(&aix)).await.status, 404);
        // A date not in the calendar, a deadline before the opening: named beside their fields.
        let bad = app.call("add_piece_group", group("31/02/2026 23:59"), Some(&admin)).await;
        assert_eq!(bad.fields(), ["closes"], "{}", bad.body);
        let early = app.call("add_piece_group", group("31/12/2025 23:59"), Some(&admin)).await;
        assert_eq!(early.fields(), ["closes"], "{}", early.body);
        assert_eq!(app.call("add_piece_group", group("30/12/2026 23:59"), Some(&admin)).await.status, 200);
        let catalog = app.get_as("/api/piece_catalog", Some(&admin)).await.json();
        let offer = catalog["offers"].as_array().unwrap().iter().find(|o| o["id"] == cinema).unwrap().clone();
        let added = offer["groups"].as_array().unwrap().iter().find(|g| g["label"] == "Pièces complémentaires").unwrap()["id"].as_i64().unwrap();
        // A piece for one candidate only, named by an unknown N° candidat: refused.
        let unknown = app.call("add_piece", serde_json::json!({ "form": { "group": added.to_string(), "label": "Justificatif 3", "description": "Diplôme", "candidate": "0000000000" } }), Some(&admin)).await;
        assert_eq!(unknown.fields(), ["candidate"], "{}", unknown.body);
        let ok = app.call("add_piece", serde_json::json!({ "form": { "group": added.to_string(), "label": "Justificatif 3", "description": "Diplôme", "candidate": "" } }), Some(&admin)).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        // The candidate's demande is published again, Version n°2, with the new piece.
        let mut demandes = Vec::new();
        for _ in 0..100 {
            demandes = published(&app, c, DocumentKind::DemandePieces).await;
            if demandes.len() == 2 { break; }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(demandes.len(), 2);
        assert!(demandes[1].details.contains("Justificatif 3 : Diplôme"), "{}", demandes[1].details);
        let listed = crate::deposits::my_pieces(&app, &mine).await;
        assert_eq!(listed[0]["total"], 3);
        // A piece something refers to stays; an unused one goes.
        let id = upload(&app, &mine, c, piece, "a.pdf", PDF, true).await;
        assert_eq!(id.status, 200, "{}", id.body);
        let kept = app.call("delete_piece", serde_json::json!({ "id": piece }), Some(&admin)).await;
        assert_eq!(kept.code().as_deref(), Some("invalid_fields"), "{}", kept.body);
        let catalog = app.get_as("/api/piece_catalog", Some(&admin)).await.json();
        let third = catalog["offers"].as_array().unwrap().iter().find(|o| o["id"] == cinema).unwrap()["groups"].as_array().unwrap().iter()
            .flat_map(|g| g["pieces"].as_array().unwrap().clone()).find(|p| p["label"] == "Justificatif 3").unwrap()["id"].as_i64().unwrap();
        let gone = app.call("delete_piece", serde_json::json!({ "id": third }), Some(&admin)).await;
        assert_eq!(gone.status, 200, "{}", gone.body);
        let listed = crate::deposits::my_pieces(&app, &mine).await;
        assert_eq!(listed[0]["total"], 2);
    }
}
