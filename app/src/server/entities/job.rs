//! Table `jobs`: every background job still to run, of every kind (see `server::jobs`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    /// `mail`, `render`, `housekeeping`…
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// The mail, the document… the job works on.
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject: Uuid,
    /// Due from this instant.
    pub run_at: DateTimeUtc,
    /// Failed attempts so far.
    pub attempts: i32,
    /// The server running it now, until `lease_until`.
    pub lease_owner: Option<Uuid>,
    pub lease_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
