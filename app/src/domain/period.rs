//! Registration periods and their state at a given instant.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where an instant falls relative to a registration period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodState {
    /// The period has not started.
    NotYetOpen,
    /// Registrations are accepted now.
    Open,
    /// The period is over.
    Closed,
}

impl PeriodState {
    /// A short French label for the state.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::NotYetOpen => "Inscriptions à venir",
            Self::Open => "Inscriptions ouvertes",
            Self::Closed => "Inscriptions closes",
        }
    }
}

/// An opening and a closing instant, the opening strictly before the closing (server side:
/// the browser receives the state and the local times, not the period).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistrationPeriod {
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
}

/// A period whose closing is not after its opening.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("la date de fermeture doit être postérieure à la date d'ouverture")]
pub struct PeriodError;

impl RegistrationPeriod {
    /// Checks that the period closes after it opens.
    pub fn new(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>) -> Result<Self, PeriodError> {
        if closes_at <= opens_at {
            return Err(PeriodError);
        }
        Ok(Self {
            opens_at,
            closes_at,
        })
    }

    /// The opening instant (registrations accepted from it on).
    pub fn opens_at(&self) -> DateTime<Utc> {
        self.opens_at
    }

    /// The closing instant (registrations refused from it on).
    pub fn closes_at(&self) -> DateTime<Utc> {
        self.closes_at
    }

    /// The state at `now`: open from the opening instant included to the closing one excluded.
    pub fn state_at(&self, now: DateTime<Utc>) -> PeriodState {
        if now < self.opens_at {
            PeriodState::NotYetOpen
        } else if now < self.closes_at {
            PeriodState::Open
        } else {
            PeriodState::Closed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn period() -> RegistrationPeriod {
        RegistrationPeriod::new(
            Utc.with_ymd_and_hms(2019, 9, 17, 8, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2019, 9, 20, 8, 0, 0).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn not_yet_open_until_the_opening_instant() {
        let p = period();
        assert_eq!(
            p.state_at(p.opens_at() - Duration::seconds(1)),
            PeriodState::NotYetOpen
        );
    }

    #[test]
    fn open_from_the_opening_instant_included() {
        let p = period();
        assert_eq!(p.state_at(p.opens_at()), PeriodState::Open);
        assert_eq!(
            p.state_at(p.closes_at() - Duration::seconds(1)),
            PeriodState::Open
        );
    }

    #[test]
    fn closed_from_the_closing_instant_included() {
        let p = period();
        assert_eq!(p.state_at(p.closes_at()), PeriodState::Closed);
        assert_eq!(
            p.state_at(p.closes_at() + Duration::days(400)),
            PeriodState::Closed
        );
    }

    #[test]
    fn a_period_must_close_after_it_opens() {
        let t = Utc.with_ymd_and_hms(2019, 9, 17, 8, 0, 0).unwrap();
        assert_eq!(RegistrationPeriod::new(t, t), Err(PeriodError));
        assert_eq!(
            RegistrationPeriod::new(t, t - Duration::minutes(1)),
            Err(PeriodError)
        );
    }

    #[test]
    fn states_have_french_labels() {
        assert_eq!(PeriodState::Open.label_fr(), "Inscriptions ouvertes");
    }
}
