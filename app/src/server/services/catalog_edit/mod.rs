//! The catalog in staff hands (REQUIREMENTS S2, issue 15). National administrators (every
//! académie in their scope) edit the national lists ([`national`]); an académie's
//! administrators edit its service gestionnaire ([`service`]) and its offers with their
//! registration periods ([`offers`]). Nothing a candidature refers
//! to is ever deleted: exams and specialities are archived, offers closed. Every change is
//! written to the journal in its transaction. No cache holds catalog data: every page and
//! R1's server check read the database, so a change shows at once on every server.

pub mod national;
pub mod offers;
pub mod service;

use crate::domain::Scope;
use crate::domain::home_message::parse_local_fr;
use crate::error::AppError;
use crate::model::FieldError;
use crate::server::identity::Staff;
use crate::server::services::journal::{Acting, Entry, append};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

/// The refusals of one form, each beside its field.
#[derive(Debug, Default)]
pub struct Refusals(Vec<FieldError>);

impl Refusals {
    pub fn add(&mut self, field: &str, message: &str) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing was refused.
    pub fn check(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::InvalidFields(self.0))
        }
    }
}

/// One refusal as an error.
pub fn refused(field: &str, message: &str) -> AppError {
    let mut r = Refusals::default();
    r.add(field, message);
    AppError::InvalidFields(r.0)
}

/// How dates are typed, for every refusal of one.
pub const INSTANT_FR: &str =
    "Saisissez une date et une heure au format jj/mm/aaaa hh:mm, par exemple 30/10/2027 23:59.";

/// An instant typed jj/mm/aaaa hh:mm in the portal's zone (an hour skipped by the clock
/// change, or another shape: `None`).
pub fn instant(typed: &str, tz: chrono_tz::Tz) -> Option<DateTime<Utc>> {
    parse_local_fr(typed)?
        .and_local_timezone(tz)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// A label: spaces squeezed, 1 to `max` characters.
pub fn label(typed: &str, max: usize) -> Option<String> {
    let l = crate::domain::text::squeeze(typed);
    (!l.is_empty() && l.chars().count() <= max).then_some(l)
}

/// National administrators: administrators whose scope is every académie.
pub fn ensure_national(staff: &Staff) -> Result<(), AppError> {
    if staff.scope == Scope::All {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Appends a journal row in the caller's transaction.
pub async fn journal(
    db: &impl ConnectionTrait,
    acting: &Acting<'_>,
    action: &str,
    subject: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    append(
        db,
        &Entry {
            actor: &acting.name,
            address: acting.address.as_deref(),
            action,
            subject,
            before,
            after,
        },
        now,
    )
    .await?;
    Ok(())
}
