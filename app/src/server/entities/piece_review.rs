//! Table `piece_reviews` (see the migration `m20261207_000012_pieces`): a piece of a
//! candidature as it stands: confirmed or not, its status, reception date and comment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "piece_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub piece_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub candidature_id: Uuid,
    pub confirmed_at: Option<DateTimeUtc>,
    /// Empty, `recue`, `non_conforme` or `conforme`.
    pub status: String,
    pub received_on: Option<Date>,
    pub comment: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
