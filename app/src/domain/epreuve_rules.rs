//! The tests a candidate takes (R6): every mandatory test, the optional ones chosen, and in
//! each group of choice between `min` and `max` tests. Run in the browser and again on the
//! server against the offer's catalog.

use super::account::Errors;
use crate::model::{ChoiceGroup, EpreuveCatalog, EpreuveKind};

/// The field of the refusal about the tests in general (an unknown code).
pub const EPREUVES: &str = "epreuves";

/// The field of the refusal about one group: `epreuves-<code>`.
pub fn group_field(group: &str) -> String {
    format!("{EPREUVES}-{group}")
}

/// "Choisissez 1 épreuve parmi les 3 proposées." and its variants.
pub fn group_rule_fr(group: &ChoiceGroup, offered: usize) -> String {
    let plural = |n: u32| if n > 1 { "épreuves" } else { "épreuve" };
    match (group.min, group.max) {
        (min, max) if min == max => {
            format!(
                "Choisissez {min} {} parmi les {offered} proposées.",
                plural(min)
            )
        }
        (0, max) => format!("Vous pouvez choisir au plus {max} {}.", plural(max)),
        (min, max) => format!("Choisissez entre {min} et {max} épreuves."),
    }
}

/// Whether the candidate has anything to choose (otherwise the tab says to go on).
pub fn has_choices(catalog: &EpreuveCatalog) -> bool {
    catalog
        .epreuves
        .iter()
        .any(|e| e.kind != EpreuveKind::Mandatory)
}

/// How many tests of `group` the catalog offers.
pub fn offered_in(catalog: &EpreuveCatalog, group: &str) -> usize {
    catalog
        .epreuves
        .iter()
        .filter(|e| e.group.as_deref() == Some(group))
        .count()
}

/// The choices kept (catalog order, each once), or the refusals recorded in `errors`.
/// Mandatory tests sent as "chosen" are ignored: they are always taken.
pub fn check_choices(
    catalog: &EpreuveCatalog,
    chosen: &[String],
    errors: &mut Errors,
) -> Vec<String> {
    let unknown = chosen
        .iter()
        .any(|code| !catalog.epreuves.iter().any(|e| &e.code == code));
    if unknown {
        errors.add(
            EPREUVES,
            "Une épreuve choisie n'est pas proposée pour cet examen ou cette certification.",
        );
    }
    let kept: Vec<String> = catalog
        .epreuves
        .iter()
        .filter(|e| e.kind != EpreuveKind::Mandatory && chosen.contains(&e.code))
        .map(|e| e.code.clone())
        .collect();
    for group in &catalog.groups {
        let count = catalog
            .epreuves
            .iter()
            .filter(|e| e.group.as_deref() == Some(group.code.as_str()) && kept.contains(&e.code))
            .count();
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        if count < group.min || count > group.max {
            errors.add(
                &group_field(&group.code),
                group_rule_fr(group, offered_in(catalog, &group.code)),
            );
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EpreuveInfo;

    fn epreuve(code: &str, kind: EpreuveKind, group: Option<&str>) -> EpreuveInfo {
        EpreuveInfo {
            code: code.into(),
            label: format!("EPREUVE {code}"),
            kind,
            mode: "Ecrit".into(),
            group: group.map(Into::into),
        }
    }

    /// One mandatory test, one free optional one, a group "LV" of one among three, and a
    /// group "OPT" of at most one optional test among two.
    fn catalog() -> EpreuveCatalog {
        use EpreuveKind::*;
        EpreuveCatalog {
            epreuves: vec![
                epreuve("010", Mandatory, None),
                epreuve("020", Optional, None),
                epreuve("031", Choice, Some("LV")),
                epreuve("032", Choice, Some("LV")),
                epreuve("033", Choice, Some("LV")),
                epreuve("041", Optional, Some("OPT")),
                epreuve("042", Optional, Some("OPT")),
            ],
            groups: vec![
                ChoiceGroup {
                    code: "LV".into(),
                    label: "Langue vivante".into(),
                    min: 1,
                    max: 1,
                },
                ChoiceGroup {
                    code: "OPT".into(),
                    label: "Option".into(),
                    min: 0,
                    max: 1,
                },
            ],
        }
    }

    fn check(chosen: &[&str]) -> (Vec<String>, Vec<(String, String)>) {
        let mut errors = Errors::default();
        let chosen: Vec<String> = chosen.iter().map(|c| c.to_string()).collect();
        let kept = check_choices(&catalog(), &chosen, &mut errors);
        let errors = errors
            .into_vec()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        (kept, errors)
    }

    #[test]
    fn one_of_each_group_and_a_free_option_pass_in_catalog_order() {
        let (kept, errors) = check(&["042", "032", "020"]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(kept, ["020", "032", "042"]);
    }

    #[test]
    fn a_group_with_too_few_or_too_many_is_refused_with_its_rule() {
        let (_, errors) = check(&[]);
        assert_eq!(
            errors,
            [(
                "epreuves-LV".to_owned(),
                "Choisissez 1 épreuve parmi les 3 proposées.".to_owned()
            )]
        );
        let (_, errors) = check(&["031", "032", "041", "042"]);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].1, "Vous pouvez choisir au plus 1 épreuve.");
    }

    #[test]
    fn unknown_codes_are_refused_and_mandatory_ones_ignored() {
        let (kept, errors) = check(&["031", "999"]);
        assert_eq!(kept, ["031"]);
        assert_eq!(errors[0].0, EPREUVES);
        let (kept, errors) = check(&["010", "031", "031"]);
        assert!(errors.is_empty());
        assert_eq!(kept, ["031"]);
    }

    #[test]
    fn says_whether_there_is_anything_to_choose() {
        assert!(has_choices(&catalog()));
        let only_mandatory = EpreuveCatalog {
            epreuves: vec![epreuve("010", EpreuveKind::Mandatory, None)],
            groups: vec![],
        };
        assert!(!has_choices(&only_mandatory));
    }

    #[test]
    fn rules_read_naturally() {
        let g = |min, max| ChoiceGroup {
            code: "G".into(),
            label: "G".into(),
            min,
            max,
        };
        assert_eq!(
            group_rule_fr(&g(2, 2), 4),
            "Choisissez 2 épreuves parmi les 4 proposées."
        );
        assert_eq!(
            group_rule_fr(&g(1, 2), 4),
            "Choisissez entre 1 et 2 épreuves."
        );
        assert_eq!(
            group_rule_fr(&g(0, 3), 4),
            "Vous pouvez choisir au plus 3 épreuves."
        );
    }
}
