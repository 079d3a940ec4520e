//! "Téléphone personnel": a French number of ten digits (0123456789), or an international
//! one written with `+` and the country code. Spaces, dots and dashes are ignored.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "Le numéro de téléphone doit comporter 10 chiffres (par exemple 0123456789), ou commencer par + suivi de l'indicatif du pays."
)]
pub struct PhoneError;

impl Phone {
    /// Reads a number; `+33 1 23 45 67 89` and `0033…` are kept as `0123456789`.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let compact: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
            .collect();
        let international = compact
            .strip_prefix('+')
            .or_else(|| compact.strip_prefix("00"));
        let (digits, foreign) = match international {
            Some(rest) => match rest.strip_prefix("33") {
                Some(french) => (format!("0{french}"), false),
                None => (rest.to_owned(), true),
            },
            None => (compact.clone(), false),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError);
        }
        if foreign {
            // E.164: at most 15 digits with the country code.
            if (6..=15).contains(&digits.len()) && !digits.starts_with('0') {
                return Ok(Self(format!("+{digits}")));
            }
            return Err(PhoneError);
        }
        let bytes = digits.as_bytes();
        if bytes.len() == 10 && bytes[0] == b'0' && bytes[1] != b'0' {
            Ok(Self(digits))
        } else {
            Err(PhoneError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_are_kept_as_ten_digits() {
        for input in [
            "0123456789",
            "01 23 45 67 89",
            "01.23.45.67.89",
            "+33 1 23 45 67 89",
            "0033123456789",
        ] {
            assert_eq!(
                Phone::parse(input).unwrap().as_str(),
                "0123456789",
                "{input}"
            );
        }
    }

    #[test]
    fn foreign_numbers_keep_their_country_code() {
        assert_eq!(
            Phone::parse("+44 20 7946 0958").unwrap().as_str(),
            "+442079460958"
        );
        assert_eq!(
            Phone::parse("0032 2 123 45 67").unwrap().as_str(),
            "+3221234567"
        );
    }

    #[test]
    fn refuses_what_cannot_be_dialled() {
        for bad in [
            "",
            "012345678",
            "01234567890",
            "1123456789",
            "0023",
            "01 23 45 67 8a",
            "+0123456",
            "0012345678901234567",
        ] {
            assert_eq!(Phone::parse(bad), Err(PhoneError), "{bad}");
        }
    }
}
