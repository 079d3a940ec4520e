//! What a convocation says beyond the candidature (its `details`): for each test the
//! candidate takes, its date, time, duration, place and instructions. Two preparations
//! that give the same details publish nothing new.

use crate::domain::LocalDateTime;
use crate::model::recap::{self, epreuve_line};
use crate::model::{EpreuveCatalog, RegistrationForm};
use crate::server::entities::convocation_schedule;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The schedules of an offer's tests, by test code.
pub type Schedules = HashMap<String, convocation_schedule::Model>;

/// "2 h 30", "3 h", "45 min".
pub fn duration_fr(minutes: i32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// The details of the convocation of a candidature registered with `form`, or the labels
/// of its tests that have no schedule yet.
pub fn of(
    catalog: &EpreuveCatalog,
    schedules: &Schedules,
    form: &RegistrationForm,
    tz: chrono_tz::Tz,
) -> Result<Value, Vec<String>> {
    let (mandatory, chosen) = recap::epreuves_of(catalog, form);
    let mut tests = mandatory;
    tests.extend(chosen);
    let mut lines = Vec::with_capacity(tests.len());
    let mut missing = Vec::new();
    let mut scheduled: Vec<(&convocation_schedule::Model, String)> = Vec::new();
    for t in &tests {
        match schedules.get(&t.code) {
            Some(s) => scheduled.push((s, epreuve_line(t))),
            None => missing.push(epreuve_line(t)),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    scheduled.sort_by_key(|(s, _)| (s.starts_at, s.epreuve_code.clone()));
    for (s, label) in scheduled {
        let at = LocalDateTime::from_utc(s.starts_at, tz);
        lines.push(json!({
            "code": s.epreuve_code,
            "label": label,
            "date": at.date_fr(),
            "time": at.time_fr(),
            "duration": duration_fr(s.duration_minutes),
            "place": s.place,
            "instructions": s.instructions,
        }));
    }
    Ok(json!({ "epreuves": lines }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EpreuveInfo, EpreuveKind};
    use chrono::TimeZone;

    fn test(code: &str, kind: EpreuveKind) -> EpreuveInfo {
        EpreuveInfo {
            code: code.into(),
            label: format!("EPREUVE {code}"),
            kind,
            mode: "Ecrit".into(),
            group: None,
        }
    }

    fn schedule(code: &str, hour: u32) -> convocation_schedule::Model {
        convocation_schedule::Model {
            id: 1,
            offer_id: 1,
            epreuve_code: code.into(),
            starts_at: chrono::Utc
                .with_ymd_and_hms(2027, 5, 12, hour, 0, 0)
                .unwrap(),
            duration_minutes: 150,
            place: "Lycée Hoche\n73 avenue de Saint-Cloud\n78000 Versailles".into(),
            instructions: "Calculatrice interdite.".into(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn durations_read_as_staff_write_them() {
        assert_eq!(duration_fr(150), "2 h 30");
        assert_eq!(duration_fr(180), "3 h");
        assert_eq!(duration_fr(45), "45 min");
        assert_eq!(duration_fr(65), "1 h 05");
    }

    #[test]
    fn a_convocation_lists_the_tests_taken_in_time_order_in_paris_time() {
        let catalog = EpreuveCatalog {
            epreuves: vec![
                test("010", EpreuveKind::Mandatory),
                test("020", EpreuveKind::Mandatory),
                test("031", EpreuveKind::Optional),
            ],
            groups: vec![],
        };
        let schedules: Schedules = [schedule("010", 12), schedule("020", 7)]
            .into_iter()
            .map(|s| (s.epreuve_code.clone(), s))
            .collect();
        let form = RegistrationForm::default();
        let details = of(&catalog, &schedules, &form, chrono_tz::Europe::Paris).unwrap();
        let tests = details["epreuves"].as_array().unwrap();
        assert_eq!(tests.len(), 2, "the optional test not chosen is left out");
        assert_eq!(tests[0]["code"], "020");
        assert_eq!(tests[0]["date"], "12/05/2027");
        assert_eq!(
            tests[0]["time"], "09:00",
            "07:00 UTC is 09:00 in Paris in May"
        );
        assert_eq!(tests[1]["duration"], "2 h 30");

        let mut chosen = RegistrationForm::default();
        chosen.epreuves.push("031".into());
        assert_eq!(
            of(&catalog, &schedules, &chosen, chrono_tz::Europe::Paris),
            Err(vec!["031 - EPREUVE 031 (Ecrit)".to_owned()]),
            "a chosen test without a schedule is named"
        );
    }
}
