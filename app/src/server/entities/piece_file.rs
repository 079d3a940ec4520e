//! Table `piece_files` (see the migration `m20261207_000012_pieces`): a file deposited for a
//! piece by a candidature; never overwritten, marked when deleted, opened by nobody until
//! scanned.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "piece_files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub piece_id: i32,
    pub candidature_id: Uuid,
    pub original_name: String,
    pub size: i64,
    pub sha256: String,
    pub format: String,
    pub storage_key: String,
    pub deposited_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
    pub scanned_at: Option<DateTimeUtc>,
    pub infection: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
