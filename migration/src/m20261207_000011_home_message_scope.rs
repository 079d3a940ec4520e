//! "Messages d'accueil" (REQUIREMENTS P1, S3): a message is for every académie or for one
//! (its code: académies keep theirs for good), and keeps the instant of its last change, the
//! revision an editor saves against.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000011_home_message_scope"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(HomeMessages::Table)
                    .add_column(string_len_null(HomeMessages::AcademyCode, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(HomeMessages::Table)
                    .add_column(timestamp_with_time_zone_null(HomeMessages::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [HomeMessages::UpdatedAt, HomeMessages::AcademyCode] {
            manager
                .alter_table(
                    Table::alter()
                        .table(HomeMessages::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum HomeMessages {
    Table,
    AcademyCode,
    UpdatedAt,
}
