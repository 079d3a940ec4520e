//! Staff of the service des examens (REQUIREMENTS S1): their role, the académies they work
//! on, and their password policy. "Administrateur" and "gestionnaire" keep the guide's words.

use crate::domain::account::Errors;
use crate::domain::{Password, PasswordPolicy};
use crate::model::FieldError;
use crate::model::staff::{EnrolmentForm, StaffSignInForm};
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

/// The names of the back-office's form fields (as the HTML controls name them).
pub mod field {
    pub const EMAIL: &str = "email";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRM: &str = "password_confirm";
    pub const CODE: &str = "code";
}

/// "Se connecter" to the Espace gestionnaire: the three fields typed (the browser and the
/// server check the same; whether they are right is the server's alone).
pub fn check_sign_in(form: &StaffSignInForm) -> Result<(), Vec<FieldError>> {
    let mut errors = Errors::default();
    if form.email.trim().is_empty() {
        errors.add(field::EMAIL, "Saisissez votre login (votre adresse mail).");
    }
    if form.password.is_empty() {
        errors.add(field::PASSWORD, "Saisissez votre mot de passe.");
    }
    if form.code.trim().is_empty() {
        errors.add(
            field::CODE,
            "Saisissez le code à 6 chiffres de votre application, ou un code de secours.",
        );
    }
    errors.result()
}

/// The enrolment form as far as it can be checked without the server: the password's
/// length, its confirmation, a code of six digits. (The common-password list and the code's
/// value are the server's.)
pub fn check_enrolment(form: &EnrolmentForm) -> Result<(), Vec<FieldError>> {
    let mut errors = Errors::default();
    errors.check(
        field::PASSWORD,
        Password::parse(&form.password, &PasswordPolicy::staff(), &[]),
    );
    if form.password_confirm.is_empty() {
        errors.add(field::PASSWORD_CONFIRM, "Confirmez votre mot de passe.");
    } else if form.password_confirm != form.password {
        errors.add(
            field::PASSWORD_CONFIRM,
            "La confirmation ne correspond pas au mot de passe saisi.",
        );
    }
    let digits: String = form.code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        errors.add(
            field::CODE,
            "Saisissez le code à 6 chiffres que votre application affiche.",
        );
    }
    errors.result()
}

#[cfg(test)]
mod tests {
    use super::*;

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

#[cfg(test)]
mod form_tests {
    use super::*;

    fn enrolment(password: &str, confirm: &str, code: &str) -> Vec<String> {
        let form = EnrolmentForm {
            password: password.into(),
            password_confirm: confirm.into(),
            code: code.into(),
        };
        check_enrolment(&form)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn enrolment_names_each_field_to_correct() {
        assert!(
            enrolment(
                "une phrase assez longue",
                "une phrase assez longue",
                "123 456"
            )
            .is_empty()
        );
        assert_eq!(enrolment("court", "court", "12345"), ["password", "code"]);
        assert_eq!(
            enrolment("une phrase assez longue", "une autre", "123456"),
            ["password_confirm"]
        );
        assert_eq!(
            enrolment("une phrase assez longue", "", "abcdef"),
            ["password_confirm", "code"]
        );
    }

    #[test]
    fn sign_in_needs_its_three_fields() {
        let empty = check_sign_in(&StaffSignInForm::default()).unwrap_err();
        let fields: Vec<&str> = empty.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, [field::EMAIL, field::PASSWORD, field::CODE]);
        let full = StaffSignInForm {
            email: "a@b.fr".into(),
            password: "x".into(),
            code: "123456".into(),
        };
        assert!(check_sign_in(&full).is_ok());
    }
}
