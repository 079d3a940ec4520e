//! Documents (D1-D3): every published PDF of a candidature, one row per version of each
//! kind. A row is written in the transaction that causes it (a save, a publication by the
//! service layer); the PDF is rendered afterwards by a background job that retries until
//! it exists, so a save never waits for a rendering and never fails because of one.

use crate::m20261129_000001_catalog::Offers;
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000005_documents"
    }
}

/// The column added to `offers`.
const CONFIRMATION_DUE_AT: &str = "confirmation_due_at";

/// The kinds of D3, as stored.
const KINDS: [&str; 5] = [
    "confirmation",
    "recapitulatif",
    "demande_pieces",
    "relance_pieces",
    "convocation",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .col(uuid(Documents::Id).primary_key())
                    .col(uuid(Documents::CandidatureId))
                    .col(string_len(Documents::Kind, 24))
                    // Version n°1, 2… of this kind for this candidature.
                    .col(integer(Documents::Number))
                    // The version of the candidature it shows.
                    .col(integer(Documents::CandidatureVersion))
                    // Random, shown on the document; opens "Vérifier un document".
                    .col(string_len_uniq(Documents::VerificationCode, 16))
                    // What a kind needs beyond the candidature (JSON), e.g. a convocation's
                    // date and place.
                    .col(text(Documents::Details))
                    .col(timestamp_with_time_zone(Documents::CreatedAt))
                    .col(blob_null(Documents::Pdf))
                    .col(timestamp_with_time_zone_null(Documents::RenderedAt))
                    .col(integer(Documents::Attempts).default(0))
                    .col(timestamp_with_time_zone(Documents::NextAttemptAt))
                    .col(text_null(Documents::LastError))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::CandidatureId)
                            .to(Candidatures::Table, Candidatures::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(Documents::CandidatureId)
                            .col(Documents::Kind)
                            .col(Documents::Number),
                    )
                    .check(Expr::col(Documents::Kind).is_in(KINDS))
                    .check(Expr::col(Documents::Number).gte(1))
                    .to_owned(),
            )
            .await?;
        // The renderer's queue: rows without a PDF, by due time.
        manager
            .create_index(
                Index::create()
                    .name("documents_due")
                    .table(Documents::Table)
                    .col(Documents::RenderedAt)
                    .col(Documents::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        // G01: the date before which the confirmation must reach the service (the closing
        // date of the registration when not set).
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .add_column(timestamp_with_time_zone_null(Alias::new(
                        CONFIRMATION_DUE_AT,
                    )))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .drop_column(Alias::new(CONFIRMATION_DUE_AT))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Documents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Documents {
    Table,
    Id,
    CandidatureId,
    Kind,
    Number,
    CandidatureVersion,
    VerificationCode,
    Details,
    CreatedAt,
    Pdf,
    RenderedAt,
    Attempts,
    NextAttemptAt,
    LastError,
}

#[derive(DeriveIden, Clone, Copy)]
enum Candidatures {
    Table,
    Id,
}
