//! Instants as a person in the portal's time zone reads them (Europe/Paris by default).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `dd/mm/yyyy`: how the guide writes a date, the only place the format is spelled.
pub fn date_fr(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// "jeudi 05 avril 2018": a date as the guide writes a deposit window.
pub fn long_date_fr(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    format!(
        "{} {:02} {} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// The year, month and day written `jj/mm/aaaa` (a one-digit day or month accepted), whether
/// or not they make a date; `None` for another shape.
pub fn date_parts_fr(input: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = input.trim().split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if y.len() != 4 {
        return None;
    }
    Some((
        i32::try_from(number(y, 4)?).ok()?,
        number(m, 2)?,
        number(d, 2)?,
    ))
}

/// The date written `jj/mm/aaaa`, or `None` (another shape, or no such day).
pub fn parse_date_fr(input: &str) -> Option<NaiveDate> {
    let (year, month, day) = date_parts_fr(input)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A wall-clock date and time in the portal's time zone, already converted from UTC on the
/// server. It prints as the guide writes dates: `dd/mm/yyyy hh:mm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LocalDateTime(NaiveDateTime);

impl LocalDateTime {
    /// Wraps a wall-clock time that is already in the portal's zone.
    pub fn from_naive(local: NaiveDateTime) -> Self {
        Self(local)
    }

    /// Converts an instant to the wall-clock time of `tz`.
    #[cfg(feature = "ssr")]
    pub fn from_utc(instant: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> Self {
        Self(instant.with_timezone(&tz).naive_local())
    }

    /// `dd/mm/yyyy`.
    pub fn date_fr(&self) -> String {
        date_fr(self.0.date())
    }

    /// `hh:mm`.
    pub fn time_fr(&self) -> String {
        format!("{:02}:{:02}", self.0.hour(), self.0.minute())
    }

    /// The value for a `<time datetime>` attribute (local time, no offset).
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day(),
            self.0.hour(),
            self.0.minute()
        )
    }
}

impl fmt::Display for LocalDateTime {
    /// `dd/mm/yyyy hh:mm`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date_fr(), self.time_fr())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn a_long_date_is_written_as_in_the_guide() {
        assert_eq!(
            long_date_fr(NaiveDate::from_ymd_opt(2018, 4, 5).unwrap()),
            "jeudi 05 avril 2018"
        );
        assert_eq!(
            long_date_fr(NaiveDate::from_ymd_opt(2018, 10, 30).unwrap()),
            "mardi 30 octobre 2018"
        );
        assert_eq!(
            long_date_fr(NaiveDate::from_ymd_opt(2026, 8, 16).unwrap()),
            "dimanche 16 août 2026"
        );
    }

    #[test]
    fn prints_as_the_guide_writes_dates() {
        let t = LocalDateTime::from_naive(naive(2019, 9, 7, 8, 5));
        assert_eq!(t.to_string(), "07/09/2019 08:05");
        assert_eq!(t.date_fr(), "07/09/2019");
        assert_eq!(t.time_fr(), "08:05");
        assert_eq!(t.iso(), "2019-09-07T08:05");
        assert_eq!(
            date_fr(NaiveDate::from_ymd_opt(1998, 5, 3).unwrap()),
            "03/05/1998"
        );
    }

    #[cfg(feature = "ssr")]
    mod paris {
        use super::*;
        use chrono::{TimeZone, Utc};
        use chrono_tz::Europe::Paris;

        fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> String {
            LocalDateTime::from_utc(Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap(), Paris)
                .to_string()
        }

        #[test]
        fn summer_time_is_utc_plus_two() {
            assert_eq!(paris(2019, 9, 17, 8, 0), "17/09/2019 10:00");
        }

        #[test]
        fn winter_time_is_utc_plus_one() {
            assert_eq!(paris(2026, 11, 29, 9, 0), "29/11/2026 10:00");
        }

        #[test]
        fn around_the_october_change() {
            // 25/10/2026: clocks go back from 03:00 CEST to 02:00 CET at 01:00 UTC.
            assert_eq!(paris(2026, 10, 25, 0, 30), "25/10/2026 02:30");
            assert_eq!(paris(2026, 10, 25, 1, 30), "25/10/2026 02:30");
            assert_eq!(paris(2026, 10, 25, 2, 0), "25/10/2026 03:00");
        }

        #[test]
        fn around_the_march_change() {
            // 29/03/2026: clocks go forward from 02:00 CET to 03:00 CEST at 01:00 UTC.
            assert_eq!(paris(2026, 3, 29, 0, 59), "29/03/2026 01:59");
            assert_eq!(paris(2026, 3, 29, 1, 0), "29/03/2026 03:00");
        }

        #[test]
        fn midnight_utc_is_already_the_next_day_in_paris() {
            assert_eq!(paris(2026, 12, 31, 23, 30), "01/01/2027 00:30");
        }
    }
}
