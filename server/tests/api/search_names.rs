//! Accounts created before "Candidats" existed get their search names at start (migration
//! 000010 adds the column empty): each is then found by name without accents or case, and
//! nothing else of the account changes.

use crate::accounts::active_account;
use crate::back_office::{enrolled_staff, found};
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use app::domain::{Scope, StaffRole};
use app::server::entities::account;
use app::server::services::accounts::fill_search_names;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

on_both_databases! {
    async fn accounts_without_a_search_name_get_one_and_are_found(app) {
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        for email in ["un@example.fr", "deux@example.fr"] {
            let cookie = active_account(&app, email).await;
            assert_eq!(register(&app, &cookie, cinema).await.status, 200);
        }
        // As the rows were before the column.
        account::Entity::update_many()
            .col_expr(account::Column::SearchName, Expr::value(""))
            .exec(&app.state.db)
            .await
            .unwrap();
        let before = account::Entity::find().filter(account::Column::Email.eq("un@example.fr")).one(&app.state.db).await.unwrap().unwrap();
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        assert!(found(&app, &gestion, json!({ "text": "talu" })).await.is_empty());

        assert_eq!(fill_search_names(&app.state.db).await.unwrap(), 2);
        assert_eq!(found(&app, &gestion, json!({ "text": "tâlu JEAN" })).await, ["TALU Jean", "TALU Jean"]);
        let after = account::Entity::find_by_id(before.id).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(after.search_name, "TALU JEAN");
        assert_eq!(account::Model { search_name: String::new(), ..after }, before, "nothing else changes");
        // Once every row has one: nothing to do.
        assert_eq!(fill_search_names(&app.state.db).await.unwrap(), 0);
    }
}
