//! The background job runner, the same for every kind (the mail sender, the renderer, the
//! housekeeping): a job is taken by one server at a time under a lease and comes back when
//! that server stops without a word; a failure is tried again after a back-off; a
//! recurring job runs on one server at a time; a stop lets the running job finish and
//! takes no other.

use crate::helpers::{Db, TestApp, eventually, spawn, test_now};
use app::server::jobs::queue::{self, LEASE};
use app::server::jobs::{Job, JobKind, Outcome, Runner};
use app::server::{AppState, Clock};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use uuid::Uuid;

/// An instant this application's own workers (at the test clock) have not reached: the
/// jobs due then are left to the test.
fn later(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    app.state.clock.now() + Duration::hours(1)
}

async fn the_only(
    app: &TestApp,
    kind: JobKind,
    at: chrono::DateTime<chrono::Utc>,
) -> app::server::entities::job::Model {
    let mut due = queue::due(&app.state.db, kind, at, 10).await.unwrap();
    due.retain(|j| j.subject != Uuid::nil());
    assert_eq!(due.len(), 1, "{kind}: {due:?}");
    due.remove(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_is_taken_by_one_server_at_a_time_and_comes_back_after_its_lease() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = spawn(db, test_now()).await;
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let at = later(&app);
        for kind in JobKind::ALL {
            let db = &app.state.db;
            queue::enqueue(db, kind, Uuid::new_v4(), at, app.state.clock.now())
                .await
                .unwrap();
            // Both servers see it due...
            let seen_by_a = the_only(&app, kind, at).await;
            let seen_by_b = the_only(&app, kind, at).await;
            // ...and only the first to take it runs it.
            assert!(queue::take(db, &seen_by_a, a, at).await.unwrap(), "{kind}");
            assert!(
                !queue::take(db, &seen_by_b, b, at).await.unwrap(),
                "{kind}: taken by the other server"
            );
            assert!(
                queue::due(db, kind, at, 10)
                    .await
                    .unwrap()
                    .iter()
                    .all(|j| j.subject == Uuid::nil()),
                "{kind}"
            );
            // Its server stopped without a word: once the lease ends, it is due again.
            let after = at + LEASE + Duration::seconds(1);
            let again = the_only(&app, kind, after).await;
            assert!(queue::take(db, &again, b, after).await.unwrap(), "{kind}");
            // The first server, back, cannot record an outcome for a job it no longer holds.
            assert!(!queue::finish(db, &again, a).await.unwrap(), "{kind}");
            assert!(
                !queue::retry(db, &again, a, "late", after).await.unwrap(),
                "{kind}"
            );
            // Done by the second; a server still working through an older list leaves it
            // alone, even after the lease.
            assert!(queue::finish(db, &again, b).await.unwrap(), "{kind}");
            let much_later = after + LEASE + Duration::minutes(1);
            assert!(
                !queue::take(db, &seen_by_b, a, much_later).await.unwrap(),
                "{kind}"
            );
            assert!(
                queue::find(db, kind, again.subject)
                    .await
                    .unwrap()
                    .is_none(),
                "{kind}"
            );
        }
        app.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_job_is_tried_again_after_a_growing_back_off() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = spawn(db, test_now()).await;
        let owner = Uuid::new_v4();
        let at = later(&app);
        for kind in JobKind::ALL {
            let db = &app.state.db;
            let subject = Uuid::new_v4();
            queue::enqueue(db, kind, subject, at, app.state.clock.now())
                .await
                .unwrap();
            let job = the_only(&app, kind, at).await;
            assert!(queue::take(db, &job, owner, at).await.unwrap());
            assert!(
                queue::retry(db, &job, owner, "serveur injoignable", at)
                    .await
                    .unwrap()
            );
            let job = queue::find(db, kind, subject).await.unwrap().unwrap();
            assert_eq!(job.attempts, 1, "{kind}");
            assert_eq!(
                job.last_error.as_deref(),
                Some("serveur injoignable"),
                "{kind}"
            );
            assert_eq!(
                job.run_at,
                at + Duration::seconds(10),
                "{kind}: 10 s after the first failure"
            );
            assert_eq!(job.lease_owner, None, "{kind}: the lease is given back");
            assert!(
                queue::due(db, kind, at + Duration::seconds(9), 10)
                    .await
                    .unwrap()
                    .iter()
                    .all(|j| j.subject != subject)
            );
            // The second failure waits twice as long.
            let second = at + Duration::seconds(10);
            let job = the_only(&app, kind, second).await;
            assert!(queue::take(db, &job, owner, second).await.unwrap());
            assert!(
                queue::retry(db, &job, owner, "encore", second)
                    .await
                    .unwrap()
            );
            let job = queue::find(db, kind, subject).await.unwrap().unwrap();
            assert_eq!(
                (job.attempts, job.run_at),
                (2, second + Duration::seconds(20)),
                "{kind}"
            );
            assert!(queue::take(db, &job, owner, job.run_at).await.unwrap());
            assert!(queue::finish(db, &job, owner).await.unwrap());
        }
        app.cleanup().await;
    }
}

