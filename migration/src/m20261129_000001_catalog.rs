//! The catalog: domains, académies, exams, specialities, sessions, offers and their
//! registration periods, tests per offer, home messages, and the reference lists.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000001_catalog"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Domains::Table)
                    .col(pk_auto(Domains::Id))
                    .col(string_len_uniq(Domains::Code, 8))
                    .col(string(Domains::Label))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Academies::Table)
                    .col(pk_auto(Academies::Id))
                    .col(string_len_uniq(Academies::Code, 32))
                    .col(string(Academies::Label))
                    .col(string(Academies::Name))
                    .col(string(Academies::ServiceName))
                    .col(string(Academies::ServicePhone))
                    .col(string(Academies::ServiceEmail))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Exams::Table)
                    .col(pk_auto(Exams::Id))
                    .col(integer(Exams::DomainId))
                    .col(string_len_uniq(Exams::Code, 32))
                    .col(string(Exams::Label))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Exams::Table, Exams::DomainId)
                            .to(Domains::Table, Domains::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Specialities::Table)
                    .col(pk_auto(Specialities::Id))
                    .col(integer(Specialities::ExamId))
                    .col(string_len(Specialities::Code, 32))
                    .col(string(Specialities::Label))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Specialities::Table, Specialities::ExamId)
                            .to(Exams::Table, Exams::Id),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(Specialities::ExamId)
                            .col(Specialities::Code),
                    )
                    // Target of the offers' (speciality, exam) key below.
                    .index(
                        Index::create()
                            .unique()
                            .col(Specialities::Id)
                            .col(Specialities::ExamId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(pk_auto(Sessions::Id))
                    .col(integer_uniq(Sessions::Year))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .col(pk_auto(Offers::Id))
                    .col(uuid_uniq(Offers::PublicId))
                    .col(integer(Offers::ExamId))
                    .col(integer(Offers::SpecialityId))
                    .col(integer(Offers::AcademyId))
                    .col(integer(Offers::SessionId))
                    .col(timestamp_with_time_zone(Offers::OpensAt))
                    .col(timestamp_with_time_zone(Offers::ClosesAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::ExamId)
                            .to(Exams::Table, Exams::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            // The offer's exam is its speciality's exam.
                            .from(Offers::Table, (Offers::SpecialityId, Offers::ExamId))
                            .to(
                                Specialities::Table,
                                (Specialities::Id, Specialities::ExamId),
                            ),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::AcademyId)
                            .to(Academies::Table, Academies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::SessionId)
                            .to(Sessions::Table, Sessions::Id),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(Offers::SpecialityId)
                            .col(Offers::AcademyId)
                            .col(Offers::SessionId),
                    )
                    .check(Expr::col(Offers::ClosesAt).gt(Expr::col(Offers::OpensAt)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_offers_exam")
                    .table(Offers::Table)
                    .col(Offers::ExamId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Epreuves::Table)
                    .col(pk_auto(Epreuves::Id))
                    .col(integer(Epreuves::OfferId))
                    .col(string_len(Epreuves::Code, 8))
                    .col(string(Epreuves::Label))
                    .col(string_len(Epreuves::Kind, 16))
                    .col(string_len(Epreuves::Mode, 8))
                    .col(string_len_null(Epreuves::ChoiceGroup, 32))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Epreuves::Table, Epreuves::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(Epreuves::OfferId)
                            .col(Epreuves::Code),
                    )
                    .check(Expr::col(Epreuves::Kind).is_in([
                        "obligatoire",
                        "facultative",
                        "a_choix",
                    ]))
                    .check(Expr::col(Epreuves::Mode).is_in(["ecrit", "oral"]))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HomeMessages::Table)
                    .col(pk_auto(HomeMessages::Id))
                    .col(string(HomeMessages::Title))
                    .col(text(HomeMessages::Body))
                    .col(boolean(HomeMessages::Published))
                    .col(timestamp_with_time_zone(HomeMessages::CreatedAt))
                    .col(timestamp_with_time_zone_null(HomeMessages::VisibleFrom))
                    .col(timestamp_with_time_zone_null(HomeMessages::VisibleUntil))
                    .to_owned(),
            )
            .await?;
        for (table, code, label, len) in [
            (RefTable::Countries, RefCol::Code, RefCol::Label, 8),
            (RefTable::Nationalities, RefCol::Code, RefCol::Label, 8),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(string_len(code, len).primary_key())
                        .col(string(label))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(RefTable::Departements)
                    .col(string_len(RefCol::Code, 3).primary_key())
                    .col(string(RefCol::Label))
                    .col(string_len(RefCol::Kind, 16))
                    .check(Expr::col(RefCol::Kind).is_in(["departement", "dom", "com"]))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables: [DynIden; 11] = [
            RefTable::Departements.into_iden(),
            RefTable::Nationalities.into_iden(),
            RefTable::Countries.into_iden(),
            HomeMessages::Table.into_iden(),
            Epreuves::Table.into_iden(),
            Offers::Table.into_iden(),
            Sessions::Table.into_iden(),
            Specialities::Table.into_iden(),
            Exams::Table.into_iden(),
            Academies::Table.into_iden(),
            Domains::Table.into_iden(),
        ];
        for table in tables {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub(crate) enum Domains {
    Table,
    Id,
    Code,
    Label,
}

#[derive(DeriveIden)]
enum Academies {
    Table,
    Id,
    Code,
    Label,
    Name,
    ServiceName,
    ServicePhone,
    ServiceEmail,
}

#[derive(DeriveIden)]
enum Exams {
    Table,
    Id,
    DomainId,
    Code,
    Label,
}

#[derive(DeriveIden)]
enum Specialities {
    Table,
    Id,
    ExamId,
    Code,
    Label,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Year,
}

#[derive(DeriveIden)]
pub(crate) enum Offers {
    Table,
    Id,
    PublicId,
    ExamId,
    SpecialityId,
    AcademyId,
    SessionId,
    OpensAt,
    ClosesAt,
}

#[derive(DeriveIden)]
enum Epreuves {
    Table,
    Id,
    OfferId,
    Code,
    Label,
    Kind,
    Mode,
    ChoiceGroup,
}

#[derive(DeriveIden)]
enum HomeMessages {
    Table,
    Id,
    Title,
    Body,
    Published,
    CreatedAt,
    VisibleFrom,
    VisibleUntil,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum RefTable {
    Countries,
    Nationalities,
    Departements,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum RefCol {
    Code,
    Label,
    Kind,
}
