//! Table `staff_members`: gestionnaires and administrateurs (see the staff migration).

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    /// `administrateur` or `gestionnaire`.
    pub role: String,
    /// Every académie (else those of `staff_academies`).
    pub all_academies: bool,
    pub password_hash: Option<String>,
    /// Base32, once the second factor is confirmed.
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub enrolled_at: Option<DateTimeUtc>,
    pub disabled_at: Option<DateTimeUtc>,
    pub session_epoch: i32,
    pub created_at: DateTimeUtc,
}

/// Never the hash nor the secret in a log line.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("staff_member")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("enrolled_at", &self.enrolled_at)
            .field("disabled_at", &self.disabled_at)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
