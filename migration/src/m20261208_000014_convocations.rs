//! Convocations aux épreuves (REQUIREMENTS S7, D3; issue 15):
//! - `convocation_schedules`: for each test of an offer, when (start, duration), where (the
//!   address) and the instructions;
//! - `convocation_batches`: the convocations prepared together for an offer, published at
//!   one instant (`publish_at`, an embargo), their mail sent once that instant is past,
//!   with a printable PDF and a ZIP of the whole batch made once every PDF exists;
//! - `documents.batch_id` and `documents.visible_from`: a document of a batch is shown to
//!   its candidate from the batch's instant only (one column compared with the clock, so a
//!   batch is never half published).

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000014_convocations"
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ConvocationSchedules {
    Table,
    Id,
    OfferId,
    /// The test's code within the offer's speciality ("010").
    EpreuveCode,
    StartsAt,
    DurationMinutes,
    Place,
    Instructions,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ConvocationBatches {
    Table,
    Id,
    OfferId,
    /// "Tous les inscrits" or the candidate numbers chosen.
    Selection,
    PublishAt,
    /// Convocations published (new or changed).
    Total,
    /// Candidatures of the selection whose last convocation had not changed.
    Unchanged,
    CreatedBy,
    CreatedAt,
    /// When the mails were queued (the instant passed).
    MailedAt,
    /// When the batch's printable PDF and ZIP were stored.
    FilesAt,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    BatchId,
    VisibleFrom,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConvocationSchedules::Table)
                    .col(pk_auto(ConvocationSchedules::Id))
                    .col(integer(ConvocationSchedules::OfferId))
                    .col(string_len(ConvocationSchedules::EpreuveCode, 16))
                    .col(timestamp_with_time_zone(ConvocationSchedules::StartsAt))
                    .col(integer(ConvocationSchedules::DurationMinutes))
                    .col(text(ConvocationSchedules::Place))
                    .col(text(ConvocationSchedules::Instructions))
                    .col(timestamp_with_time_zone(ConvocationSchedules::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConvocationSchedules::Table, ConvocationSchedules::OfferId)
                            .to(Offers::Table, Offers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("convocation_schedules_offer_code")
                    .table(ConvocationSchedules::Table)
                    .col(ConvocationSchedules::OfferId)
                    .col(ConvocationSchedules::EpreuveCode)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConvocationBatches::Table)
                    .col(uuid(ConvocationBatches::Id).primary_key())
                    .col(integer(ConvocationBatches::OfferId))
                    .col(text(ConvocationBatches::Selection))
                    .col(timestamp_with_time_zone(ConvocationBatches::PublishAt))
                    .col(integer(ConvocationBatches::Total))
                    .col(integer(ConvocationBatches::Unchanged))
                    .col(string_len(ConvocationBatches::CreatedBy, 200))
                    .col(timestamp_with_time_zone(ConvocationBatches::CreatedAt))
                    .col(timestamp_with_time_zone_null(ConvocationBatches::MailedAt))
                    .col(timestamp_with_time_zone_null(ConvocationBatches::FilesAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConvocationBatches::Table, ConvocationBatches::OfferId)
                            .to(Offers::Table, Offers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("convocation_batches_offer")
                    .table(ConvocationBatches::Table)
                    .col(ConvocationBatches::OfferId)
                    .to_owned(),
            )
            .await?;
        for column in [
            ColumnDef::new(Documents::BatchId).uuid().null().to_owned(),
            ColumnDef::new(Documents::VisibleFrom)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Documents::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("documents_batch")
                    .table(Documents::Table)
                    .col(Documents::BatchId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("documents_batch")
                    .table(Documents::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Documents::VisibleFrom, Documents::BatchId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Documents::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ConvocationBatches::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ConvocationSchedules::Table).to_owned())
            .await
    }
}
