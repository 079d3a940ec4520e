//! Small text helpers shared by the value types and the services.

/// `text` with its ends trimmed and every run of spaces, tabs or line breaks made one
/// space: how every name, address line and locality is kept.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The upper-case form of `text` with the accents of French removed: "Éloïse" → "ELOISE".
/// Used to compare and sort labels and names the same way everywhere.
pub fn upper_unaccented(text: &str) -> String {
    text.to_uppercase()
        .chars()
        .map(|c| match c {
            'À' | 'Â' | 'Ä' => 'A',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'Î' | 'Ï' => 'I',
            'Ô' | 'Ö' => 'O',
            'Ù' | 'Û' | 'Ü' => 'U',
            'Ç' => 'C',
            'Ÿ' => 'Y',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{squeeze, upper_unaccented};

    #[test]
    fn squeezes_every_run_of_white_space_into_one_space() {
        assert_eq!(
            squeeze("  Saint-Germain \t en\n  Laye "),
            "Saint-Germain en Laye"
        );
        assert_eq!(squeeze(" \t "), "");
    }

    #[test]
    fn removes_french_accents_in_upper_case() {
        assert_eq!(upper_unaccented("Éloïse Çà-et-là, ÿ"), "ELOISE CA-ET-LA, Y");
        assert_eq!(upper_unaccented("Talu"), "TALU");
    }
}
