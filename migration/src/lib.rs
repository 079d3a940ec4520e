//! The Cyclades schema, one migration per step, and the reference data it ships.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_catalog;
mod m20261129_000002_reference_data;
mod m20261129_000003_accounts;
mod m20261129_000004_registration;
mod m20261129_000005_documents;
mod m20261201_000006_account_requests;
mod m20261202_000007_jobs;
mod m20261202_000008_journal;
mod m20261202_000009_staff;
mod m20261207_000010_candidate_search;
mod m20261207_000011_home_message_scope;
mod m20261207_000012_pieces;
mod m20261208_000013_catalog_editing;
mod m20261208_000014_convocations;
mod m20261208_000015_offer_imports;
mod reference_data;

pub use reference_data::{
    COMMON_PASSWORDS_TXT, COMMUNES_CSV, COUNTRIES_CSV, DEPARTEMENTS_CSV, ETABLISSEMENTS_CSV,
    HR_LISTS_CSV, NATIONALITIES_CSV, POSTAL_CODES_CSV, parse_csv,
};

/// Runs every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_catalog::Migration),
            Box::new(m20261129_000002_reference_data::Migration),
            Box::new(m20261129_000003_accounts::Migration),
            Box::new(m20261129_000004_registration::Migration),
            Box::new(m20261129_000005_documents::Migration),
            Box::new(m20261201_000006_account_requests::Migration),
            Box::new(m20261202_000007_jobs::Migration),
            Box::new(m20261202_000008_journal::Migration),
            Box::new(m20261202_000009_staff::Migration),
            Box::new(m20261207_000010_candidate_search::Migration),
            Box::new(m20261207_000011_home_message_scope::Migration),
            Box::new(m20261207_000012_pieces::Migration),
            Box::new(m20261208_000013_catalog_editing::Migration),
            Box::new(m20261208_000014_convocations::Migration),
            Box::new(m20261208_000015_offer_imports::Migration),
        ]
    }
}
