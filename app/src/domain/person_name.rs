//! Names of persons (A1 "Nom de famille", "Nom d'usage", "Prénoms").

use serde::{Deserialize, Serialize};
use std::fmt;

/// A name as typed (trimmed, inner spaces collapsed): letters, spaces, hyphens and
/// apostrophes, starting with a letter, 1 to 60 characters. Compare with [`PersonName::key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

/// Why a text is not a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("Ce champ est obligatoire.")]
    Empty,
    #[error("60 caractères au maximum.")]
    TooLong,
    #[error("Seuls les lettres, les espaces, les tirets et les apostrophes sont acceptés.")]
    InvalidCharacter,
}

impl PersonName {
    /// Longest name accepted.
    pub const MAX_LEN: usize = 60;

    /// Reads a name as typed.
    pub fn parse(input: &str) -> Result<Self, PersonNameError> {
        let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if text.chars().count() > Self::MAX_LEN {
            return Err(PersonNameError::TooLong);
        }
        let allowed = |c: char| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '’';
        if !text.chars().all(allowed) || !text.chars().next().is_some_and(char::is_alphabetic) {
            return Err(PersonNameError::InvalidCharacter);
        }
        Ok(Self(text))
    }

    /// The name as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form names are compared in: upper case ("Talu" and "TALU" are the same name).
    pub fn key(&self) -> String {
        self.0.to_uppercase().replace('’', "'")
    }
}

impl TryFrom<String> for PersonName {
    type Error = PersonNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(name: PersonName) -> Self {
        name.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a confirmation field is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("La confirmation ne correspond pas à la saisie.")]
pub struct ConfirmationMismatch;

/// Checks a "Confirmation …" field against its field, after the same reading of both.
pub fn confirm<T: PartialEq>(value: &T, confirmation: &T) -> Result<(), ConfirmationMismatch> {
    if value == confirmation {
        Ok(())
    } else {
        Err(ConfirmationMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_names_as_typed_and_compares_in_upper_case() {
        let n = PersonName::parse("  de  la Fontaine-D’Arc ").unwrap();
        assert_eq!(n.as_str(), "de la Fontaine-D’Arc");
        assert_eq!(n.key(), "DE LA FONTAINE-D'ARC");
        assert_eq!(
            PersonName::parse("Talu").unwrap().key(),
            PersonName::parse("TALU").unwrap().key()
        );
        assert_eq!(PersonName::parse("Éloïse").unwrap().key(), "ÉLOÏSE");
    }

    #[test]
    fn refuses_empty_long_and_strange_names() {
        assert_eq!(PersonName::parse("   "), Err(PersonNameError::Empty));
        assert_eq!(
            PersonName::parse(&"a".repeat(61)),
            Err(PersonNameError::TooLong)
        );
        for bad in [
            "Jean2",
            "<b>Jean</b>",
            "-Jean",
            "Jean;DROP",
            "Jean\u{0}",
            "#read(\"/etc/passwd\")",
        ] {
            assert_eq!(
                PersonName::parse(bad),
                Err(PersonNameError::InvalidCharacter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn line_breaks_become_single_spaces() {
        // Nothing typed can carry a line break into a mail header or a document.
        assert_eq!(
            PersonName::parse("Jean\r\nTalu").unwrap().as_str(),
            "Jean Talu"
        );
    }

    #[test]
    fn confirmations_must_match() {
        let a = PersonName::parse("TALU").unwrap();
        assert_eq!(confirm(&a, &PersonName::parse(" TALU ").unwrap()), Ok(()));
        assert_eq!(
            confirm(&a, &PersonName::parse("TALOU").unwrap()),
            Err(ConfirmationMismatch)
        );
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(s in "\\PC{0,70}") {
            if let Ok(n) = PersonName::parse(&s) {
                prop_assert_eq!(PersonName::parse(n.as_str()), Ok(n.clone()));
            }
        }
    }
}
