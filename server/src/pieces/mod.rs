//! The routes of the pièces justificatives' files: the deposit (a multipart POST, streamed
//! to a temporary file) and the downloads, to the candidate and to staff.

pub mod download;
pub mod upload;

/// The deposit's address: `/mes-justificatifs/<candidature>/<piece>/depot`.
pub const UPLOAD_ROUTE: &str = "/mes-justificatifs/{candidature}/{piece}/depot";

/// Whether `path` is a deposit's address (its body limit is that of a file).
pub fn is_upload(path: &str) -> bool {
    path.starts_with("/mes-justificatifs/") && path.ends_with("/depot")
}
