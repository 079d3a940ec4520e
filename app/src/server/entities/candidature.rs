//! Table `candidatures`: one registration of a candidate to an offer, its current answers
//! (JSON of `domain::registration::Answers`) and version (R8-R10).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidatures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub offer_id: i32,
    /// N° inscription: 1 for "001", per candidate.
    pub registration_number: i32,
    /// 1 at creation, raised by each modification.
    pub version: i32,
    /// `inscrite` or `desinscrite` (set by staff, S5).
    pub status: String,
    pub answers: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
