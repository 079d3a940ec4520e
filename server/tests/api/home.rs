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
    }
}
