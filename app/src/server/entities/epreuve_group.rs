//! Table `speciality_epreuve_groups`: how many tests a candidate chooses among those of a group.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "speciality_epreuve_groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub speciality_id: i32,
    /// Matches `epreuves.choice_group`.
    pub code: String,
    pub label: String,
    pub min_choices: i32,
    pub max_choices: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
