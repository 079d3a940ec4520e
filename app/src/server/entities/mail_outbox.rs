//! Table `mail_outbox`: every mail, written with the change that causes it, until sent (its
//! sending is a job of kind `mail`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// Set when the SMTP server refused the mail for good (unknown mailbox, bad address):
    /// kept for the record, never retried.
    pub abandoned_at: Option<DateTimeUtc>,
    /// The SMTP server's answer when it refused the mail for good.
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
