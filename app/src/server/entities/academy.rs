//! Table `academies` (see the migration of the same name).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "academies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    /// "ACADÉMIE DE VERSAILLES".
    pub label: String,
    /// "Versailles", for sentences ("dans l'académie de Versailles").
    pub name: String,
    pub service_name: String,
    pub service_phone: String,
    pub service_email: String,
    /// The service's postal address (lines separated by newlines; may be empty).
    pub service_address: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
