//! The text of a PDF as a reader's tool extracts it (`pdftotext` from Debian's
//! poppler-utils, installed by `./cyclades setup`): the tests check with it what a
//! document says, as a person or a screen reader would get it.

use std::process::Command;

/// The text of `pdf`, in reading order with its layout, or why it could not be read.
pub fn pdf_text(pdf: &[u8]) -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("cyclades-pdf-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join("document.pdf");
    let result = std::fs::write(&file, pdf)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            Command::new("pdftotext")
                .args(["-layout", "-enc", "UTF-8"])
                .arg(&file)
                .arg("-")
                .output()
                .map_err(|e| format!("pdftotext (Debian package poppler-utils): {e}"))
        });
    let _ = std::fs::remove_dir_all(&dir);
    let out = result?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}
