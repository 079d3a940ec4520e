//! Names of persons (A1 "Nom de famille", "Nom d'usage", "Prénoms").

use serde::{Deserialize, Serialize};
use std::fmt;

/// A name as typed (trimmed, inner spaces collapsed): words of letters joined by single
/// spaces, hyphens or apostrophes, 1 to 60 characters. Stored as typed; equal when their
/// upper-case forms ([`PersonName::key`]) are equal, as the guide compares names.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PartialEq for PersonName {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for PersonName {}

impl std::hash::Hash for PersonName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

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
        let text = super::text::squeeze(input);
        if text.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if text.chars().count() > Self::MAX_LEN {
            return Err(PersonNameError::TooLong);
        }
        if !well_formed(&text) {
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

/// Words of letters (an accent typed as a separate combining mark counts with its letter)
/// joined by one space, hyphen or apostrophe: "Jean-Paul", "D’Arc", "de la Fontaine".
fn well_formed(text: &str) -> bool {
    let is_separator = |c: char| matches!(c, ' ' | '-' | '\'' | '’');
    let is_combining = |c: char| ('\u{300}'..='\u{36f}').contains(&c);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let ok = if c.is_alphabetic() {
            true
        } else if is_combining(c) {
            previous.is_some_and(|p| p.is_alphabetic() || is_combining(p))
        } else if is_separator(c) {
            // Not first, and not right after another separator.
            previous.is_some_and(|p| !is_separator(p))
        } else {
            false
        };
        if !ok {
            return false;
        }
        previous = Some(c);
    }
    previous.is_some_and(|p| !is_separator(p))
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

/// Checks a "Confirmation …" field against its field, after the same reading of both (for
/// names, in upper case).
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
            "Jean-",
            "Jean--Paul",
            "D''Arc",
            "Jean'",
            "\u{301}Jean",
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
    fn accents_typed_as_combining_marks_are_letters() {
        // "Hélène" pasted in decomposed form (e + U+0301).
        assert!(PersonName::parse("He\u{301}le\u{300}ne").is_ok());
        assert!(PersonName::parse("Jean-Paul D’Arc").is_ok());
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
        assert_eq!(confirm(&a, &PersonName::parse(" Talu ").unwrap()), Ok(()));
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
