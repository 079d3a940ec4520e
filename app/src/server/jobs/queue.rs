//! The rows of table `jobs`: queued, found due, taken under a lease, and their outcome
//! recorded by the server that took them.
//!
//! Taking a job sets its lease (owner and end) on the condition that it is due and nobody
//! holds it: of two servers that read it, only the first one's update matches. Its
//! outcome is recorded only by the owner of the lease: a server whose lease ended, and
//! whose job another server took since, changes nothing.

use super::JobKind;
use crate::server::entities::job;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

/// How long a taken job is left to the server that took it (far longer than a mail or a
/// rendering takes).
pub const LEASE: Duration = Duration::minutes(2);

/// The wait before attempt `n + 1`: 10 s, 20 s, 40 s … up to 15 minutes.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    Duration::seconds((10_i64 << exp).min(15 * 60))
}

fn row(
    kind: JobKind,
    subject: Uuid,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> job::ActiveModel {
    job::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        subject: Set(subject),
        run_at: Set(run_at),
        attempts: Set(0),
        lease_owner: Set(None),
        lease_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
    }
}

/// Queues a job on `subject`, due at `run_at`. Call it in the transaction of the change
/// that causes it, then wake the kind's worker once committed.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    kind: JobKind,
    subject: Uuid,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job::Entity::insert(row(kind, subject, run_at, now))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Queues a job on each of `subjects` (many at once: a batch of convocations), due at
/// `run_at`, in the caller's transaction.
pub async fn enqueue_many(
    db: &impl ConnectionTrait,
    kind: JobKind,
    subjects: &[Uuid],
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    // 9 values a row: a chunk stays far below the bind limits (SQLite 32,766; PostgreSQL 65,535).
    for chunk in subjects.chunks(500) {
        job::Entity::insert_many(chunk.iter().map(|s| row(kind, *s, run_at, now)))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Queues the job unless it is queued already (a recurring job, queued by every server as
/// it starts).
pub async fn ensure(
    db: &impl ConnectionTrait,
    kind: JobKind,
    subject: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job::Entity::insert(row(kind, subject, now, now))
        .on_conflict(
            OnConflict::columns([job::Column::Kind, job::Column::Subject])
                .do_nothing()
                .to_owned(),
        )
        .try_insert()
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Due at `now` and held by nobody (or by a server whose lease has ended).
fn available(now: DateTime<Utc>) -> Condition {
    use job::Column as C;
    Condition::all().add(C::RunAt.lte(now)).add(
        Condition::any()
            .add(C::LeaseUntil.is_null())
            .add(C::LeaseUntil.lte(now)),
    )
}

fn this(job: &job::Model) -> Condition {
    use job::Column as C;
    Condition::all()
        .add(C::Kind.eq(job.kind.as_str()))
        .add(C::Subject.eq(job.subject))
}

/// The jobs of `kind` due at `now`, oldest first.
pub async fn due(
    db: &impl ConnectionTrait,
    kind: JobKind,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<job::Model>, DbErr> {
    use job::Column as C;
    job::Entity::find()
        .filter(C::Kind.eq(kind.as_str()))
        .filter(available(now))
        .order_by_asc(C::RunAt)
        .order_by_asc(C::CreatedAt)
        .limit(limit)
        .all(db)
        .await
}

/// Takes `job` for `owner` until `now + LEASE`: false when another server took it first,
/// or it has been done since it was read.
pub async fn take(
    db: &impl ConnectionTrait,
    job: &job::Model,
    owner: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use job::Column as C;
    let taken = job::Entity::update_many()
        .col_expr(C::LeaseOwner, Expr::value(owner))
        .col_expr(C::LeaseUntil, Expr::value(now + LEASE))
        .filter(this(job))
        .filter(available(now))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// The job is done: its row goes. False when `owner` no longer held it.
pub async fn finish(
    db: &impl ConnectionTrait,
    job: &job::Model,
    owner: Uuid,
) -> Result<bool, DbErr> {
    let done = job::Entity::delete_many()
        .filter(this(job))
        .filter(job::Column::LeaseOwner.eq(owner))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// A recurring job ran: due again at `at`, its lease given back.
pub async fn run_again_at(
    db: &impl ConnectionTrait,
    job: &job::Model,
    owner: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    give_back(db, job, owner, at, 0, None).await
}

/// Records a failed attempt: due again after the back-off, its lease given back.
pub async fn retry(
    db: &impl ConnectionTrait,
    job: &job::Model,
    owner: Uuid,
    error: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let error: String = error.chars().take(500).collect();
    let at = now + backoff(job.attempts);
    give_back(db, job, owner, at, job.attempts + 1, Some(error)).await
}

/// Gives the job's lease back, due at `at` with `attempts` and `error`, if `owner` still
/// holds it.
async fn give_back(
    db: &impl ConnectionTrait,
    job: &job::Model,
    owner: Uuid,
    at: DateTime<Utc>,
    attempts: i32,
    error: Option<String>,
) -> Result<bool, DbErr> {
    use job::Column as C;
    let updated = job::Entity::update_many()
        .col_expr(C::RunAt, Expr::value(at))
        .col_expr(C::Attempts, Expr::value(attempts))
        .col_expr(C::LastError, Expr::value(error))
        .col_expr(C::LeaseOwner, Expr::value(Option::<Uuid>::None))
        .col_expr(C::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(this(job))
        .filter(C::LeaseOwner.eq(owner))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// The queued job of `kind` on `subject`, if any (for the service's questions and tests).
pub async fn find(
    db: &impl ConnectionTrait,
    kind: JobKind,
    subject: Uuid,
) -> Result<Option<job::Model>, DbErr> {
    job::Entity::find_by_id((kind.as_str().to_owned(), subject))
        .one(db)
        .await
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
