//! Table `etablissements`: schools and services by UAI code (R5).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "etablissements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub uai: String,
    pub name: String,
    pub kind: String,
    pub postal_code: String,
    pub commune_code: String,
    pub locality: String,
    pub departement_code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
