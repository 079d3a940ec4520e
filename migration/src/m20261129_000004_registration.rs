//! Registration (R1-R11): candidate numbers, candidatures with their versions, drafts of
//! the wizard, the "à choix" groups of tests, and the reference data of the wizard (HR
//! lists, postal codes, établissements).

use crate::m20261129_000001_catalog::Offers;
use crate::reference_data::{ETABLISSEMENTS_CSV, HR_LISTS_CSV, POSTAL_CODES_CSV, parse_csv};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000004_registration"
    }
}

/// Inserts `rows` (one value per column) in batches under every database's parameter limit.
async fn insert_rows(
    manager: &SchemaManager<'_>,
    table: impl IntoIden + Clone,
    columns: &[Alias],
    rows: &[Vec<&str>],
) -> Result<(), DbErr> {
    for chunk in rows.chunks(150) {
        let mut insert = Query::insert();
        insert
            .into_table(table.clone())
            .columns(columns.iter().cloned());
        for row in chunk {
            if row.len() != columns.len() {
                return Err(DbErr::Custom(format!("bad reference row {row:?}")));
            }
            insert.values_panic(row.iter().map(|v| Expr::val(*v)));
        }
        manager.exec_stmt(insert).await?;
    }
    Ok(())
}

fn cols(names: &[&str]) -> Vec<Alias> {
    names.iter().map(|n| Alias::new(*n)).collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The first candidatures table (issue 3) only told "Modifier mon compte" that one
        // existed; no code path created rows in it.
        manager
            .drop_table(Table::drop().table(Candidatures::Table).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Candidates::Table)
                    .col(uuid(Candidates::AccountId).primary_key())
                    .col(string_len_uniq(Candidates::Number, 16))
                    .col(integer(Candidates::Registrations))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidates::Table, Candidates::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Candidatures::Table)
                    .col(uuid(Candidatures::Id).primary_key())
                    .col(uuid(Candidatures::AccountId))
                    .col(integer(Candidatures::OfferId))
                    .col(integer(Candidatures::RegistrationNumber))
                    .col(integer(Candidatures::Version))
                    .col(string_len(Candidatures::Status, 16))
                    .col(text(Candidatures::Answers))
                    .col(timestamp_with_time_zone(Candidatures::CreatedAt))
                    .col(timestamp_with_time_zone(Candidatures::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidatures::Table, Candidatures::AccountId)
                            .to(Candidates::Table, Candidates::AccountId)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidatures::Table, Candidatures::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    // One candidature per offer and candidate; numbers never given twice.
                    .index(
                        Index::create()
                            .unique()
                            .col(Candidatures::AccountId)
                            .col(Candidatures::OfferId),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(Candidatures::AccountId)
                            .col(Candidatures::RegistrationNumber),
                    )
                    .check(Expr::col(Candidatures::Status).is_in(["inscrite", "desinscrite"]))
                    .check(Expr::col(Candidatures::Version).gte(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_candidatures_offer")
                    .table(Candidatures::Table)
                    .col(Candidatures::OfferId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CandidatureVersions::Table)
                    .col(pk_auto(CandidatureVersions::Id))
                    .col(uuid(CandidatureVersions::CandidatureId))
                    .col(integer(CandidatureVersions::Version))
                    .col(text(CandidatureVersions::Answers))
                    .col(text(CandidatureVersions::Identity))
                    .col(timestamp_with_time_zone(CandidatureVersions::SavedAt))
                    .col(uuid_uniq(CandidatureVersions::IdempotencyKey))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                CandidatureVersions::Table,
                                CandidatureVersions::CandidatureId,
                            )
                            .to(Candidatures::Table, Candidatures::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(CandidatureVersions::CandidatureId)
                            .col(CandidatureVersions::Version),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RegistrationDrafts::Table)
                    .col(uuid(RegistrationDrafts::AccountId))
                    .col(integer(RegistrationDrafts::OfferId))
                    .col(text(RegistrationDrafts::Answers))
                    .col(small_integer(RegistrationDrafts::Tab))
                    .col(timestamp_with_time_zone(RegistrationDrafts::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(RegistrationDrafts::AccountId)
                            .col(RegistrationDrafts::OfferId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegistrationDrafts::Table, RegistrationDrafts::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegistrationDrafts::Table, RegistrationDrafts::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EpreuveGroups::Table)
                    .col(pk_auto(EpreuveGroups::Id))
                    .col(integer(EpreuveGroups::OfferId))
                    .col(string_len(EpreuveGroups::Code, 32))
                    .col(string(EpreuveGroups::Label))
                    .col(integer(EpreuveGroups::MinChoices))
                    .col(integer(EpreuveGroups::MaxChoices))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EpreuveGroups::Table, EpreuveGroups::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(EpreuveGroups::OfferId)
                            .col(EpreuveGroups::Code),
                    )
                    .check(Expr::col(EpreuveGroups::MinChoices).gte(0))
                    .check(
                        Expr::col(EpreuveGroups::MaxChoices)
                            .gte(Expr::col(EpreuveGroups::MinChoices)),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HrOptions::Table)
                    .col(string_len(HrOptions::List, 16))
                    .col(string_len(HrOptions::Code, 16))
                    .col(string(HrOptions::Label))
                    .col(integer(HrOptions::Rank))
                    .primary_key(Index::create().col(HrOptions::List).col(HrOptions::Code))
                    .check(Expr::col(HrOptions::List).is_in(["corps", "statut", "position"]))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PostalCodes::Table)
                    .col(string_len(PostalCodes::Code, 5))
                    .col(string_len(PostalCodes::CommuneCode, 5))
                    .col(string_len(PostalCodes::Locality, 100))
                    .primary_key(
                        Index::create()
                            .col(PostalCodes::Code)
                            .col(PostalCodes::Locality)
                            .col(PostalCodes::CommuneCode),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Etablissements::Table)
                    .col(string_len(Etablissements::Uai, 8).primary_key())
                    .col(string(Etablissements::Name))
                    .col(string_len(Etablissements::Kind, 64))
                    .col(string_len(Etablissements::PostalCode, 5))
                    .col(string_len(Etablissements::CommuneCode, 5))
                    .col(string_len(Etablissements::Locality, 100))
                    .col(string_len(Etablissements::DepartementCode, 3))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_etablissements_place")
                    .table(Etablissements::Table)
                    .col(Etablissements::DepartementCode)
                    .col(Etablissements::PostalCode)
                    .col(Etablissements::Locality)
                    .to_owned(),
            )
            .await?;

        let mut hr = Query::insert();
        hr.into_table(HrOptions::Table).columns([
            HrOptions::List,
            HrOptions::Code,
            HrOptions::Label,
            HrOptions::Rank,
        ]);
        for (rank, row) in parse_csv(HR_LISTS_CSV).iter().enumerate() {
            let [list, code, label] = row.as_slice() else {
                return Err(DbErr::Custom(format!("hr-lists.csv: bad row {row:?}")));
            };
            let rank = <i32 as TryFrom<usize>>::try_from(rank)
                .map_err(|e| DbErr::Custom(e.to_string()))?;
            hr.values_panic([
                Expr::val(*list),
                Expr::val(*code),
                Expr::val(*label),
                Expr::val(rank),
            ]);
        }
        manager.exec_stmt(hr).await?;
        insert_rows(
            manager,
            PostalCodes::Table,
            &cols(&["code", "commune_code", "locality"]),
            &parse_csv(POSTAL_CODES_CSV),
        )
        .await?;
        insert_rows(
            manager,
            Etablissements::Table,
            &cols(&[
                "uai",
                "name",
                "kind",
                "postal_code",
                "commune_code",
                "locality",
                "departement_code",
            ]),
            &parse_csv(ETABLISSEMENTS_CSV),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Etablissements::Table.into_iden(),
            PostalCodes::Table.into_iden(),
            HrOptions::Table.into_iden(),
            EpreuveGroups::Table.into_iden(),
            RegistrationDrafts::Table.into_iden(),
            CandidatureVersions::Table.into_iden(),
            Candidatures::Table.into_iden(),
            Candidates::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        // Back to the first, minimal candidatures table.
        manager
            .create_table(
                Table::create()
                    .table(Candidatures::Table)
                    .col(uuid(Candidatures::Id).primary_key())
                    .col(uuid(Candidatures::AccountId))
                    .col(integer(Candidatures::OfferId))
                    .col(timestamp_with_time_zone(Candidatures::CreatedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Candidates {
    Table,
    AccountId,
    Number,
    Registrations,
}

#[derive(DeriveIden, Clone, Copy)]
enum Candidatures {
    Table,
    Id,
    AccountId,
    OfferId,
    RegistrationNumber,
    Version,
    Status,
    Answers,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CandidatureVersions {
    Table,
    Id,
    CandidatureId,
    Version,
    Answers,
    Identity,
    SavedAt,
    IdempotencyKey,
}

#[derive(DeriveIden, Clone, Copy)]
enum RegistrationDrafts {
    Table,
    AccountId,
    OfferId,
    Answers,
    Tab,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EpreuveGroups {
    Table,
    Id,
    OfferId,
    Code,
    Label,
    MinChoices,
    MaxChoices,
}

#[derive(DeriveIden, Clone, Copy)]
enum HrOptions {
    Table,
    List,
    Code,
    Label,
    Rank,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostalCodes {
    Table,
    Code,
    CommuneCode,
    Locality,
}

#[derive(DeriveIden, Clone, Copy)]
enum Etablissements {
    Table,
    Uai,
    Name,
    Kind,
    PostalCode,
    CommuneCode,
    Locality,
    DepartementCode,
}
