//! Table `convocation_schedules`: when and where each test of an offer takes place.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "convocation_schedules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub offer_id: i32,
    /// The test's code in the offer's speciality ("010").
    pub epreuve_code: String,
    pub starts_at: DateTimeUtc,
    pub duration_minutes: i32,
    /// The address, one line per line.
    #[sea_orm(column_type = "Text")]
    pub place: String,
    #[sea_orm(column_type = "Text")]
    pub instructions: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
