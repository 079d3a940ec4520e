//! The catalog in staff hands (REQUIREMENTS S2, issue 15). National administrators (every
//! académie in their scope) edit the national lists ([`national`]); an académie's
//! administrators edit its service gestionnaire ([`service`]) and its offers with their
//! registration periods ([`offers`]). Nothing a candidature refers
//! to is ever deleted: exams and specialities are archived, offers closed. Every change is
//! written to the journal in its transaction (`Acting::record`). No cache holds catalog data: every page and
//! R1's server check read the database, so a change shows at once on every server.

pub mod import;
pub mod national;
pub mod offers;
pub mod service;

use crate::domain::Scope;
use crate::domain::account::Errors;
use crate::error::AppError;
use crate::model::FieldError;
use crate::server::identity::Staff;

/// One refusal as an error.
pub fn refused(field: &str, message: &str) -> AppError {
    AppError::InvalidFields(vec![FieldError {
        field: field.into(),
        message: message.into(),
    }])
}

/// `Ok` when nothing was refused, else every refusal beside its field.
pub fn checked(errors: Errors) -> Result<(), AppError> {
    errors.result().map_err(AppError::InvalidFields)
}

/// How dates are typed, for every refusal of one.
pub const INSTANT_FR: &str =
    "Saisissez une date et une heure au format jj/mm/aaaa hh:mm, par exemple 30/10/2027 23:59.";

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
