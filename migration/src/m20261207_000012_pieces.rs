//! Pièces justificatives (REQUIREMENTS J1-J5, S6): per offer, groups of pieces (one group =
//! one demande: a deposit mode, a window and a deadline, for the post the service's address),
//! the pieces of each group (optionally asked of one candidature only), the files deposited
//! for a piece by a candidature (never overwritten: a new file is a new row, a deleted one is
//! marked), each piece's review for a candidature (confirmation, status, reception date,
//! comment), and every event of a piece's history.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000012_pieces"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PieceGroups::Table)
                    .col(pk_auto(PieceGroups::Id))
                    .col(integer(PieceGroups::OfferId))
                    // "Confirmation d'inscription".
                    .col(string_len(PieceGroups::Label, 200))
                    // `en_ligne`, `courrier` or `autres`.
                    .col(string_len(PieceGroups::Mode, 16))
                    .col(timestamp_with_time_zone_null(PieceGroups::OpensAt))
                    .col(timestamp_with_time_zone(PieceGroups::ClosesAt))
                    // Where to send pieces by post.
                    .col(text_null(PieceGroups::PostalAddress))
                    .col(integer(PieceGroups::Position).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceGroups::Table, PieceGroups::OfferId)
                            .to(Offers::Table, Offers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Pieces::Table)
                    .col(pk_auto(Pieces::Id))
                    .col(integer(Pieces::GroupId))
                    // "Justificatif 1".
                    .col(string_len(Pieces::Label, 200))
                    .col(text(Pieces::Description))
                    // Asked of this candidature only.
                    .col(uuid_null(Pieces::CandidatureId))
                    .col(integer(Pieces::Position).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pieces::Table, Pieces::GroupId)
                            .to(PieceGroups::Table, PieceGroups::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pieces::Table, Pieces::CandidatureId)
                            .to(Candidatures::Table, Candidatures::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PieceFiles::Table)
                    .col(uuid(PieceFiles::Id).primary_key())
                    .col(integer(PieceFiles::PieceId))
                    .col(uuid(PieceFiles::CandidatureId))
                    .col(string_len(PieceFiles::OriginalName, 255))
                    .col(big_integer(PieceFiles::Size))
                    .col(string_len(PieceFiles::Sha256, 64))
                    // `pdf`, `png`, `jpeg`, `doc`, `docx`, `zip`.
                    .col(string_len(PieceFiles::Format, 8))
                    // The object's key in the storage (generated, never the name).
                    .col(string_len(PieceFiles::StorageKey, 200))
                    .col(timestamp_with_time_zone(PieceFiles::DepositedAt))
                    .col(timestamp_with_time_zone_null(PieceFiles::DeletedAt))
                    // Until scanned, nobody opens it.
                    .col(timestamp_with_time_zone_null(PieceFiles::ScannedAt))
                    // The signature found, for an infected file.
                    .col(string_len_null(PieceFiles::Infection, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceFiles::Table, PieceFiles::PieceId)
                            .to(Pieces::Table, Pieces::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceFiles::Table, PieceFiles::CandidatureId)
                            .to(Candidatures::Table, Candidatures::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_piece_files_candidature")
                    .table(PieceFiles::Table)
                    .col(PieceFiles::CandidatureId)
                    .col(PieceFiles::PieceId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PieceReviews::Table)
                    .col(integer(PieceReviews::PieceId))
                    .col(uuid(PieceReviews::CandidatureId))
                    // "J'ai fourni toutes mes pièces".
                    .col(timestamp_with_time_zone_null(PieceReviews::ConfirmedAt))
                    // Empty (not checked yet), `recue`, `non_conforme` or `conforme`.
                    .col(string_len(PieceReviews::Status, 16).default(""))
                    .col(date_null(PieceReviews::ReceivedOn))
                    .col(text_null(PieceReviews::Comment))
                    .col(timestamp_with_time_zone(PieceReviews::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(PieceReviews::PieceId)
                            .col(PieceReviews::CandidatureId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceReviews::Table, PieceReviews::PieceId)
                            .to(Pieces::Table, Pieces::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceReviews::Table, PieceReviews::CandidatureId)
                            .to(Candidatures::Table, Candidatures::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PieceEvents::Table)
                    .col(pk_auto(PieceEvents::Id))
                    .col(integer(PieceEvents::PieceId))
                    .col(uuid(PieceEvents::CandidatureId))
                    .col(timestamp_with_time_zone(PieceEvents::At))
                    // `depot`, `suppression`, `confirmation`, `statut`, `analyse`.
                    .col(string_len(PieceEvents::Kind, 32))
                    // The candidate, `staff:<id>`, or the scanner.
                    .col(string_len(PieceEvents::Actor, 80))
                    .col(text_null(PieceEvents::Detail))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceEvents::Table, PieceEvents::PieceId)
                            .to(Pieces::Table, Pieces::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_piece_events_candidature")
                    .table(PieceEvents::Table)
                    .col(PieceEvents::CandidatureId)
                    .col(PieceEvents::PieceId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PieceEvents::Table.into_iden(),
            PieceReviews::Table.into_iden(),
            PieceFiles::Table.into_iden(),
            Pieces::Table.into_iden(),
            PieceGroups::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Candidatures {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PieceGroups {
    Table,
    Id,
    OfferId,
    Label,
    Mode,
    OpensAt,
    ClosesAt,
    PostalAddress,
    Position,
}

#[derive(DeriveIden)]
enum Pieces {
    Table,
    Id,
    GroupId,
    Label,
    Description,
    CandidatureId,
    Position,
}

#[derive(DeriveIden)]
enum PieceFiles {
    Table,
    Id,
    PieceId,
    CandidatureId,
    OriginalName,
    Size,
    Sha256,
    Format,
    StorageKey,
    DepositedAt,
    DeletedAt,
    ScannedAt,
    Infection,
}

#[derive(DeriveIden)]
enum PieceReviews {
    Table,
    PieceId,
    CandidatureId,
    ConfirmedAt,
    Status,
    ReceivedOn,
    Comment,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PieceEvents {
    Table,
    Id,
    PieceId,
    CandidatureId,
    At,
    Kind,
    Actor,
    Detail,
}
