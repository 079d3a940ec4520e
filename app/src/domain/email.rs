//! Email addresses: the login of a candidate account (A3).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A syntactically valid email address, trimmed and in lower case: two addresses that differ
/// only by case name the same account, so equality, hashing and storage all use this form.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Why a text is not an email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Saisissez votre adresse mail.")]
    Empty,
    #[error("L'adresse mail est trop longue (254 caractères au maximum).")]
    TooLong,
    #[error("Saisissez une adresse mail valide, par exemple prenom.nom@domaine.fr.")]
    Invalid,
}

impl Email {
    /// Longest address SMTP accepts.
    pub const MAX_LEN: usize = 254;

    /// Reads an address as typed in a form.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = text.rsplit_once('@').ok_or(EmailError::Invalid)?;
        if !valid_local(local) || !valid_domain(domain) {
            return Err(EmailError::Invalid);
        }
        Ok(Self(text.to_ascii_lowercase()))
    }

    /// The address as stored, shown, and looked up.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The part before `@`: 1 to 64 printable ASCII characters of the usual set, dots not at
/// either end nor doubled. Quoted local parts are refused (no real candidate uses them).
fn valid_local(local: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
    !local.is_empty()
        && local.len() <= 64
        && local.chars().all(allowed)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

/// The part after `@`: at least two labels of letters, digits and inner hyphens, the last
/// one of letters only (no bare IP address, no internationalised form).
fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_guide_example_in_lower_case() {
        let e = Email::parse(" jean_talu@AC-Rennes.FR ").unwrap();
        assert_eq!(e.as_str(), "jean_talu@ac-rennes.fr");
        assert_eq!(
            Email::parse("Jean.Talu@ac-rennes.fr"),
            Email::parse("jean.talu@AC-RENNES.fr")
        );
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
        for bad in [
            "jean",
            "jean@",
            "@ac-rennes.fr",
            "jean@ac-rennes",
            "jean@@ac-rennes.fr",
            "je an@ac-rennes.fr",
            ".jean@ac-rennes.fr",
            "jean..talu@ac-rennes.fr",
            "jean@-ac.fr",
            "jean@ac..fr",
            "jean@127.0.0.1",
            "jean@ac-rennes.fr\r\nBcc: x@y.fr",
            "jéan@ac-rennes.fr",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invalid), "{bad:?}");
        }
        let long = format!("{}@{}.fr", "a".repeat(64), "b".repeat(200));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn messages_are_french() {
        assert!(
            EmailError::Invalid
                .to_string()
                .contains("adresse mail valide")
        );
    }

    proptest! {
        #[test]
        fn ordinary_addresses_are_accepted_and_stable(
            local in "[a-zA-Z0-9][a-zA-Z0-9_%+-]{0,19}",
            domain in "[a-z0-9][a-z0-9-]{0,13}[a-z0-9]",
            tld in "[a-zA-Z]{2,6}",
        ) {
            let text = format!("{local}@{domain}.{tld}");
            let e = Email::parse(&text).unwrap();
            prop_assert_eq!(e.as_str(), text.to_ascii_lowercase());
            prop_assert_eq!(Email::parse(e.as_str()), Ok(e.clone()));
        }

        #[test]
        fn never_accepts_control_characters_or_spaces_inside(s in "[a-z]{1,5}[ \t\r\n\u{0}][a-z]{1,5}@ac-rennes\\.fr") {
            prop_assert!(Email::parse(&s).is_err());
        }

        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let _ = Email::parse(&s);
        }
    }
}
