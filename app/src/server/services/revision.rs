//! Revisions: a row's last change as a page saw it (its instant, to the nanosecond), sent
//! back with a change so that the second of two members working from the same page is
//! refused, told who changed it and when, and loses nothing (REQUIREMENTS S4: "Two staff
//! members changing the same dossier at once").

use crate::domain::{LocalDateTime, Scope};
use crate::error::AppError;
use crate::server::entities::journal_entry;
use crate::server::services::journal;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// A row's last change as a page keeps it.
pub fn revision(at: DateTime<Utc>) -> String {
    // To the nanosecond: SQLite keeps what chrono gives; PostgreSQL keeps microseconds.
    at.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// A revision sent back by a page.
pub fn parse(text: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| AppError::InvalidInput)
}

/// The instant of a change to a row last changed at `last`: now, but always after `last`
/// (by a microsecond, what PostgreSQL keeps), so that every change gives a new revision
/// even when two fall within the clock's resolution.
pub fn next(now: DateTime<Utc>, last: DateTime<Utc>) -> DateTime<Utc> {
    now.max(last + chrono::Duration::microseconds(1))
}

/// The refusal of a change to what `subjects` name (a candidature, and the account whose
/// correction also moves it), changed last at `at`, for a member of `scope`: by the
/// journal's last staff action on them if it is that change, else by the candidate.
pub async fn changed_by(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    scope: &Scope,
    subjects: &[String],
    at: DateTime<Utc>,
) -> Result<AppError, AppError> {
    let last = journal_entry::Entity::find()
        .filter(journal_entry::Column::Subject.is_in(subjects.iter().cloned()))
        .order_by_desc(journal_entry::Column::Seq)
        .one(db)
        .await?
        .filter(|e| (e.at - at).num_seconds().abs() < 2);
    let by = match last {
        // Another académie's member (a correction of the identity): their service, not them.
        Some(e)
            if journal::members_beyond(db, scope, std::slice::from_ref(&e))
                .await?
                .contains(&e.actor) =>
        {
            "le service d'une autre académie".to_owned()
        }
        Some(e) => {
            let names = journal::actor_names(db, std::slice::from_ref(&e)).await?;
            names.get(&e.actor).cloned().unwrap_or(e.actor)
        }
        None => "le candidat".to_owned(),
    };
    Ok(AppError::ChangedMeanwhile {
        by,
        at: LocalDateTime::from_utc(at, tz).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_reads_back_to_the_nanosecond() {
        let at = DateTime::parse_from_rfc3339("2026-11-29T09:00:00.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(parse(&revision(at)).unwrap(), at);
        assert!(parse("hier").is_err());
    }

    #[test]
    fn a_change_always_moves_the_revision() {
        let at = DateTime::parse_from_rfc3339("2026-11-29T09:00:00.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(next(at, at) > at);
        let later = at + chrono::Duration::seconds(5);
        assert_eq!(next(later, at), later);
    }
}