/// The housekeeping is queued by every server as it starts, and run by one at a time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recurring_job_exists_once_and_runs_on_one_server_at_a_time() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = spawn(db, test_now()).await;
        let db = &app.state.db;
        let now = app.state.clock.now();
        eventually("the server queued its housekeeping", || async {
            queue::find(db, JobKind::Housekeeping, Uuid::nil())
                .await
                .unwrap()
        })
        .await;
        // A second server starting queues nothing more.
        queue::ensure(db, JobKind::Housekeeping, Uuid::nil(), now)
            .await
            .unwrap();
        let rows = app::server::entities::job::Entity::find()
            .filter(app::server::entities::job::Column::Kind.eq("housekeeping"))
            .count(db)
            .await
            .unwrap();
        assert_eq!(rows, 1);
        // This server ran it at start: due again in ten minutes, for one server only.
        let next = eventually("the housekeeping ran", || async {
            let job = queue::find(db, JobKind::Housekeeping, Uuid::nil())
                .await
                .unwrap()?;
            (job.run_at > now).then_some(job)
        })
        .await;
        assert_eq!(next.run_at, now + Duration::minutes(10));
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        assert!(
            !queue::take(db, &next, a, now + Duration::minutes(9))
                .await
                .unwrap(),
            "not due yet"
        );
        let at = next.run_at;
        assert!(queue::take(db, &next, a, at).await.unwrap());
        assert!(
            !queue::take(db, &next, b, at).await.unwrap(),
            "run by one server at a time"
        );
        assert!(
            queue::run_again_at(db, &next, a, at + Duration::minutes(10))
                .await
                .unwrap()
        );
        let job = queue::find(db, JobKind::Housekeeping, Uuid::nil())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (job.run_at, job.lease_owner),
            (at + Duration::minutes(10), None)
        );
        app.cleanup().await;
    }
}

/// A job that waits until the test lets it end.
struct Held {
    kind: JobKind,
    started: Arc<tokio::sync::Notify>,
    release: Arc<tokio::sync::Semaphore>,
    runs: Arc<AtomicU32>,
}

/// An instant for a runner of the test's own: before the application's housekeeping is due
/// again (it ran as the application started), after the application's clock.
async fn before_the_next_housekeeping(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    let now = app.state.clock.now();
    eventually("the housekeeping ran at start", || async {
        let job = queue::find(&app.state.db, JobKind::Housekeeping, Uuid::nil())
            .await
            .unwrap()?;
        (job.run_at > now).then_some(())
    })
    .await;
    now + Duration::minutes(5)
}

impl Held {
    /// A held job of `kind`, with what the test watches (started, released, runs).
    fn of(
        kind: JobKind,
    ) -> (
        Self,
        Arc<tokio::sync::Notify>,
        Arc<tokio::sync::Semaphore>,
        Arc<AtomicU32>,
    ) {
        let held = Self {
            kind,
            started: Arc::default(),
            release: Arc::new(tokio::sync::Semaphore::new(0)),
            runs: Arc::default(),
        };
        let watch = (
            held.started.clone(),
            held.release.clone(),
            held.runs.clone(),
        );
        (held, watch.0, watch.1, watch.2)
    }
}

