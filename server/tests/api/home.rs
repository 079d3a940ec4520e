use crate::on_both_databases;
use reqwest::StatusCode;

on_both_databases! {
    async fn home_shows_the_messages_in_their_window_only(app) {
        let (status, html) = app.get("/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<html lang=\"fr\""), "French document");
        assert!(html.contains("Bienvenue sur le portail Cyclades"));
        assert!(html.contains("Maintenance programmée"));
        assert!(!html.contains("Message expiré"), "an expired message is not shown");
        // 26/11/2026 10:00 Paris: three days before the test's "now".
        assert!(html.contains(">26/11/2026 10:00<"), "publication date in Paris time");
    }

    async fn every_page_has_the_menu(app) {
        for path in ["/", "/ouverture-des-services", "/creer-un-compte", "/connexion"] {
            let (status, html) = app.get(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            for entry in ["Accueil", "Ouverture des services", "Créer un compte", "Se connecter"] {
                assert!(html.contains(entry), "{path} lacks {entry}");
            }
        }
    }

    async fn an_unknown_address_gets_the_portal_404_page(app) {
        let (status, html) = app.get("/nulle-part").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("Page introuvable"));
    }
}
