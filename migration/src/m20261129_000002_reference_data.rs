//! Loads the reference lists and the two domains of the guide (G01, G02).

use crate::m20261129_000001_catalog::{Domains, RefCol, RefTable};
use crate::reference_data::{COUNTRIES_CSV, DEPARTEMENTS_CSV, NATIONALITIES_CSV, parse_csv};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000002_reference_data"
    }
}

/// Inserts rows in batches small enough for every database's parameter limit.
async fn insert_rows(
    manager: &SchemaManager<'_>,
    table: impl IntoIden + Clone,
    columns: &[RefCol],
    rows: &[Vec<&str>],
) -> Result<(), DbErr> {
    for chunk in rows.chunks(200) {
        let mut insert = Query::insert();
        insert
            .into_table(table.clone())
            .columns(columns.iter().copied());
        for row in chunk {
            insert.values_panic(row.iter().map(|v| Expr::val(*v)));
        }
        manager.exec_stmt(insert).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut domains = Query::insert();
        domains
            .into_table(Domains::Table)
            .columns([Domains::Code, Domains::Label])
            .values_panic(["G01".into(), "Autres examens".into()])
            .values_panic(["G02".into(), "Autres Certifications".into()]);
        manager.exec_stmt(domains).await?;

        let pair = [RefCol::Code, RefCol::Label];
        insert_rows(
            manager,
            RefTable::Countries,
            &pair,
            &parse_csv(COUNTRIES_CSV),
        )
        .await?;
        insert_rows(
            manager,
            RefTable::Nationalities,
            &pair,
            &parse_csv(NATIONALITIES_CSV),
        )
        .await?;
        insert_rows(
            manager,
            RefTable::Departements,
            &[RefCol::Code, RefCol::Label, RefCol::Kind],
            &parse_csv(DEPARTEMENTS_CSV),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RefTable::Countries,
            RefTable::Nationalities,
            RefTable::Departements,
        ] {
            manager
                .exec_stmt(Query::delete().from_table(table).to_owned())
                .await?;
        }
        manager
            .exec_stmt(Query::delete().from_table(Domains::Table).to_owned())
            .await?;
        Ok(())
    }
}
