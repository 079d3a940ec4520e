use crate::helpers::{Db, spawn, visible_text};
use crate::on_both_databases;
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;

const PAGE: &str = "/ouverture-des-services";
const VERSAILLES_CINEMA: &str = "/ouverture-des-services?domaine=G02&examen=CCPE1D&specialite=ARTS-CINEMA&academie=VERSAILLES&session=2027";

on_both_databases! {
    async fn the_first_level_lists_the_domains_that_have_offers(app) {
        let (status, html) = app.get(PAGE).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Résumé de la sélection"));
        assert!(html.contains("href=\"/ouverture-des-services?domaine=G01\""), "{html}");
        assert!(html.contains(">Autres examens<"));
        assert!(html.contains("href=\"/ouverture-des-services?domaine=G02\""));
        assert!(html.contains(">Autres Certifications<"));
    }

    async fn each_level_offers_what_exists_in_the_catalog(app) {
        let (_, html) = app.get("/ouverture-des-services?domaine=G02").await;
        let text = visible_text(&html);
        assert!(text.contains("CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE"));
        assert!(!text.contains("DIPLOME DE COMPETENCE EN LANGUE"), "a G01 exam under G02");

        let (_, html) = app.get("/ouverture-des-services?domaine=G02&examen=CCPE1D").await;
        assert!(html.contains(">ARTS CINEMA et AUDIOVISUEL<"));
        assert!(html.contains("Education Musicale"));

        let (_, html) = app
            .get("/ouverture-des-services?domaine=G02&examen=CCPE1D&specialite=ARTS-CINEMA")
            .await;
        assert!(html.contains(">ACADÉMIE D&#x27;AIX-MARSEILLE - (2027)<") || html.contains(">ACADÉMIE D'AIX-MARSEILLE - (2027)<"), "{html}");
        assert!(html.contains(">ACADÉMIE DE VERSAILLES - (2027)<"));
        // The summary has a ↩ link per chosen level, back to the level before.
        assert!(html.contains("href=\"/ouverture-des-services?domaine=G02&amp;examen=CCPE1D\"") || html.contains("href=\"/ouverture-des-services?domaine=G02&examen=CCPE1D\""), "back link of the speciality");
        assert!(html.contains("Modifier : Spécialité"));
    }

    async fn the_offers_show_their_periods_in_paris_time(app) {
        let (status, html) = app.get(VERSAILLES_CINEMA).await;
        assert_eq!(status, StatusCode::OK);
        let text = visible_text(&html);
        assert!(text.contains("Certifications proposées dans l'Académie de Versailles :"), "{text}");
        assert!(text.contains(
            "CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE : ARTS CINEMA et AUDIOVISUEL ouvert du 26/11/2026 10:00 au 13/12/2026 17:00 Inscriptions ouvertes"
        ), "{text}");
        assert!(text.contains(
            "Education Musicale ouvert du 20/12/2026 10:00 au 10/01/2027 17:00 Inscriptions à venir"
        ), "{text}");
        assert!(!text.contains("Aucun service d'inscription n'est ouvert actuellement"));
    }

    async fn a_closed_service_says_nothing_is_open(app) {
        let (_, html) = app
            .get("/ouverture-des-services?domaine=G02&examen=CCPE1D&specialite=ARTS-CINEMA&academie=AIX-MARSEILLE&session=2027")
            .await;
        let text = visible_text(&html);
        assert!(text.contains("ouvert du 30/10/2026 10:00 au 27/11/2026 12:00 Inscriptions closes"), "{text}");
        assert!(text.contains("Aucun service d'inscription n'est ouvert actuellement pour cette sélection."));
    }

    async fn unknown_codes_fall_back_to_the_last_valid_level(app) {
        let (status, html) = app.get("/ouverture-des-services?domaine=G02&examen=INCONNU&specialite=X").await;
        assert_eq!(status, StatusCode::OK);
        let text = visible_text(&html);
        assert!(text.contains("CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE"));
        assert!(!text.contains("Informations disponibles"));
        let (status, _) = app.get("/ouverture-des-services?domaine=%3Cscript%3E").await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn the_server_function_answers_with_typed_json(app) {
        let (status, body) = app
            .get("/api/services?selection%5Bdomain%5D=G02&selection%5Bexam%5D=CCPE1D")
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["summary"].as_array().unwrap().len(), 2);
        assert_eq!(json["next"]["level"], "Speciality");
        assert_eq!(json["next"]["choices"].as_array().unwrap().len(), 3);
        assert!(json["offers"].is_null());
    }

    async fn the_server_function_refuses_a_malformed_code(app) {
        let (status, body) = app.get("/api/services?selection%5Bdomain%5D=G0%3B2").await;
        assert!(status.is_client_error() || status.is_server_error(), "{status}");
        assert!(body.contains("invalid_input"), "{body}");
    }
}

