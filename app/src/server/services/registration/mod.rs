//! Registration (R1-R11): the offer and its tests, the reference data of the wizard,
//! drafts, saving (numbers, versions, the modification mail) and what a candidate sees of
//! their candidatures. A candidate reaches only their own (X3).

pub mod drafts;
pub mod listing;
pub mod offer;
pub mod references;
pub mod save;

use crate::model::RegistrationForm;

/// The largest form accepted as JSON (a real one is under 2 KB).
pub const FORM_MAX_BYTES: usize = 16 * 1024;

/// The form as stored (drafts, candidatures, versions).
pub fn to_json(form: &RegistrationForm) -> Result<String, crate::error::AppError> {
    let json = serde_json::to_string(form).map_err(|e| {
        tracing::error!(error = %e, "registration form not serialisable");
        crate::error::AppError::Internal
    })?;
    if json.len() > FORM_MAX_BYTES {
        return Err(crate::error::AppError::InvalidInput);
    }
    Ok(json)
}

/// A stored form (an unreadable one, which only a bug could write, reads as empty).
pub fn from_json(json: &str) -> RegistrationForm {
    serde_json::from_str(json).unwrap_or_else(|e| {
        tracing::error!(error = %e, "stored registration form unreadable");
        RegistrationForm::default()
    })
}
