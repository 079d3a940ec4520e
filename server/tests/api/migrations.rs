//! Schema changes keep what was waiting: the mails queued before the job runner existed
//! are sent by it.

use crate::helpers::{Db, spawn, test_now};
use app::server::jobs::{JobKind, queue};
use migration::{Alias, Migrator, MigratorTrait, Query};
use sea_orm::ConnectionTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mails_waiting_in_the_outbox_before_the_job_queue_are_queued_by_its_migration() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = spawn(db, test_now()).await;
        let conn = &app.state.db;
        // Back to the schema before the job queue (whatever migrations came after it), with
        // a mail waiting and one sent.
        let names: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let jobs = names
            .iter()
            .position(|n| n == "m20261202_000007_jobs")
            .unwrap();
        Migrator::down(conn, Some(u32::try_from(names.len() - jobs).unwrap()))
            .await
            .unwrap();
        let (waiting, sent) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        let at = test_now();
        for (id, sent_at) in [(waiting, None), (sent, Some(at))] {
            let insert = Query::insert()
                .into_table(Alias::new("mail_outbox"))
                .columns(
                    [
                        "id",
                        "recipient",
                        "subject",
                        "body_text",
                        "body_html",
                        "created_at",
                        "attempts",
                        "next_attempt_at",
                        "sent_at",
                        "last_error",
                    ]
                    .map(Alias::new),
                )
                .values_panic([
                    id.into(),
                    "x@example.fr".into(),
                    "s".into(),
                    "t".into(),
                    "h".into(),
                    at.into(),
                    3.into(),
                    // Due tomorrow: the running app's mail worker leaves the job where the
                    // test reads it (due now, it could be sent first: a race).
                    (at + chrono::Duration::days(1)).into(),
                    sent_at.into(),
                    "refusé".into(),
                ])
                .to_owned();
            conn.execute(&insert).await.unwrap();
        }
        Migrator::up(conn, None).await.unwrap();
        let job = queue::find(conn, JobKind::Mail, waiting)
            .await
            .unwrap()
            .expect("queued");
        assert_eq!(job.attempts, 3);
        assert_eq!(job.run_at, at + chrono::Duration::days(1));
        assert_eq!(job.last_error.as_deref(), Some("refusé"));
        assert!(
            queue::find(conn, JobKind::Mail, sent)
                .await
                .unwrap()
                .is_none()
        );
        app.cleanup().await;
    }
}
