//! Table `piece_groups` (see the migration `m20261207_000012_pieces`): one demande of pieces
//! of an offer, with its deposit mode, window and deadline.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "piece_groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub offer_id: i32,
    pub label: String,
    /// `en_ligne`, `courrier` or `autres`.
    pub mode: String,
    pub opens_at: Option<DateTimeUtc>,
    /// The deadline.
    pub closes_at: DateTimeUtc,
    pub postal_address: Option<String>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
