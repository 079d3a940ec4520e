//! The CSV files of offers and periods an administrator sends (issue 15): kept between the
//! preview and "Appliquer l'import" (a day at most), then marked applied.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000015_offer_imports"
    }
}

#[derive(DeriveIden)]
enum OfferImports {
    Table,
    Id,
    /// The staff member who sent it (only they see its preview).
    StaffId,
    FileName,
    /// The file's text (decoded to UTF-8).
    Content,
    CreatedAt,
    AppliedAt,
    /// "12 offres créées, 3 périodes modifiées".
    Outcome,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OfferImports::Table)
                    .col(uuid(OfferImports::Id).primary_key())
                    .col(uuid(OfferImports::StaffId))
                    .col(string_len(OfferImports::FileName, 255))
                    .col(text(OfferImports::Content))
                    .col(timestamp_with_time_zone(OfferImports::CreatedAt))
                    .col(timestamp_with_time_zone_null(OfferImports::AppliedAt))
                    .col(text_null(OfferImports::Outcome))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OfferImports::Table).to_owned())
            .await
    }
}
