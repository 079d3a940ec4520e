//! A due row of a job queue (a mail of the outbox, a document to render) taken by one
//! process at a time: with several servers on one database, each row is handled once.
//!
//! Taking a row moves its next attempt one lease ahead, on the condition that it is still
//! due: of two processes that read it, only the first one's update matches. The process
//! that took it records the outcome (sent, rendered, or the next attempt after a back-off);
//! a process that stopped while holding it leaves it due again when the lease ends.
//!
//! Each server reads its own clock: servers sharing a database keep their clocks in step
//! (NTP), far closer than the lease.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

/// How long a taken row is left to the process that took it (far longer than a mail or a
/// rendering takes).
pub const LEASE: Duration = Duration::minutes(2);

/// Takes row `id` of `E` if it is still `pending` (not sent, not rendered…) and its
/// `next_attempt` column says it is due at `now`: true when this process got it, false when
/// another took it first or has finished it since this process read it.
pub async fn take<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id_column: E::Column,
    id: Uuid,
    next_attempt: E::Column,
    pending: Condition,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let taken = E::update_many()
        .col_expr(next_attempt, Expr::value(now + LEASE))
        .filter(id_column.eq(id))
        .filter(pending)
        .filter(next_attempt.lte(now))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}
