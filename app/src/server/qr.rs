//! QR codes as small SVGs (one path): a document's verification address, which the
//! template places with `image(bytes(..), format: "svg")`, and the otpauth address of a
//! staff member's second factor on the enrolment page.

use qrcode::{EcLevel, QrCode};
use std::fmt::Write;

/// The SVG of a QR code holding `text` (medium error correction, 4-module quiet zone).
pub fn svg(text: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| format!("QR code: {e}"))?;
    let width = code.width();
    let size = width + 8;
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            // A write to a String cannot fail.
            let _ = write!(path, "M{x} {y}h1v1h-1z");
        }
    }
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_verification_address_fits_in_a_small_code() {
        let svg =
            super::svg("https://cyclades.example.fr/verifier-un-document?code=0123456789ABCDEF")
                .expect("a QR code");
        assert!(svg.starts_with("<svg"));
        // Version 4 or 5 at level M: 33 to 37 modules, plus the quiet zone.
        let size: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .expect("a viewBox");
        assert!((29..=49).contains(&size), "{size}");
    }
}
