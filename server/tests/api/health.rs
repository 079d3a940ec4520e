use crate::on_both_databases;
use reqwest::StatusCode;

on_both_databases! {
    async fn health_answers_ok_while_the_database_does(app) {
        let (status, body) = app.get("/health").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "ok");
    }

    async fn health_answers_503_when_the_database_is_gone(app) {
        app.state.db.close_by_ref().await.unwrap();
        let (status, _) = app.get("/health").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    }
}
