use crate::on_both_databases;
use app::server::entities::{country, departement, domain, nationality};
use sea_orm::{EntityTrait, PaginatorTrait};

on_both_databases! {
    async fn migrations_load_the_reference_lists(app) {
        let db = &app.state.db;
        let domains = domain::Entity::find().all(db).await.unwrap();
        let mut codes: Vec<_> = domains.iter().map(|d| d.code.as_str()).collect();
        codes.sort();
        assert_eq!(codes, ["G01", "G02"]);
        let france = country::Entity::find_by_id("FR").one(db).await.unwrap().unwrap();
        assert_eq!(france.label, "FRANCE (DONT OUTRE-MER)");
        let pdc = departement::Entity::find_by_id("062").one(db).await.unwrap().unwrap();
        assert_eq!(pdc.label, "PAS DE CALAIS");
        assert_eq!(departement::Entity::find().count(db).await.unwrap(), 107);
        assert!(nationality::Entity::find().count(db).await.unwrap() > 150);
    }
}
