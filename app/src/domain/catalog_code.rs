//! Codes that name catalog entries in URLs (domain "G02", exam, speciality, académie).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A catalog code: 1 to 32 characters among upper-case ASCII letters, digits, `-` and `_`.
/// Anything else read from a URL is refused before it reaches a query.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CatalogCode(String);

/// Why a text is not a catalog code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogCodeError {
    #[error("le code est vide")]
    Empty,
    #[error("le code dépasse 32 caractères")]
    TooLong,
    #[error("le code contient un caractère non autorisé")]
    InvalidCharacter,
}

impl CatalogCode {
    /// Maximum length of a code.
    pub const MAX_LEN: usize = 32;

    /// Reads a code; surrounding spaces are ignored, letters are compared in upper case.
    pub fn parse(input: &str) -> Result<Self, CatalogCodeError> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(CatalogCodeError::Empty);
        }
        if code.len() > Self::MAX_LEN {
            return Err(CatalogCodeError::TooLong);
        }
        if !code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(CatalogCodeError::InvalidCharacter);
        }
        Ok(Self(code))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CatalogCode {
    type Error = CatalogCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CatalogCode> for String {
    fn from(code: CatalogCode) -> Self {
        code.0
    }
}

impl fmt::Display for CatalogCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_catalog_codes_in_any_case() {
        assert_eq!(CatalogCode::parse("G02").unwrap().as_str(), "G02");
        assert_eq!(CatalogCode::parse(" ccpe1d ").unwrap().as_str(), "CCPE1D");
        assert_eq!(
            CatalogCode::parse("ARTS_CINE-1").unwrap().as_str(),
            "ARTS_CINE-1"
        );
    }

    #[test]
    fn refuses_empty_long_and_strange_codes() {
        assert_eq!(CatalogCode::parse("  "), Err(CatalogCodeError::Empty));
        assert_eq!(
            CatalogCode::parse(&"A".repeat(33)),
            Err(CatalogCodeError::TooLong)
        );
        for bad in ["G0 2", "G02'--", "é", "a/b", "%00"] {
            assert_eq!(
                CatalogCode::parse(bad),
                Err(CatalogCodeError::InvalidCharacter),
                "{bad}"
            );
        }
    }

    #[test]
    fn deserialising_checks_the_code() {
        let ok: Result<CatalogCode, _> = serde_json::from_str("\"g01\"");
        assert_eq!(ok.unwrap().as_str(), "G01");
        let bad: Result<CatalogCode, _> = serde_json::from_str("\"G01;DROP\"");
        assert!(bad.is_err());
    }
}
