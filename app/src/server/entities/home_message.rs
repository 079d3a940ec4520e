//! Table `home_messages` (see the migration of the same name).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "home_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub published: bool,
    pub created_at: DateTimeUtc,
    pub visible_from: Option<DateTimeUtc>,
    pub visible_until: Option<DateTimeUtc>,
    /// The académie the message is for; `None`: every académie.
    pub academy_code: Option<String>,
    /// The last change (`None`: never changed since its creation).
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
