//! Background jobs: one queue (table `jobs`) and one runner for every kind of work done
//! after the request that asks for it: sending a mail of the outbox, rendering a published
//! document, the housekeeping, scanning a deposited file, publishing a relance or a new demande of pieces, mailing a batch of convocations at its instant.
//!
//! A job is a row written in the transaction of the change that causes it, so it exists
//! exactly when that change does. Every server runs a worker per kind; a worker takes a
//! due row under a lease (one server at a time, see [`queue`]), runs it, and records the
//! outcome: done (the row goes), to run again later (a recurring job), or failed (tried
//! again after a back-off, 10 s doubling up to 15 minutes; nothing is dropped). A server
//! that stops while running a job leaves it due again when its lease ends.
//!
//! Each server reads its own clock: servers sharing a database keep their clocks in step
//! (NTP), far closer than the lease.

pub mod queue;
mod runner;

pub use runner::{Job, Outcome, RunHandle, Runner};

/// The kinds of job, as stored in `jobs.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Sends a mail of the outbox (the subject is the mail).
    Mail,
    /// Renders a published document's PDF (the subject is the document).
    Render,
    /// Purges what has expired; one row, run again every few minutes by one server.
    Housekeeping,
    /// Scans a deposited file with the antivirus (the subject is the file).
    Scan,
    /// Publishes a "Relance de pièces justificatives" (the subject is the candidature).
    Relance,
    /// Publishes a new "Demande de pièces justificatives" (the subject is the candidature).
    Demande,
    /// Mails the candidates of a convocation batch once its instant is past (the subject is
    /// the batch).
    Convocation,
    /// Makes the printable PDF and the ZIP of a convocation batch once all its PDFs exist
    /// (the subject is the batch).
    ConvocationFiles,
}

impl JobKind {
    pub const ALL: [Self; 8] = [
        Self::Mail,
        Self::Render,
        Self::Housekeeping,
        Self::Scan,
        Self::Relance,
        Self::Demande,
        Self::Convocation,
        Self::ConvocationFiles,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Mail => "mail",
            Self::Render => "render",
            Self::Housekeeping => "housekeeping",
            Self::Scan => "scan",
            Self::Relance => "relance",
            Self::Demande => "demande",
            Self::Convocation => "convocation",
            Self::ConvocationFiles => "convocation_files",
        }
    }

    const fn index(self) -> usize {
        match self {
            Self::Mail => 0,
            Self::Render => 1,
            Self::Housekeeping => 2,
            Self::Scan => 3,
            Self::Relance => 4,
            Self::Demande => 5,
            Self::Convocation => 6,
            Self::ConvocationFiles => 7,
        }
    }
}

impl std::fmt::Display for JobKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Wakes this server's worker of a kind when a job of that kind is queued (the workers of
/// the other servers find it at their next look, a few seconds later).
#[derive(Debug, Default)]
pub struct Wake {
    kinds: [tokio::sync::Notify; JobKind::ALL.len()],
}

impl Wake {
    /// Wakes the worker of `kind` (at once if it waits; else its next wait ends at once).
    pub fn wake(&self, kind: JobKind) {
        self.kinds[kind.index()].notify_one();
    }

    pub(crate) fn notified(&self, kind: JobKind) -> tokio::sync::futures::Notified<'_> {
        self.kinds[kind.index()].notified()
    }
}

#[cfg(test)]
mod tests {
    use super::JobKind;

    #[test]
    fn each_kind_has_its_own_name_and_waker() {
        let names: std::collections::HashSet<_> = JobKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), JobKind::ALL.len());
        let slots: std::collections::HashSet<_> = JobKind::ALL.iter().map(|k| k.index()).collect();
        assert_eq!(slots, (0..JobKind::ALL.len()).collect());
    }
}
