//! The account forms as they cross the wire: raw text exactly as typed, so that a refusal
//! comes back to the same fields and nothing typed is lost. Parsing into domain types
//! happens in `domain::account`, in the browser and again on the server.

use serde::{Deserialize, Serialize};
use std::fmt;

/// "Créez votre compte" / "Modifier mes informations" (A1, A6), field by field.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountForm {
    pub civility: String,
    pub birth_name: String,
    pub birth_name_confirm: String,
    pub usage_name: String,
    pub first_names: String,
    pub birth_country: String,
    pub birth_date: String,
    pub birth_date_confirm: String,
    pub birth_departement: String,
    pub birth_commune: String,
    pub email: String,
    pub email_confirm: String,
    pub password: String,
    pub password_confirm: String,
}

impl fmt::Debug for AccountForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountForm")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// Sign-in, as typed.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
}

impl fmt::Debug for SignInForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInForm")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// The activation page: the password chosen when creating the account.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationForm {
    pub password: String,
}

impl fmt::Debug for ActivationForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ActivationForm")
    }
}

/// A new password with its confirmation (reset link, Modifier mon compte).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPasswordForm {
    /// Required in "Modifier mon compte", empty for a reset link.
    pub current_password: String,
    pub password: String,
    pub password_confirm: String,
}

impl fmt::Debug for NewPasswordForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPasswordForm")
    }
}

/// A new login address, its confirmation and the current password ("Modifier mon compte").
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChangeForm {
    pub email: String,
    pub email_confirm: String,
    pub email_current_password: String,
}

impl fmt::Debug for EmailChangeForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmailChangeForm")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// A field refused, by its form name, with the French sentence shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// One entry of a drop-down list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListOption {
    pub code: String,
    pub label: String,
}

/// What the account forms need from the server: the lists and the password rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFormLists {
    pub countries: Vec<ListOption>,
    /// "062 - PAS DE CALAIS" style labels.
    pub departements: Vec<ListOption>,
    pub policy: crate::domain::PasswordPolicy,
    /// Today in Paris, for birth dates ("in the past").
    pub today: Day,
}

/// A calendar day as plain numbers: chrono's date parser stays out of the browser bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// The same day as a chrono date (`1970-01-01` if the numbers are not a date).
    pub fn date(self) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month, self.day).unwrap_or_default()
    }
}

impl From<chrono::NaiveDate> for Day {
    fn from(date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        Self {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

/// What "Modifier mon compte" shows (A6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccount {
    /// The account's data in the creation form's layout (passwords empty).
    pub form: AccountForm,
    /// An address waiting for the confirmation of its mailed link.
    pub pending_email: Option<String>,
    /// Set once a candidature exists: only email and password may change then.
    pub frozen: Option<ServiceContact>,
}

/// The service gestionnaire of an académie: "Rectorat - 0442266803 - contact@…".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceContact {
    pub name: String,
    pub phone: String,
    pub email: String,
    /// The postal address, one line per line of the envelope (may be empty).
    pub address: String,
}

impl ServiceContact {
    /// The address on one line ("Rectorat, 3 boulevard…, 78017 VERSAILLES").
    pub fn address_line(&self) -> String {
        self.address
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Who is signed in, for the menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub first_names: String,
    pub last_name: String,
}
