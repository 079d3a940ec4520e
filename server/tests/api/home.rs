use crate::helpers::{test_now, visible_text};
use crate::on_both_databases;
use app::server::entities::home_message;
use chrono::Duration;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};

on_both_databases! {
    async fn home_shows_the_messages_in_their_window_only(app) {
        let now = test_now();
        for (title, published, from, until) in [
            ("Message à venir", true, Some(now + Duration::hours(1)), None),
            ("Message non publié", false, None, None),
            ("Message jusqu'à maintenant", true, None, Some(now)),
        ] {
            home_message::ActiveModel {
                title: Set(title.into()),
                body: Set("…".into()),
                published: Set(published),
                created_at: Set(now - Duration::days(1)),
                visible_from: Set(from),
                visible_until: Set(until),
                ..Default::default()
            }
            .insert(&app.state.db)
            .await
            .unwrap();
        }
        let (status, html) = app.get("/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<html lang=\"fr\""), "French document");
        let text = visible_text(&html);
        assert!(text.contains("Bienvenue sur le portail Cyclades"), "{text}");
        assert!(text.contains("Maintenance programmée"));
        for hidden in ["Message expiré", "Message à venir", "Message non publié", "Message jusqu'à maintenant"] {
            assert!(!html.contains(hidden), "{hidden} is shown");
        }
        // 26/11/2026 10:00 Paris: three days before the test's "now".
        assert!(text.contains("Publié le 26/11/2026 10:00"), "{text}");
    }

    async fn every_page_has_the_menu(app) {
        for path in ["/", "/ouverture-des-services", "/creer-un-compte", "/connexion"] {
            let (status, html) = app.get(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let nav = html
                .split_once("<nav")
                .and_then(|(_, rest)| rest.split_once("</nav>"))
                .and_then(|(inside, _)| inside.split_once('>'))
                .map(|(_, items)| {
                    visible_text(&format!("<body>{}", items.replace("</li>", "</li> ").replace("</button>", "</button> ")))
                })
                .unwrap_or_default();
            // "Menu" folds the list on a phone once the client runs.
            assert_eq!(nav, "Menu Accueil Ouverture des services Créer un compte Se connecter", "{path}");
        }
    }

    async fn an_unknown_address_gets_the_portal_404_page(app) {
        let (status, html) = app.get("/nulle-part").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(visible_text(&html).contains("Page introuvable"));
        // Whatever the method, and for a folder of the site too: the same page, never a bare
        // 405 or a redirect.
        std::fs::create_dir_all(app.site_root.join("dossier")).unwrap();
        for (method, path) in [("POST", "/nulle-part"), ("DELETE", "/nulle-part"), ("GET", "/dossier")] {
            let response = app.client
                .request(method.parse().unwrap(), format!("{}{path}", app.base))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
            assert!(visible_text(&response.text().await.unwrap()).contains("Page introuvable"), "{method} {path}");
        }
    }
}

/// "Données personnelles" says the periods the portal applies, from its settings: a change
/// of setting changes the page (it cannot drift from what the purges do).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_personal_data_page_states_the_periods_the_portal_applies() {
    for (db, idle) in [
        (crate::helpers::Db::Sqlite, "20"),
        (crate::helpers::Db::Postgres, "45"),
    ] {
        let app = crate::helpers::spawn_with(
            db,
            crate::helpers::test_now(),
            true,
            &[
                ("CYCLADES_SESSION_IDLE_MINUTES", idle),
                ("CYCLADES_PUBLISHER", "Rectorat de l'académie de Versailles, 3 boulevard de Lesseps, 78017 Versailles"),
                ("CYCLADES_HOSTING", "Hébergeur d'essai, 1 rue du Serveur, 59100 Roubaix"),
            ],
        )
        .await;
        let (status, html) = app.get("/donnees-personnelles").await;
        assert_eq!(status, StatusCode::OK);
        let text = visible_text(&html);
        assert!(
            text.contains("Demande de création de compte non activée"),
            "{text}"
        );
        assert!(
            text.contains("supprimée 48 heures après la demande"),
            "{text}"
        );
        assert!(
            text.contains(&format!("fermée après {idle} minutes sans activité")),
            "{text}"
        );
        assert!(text.contains("supprimés 30 jours après"), "{text}");
        // The services des examens of the catalog, with their address.
        assert!(text.contains("ACADÉMIE DE VERSAILLES"), "{text}");
        assert!(html.contains("href=\"mailto:"), "{html}");
        let (status, html) = app.get("/accessibilite").await;
        assert_eq!(status, StatusCode::OK);
        let text = visible_text(&html);
        assert!(text.contains("conformité partielle"), "{text}");
        assert!(text.contains("Défenseur des droits"), "{text}");
        assert!(text.contains("ACADÉMIE DE VERSAILLES"), "{text}");
        // Who publishes and hosts, as configured; what is not set says which key to set.
        let (status, html) = app.get("/mentions-legales").await;
        assert_eq!(status, StatusCode::OK);
        let text = visible_text(&html);
        assert!(
            text.contains("Rectorat de l'académie de Versailles, 3 boulevard de Lesseps"),
            "{text}"
        );
        assert!(
            text.contains("Hébergeur d'essai, 1 rue du Serveur"),
            "{text}"
        );
        assert!(
            text.contains("Non renseigné (configuration : [portal] publication-director)."),
            "{text}"
        );
        assert!(text.contains("AGPL-3.0-or-later"), "{text}");
        app.cleanup().await;
    }
}
