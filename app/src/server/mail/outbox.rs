//! The outbox (X4; checklist line 33): a mail is a row written in the caller's transaction,
//! so it exists exactly when the change that causes it does, and waits there until sent.

use crate::domain::Email;
use crate::server::entities::mail_outbox;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

/// A rendered mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Puts `mail` into the outbox, due now.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    mail: Mail,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    mail_outbox::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        recipient: Set(mail.to.as_str().to_owned()),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        abandoned_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
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

/// Mails due at `now`, oldest first.
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<mail_outbox::Model>, DbErr> {
    use mail_outbox::Column as C;
    mail_outbox::Entity::find()
        .filter(C::SentAt.is_null())
        .filter(C::AbandonedAt.is_null())
        .filter(C::NextAttemptAt.lte(now))
        .order_by_asc(C::NextAttemptAt)
        .order_by_asc(C::CreatedAt)
        .limit(limit)
        .all(db)
        .await
}

/// Takes a due mail for this process (see [`lease`](crate::server::lease)): false when
/// another server is sending it.
pub async fn take(
    db: &impl ConnectionTrait,
    mail: &mail_outbox::Model,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use mail_outbox::Column as C;
    let pending = Condition::all()
        .add(C::SentAt.is_null())
        .add(C::AbandonedAt.is_null());
    crate::server::lease::take::<mail_outbox::Entity>(
        db,
        C::Id,
        mail.id,
        C::NextAttemptAt,
        pending,
        now,
    )
    .await
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

/// The wait before attempt `n + 1`: 10 s, 20 s, 40 s … up to 15 minutes.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    Duration::seconds((10_i64 << exp).min(15 * 60))
}

/// What becomes of a mail that did not leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The server is down or busy: try again after the back-off.
    Later,
    /// Refused for good (unknown mailbox, bad address): kept for the record, never retried.
    Never,
}

/// Records a failed attempt; the mail is never dropped.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    mail: &mail_outbox::Model,
    error: &str,
    retry: Retry,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut row = mail_outbox::ActiveModel {
        id: Set(mail.id),
        attempts: Set(mail.attempts + 1),
        last_error: Set(Some(error.chars().take(500).collect())),
        ..Default::default()
    };
    match retry {
        Retry::Later => row.next_attempt_at = Set(now + backoff(mail.attempts)),
        Retry::Never => {
            row.abandoned_at = Set(Some(now));
            row.body_text = Set(ERASED_BODY.to_owned());
            row.body_html = Set(ERASED_BODY.to_owned());
        }
    }
    row.update(db).await?;
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

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn retries_back_off_up_to_a_quarter_of_an_hour() {
        assert_eq!(backoff(0).num_seconds(), 10);
        assert_eq!(backoff(1).num_seconds(), 20);
        assert_eq!(backoff(3).num_seconds(), 80);
        assert_eq!(backoff(50).num_seconds(), 900);
    }
}
