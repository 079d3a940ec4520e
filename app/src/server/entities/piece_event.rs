//! Table `piece_events` (see the migration `m20261207_000012_pieces`): a piece's history for a
//! candidature (deposits, deletions, confirmations, statuses, scans).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "piece_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub piece_id: i32,
    pub candidature_id: Uuid,
    pub at: DateTimeUtc,
    pub kind: String,
    pub actor: String,
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
