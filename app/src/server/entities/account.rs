//! Table `accounts` (see the migration `m20261129_000003_accounts`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The login: trimmed, lower case.
    #[sea_orm(unique)]
    pub email: String,
    /// `MONSIEUR` or `MADAME`.
    pub civility: String,
    /// Names as typed; compared in upper case without accents.
    pub birth_name: String,
    pub usage_name: Option<String>,
    pub first_names: String,
    pub birth_country_code: String,
    pub birth_date: Date,
    pub birth_departement_code: Option<String>,
    pub birth_commune: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Raised when every session of the account must end (password reset or change).
    pub session_epoch: i32,
    pub created_at: DateTimeUtc,
    pub activated_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    /// The names as searched (`domain::text::search_form`), written with them.
    pub search_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
