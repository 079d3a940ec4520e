//! The catalog in staff hands (REQUIREMENTS S2, issue 15):
//! - the tests (épreuves) and their groups of choice belong to a speciality, the national
//!   list, rather than to each offer (the rows of the offers of one speciality are merged,
//!   the first of each code kept; candidatures name tests by code, so nothing else moves);
//! - an exam or a speciality that candidatures refer to is archived, never deleted;
//! - an académie's service gestionnaire has a postal address.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000013_catalog_editing"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(epreuves(EpreuvesV2::Table, Owner::Speciality))
            .await?;
        manager
            .create_table(groups(GroupsV2::Table, Owner::Speciality))
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO epreuves_v2 (speciality_id, code, label, kind, mode, choice_group) \
             SELECT o.speciality_id, e.code, e.label, e.kind, e.mode, e.choice_group \
             FROM epreuves e JOIN offers o ON o.id = e.offer_id \
             WHERE e.id IN (SELECT MIN(e2.id) FROM epreuves e2 JOIN offers o2 ON o2.id = e2.offer_id \
                            GROUP BY o2.speciality_id, e2.code) \
             ORDER BY e.id",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO epreuve_groups_v2 (speciality_id, code, label, min_choices, max_choices) \
             SELECT o.speciality_id, g.code, g.label, g.min_choices, g.max_choices \
             FROM epreuve_groups g JOIN offers o ON o.id = g.offer_id \
             WHERE g.id IN (SELECT MIN(g2.id) FROM epreuve_groups g2 JOIN offers o2 ON o2.id = g2.offer_id \
                            GROUP BY o2.speciality_id, g2.code) \
             ORDER BY g.id",
        )
        .await?;
        swap(manager, "epreuves", "epreuves_v2").await?;
        swap(manager, "epreuve_groups", "epreuve_groups_v2").await?;

        for table in [Catalog::Exams, Catalog::Specialities] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(timestamp_with_time_zone_null(Catalog::ArchivedAt))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Catalog::Academies)
                    .add_column(text(Catalog::ServiceAddress).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Catalog::Academies)
                    .drop_column(Catalog::ServiceAddress)
                    .to_owned(),
            )
            .await?;
        for table in [Catalog::Specialities, Catalog::Exams] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Catalog::ArchivedAt)
                        .to_owned(),
                )
                .await?;
        }
        // Back to one copy per offer.
        manager
            .create_table(epreuves(EpreuvesV2::Table, Owner::Offer))
            .await?;
        manager
            .create_table(groups(GroupsV2::Table, Owner::Offer))
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO epreuves_v2 (offer_id, code, label, kind, mode, choice_group) \
             SELECT o.id, e.code, e.label, e.kind, e.mode, e.choice_group \
             FROM epreuves e JOIN offers o ON o.speciality_id = e.speciality_id ORDER BY o.id, e.id",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO epreuve_groups_v2 (offer_id, code, label, min_choices, max_choices) \
             SELECT o.id, g.code, g.label, g.min_choices, g.max_choices \
             FROM epreuve_groups g JOIN offers o ON o.speciality_id = g.speciality_id ORDER BY o.id, g.id",
        )
        .await?;
        swap(manager, "epreuves", "epreuves_v2").await?;
        swap(manager, "epreuve_groups", "epreuve_groups_v2").await
    }
}

/// Whom the tests belong to.
#[derive(Clone, Copy)]
enum Owner {
    Speciality,
    Offer,
}

impl Owner {
    fn column(self) -> Alias {
        Alias::new(match self {
            Owner::Speciality => "speciality_id",
            Owner::Offer => "offer_id",
        })
    }

    fn table(self) -> Catalog {
        match self {
            Owner::Speciality => Catalog::Specialities,
            Owner::Offer => Catalog::Offers,
        }
    }
}

/// Replaces `old` by `new` under the old name.
async fn swap(manager: &SchemaManager<'_>, old: &str, new: &str) -> Result<(), DbErr> {
    manager
        .drop_table(Table::drop().table(Alias::new(old)).to_owned())
        .await?;
    manager
        .rename_table(
            Table::rename()
                .table(Alias::new(new), Alias::new(old))
                .to_owned(),
        )
        .await
}

fn epreuves(table: EpreuvesV2, owner: Owner) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(pk_auto(EpreuvesV2::Id))
        .col(integer(owner.column()))
        .col(string_len(EpreuvesV2::Code, 8))
        .col(string(EpreuvesV2::Label))
        .col(string_len(EpreuvesV2::Kind, 16))
        .col(string_len(EpreuvesV2::Mode, 8))
        .col(string_len_null(EpreuvesV2::ChoiceGroup, 32))
        .foreign_key(
            ForeignKey::create()
                .from(table, owner.column())
                .to(owner.table(), Catalog::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .index(
            Index::create()
                .unique()
                .col(owner.column())
                .col(EpreuvesV2::Code),
        )
        .check(Expr::col(EpreuvesV2::Kind).is_in(["obligatoire", "facultative", "a_choix"]))
        .check(Expr::col(EpreuvesV2::Mode).is_in(["ecrit", "oral"]))
        .to_owned()
}

fn groups(table: GroupsV2, owner: Owner) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(pk_auto(GroupsV2::Id))
        .col(integer(owner.column()))
        .col(string_len(GroupsV2::Code, 32))
        .col(string(GroupsV2::Label))
        .col(integer(GroupsV2::MinChoices))
        .col(integer(GroupsV2::MaxChoices))
        .foreign_key(
            ForeignKey::create()
                .from(table, owner.column())
                .to(owner.table(), Catalog::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .index(
            Index::create()
                .unique()
                .col(owner.column())
                .col(GroupsV2::Code),
        )
        .check(Expr::col(GroupsV2::MinChoices).gte(0))
        .check(Expr::col(GroupsV2::MaxChoices).gte(Expr::col(GroupsV2::MinChoices)))
        .to_owned()
}

#[derive(DeriveIden, Clone, Copy)]
enum EpreuvesV2 {
    #[sea_orm(iden = "epreuves_v2")]
    Table,
    Id,
    Code,
    Label,
    Kind,
    Mode,
    ChoiceGroup,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupsV2 {
    #[sea_orm(iden = "epreuve_groups_v2")]
    Table,
    Id,
    Code,
    Label,
    MinChoices,
    MaxChoices,
}

#[derive(DeriveIden, Clone, Copy)]
enum Catalog {
    Exams,
    Specialities,
    Academies,
    Offers,
    Id,
    ArchivedAt,
    ServiceAddress,
}
