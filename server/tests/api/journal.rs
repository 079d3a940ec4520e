//! The journal's chain (REQUIREMENTS S1, checklist line 31): appends at once are numbered
//! and chained one at a time; an edited row, and a removed one, are found by `verify`.

use crate::on_both_databases;
use app::server::services::journal::{self, Entry, Verdict};
use app::server::sql::{statement, write_transaction};
use sea_orm::ConnectionTrait;
use serde_json::json;

async fn append_at_once(app: &crate::helpers::TestApp, count: usize) {
    let appends = (0..count).map(|i| {
        let db = app.state.db.clone();
        let now = app.state.clock.now();
        tokio::spawn(async move {
            let subject = format!("staff:{i}");
            let entry = Entry {
                actor: "cli",
                address: Some("192.0.2.7"),
                action: "staff.role",
                subject: &subject,
                before: Some(json!({ "role": "gestionnaire" })),
                after: Some(json!({ "role": "administrateur", "n": i })),
            };
            let txn = write_transaction(&db).await.unwrap();
            journal::append(&txn, &entry, now).await.unwrap();
            txn.commit().await.unwrap();
        })
    });
    for task in appends.collect::<Vec<_>>() {
        task.await.unwrap();
    }
}

async fn run(app: &crate::helpers::TestApp, sql: &str) {
    let db = &app.state.db;
    db.execute_raw(statement(db.get_database_backend(), sql, vec![]))
        .await
        .unwrap();
}

on_both_databases! {
    async fn appends_at_once_make_one_chain_and_an_edit_breaks_it_at_its_row(app) {
        assert_eq!(journal::verify(&app.state.db).await.unwrap(), Verdict::Intact { rows: 0, last_hash: "0".repeat(64) });
        append_at_once(&app, 12).await;
        let Verdict::Intact { rows, last_hash } = journal::verify(&app.state.db).await.unwrap() else {
            panic!("the chain of concurrent appends is broken");
        };
        assert_eq!(rows, 12);
        assert_eq!(last_hash.len(), 64);
        // Someone with the database's password changes what a row says.
        run(&app, "UPDATE journal SET after = '{\"role\":\"gestionnaire\"}' WHERE seq = 7").await;
        assert_eq!(journal::verify(&app.state.db).await.unwrap(), Verdict::Broken { seq: 7 });
    }

    async fn a_removed_row_breaks_the_chain_where_it_was(app) {
        append_at_once(&app, 6).await;
        run(&app, "DELETE FROM journal WHERE seq = 4").await;
        assert_eq!(journal::verify(&app.state.db).await.unwrap(), Verdict::Broken { seq: 4 });
    }
}
