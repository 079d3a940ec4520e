//! Table `offers` (see the migration of the same name).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub exam_id: i32,
    pub speciality_id: i32,
    pub academy_id: i32,
    pub session_id: i32,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    /// G01: the date before which the confirmation must reach the service (the closing
    /// date when not set).
    pub confirmation_due_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::speciality::Entity",
        from = "Column::SpecialityId",
        to = "super::speciality::Column::Id"
    )]
    Speciality,
}

impl Related<super::speciality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Speciality.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
