//! Table `convocation_batches`: the convocations of an offer prepared together and shown
//! to their candidates from one instant.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "convocation_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub offer_id: i32,
    /// "Tous les inscrits", or the candidate numbers chosen.
    #[sea_orm(column_type = "Text")]
    pub selection: String,
    /// From this instant its documents are shown, and their mails go.
    pub publish_at: DateTimeUtc,
    /// Convocations published (new, or changed since the last one).
    pub total: i32,
    /// Candidatures of the selection whose convocation had not changed.
    pub unchanged: i32,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    /// When the mails were queued.
    pub mailed_at: Option<DateTimeUtc>,
    /// When the printable PDF and the ZIP were stored (`files::print_key`, `files::zip_key`).
    pub files_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
