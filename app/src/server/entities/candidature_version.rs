//! Table `candidature_versions`: every saved state of a candidature, kept (R10), with the
//! idempotency key of the request that saved it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidature_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub candidature_id: Uuid,
    pub version: i32,
    pub answers: String,
    /// JSON of the identity as it was when saved.
    pub identity: String,
    pub saved_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub idempotency_key: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
