//! Table `documents`: every published document of a candidature, each version kept.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub candidature_id: Uuid,
    /// `confirmation`, `recapitulatif`, `demande_pieces`, `relance_pieces`, `convocation`.
    pub kind: String,
    /// Version n°1, 2… of this kind for this candidature.
    pub number: i32,
    /// The version of the candidature the document shows.
    pub candidature_version: i32,
    pub verification_code: String,
    /// What the kind needs beyond the candidature (JSON object).
    #[sea_orm(column_type = "Text")]
    pub details: String,
    /// The publication instant ("mis à jour le").
    pub created_at: DateTimeUtc,
    /// The PDF, once rendered (by a job of kind `render`).
    #[sea_orm(column_type = "Blob", nullable)]
    pub pdf: Option<Vec<u8>>,
    pub rendered_at: Option<DateTimeUtc>,
    /// The convocation batch it belongs to.
    pub batch_id: Option<Uuid>,
    /// Shown to its candidate from this instant (a batch's embargo); None: at once.
    pub visible_from: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
