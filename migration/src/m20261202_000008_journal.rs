//! The journal (REQUIREMENTS S1, security checklist line 31): one row per staff action,
//! sign-in, failure and lockout, never updated or deleted by the application; each row's
//! `hash` is the SHA-256 of the row and of the previous row's hash, so an edit or a removal
//! in the database breaks the chain (`./cyclades journal verify`).

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000008_journal"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Journal::Table)
                    // 1, 2, 3… given by the append, under a lock: a gap is a removed row.
                    .col(big_integer(Journal::Seq).primary_key())
                    .col(timestamp_with_time_zone(Journal::At))
                    // Who: `staff:<id>`, `cli`…
                    .col(string_len(Journal::Actor, 120))
                    .col(string_len_null(Journal::Address, 64))
                    .col(string_len(Journal::Action, 64))
                    .col(string_len(Journal::Subject, 200))
                    // The values before and after, as JSON.
                    .col(text_null(Journal::Before))
                    .col(text_null(Journal::After))
                    .col(string_len(Journal::Hash, 64))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Journal::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Journal {
    Table,
    Seq,
    At,
    Actor,
    Address,
    Action,
    Subject,
    Before,
    After,
    Hash,
}
