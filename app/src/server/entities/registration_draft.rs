//! Table `registration_drafts`: what a candidate typed in the wizard and has not saved yet,
//! one per candidate and offer (not a candidature).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_drafts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub offer_id: i32,
    /// JSON of the wire form, as typed.
    pub answers: String,
    /// The tab the candidate was on (1-5).
    pub tab: i16,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
