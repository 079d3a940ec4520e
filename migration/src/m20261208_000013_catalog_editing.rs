//! The catalog in staff hands (REQUIREMENTS S2, issue 15):
//! - the tests (épreuves) and their groups of choice belong to a speciality, the national
//!   list, rather than to each offer: tables `speciality_epreuves` and
//!   `speciality_epreuve_groups` replace `epreuves` and `epreuve_groups` (the rows of the
//!   offers of one speciality are merged, the first of each code kept; candidatures name
//!   tests by code, so nothing else moves);
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
        manager.create_table(epreuves(Owner::Speciality)).await?;
        manager.create_table(groups(Owner::Speciality)).await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO speciality_epreuves (speciality_id, code, label, kind, mode, choice_group) \
             SELECT o.speciality_id, e.code, e.label, e.kind, e.mode, e.choice_group \
             FROM epreuves e JOIN offers o ON o.id = e.offer_id \
             WHERE e.id IN (SELECT MIN(e2.id) FROM epreuves e2 JOIN offers o2 ON o2.id = e2.offer_id \
                            GROUP BY o2.speciality_id, e2.code) \
             ORDER BY e.id",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO speciality_epreuve_groups (speciality_id, code, label, min_choices, max_choices) \
             SELECT o.speciality_id, g.code, g.label, g.min_choices, g.max_choices \
             FROM epreuve_groups g JOIN offers o ON o.id = g.offer_id \
             WHERE g.id IN (SELECT MIN(g2.id) FROM epreuve_groups g2 JOIN offers o2 ON o2.id = g2.offer_id \
                            GROUP BY o2.speciality_id, g2.code) \
             ORDER BY g.id",
        )
        .await?;
        drop(manager, "epreuves").await?;
        drop(manager, "epreuve_groups").await?;

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
        manager.create_table(epreuves(Owner::Offer)).await?;
        manager.create_table(groups(Owner::Offer)).await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO epreuves (offer_id, code, label, kind, mode, choice_group) \
             SELECT o.id, e.code, e.label, e.kind, e.mode, e.choice_group \
             FROM speciality_epreuves e JOIN offers o ON o.speciality_id = e.speciality_id ORDER BY o.id, e.id",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO epreuve_groups (offer_id, code, label, min_choices, max_choices) \
             SELECT o.id, g.code, g.label, g.min_choices, g.max_choices \
             FROM speciality_epreuve_groups g JOIN offers o ON o.speciality_id = g.speciality_id ORDER BY o.id, g.id",
        )
        .await?;
        drop(manager, "speciality_epreuves").await?;
        drop(manager, "speciality_epreuve_groups").await
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

    /// The tests' table.
    fn epreuves(self) -> Alias {
        Alias::new(match self {
            Owner::Speciality => "speciality_epreuves",
            Owner::Offer => "epreuves",
        })
    }

    /// The groups' table.
    fn groups(self) -> Alias {
        Alias::new(match self {
            Owner::Speciality => "speciality_epreuve_groups",
            Owner::Offer => "epreuve_groups",
        })
    }

    fn table(self) -> Catalog {
        match self {
            Owner::Speciality => Catalog::Specialities,
            Owner::Offer => Catalog::Offers,
        }
    }
}

/// Drops table `name`. (Tables are never renamed here: on SQLite, a pooled connection
/// could still see the old name.)
async fn drop(manager: &SchemaManager<'_>, name: &str) -> Result<(), DbErr> {
    manager
        .drop_table(Table::drop().table(Alias::new(name)).to_owned())
        .await
}

fn epreuves(owner: Owner) -> TableCreateStatement {
    let table = owner.epreuves();
    Table::create()
        .table(table.clone())
        .col(pk_auto(Epreuves::Id))
        .col(integer(owner.column()))
        .col(string_len(Epreuves::Code, 8))
        .col(string(Epreuves::Label))
        .col(string_len(Epreuves::Kind, 16))
        .col(string_len(Epreuves::Mode, 8))
        .col(string_len_null(Epreuves::ChoiceGroup, 32))
        .foreign_key(
            ForeignKey::create()
                .from(table.clone(), owner.column())
                .to(owner.table(), Catalog::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .index(
            Index::create()
                .unique()
                .col(owner.column())
                .col(Epreuves::Code),
        )
        .check(Expr::col(Epreuves::Kind).is_in(["obligatoire", "facultative", "a_choix"]))
        .check(Expr::col(Epreuves::Mode).is_in(["ecrit", "oral"]))
        .to_owned()
}

fn groups(owner: Owner) -> TableCreateStatement {
    let table = owner.groups();
    Table::create()
        .table(table.clone())
        .col(pk_auto(Groups::Id))
        .col(integer(owner.column()))
        .col(string_len(Groups::Code, 32))
        .col(string(Groups::Label))
        .col(integer(Groups::MinChoices))
        .col(integer(Groups::MaxChoices))
        .foreign_key(
            ForeignKey::create()
                .from(table.clone(), owner.column())
                .to(owner.table(), Catalog::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .index(
            Index::create()
                .unique()
                .col(owner.column())
                .col(Groups::Code),
        )
        .check(Expr::col(Groups::MinChoices).gte(0))
        .check(Expr::col(Groups::MaxChoices).gte(Expr::col(Groups::MinChoices)))
        .to_owned()
}

#[derive(DeriveIden, Clone, Copy)]
enum Epreuves {
    Id,
    Code,
    Label,
    Kind,
    Mode,
    ChoiceGroup,
}

#[derive(DeriveIden, Clone, Copy)]
enum Groups {
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
