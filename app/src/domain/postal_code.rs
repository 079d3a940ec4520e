//! Postal codes as the address of tab 1 takes them (R3): five digits in France, a short
//! code of letters, digits and hyphens abroad. Spaces typed inside ("78 270") are ignored.

use std::fmt;

/// A postal code that has the shape of its country's. Only made by [`PostalCode::french`]
/// and [`PostalCode::abroad`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostalCode(String);

/// Why a text is not a postal code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PostalCodeError {
    #[error("Saisissez le code postal de votre adresse.")]
    Empty,
    #[error("Le code postal doit comporter 5 chiffres (par exemple 78270).")]
    NotFrench,
    #[error("Le code postal doit comporter au plus 10 lettres ou chiffres.")]
    TooLongOrInvalid,
}

/// Longest code accepted for an address abroad.
const ABROAD_MAX_LEN: usize = 10;

impl PostalCode {
    /// A French code: five digits, not starting with `00`.
    pub fn french(input: &str) -> Result<Self, PostalCodeError> {
        let code = without_spaces(input);
        if code.is_empty() {
            Err(PostalCodeError::Empty)
        } else if code.len() != 5
            || !code.bytes().all(|b| b.is_ascii_digit())
            || code.starts_with("00")
        {
            Err(PostalCodeError::NotFrench)
        } else {
            Ok(Self(code))
        }
    }

    /// A code abroad, upper-cased ("b-1000" → "B-1000"): at most ten letters, digits or
    /// hyphens. It may be empty: many countries have none.
    pub fn abroad(input: &str) -> Result<Self, PostalCodeError> {
        // Checked as typed, then upper-cased: `to_uppercase` would turn "ﬁ" into "FI".
        let code = without_spaces(input);
        if code.chars().count() > ABROAD_MAX_LEN
            || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            Err(PostalCodeError::TooLongOrInvalid)
        } else {
            Ok(Self(code.to_ascii_uppercase()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn without_spaces(input: &str) -> String {
    input.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_french_code_is_five_digits_spaces_ignored() {
        assert_eq!(PostalCode::french(" 78 270 ").unwrap().as_str(), "78270");
        assert_eq!(PostalCode::french("97100").unwrap().as_str(), "97100");
        assert_eq!(PostalCode::french(""), Err(PostalCodeError::Empty));
        for bad in ["7827", "782700", "7827A", "00100", "78-270"] {
            assert_eq!(
                PostalCode::french(bad),
                Err(PostalCodeError::NotFrench),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_code_abroad_is_short_upper_cased_and_may_be_empty() {
        assert_eq!(PostalCode::abroad("b-1000").unwrap().as_str(), "B-1000");
        assert_eq!(PostalCode::abroad("SW1A 1AA").unwrap().as_str(), "SW1A1AA");
        assert_eq!(PostalCode::abroad("  ").unwrap().as_str(), "");
        for bad in ["12345678901", "1000/B", "<1000>", "ﬁ-1000"] {
            assert_eq!(
                PostalCode::abroad(bad),
                Err(PostalCodeError::TooLongOrInvalid),
                "{bad}"
            );
        }
    }
}
