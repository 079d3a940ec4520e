//! Table `pieces` (see the migration `m20261207_000012_pieces`): a piece of a group, asked of
//! every candidature of the offer or of one.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pieces")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub group_id: i32,
    pub label: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub candidature_id: Option<Uuid>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
