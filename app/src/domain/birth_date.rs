//! Dates typed as the guide asks: `jj/mm/aaaa` (A1 "Date de naissance").

use chrono::NaiveDate;
use std::fmt;

/// A birth date that exists, is in the past, and is not before 1900. No serde: it is only
/// made by [`BirthDate::parse`], which needs today's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BirthDate(NaiveDate);

/// Why a text is not a birth date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BirthDateError {
    #[error("Saisissez votre date de naissance.")]
    Empty,
    #[error("La date doit être au format jj/mm/aaaa, par exemple 30/05/1998.")]
    Format,
    #[error("Cette date n'existe pas.")]
    DoesNotExist,
    #[error("La date de naissance doit être dans le passé.")]
    NotInThePast,
    #[error("La date de naissance ne peut pas être antérieure au 01/01/1900.")]
    TooOld,
}

impl BirthDate {
    /// Reads `jj/mm/aaaa` (one-digit day or month accepted), checked against `today`.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, BirthDateError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(BirthDateError::Empty);
        }
        let (year, month, day) =
            super::local_time::date_parts_fr(text).ok_or(BirthDateError::Format)?;
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(BirthDateError::DoesNotExist)?;
        if date >= today {
            return Err(BirthDateError::NotInThePast);
        }
        if year < 1900 {
            return Err(BirthDateError::TooOld);
        }
        Ok(Self(date))
    }

    /// The date itself.
    pub fn date(&self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for BirthDate {
    /// `jj/mm/aaaa`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::local_time::date_fr(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn reads_the_guide_example() {
        let d = BirthDate::parse("01/01/2002", today()).unwrap();
        assert_eq!(d.to_string(), "01/01/2002");
        assert_eq!(BirthDate::parse(" 1/1/2002 ", today()).unwrap(), d);
    }

    #[test]
    fn refuses_other_formats_and_impossible_dates() {
        assert_eq!(BirthDate::parse("", today()), Err(BirthDateError::Empty));
        for bad in [
            "2002-01-01",
            "01/01/02",
            "01-01-2002",
            "1/1",
            "aa/bb/cccc",
            "01/01/2002/1",
            "+1/01/2002",
        ] {
            assert_eq!(
                BirthDate::parse(bad, today()),
                Err(BirthDateError::Format),
                "{bad}"
            );
        }
        assert_eq!(
            BirthDate::parse("31/02/2002", today()),
            Err(BirthDateError::DoesNotExist)
        );
        assert_eq!(
            BirthDate::parse("29/02/2001", today()),
            Err(BirthDateError::DoesNotExist)
        );
        assert!(BirthDate::parse("29/02/2000", today()).is_ok());
    }

    #[test]
    fn must_be_in_the_past_and_after_1900() {
        assert_eq!(
            BirthDate::parse("29/11/2026", today()),
            Err(BirthDateError::NotInThePast)
        );
        assert_eq!(
            BirthDate::parse("01/01/2030", today()),
            Err(BirthDateError::NotInThePast)
        );
        assert!(BirthDate::parse("28/11/2026", today()).is_ok());
        assert_eq!(
            BirthDate::parse("31/12/1899", today()),
            Err(BirthDateError::TooOld)
        );
    }

    proptest! {
        #[test]
        fn every_past_date_round_trips(days in 1i64..40_000) {
            let date = today() - chrono::Duration::days(days);
            if date.year() >= 1900 {
                let text = format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year());
                let parsed = BirthDate::parse(&text, today()).unwrap();
                prop_assert_eq!(parsed.date(), date);
                prop_assert_eq!(parsed.to_string(), text);
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = BirthDate::parse(&s, today());
        }
    }
}
