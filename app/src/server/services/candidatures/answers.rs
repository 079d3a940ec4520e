//! What a candidature's version (and a draft) stores of the wizard's answers: a type of its
//! own, apart from the wire form, written with its format number. A stored row that no
//! longer reads is an error naming the candidature, never a silently empty form.

use crate::error::AppError;
use crate::model::RegistrationForm;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The largest form accepted as JSON (a real one is under 2 KB).
pub const FORM_MAX_BYTES: usize = 16 * 1024;

/// The format written today.
const FORMAT: u32 = 1;

/// The answers as stored: `{"format": 1, "form": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswers {
    format: u32,
    form: RegistrationForm,
}

impl StoredAnswers {
    pub fn new(form: RegistrationForm) -> Self {
        Self {
            format: FORMAT,
            form,
        }
    }

    pub fn into_form(self) -> RegistrationForm {
        self.form
    }

    /// The JSON stored (refused beyond [`FORM_MAX_BYTES`]).
    pub fn to_json(&self) -> Result<String, AppError> {
        let json = serde_json::to_string(self).map_err(|e| {
            tracing::error!(error = %e, "registration form not serialisable");
            AppError::Internal
        })?;
        if json.len() > FORM_MAX_BYTES {
            return Err(AppError::InvalidInput);
        }
        Ok(json)
    }

    /// Reads the answers stored for `owner` (a candidature, or a draft's account): an
    /// unreadable row, or one of a format this version does not know, is an error that
    /// names it.
    pub fn from_json(json: &str, owner: Uuid) -> Result<Self, AppError> {
        let read = serde_json::from_str::<serde_json::Value>(json).and_then(|value| {
            if value.get("format").is_some() {
                serde_json::from_value::<Self>(value)
            } else {
                // The bare form written before formats existed.
                serde_json::from_value::<RegistrationForm>(value).map(Self::new)
            }
        });
        match read {
            Ok(s) if s.format == FORMAT => Ok(s),
            Ok(s) => {
                tracing::error!(%owner, format = s.format, "stored answers of an unknown format");
                Err(AppError::Internal)
            }
            Err(e) => {
                tracing::error!(%owner, error = %e, "stored answers unreadable");
                Err(AppError::Internal)
            }
        }
    }
}

/// The form as stored.
pub fn to_json(form: &RegistrationForm) -> Result<String, AppError> {
    StoredAnswers::new(form.clone()).to_json()
}

/// The form stored for `owner`.
pub fn from_json(json: &str, owner: Uuid) -> Result<RegistrationForm, AppError> {
    StoredAnswers::from_json(json, owner).map(StoredAnswers::into_form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RegistrationForm {
        RegistrationForm {
            address_1: "12 rue des Lilas".into(),
            ..RegistrationForm::default()
        }
    }

    #[test]
    fn the_answers_read_back_as_they_were_stored() {
        let json = to_json(&form()).unwrap();
        assert!(json.starts_with("{\"format\":1,"), "{json}");
        assert_eq!(from_json(&json, Uuid::nil()).unwrap(), form());
    }

    #[test]
    fn rows_written_before_the_format_still_read() {
        let bare = serde_json::to_string(&form()).unwrap();
        assert_eq!(from_json(&bare, Uuid::nil()).unwrap(), form());
    }

    #[test]
    fn an_unreadable_row_is_an_error_not_an_empty_form() {
        for json in ["", "[1,2]", "{\"format\":2,\"form\":{}}", "{\"format\":1}"] {
            assert!(
                matches!(from_json(json, Uuid::nil()), Err(AppError::Internal)),
                "{json}"
            );
        }
    }

    #[test]
    fn a_form_beyond_the_limit_is_refused() {
        let big = RegistrationForm {
            address_1: "x".repeat(FORM_MAX_BYTES),
            ..RegistrationForm::default()
        };
        assert!(matches!(to_json(&big), Err(AppError::InvalidInput)));
    }
}