/// The application's state with a clock of its own at `at`, for a runner of the test's.
fn state_at(app: &TestApp, at: chrono::DateTime<chrono::Utc>) -> AppState {
    let mut state = app.state.clone();
    state.clock = Clock::manual(at);
    state
}

#[async_trait::async_trait]
impl Job for Held {
    fn kind(&self) -> JobKind {
        self.kind
    }

    async fn run(&self, _: &AppState, _: Uuid) -> Outcome {
        self.runs.fetch_add(1, Ordering::SeqCst);
        self.started.notify_one();
        let _ = self.release.acquire().await;
        Outcome::Done
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_lets_the_running_job_finish_and_takes_no_other() {
    let app = spawn(Db::Sqlite, test_now()).await;
    for kind in JobKind::ALL {
        // A runner of its own, at an instant the application's workers have not reached.
        let at = before_the_next_housekeeping(&app).await;
        let state = state_at(&app, at);
        let (first, second) = (Uuid::new_v4(), Uuid::new_v4());
        let db = &app.state.db;
        let now = app.state.clock.now();
        queue::enqueue(db, kind, first, at - Duration::seconds(2), now)
            .await
            .unwrap();
        queue::enqueue(db, kind, second, at - Duration::seconds(1), now)
            .await
            .unwrap();
        let (held, started, release, runs) = Held::of(kind);
        let handle = Runner::new(state).with(held).start();
        started.notified().await;
        let stopping = tokio::spawn(handle.stop(std::time::Duration::from_secs(30)));
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(
            !stopping.is_finished(),
            "{kind}: the stop waits for the running job"
        );
        release.add_permits(1);
        stopping.await.unwrap();
        assert_eq!(
            runs.load(Ordering::SeqCst),
            1,
            "{kind}: no other job taken once asked to stop"
        );
        assert!(
            queue::find(db, kind, first).await.unwrap().is_none(),
            "{kind}: the running job was done"
        );
        let left = queue::find(db, kind, second).await.unwrap().unwrap();
        assert_eq!(
            (left.attempts, left.lease_owner),
            (0, None),
            "{kind}: the other job waits, untaken"
        );
        app::server::entities::job::Entity::delete_by_id((kind.as_str().to_owned(), second))
            .exec(db)
            .await
            .unwrap();
    }
    app.cleanup().await;
}

/// A job still running when the grace period ends is cut off; its lease makes it due again
/// later, on whichever server is up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_still_running_after_the_grace_period_is_due_again_after_its_lease() {
    let app = spawn(Db::Sqlite, test_now()).await;
    for kind in JobKind::ALL {
        let at = before_the_next_housekeeping(&app).await;
        let state = state_at(&app, at);
        let subject = Uuid::new_v4();
        let db = &app.state.db;
        queue::enqueue(db, kind, subject, at, app.state.clock.now())
            .await
            .unwrap();
        let (held, started, _, _) = Held::of(kind);
        let handle = Runner::new(state).with(held).start();
        started.notified().await;
        handle.stop(std::time::Duration::from_millis(100)).await;
        let job = queue::find(db, kind, subject).await.unwrap().unwrap();
        assert!(job.lease_owner.is_some(), "{kind}: still held");
        assert!(
            queue::due(db, kind, at, 10)
                .await
                .unwrap()
                .iter()
                .all(|j| j.subject != subject)
        );
        let after = at + LEASE + Duration::seconds(1);
        assert!(
            queue::due(db, kind, after, 10)
                .await
                .unwrap()
                .iter()
                .any(|j| j.subject == subject),
            "{kind}"
        );
        app::server::entities::job::Entity::delete_by_id((kind.as_str().to_owned(), subject))
            .exec(db)
            .await
            .unwrap();
    }
    app.cleanup().await;
}
