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

on_both_databases! {
    async fn an_offer_cannot_name_another_exam_than_its_specialitys(app) {
        use app::server::entities::{exam, offer, session, speciality};
        use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};
        let db = &app.state.db;
        let dcl = exam::Entity::find().filter(exam::Column::Code.eq("DCL")).one(db).await.unwrap().unwrap();
        let cinema = speciality::Entity::find()
            .filter(speciality::Column::Code.eq("ARTS-CINEMA"))
            .one(db).await.unwrap().unwrap();
        let existing = offer::Entity::find().one(db).await.unwrap().unwrap();
        // A session of its own, so that no other key can be what refuses the row.
        let later = session::ActiveModel { year: Set(2099), ..Default::default() }.insert(db).await.unwrap();
        let with_exam = |exam_id: i32| offer::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4()),
            exam_id: Set(exam_id),
            speciality_id: Set(cinema.id),
            academy_id: Set(existing.academy_id),
            session_id: Set(later.id),
            opens_at: Set(existing.opens_at),
            closes_at: Set(existing.closes_at),
            ..Default::default()
        };
        assert!(with_exam(dcl.id).insert(db).await.is_err(), "the database refuses an inconsistent offer");
        with_exam(cinema.exam_id).insert(db).await.unwrap();
    }
}
