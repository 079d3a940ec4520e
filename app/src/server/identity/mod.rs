//! Who is asking, as a typed value: the signed-in candidate (never the database row, whose
//! `Debug` would carry the password hash). Server functions and routes start with
//! [`require_candidate`]; services take the [`Candidate`] it returns. The back-office's
//! [`require_staff`] gives its own value, [`Staff`], the same way.

mod staff;

pub use staff::{
    Need, Staff, request_staff_secret, require_staff, set_staff_cookie, staff_cookie,
    staff_of_headers,
};

use crate::domain::Email;
use crate::error::AppError;
use crate::server::entities::{account, candidate};
use crate::server::ids::AccountId;
use crate::server::{AppState, auth};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait};
use tower_sessions::Session;

/// A candidate's names as typed at account creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub birth: String,
    pub usage: Option<String>,
    pub first: String,
}

impl Names {
    /// The last name shown (the usage name when there is one).
    pub fn last(&self) -> &str {
        self.usage.as_deref().unwrap_or(&self.birth)
    }

    /// "NOM Prénoms", as the documents and their lists name the candidate.
    pub fn display(&self) -> String {
        format!("{} {}", self.last().to_uppercase(), self.first)
    }
}

/// Where a candidate was born, as stored (codes of the reference lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BirthPlace {
    pub country_code: String,
    pub departement_code: Option<String>,
    pub commune: String,
}

/// The signed-in candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: AccountId,
    pub email: Email,
    /// `MONSIEUR` or `MADAME`.
    pub civility: String,
    pub names: Names,
    pub birth_date: NaiveDate,
    pub birth_place: BirthPlace,
    /// The N° candidat, given at the first candidature.
    pub number: Option<String>,
}

impl Candidate {
    /// The N° candidat as the pages print it ("" before the first candidature).
    pub fn number_or_blank(&self) -> String {
        self.number.clone().unwrap_or_default()
    }

    /// The candidate of an account row, with its N° candidat if it has one.
    pub async fn of(db: &impl ConnectionTrait, row: account::Model) -> Result<Self, AppError> {
        let number = candidate::Entity::find_by_id(row.id)
            .one(db)
            .await?
            .map(|c| c.number);
        let email = Email::parse(&row.email).map_err(|_| {
            tracing::error!(account = %row.id, "stored login address does not parse");
            AppError::Internal
        })?;
        Ok(Self {
            id: AccountId::new(row.id),
            email,
            civility: row.civility,
            names: Names {
                birth: row.birth_name,
                usage: row.usage_name,
                first: row.first_names,
            },
            birth_date: row.birth_date,
            birth_place: BirthPlace {
                country_code: row.birth_country_code,
                departement_code: row.birth_departement_code,
                commune: row.birth_commune,
            },
            number,
        })
    }
}

/// The signed-in candidate of the request, or `Unauthenticated` (a stale session is ended).
pub async fn require_candidate(state: &AppState) -> Result<Candidate, AppError> {
    candidate_of_session(state, &auth::session().await?).await
}

/// The signed-in candidate of `session` (for routes that hold the session themselves).
pub async fn candidate_of_session(
    state: &AppState,
    session: &Session,
) -> Result<Candidate, AppError> {
    Candidate::of(&state.db, auth::current(state, session).await?).await
}

/// The signed-in candidate if there is one (`None` for a visitor).
pub async fn signed_in_candidate(state: &AppState) -> Result<Option<Candidate>, AppError> {
    match require_candidate(state).await {
        Ok(c) => Ok(Some(c)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::Names;

    #[test]
    fn the_usage_name_is_shown_when_there_is_one() {
        let mut names = Names {
            birth: "Talu".into(),
            usage: None,
            first: "Jean".into(),
        };
        assert_eq!(names.display(), "TALU Jean");
        names.usage = Some("Martin".into());
        assert_eq!(
            (names.last(), names.display().as_str()),
            ("Martin", "MARTIN Jean")
        );
    }
}
