//! The worker loop, the same for every kind: look for due jobs when woken and every few
//! seconds, take each under a lease, run it, record the outcome; stop between two jobs
//! when asked, letting the running one finish.

use super::{JobKind, queue};
use crate::server::AppState;
use crate::server::entities::job;
use chrono::{DateTime, Utc};
use sea_orm::DbErr;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// What a kind of job does with its subject.
#[async_trait::async_trait]
pub trait Job: Send + Sync + 'static {
    fn kind(&self) -> JobKind;

    /// Due jobs taken per round (a full round is followed by another at once).
    fn batch(&self) -> u64 {
        20
    }

    /// How often the queue is looked at when nothing wakes the worker.
    fn poll(&self) -> Duration {
        Duration::from_secs(5)
    }

    /// A job that always exists once (subject [`Uuid::nil`]), run again and again, such as
    /// the housekeeping: queued by every server as it starts, run by one at a time.
    fn recurring(&self) -> bool {
        false
    }

    /// Runs the job on `subject`. It may run again after a crash: a job checks whether
    /// its work is done already (a mail sent, a PDF stored) before doing it.
    async fn run(&self, state: &AppState, subject: Uuid) -> Outcome;
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Done (or nothing left to do): the job goes.
    Done,
    /// A recurring job ran: it is due again at this instant.
    RunAgainAt(DateTime<Utc>),
    /// Failed: tried again after the back-off.
    Failed(String),
    /// What the job needs is down (the SMTP server): tried again after the back-off, and
    /// the other due jobs of this kind wait for the next round.
    Unavailable(String),
}

/// The workers of this server, one per kind of job.
pub struct Runner {
    state: AppState,
    owner: Uuid,
    jobs: Vec<Arc<dyn Job>>,
}

impl Runner {
    /// A runner whose leases carry a new owner id (one per server process).
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            owner: Uuid::new_v4(),
            jobs: Vec::new(),
        }
    }

    /// The id this server's leases carry.
    pub const fn owner(&self) -> Uuid {
        self.owner
    }

    /// Runs `job` (one kind) with the others.
    #[must_use]
    pub fn with(mut self, job: impl Job) -> Self {
        self.jobs.push(Arc::new(job));
        self
    }

    /// Starts a worker per kind on the runtime.
    pub fn start(self) -> RunHandle {
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let mut workers = tokio::task::JoinSet::new();
        for job in self.jobs {
            workers.spawn(work(self.state.clone(), self.owner, job, stopping.clone()));
        }
        RunHandle { stop, workers }
    }
}

/// The running workers.
pub struct RunHandle {
    stop: tokio::sync::watch::Sender<bool>,
    workers: tokio::task::JoinSet<()>,
}

impl RunHandle {
    /// Asks every worker to stop after the job it is running, waits up to `grace` for them,
    /// then ends those still running (their jobs are due again when the lease ends).
    pub async fn stop(mut self, grace: Duration) {
        let _ = self.stop.send(true);
        let all_ended = async { while self.workers.join_next().await.is_some() {} };
        if tokio::time::timeout(grace, all_ended).await.is_err() {
            tracing::warn!(
                "background jobs still running at shutdown: ended, their leases will run out"
            );
            self.workers.abort_all();
        }
    }
}

async fn work(
    state: AppState,
    owner: Uuid,
    job: Arc<dyn Job>,
    mut stopping: tokio::sync::watch::Receiver<bool>,
) {
    let kind = job.kind();
    if job.recurring()
        && let Err(e) = queue::ensure(&state.db, kind, Uuid::nil(), state.clock.now()).await
    {
        tracing::error!(%kind, error = %e, "recurring job not queued");
    }
    loop {
        // Woken during a round, the next round starts at once.
        let woken = state.jobs.notified(kind);
        tokio::pin!(woken);
        woken.as_mut().enable();
        match round(&state, owner, &job, &stopping).await {
            Ok(Round::Full) if !*stopping.borrow() => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(%kind, error = %e, "job queue unreadable"),
        }
        if *stopping.borrow() {
            return;
        }
        tokio::select! {
            () = &mut woken => {}
            () = tokio::time::sleep(job.poll()) => {}
            _ = stopping.changed() => return,
        }
    }
}

enum Round {
    /// The batch was full: more may be waiting.
    Full,
    Ended,
}

async fn round(
    state: &AppState,
    owner: Uuid,
    job: &Arc<dyn Job>,
    stopping: &tokio::sync::watch::Receiver<bool>,
) -> Result<Round, DbErr> {
    let kind = job.kind();
    let due = queue::due(&state.db, kind, state.clock.now(), job.batch()).await?;
    let full = due.len() as u64 == job.batch();
    for row in due {
        if *stopping.borrow() {
            return Ok(Round::Ended);
        }
        if !queue::take(&state.db, &row, owner, state.clock.now()).await? {
            continue; // another server has it
        }
        let outcome = run_one(state, job, &row).await;
        let recorded = match &outcome {
            Outcome::Done => queue::finish(&state.db, &row, owner).await?,
            Outcome::RunAgainAt(at) => queue::run_again_at(&state.db, &row, owner, *at).await?,
            Outcome::Failed(e) | Outcome::Unavailable(e) => {
                tracing::warn!(%kind, subject = %row.subject, attempts = row.attempts + 1, error = %e, "job failed, will retry");
                queue::retry(&state.db, &row, owner, e, state.clock.now()).await?
            }
        };
        if !recorded {
            tracing::warn!(%kind, subject = %row.subject, "job outcome not recorded: its lease ended and another server took it");
        }
        if matches!(outcome, Outcome::Unavailable(_)) {
            return Ok(Round::Ended);
        }
    }
    Ok(if full { Round::Full } else { Round::Ended })
}

/// Runs the job in a task of its own: a job that panics fails, and is tried again, instead
/// of ending its kind's worker.
async fn run_one(state: &AppState, job: &Arc<dyn Job>, row: &job::Model) -> Outcome {
    let (state, job, subject) = (state.clone(), Arc::clone(job), row.subject);
    tokio::spawn(async move { job.run(&state, subject).await })
        .await
        .unwrap_or_else(|e| Outcome::Failed(format!("the job stopped: {e}")))
}
