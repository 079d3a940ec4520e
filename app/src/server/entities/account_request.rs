//! Table `account_requests`: one "Créez votre compte" for an address without an activated
//! account, kept as typed until its activation or its expiry (migration
//! `m20261201_000006_account_requests`). Several may wait for one address; none overwrites
//! another.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The login asked for: trimmed, lower case.
    pub email: String,
    pub civility: String,
    pub birth_name: String,
    pub usage_name: Option<String>,
    pub first_names: String,
    pub birth_country_code: String,
    pub birth_date: Date,
    pub birth_departement_code: Option<String>,
    pub birth_commune: String,
    /// argon2id PHC string of the password chosen in this request.
    pub password_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

/// Without the password hash.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountRequest")
            .field("id", &self.id)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
