//! Table `specialities` (see the migration of the same name).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "specialities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub exam_id: i32,
    pub code: String,
    pub label: String,
    /// Set when candidatures refer to it and staff take it out of the catalog.
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
