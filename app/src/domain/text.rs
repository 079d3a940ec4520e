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

/// Percent-encodes what is not unreserved (RFC 3986): query values, the otpauth label.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The form a person's names are searched in: upper case, no accents, every hyphen,
/// apostrophe or other mark a space, single spaces ("d'Arc-Éloïse" → "D ARC ELOISE").
/// The stored key of an account and the text a gestionnaire types are both made so.
pub fn search_form(text: &str) -> String {
    let spaced: String = upper_unaccented(text)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '@' || c == '.' {
                c
            } else {
                ' '
            }
        })
        .collect();
    squeeze(&spaced)
}

/// A code as an element id or an address's anchor (ASCII letters, digits and dashes).
pub fn anchor_of(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{percent_encode, search_form, squeeze, upper_unaccented};

    #[test]
    fn names_are_searched_without_case_accents_or_marks() {
        assert_eq!(search_form("d'Arc-Éloïse  Talu"), "D ARC ELOISE TALU");
        assert_eq!(search_form("talu"), search_form("TALU"));
        assert_eq!(search_form(" Jéan "), "JEAN");
    }

    #[test]
    fn only_unreserved_characters_stay_as_they_are() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("é &="), "%C3%A9%20%26%3D");
    }

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
