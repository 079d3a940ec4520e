//! Reference lists shipped with the schema (sources and licences in `data/SOURCES.md`).

/// `code;label`: countries, France as "FRANCE (DONT OUTRE-MER)".
pub const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");
/// `code;label`: nationalities.
pub const NATIONALITIES_CSV: &str = include_str!("../data/nationalities.csv");
/// `code;label;kind`: départements, DOM and COM, codes on three characters ("062").
pub const DEPARTEMENTS_CSV: &str = include_str!("../data/departements.csv");
/// `departement;code;label`: the communes of INSEE's official list, names as INSEE writes them.
pub const COMMUNES_CSV: &str = include_str!("../data/communes.csv");
/// `code_postal;code_commune;localite`: postal codes with their routing names ("Localité").
pub const POSTAL_CODES_CSV: &str = include_str!("../data/postal-codes.csv");
/// `uai;nom;type;code_postal;code_commune;localite;departement`: établissements and services
/// (a sample of the Annuaire de l'éducation; `cyclades import-etablissements` loads the whole list).
pub const ETABLISSEMENTS_CSV: &str = include_str!("../data/etablissements.csv");
/// `liste;code;libelle`: Corps, Statut and Position administrative, in list order.
pub const HR_LISTS_CSV: &str = include_str!("../data/hr-lists.csv");
/// One common password per line, lower case (refused at account creation and change).
pub const COMMON_PASSWORDS_TXT: &str = include_str!("../data/common-passwords.txt");

/// Splits a `;`-separated file into rows of fields, skipping its header and blank lines.
pub fn parse_csv(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .skip(1)
        .map(str::trim_end)
        .filter(|line| !line.is_empty())
        .map(|line| line.split(';').map(str::trim).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn check(text: &str, columns: usize) -> Vec<Vec<&str>> {
        let rows = parse_csv(text);
        let mut codes = HashSet::new();
        for row in &rows {
            assert_eq!(row.len(), columns, "{row:?}");
            assert!(row.iter().all(|f| !f.is_empty()), "{row:?}");
            assert!(codes.insert(row[0]), "duplicate code {}", row[0]);
        }
        rows
    }

    #[test]
    fn countries_include_france_with_its_overseas() {
        let rows = check(COUNTRIES_CSV, 2);
        assert!(rows.len() > 190);
        assert!(rows.iter().any(|r| r[1] == "FRANCE (DONT OUTRE-MER)"));
    }

    #[test]
    fn departements_have_three_character_codes_and_the_guide_example() {
        let rows = check(DEPARTEMENTS_CSV, 3);
        assert!(rows.iter().all(|r| r[0].len() == 3));
        assert!(
            rows.iter()
                .any(|r| r[0] == "062" && r[1] == "PAS DE CALAIS")
        );
        for kind in ["departement", "dom", "com"] {
            assert!(rows.iter().any(|r| r[2] == kind), "{kind}");
        }
        assert_eq!(rows.iter().filter(|r| r[2] == "departement").count(), 96);
    }

    #[test]
    fn nationalities_include_french() {
        let rows = check(NATIONALITIES_CSV, 2);
        assert!(rows.len() > 150);
        assert!(rows.iter().any(|r| r[0] == "FR"));
    }

    #[test]
    fn communes_belong_to_known_departements_with_insee_spelling() {
        let departements: HashSet<&str> =
            parse_csv(DEPARTEMENTS_CSV).iter().map(|r| r[0]).collect();
        let rows = parse_csv(COMMUNES_CSV);
        assert!(rows.len() > 34_000, "{}", rows.len());
        let mut codes = HashSet::new();
        for row in &rows {
            assert_eq!(row.len(), 3, "{row:?}");
            assert!(departements.contains(row[0]), "{row:?}");
            assert_eq!(row[1].len(), 5, "{row:?}");
            assert!(codes.insert(row[1]), "duplicate {row:?}");
        }
        assert!(rows.iter().any(|r| r[0] == "062" && r[2] == "Beuvry"));
        assert!(
            rows.iter()
                .any(|r| r[0] == "042" && r[2] == "Saint-Étienne")
        );
    }

    #[test]
    fn common_passwords_are_lower_case_and_include_french_ones() {
        let words: Vec<&str> = COMMON_PASSWORDS_TXT.lines().collect();
        assert!(words.len() > 10_000);
        assert!(
            words
                .iter()
                .all(|w| *w == w.to_lowercase() && !w.is_empty())
        );
        for w in ["azerty", "soleil", "cyclades", "motdepasse"] {
            assert!(words.contains(&w), "{w}");
        }
    }

    #[test]
    fn postal_codes_name_known_communes_and_the_guide_example() {
        let communes: HashSet<&str> = parse_csv(COMMUNES_CSV).iter().map(|r| r[1]).collect();
        let rows = parse_csv(POSTAL_CODES_CSV);
        assert!(rows.len() > 35_000, "{}", rows.len());
        for row in &rows {
            assert_eq!(row.len(), 3, "{row:?}");
            assert!(
                row[0].len() == 5 && row[0].bytes().all(|b| b.is_ascii_digit()),
                "{row:?}"
            );
            assert!(communes.contains(row[1]), "{row:?}");
        }
        assert!(rows.iter().any(|r| r[0] == "78270" && r[2] == "BLARU"));
    }

    #[test]
    fn etablissements_have_valid_uai_and_known_places() {
        const KEYS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
        let departements: HashSet<&str> =
            parse_csv(DEPARTEMENTS_CSV).iter().map(|r| r[0]).collect();
        let communes: HashSet<&str> = parse_csv(COMMUNES_CSV).iter().map(|r| r[1]).collect();
        let rows = check(ETABLISSEMENTS_CSV, 7);
        assert!(rows.len() > 100);
        for row in &rows {
            let number: usize = row[0][..7].parse().unwrap();
            assert_eq!(
                row[0].as_bytes()[7],
                KEYS[number % 23],
                "check letter of {row:?}"
            );
            assert!(departements.contains(row[6]), "{row:?}");
            assert!(communes.contains(row[4]), "{row:?}");
        }
        assert!(
            rows.iter()
                .any(|r| r[0] == "0783371R" && r[5] == "VERSAILLES")
        );
    }

    #[test]
    fn hr_lists_have_the_guides_entries() {
        let rows = parse_csv(HR_LISTS_CSV);
        for (list, label) in [
            ("corps", "AGENT CONTRACTUEL 1ER DEGRE"),
            ("statut", "Titulaire"),
            ("position", "Activité"),
        ] {
            assert!(
                rows.iter().any(|r| r[0] == list && r[2] == label),
                "{label}"
            );
        }
    }
}
