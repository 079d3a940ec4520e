//! One queue for every background job (the mail sender, the document renderer, the
//! housekeeping, and the kinds to come): a row per job to run, with its due time, its
//! attempts and last error, and the lease of the server running it. The mails and the
//! documents keep what they are (a mail sent or refused, a PDF); their retry columns move
//! here, and what was waiting in them is queued again.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000007_jobs"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    // `mail`, `render`, `housekeeping`…
                    .col(string_len(Jobs::Kind, 24))
                    // What the job works on: the mail, the document (a fixed id for a
                    // job that exists once, such as the housekeeping).
                    .col(uuid(Jobs::Subject))
                    .col(timestamp_with_time_zone(Jobs::RunAt))
                    .col(integer(Jobs::Attempts).default(0))
                    // The server running it, until `lease_until` (then it is due again).
                    .col(uuid_null(Jobs::LeaseOwner))
                    .col(timestamp_with_time_zone_null(Jobs::LeaseUntil))
                    .col(text_null(Jobs::LastError))
                    .col(timestamp_with_time_zone(Jobs::CreatedAt))
                    .primary_key(Index::create().col(Jobs::Kind).col(Jobs::Subject))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("jobs_due")
                    .table(Jobs::Table)
                    .col(Jobs::Kind)
                    .col(Jobs::RunAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO jobs (kind, subject, run_at, attempts, last_error, created_at)
             SELECT 'mail', id, next_attempt_at, attempts, last_error, created_at
             FROM mail_outbox WHERE sent_at IS NULL AND abandoned_at IS NULL",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO jobs (kind, subject, run_at, attempts, last_error, created_at)
             SELECT 'render', id, next_attempt_at, attempts, last_error, created_at
             FROM documents WHERE rendered_at IS NULL",
        )
        .await?;
        for (table, index) in [
            ("mail_outbox", "idx_mail_outbox_due"),
            ("documents", "documents_due"),
        ] {
            manager
                .drop_index(
                    Index::drop()
                        .name(index)
                        .table(Alias::new(table))
                        .to_owned(),
                )
                .await?;
        }
        // The outbox keeps `last_error`: the SMTP server's answer when it refused a mail
        // for good.
        for (table, column) in [
            ("mail_outbox", "attempts"),
            ("mail_outbox", "next_attempt_at"),
            ("documents", "attempts"),
            ("documents", "next_attempt_at"),
            ("documents", "last_error"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["mail_outbox", "documents"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(integer(Alias::new("attempts")).default(0))
                        .to_owned(),
                )
                .await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(
                            timestamp_with_time_zone(Alias::new("next_attempt_at"))
                                .default(Expr::current_timestamp()),
                        )
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("documents"))
                    .add_column(text_null(Alias::new("last_error")))
                    .to_owned(),
            )
            .await?;
        for (table, index, first) in [
            ("mail_outbox", "idx_mail_outbox_due", "sent_at"),
            ("documents", "documents_due", "rendered_at"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(index)
                        .table(Alias::new(table))
                        .col(Alias::new(first))
                        .col(Alias::new("next_attempt_at"))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Jobs::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Jobs {
    Table,
    Kind,
    Subject,
    RunAt,
    Attempts,
    LeaseOwner,
    LeaseUntil,
    LastError,
    CreatedAt,
}
