//! Table `speciality_epreuves`: the tests of a speciality (migration 000013).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "speciality_epreuves")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Tests are the national list of a speciality (migration 000013).
    pub speciality_id: i32,
    /// "010".
    pub code: String,
    pub label: String,
    /// obligatoire, facultative or a_choix.
    pub kind: String,
    /// ecrit or oral.
    pub mode: String,
    pub choice_group: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
