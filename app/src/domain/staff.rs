//! Staff of the service des examens (REQUIREMENTS S1): their role, the académies they work
//! on, and their password policy. "Administrateur" and "gestionnaire" keep the guide's words.

use crate::domain::PasswordPolicy;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffRole {
    /// Manages staff, home messages and the catalog, and works on candidatures.
    Administrateur,
    /// Works on the candidatures of their académies.
    Gestionnaire,
}

impl StaffRole {
    /// The role as stored and as typed on the command line.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "administrateur" => Some(Self::Administrateur),
            "gestionnaire" => Some(Self::Gestionnaire),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Administrateur => "administrateur",
            Self::Gestionnaire => "gestionnaire",
        }
    }

    /// As the pages print it.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Administrateur => "Administrateur",
            Self::Gestionnaire => "Gestionnaire",
        }
    }
}

/// The académies a staff member works on: all of them, or some (by code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    All,
    Academies(BTreeSet<String>),
}

impl Scope {
    /// Whether a candidature of the académie `code` is within the scope.
    pub fn covers(&self, code: &str) -> bool {
        match self {
            Self::All => true,
            Self::Academies(codes) => codes.contains(code),
        }
    }

    /// The scope of a list of codes typed (none: every académie), upper-cased, repeats merged.
    pub fn of_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Self {
        let codes: BTreeSet<String> = codes
            .into_iter()
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())
            .collect();
        if codes.is_empty() {
            Self::All
        } else {
            Self::Academies(codes)
        }
    }
}

impl PasswordPolicy {
    /// Staff passwords (issue 13, checklist line 12 beside the second factor): 12 to 128
    /// characters, no rule of character classes; common passwords are refused as for all.
    pub fn staff() -> Self {
        Self {
            min_len: 12,
            max_len: 128,
            require_lowercase: false,
            require_uppercase: false,
            require_digit: false,
            require_special: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Password;

    #[test]
    fn roles_read_back_as_stored() {
        for role in [StaffRole::Administrateur, StaffRole::Gestionnaire] {
            assert_eq!(StaffRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(
            StaffRole::parse(" Gestionnaire "),
            Some(StaffRole::Gestionnaire)
        );
        assert_eq!(StaffRole::parse("admin"), None);
    }

    #[test]
    fn no_code_is_every_academie_and_codes_are_exact() {
        assert_eq!(Scope::of_codes([]), Scope::All);
        let versailles = Scope::of_codes([" a25 ", "A25"]);
        assert!(versailles.covers("A25"));
        assert!(!versailles.covers("A01"));
        assert!(Scope::All.covers("A01"));
    }

    #[test]
    fn staff_passwords_are_long_without_class_rules() {
        let policy = PasswordPolicy::staff();
        // 11 characters refused, 12 accepted, with no digit, capital or symbol.
        assert!(Password::parse("onze lettre", &policy, &[]).is_err());
        assert!(Password::parse("douze lettre", &policy, &[]).is_ok());
        assert!(Password::parse(&"x".repeat(129), &policy, &[]).is_err());
        assert!(Password::parse(&"yz".repeat(64), &policy, &[]).is_ok());
    }
}
