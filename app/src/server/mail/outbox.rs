//! The outbox (X4; checklist line 33): a mail is a row written in the caller's transaction,
//! so it exists exactly when the change that causes it does, and waits there until sent
//! (by a job of kind `mail`, queued with it).

use crate::domain::Email;
use crate::server::entities::mail_outbox;
use crate::server::jobs::{self, JobKind};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

/// A rendered mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Puts `mail` into the outbox with the job that sends it, due now.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    mail: Mail,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    enqueue_at(db, mail, now, now).await.map(|_| ())
}

/// Puts `mail` into the outbox, to be sent from `at`.
pub async fn enqueue_at(
    db: &impl ConnectionTrait,
    mail: Mail,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<uuid::Uuid, DbErr> {
    let id = uuid::Uuid::new_v4();
    mail_outbox::ActiveModel {
        id: Set(id),
        recipient: Set(mail.to.as_str().to_owned()),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        created_at: Set(now),
        sent_at: Set(None),
        abandoned_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await?;
    jobs::queue::enqueue(db, JobKind::Mail, id, at, now).await?;
    Ok(id)
}

/// Puts `mail` into the outbox unless its recipient was already sent `per_hour` mails in
/// the last hour (a stranger cannot make the portal flood a mailbox, nor its own outbox).
/// Returns whether it was queued (0: no cap). Security notices (password changed) are not
/// capped. Call it in a write transaction (the count and the insert are serialised per
/// recipient).
pub async fn enqueue_capped(
    db: &impl ConnectionTrait,
    mail: Mail,
    now: DateTime<Utc>,
    per_hour: u32,
) -> Result<bool, DbErr> {
    use mail_outbox::Column as C;
    if per_hour == 0 {
        enqueue(db, mail, now).await?;
        return Ok(true);
    }
    // Two requests at once for one address: the second counts the first's mail.
    crate::server::sql::lock_key(db, &format!("mail-cap:{}", mail.to.as_str())).await?;
    let recent = mail_outbox::Entity::find()
        .filter(C::Recipient.eq(mail.to.as_str()))
        .filter(C::CreatedAt.gt(now - Duration::hours(1)))
        .count(db)
        .await?;
    if recent >= u64::from(per_hour) {
        tracing::warn!(subject = %mail.subject, "mail not queued: its recipient got too many this hour");
        return Ok(false);
    }
    enqueue(db, mail, now).await?;
    Ok(true)
}

/// The mail `id` as the sender finds it: None once purged.
pub async fn find(
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
) -> Result<Option<mail_outbox::Model>, DbErr> {
    mail_outbox::Entity::find_by_id(id).one(db).await
}

/// What a sent or abandoned mail keeps of its body: nothing that opens an account (its
/// links are live for hours), so a copy of the database opens none.
pub const ERASED_BODY: &str = "(contenu effacé après l'envoi)";

/// Records a delivery, and erases the body.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    mail_outbox::ActiveModel {
        id: Set(id),
        sent_at: Set(Some(now)),
        last_error: Set(None),
        body_text: Set(ERASED_BODY.to_owned()),
        body_html: Set(ERASED_BODY.to_owned()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records that the SMTP server refused the mail for good (unknown mailbox, bad address):
/// kept for the record with the server's answer, never tried again, its body erased.
pub async fn mark_abandoned(
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    mail_outbox::ActiveModel {
        id: Set(id),
        abandoned_at: Set(Some(now)),
        last_error: Set(Some(error.chars().take(500).collect())),
        body_text: Set(ERASED_BODY.to_owned()),
        body_html: Set(ERASED_BODY.to_owned()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// How long a sent or abandoned mail stays in the outbox (its subject, recipient and
/// dates: for the service's questions), before it is deleted.
pub const RETENTION: Duration = Duration::days(30);

/// Deletes the mails sent or abandoned before `before` (the outbox's retention).
pub async fn purge_done(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    use mail_outbox::Column as C;
    Ok(mail_outbox::Entity::delete_many()
        .filter(
            Condition::any()
                .add(C::SentAt.lt(before))
                .add(C::AbandonedAt.lt(before)),
        )
        .exec(db)
        .await?
        .rows_affected)
}
