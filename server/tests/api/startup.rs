use sea_orm::{ConnectionTrait, Database};

/// Two servers starting together on one empty PostgreSQL database both come up, and the
/// schema is migrated once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_starts_on_postgresql_migrate_once() {
    let admin = std::env::var("CYCLADES_TEST_POSTGRES_URL")
        .expect("CYCLADES_TEST_POSTGRES_URL is not set: run the tests with `./cyclades test`");
    let name = format!("cyclades_test_{}", uuid::Uuid::new_v4().simple());
    let conn = Database::connect(&admin).await.unwrap();
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);

    let (a, b, c) = tokio::join!(
        server::db::connect(&url, 2),
        server::db::connect(&url, 2),
        server::db::connect(&url, 2)
    );
    let (a, b, c) = (a.unwrap(), b.unwrap(), c.unwrap());
    let applied = a
        .query_one_raw(sea_orm::Statement::from_string(
            a.get_database_backend(),
            "SELECT COUNT(*) AS n FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(
        applied as usize,
        <migration::Migrator as migration::MigratorTrait>::migrations().len()
    );
    for db in [a, b, c] {
        db.close().await.unwrap();
    }
    crate::helpers::drop_database(&conn, &name).await;
}