/// Periods that cross the change to winter time keep their Paris wall-clock hours.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn periods_across_the_october_time_change_show_paris_hours() {
    // Tuesday 20/10/2026, before the change of 25/10: the demo opens on 17/10 (CEST) and
    // closes on 03/11 (CET), both at their Paris hours.
    let app = spawn(
        Db::Sqlite,
        Utc.with_ymd_and_hms(2026, 10, 20, 12, 0, 0).unwrap(),
    )
    .await;
    let (_, html) = app.get(VERSAILLES_CINEMA).await;
    let text = visible_text(&html);
    assert!(
        text.contains("ouvert du 17/10/2026 10:00 au 03/11/2026 17:00"),
        "{text}"
    );
    app.cleanup().await;
}

on_both_databases! {
    async fn periods_stored_in_utc_are_shown_at_paris_hours(app) {
        use app::server::entities::{academy, offer, speciality};
        use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
        let db = &app.state.db;
        let cinema = speciality::Entity::find()
            .filter(speciality::Column::Code.eq("ARTS-CINEMA"))
            .one(db).await.unwrap().unwrap();
        let versailles = academy::Entity::find()
            .filter(academy::Column::Code.eq("VERSAILLES"))
            .one(db).await.unwrap().unwrap();
        let o = offer::Entity::find()
            .filter(offer::Column::SpecialityId.eq(cinema.id))
            .filter(offer::Column::AcademyId.eq(versailles.id))
            .one(db).await.unwrap().unwrap();
        let mut o: offer::ActiveModel = o.into();
        // 08:00 UTC in summer and 09:00 UTC in winter are both 10:00 in Paris.
        o.opens_at = Set(Utc.with_ymd_and_hms(2026, 7, 1, 8, 0, 0).unwrap());
        o.closes_at = Set(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
        o.update(db).await.unwrap();
        let (_, html) = app.get(VERSAILLES_CINEMA).await;
        let text = visible_text(&html);
        assert!(text.contains("ARTS CINEMA et AUDIOVISUEL ouvert du 01/07/2026 10:00 au 01/12/2026 10:00"), "{text}");
    }

    async fn exams_and_specialities_without_offers_are_not_offered(app) {
        use app::server::entities::{exam, speciality};
        use sea_orm::{ActiveModelTrait, Set};
        let db = &app.state.db;
        let e = exam::ActiveModel {
            domain_id: Set(2),
            code: Set("SANS-OFFRE".into()),
            label: Set("EXAMEN SANS OFFRE".into()),
            ..Default::default()
        }
        .insert(db).await.unwrap();
        speciality::ActiveModel {
            exam_id: Set(e.id),
            code: Set("VIDE".into()),
            label: Set("SPECIALITE SANS OFFRE".into()),
            ..Default::default()
        }
        .insert(db).await.unwrap();
        let unused = speciality::ActiveModel {
            exam_id: Set(1),
            code: Set("INUTILISEE".into()),
            label: Set("SPECIALITE INUTILISEE".into()),
            ..Default::default()
        };
        unused.insert(db).await.unwrap();

        let (_, html) = app.get("/ouverture-des-services?domaine=G02").await;
        assert!(!visible_text(&html).contains("EXAMEN SANS OFFRE"));
        let (_, html) = app.get("/ouverture-des-services?domaine=G02&examen=CCPE1D").await;
        let text = visible_text(&html);
        assert!(text.contains("ARTS CINEMA et AUDIOVISUEL"), "{text}");
        assert!(!text.contains("SPECIALITE INUTILISEE"), "{text}");
    }

    async fn a_trailing_slash_redirects_to_the_page(app) {
        let resp = app
            .client
            .get(format!("{}/ouverture-des-services/?domaine=G02", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(resp.headers()["location"], "/ouverture-des-services?domaine=G02");
        let resp = app.client.get(format!("{}//evil.example/", app.base)).send().await.unwrap();
        assert!(resp.headers().get("location").is_none_or(|l| !l.to_str().unwrap().starts_with("//")));
    }
}

on_both_databases! {
    async fn the_server_function_answers_an_empty_selection_with_the_domains(app) {
        let (status, body) = app.get("/api/services").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["next"]["level"], "Domain");
        assert_eq!(json["next"]["choices"].as_array().unwrap().len(), 2);
    }
}
