//! Recovery codes of a staff member's second factor (issue 13, checklist line 12): ten
//! single-use codes shown once, when the factor is enrolled or reset, for a lost phone. Each
//! is 80 random bits in the format of the documents' verification codes
//! ("7K3M-Q9XD-2HF4-WP8N", read back forgivingly by the same parser); only its SHA-256 is
//! kept, like the mailed links' secrets: 80 bits are beyond guessing, so a fast hash does.
//! A leaf: the staff services store the hashes and mark the one used.

use crate::domain::VerificationCode;
use crate::server::services::tokens::{self, constant_time_eq};

/// Codes given at a time.
pub const COUNT: usize = 10;

/// A new set: the codes to show once, and the hashes to store, in the same order.
pub fn generate() -> (Vec<String>, Vec<String>) {
    (0..COUNT)
        .map(|_| {
            let code = VerificationCode::random();
            (code.to_string(), hash(&code))
        })
        .unzip()
}

/// Which of the `unused` stored hashes the typed code is, if any. Every hash is compared,
/// in constant time, whatever the first result.
pub fn find(typed: &str, unused: &[&str]) -> Option<usize> {
    let code = VerificationCode::parse(typed).ok()?;
    let wanted = hash(&code);
    let mut found = None;
    for (i, stored) in unused.iter().enumerate() {
        if constant_time_eq(stored.as_bytes(), wanted.as_bytes()) && found.is_none() {
            found = Some(i);
        }
    }
    found
}

/// The stored form: the links' secrets' hash, of the code's canonical 16 characters.
fn hash(code: &VerificationCode) -> String {
    tokens::hash(code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_codes_shown_once_only_their_hashes_kept() {
        let (codes, hashes) = generate();
        assert_eq!((codes.len(), hashes.len()), (COUNT, COUNT));
        let distinct: std::collections::HashSet<&String> = codes.iter().collect();
        assert_eq!(distinct.len(), COUNT);
        for (i, (code, hash)) in codes.iter().zip(&hashes).enumerate() {
            assert_eq!(code.len(), 19, "{code}");
            assert_eq!(hash.len(), 64);
            assert_eq!(
                find(code, &[hash.as_str()]),
                Some(0),
                "the hash kept is the code's"
            );
            assert_eq!(find(code, &[hashes[(i + 1) % COUNT].as_str()]), None);
        }
    }

    #[test]
    fn a_code_is_found_as_a_person_types_it_and_nothing_else_is() {
        let (codes, hashes) = generate();
        let unused: Vec<&str> = hashes.iter().map(String::as_str).collect();
        assert_eq!(find(&codes[3], &unused), Some(3));
        let sloppy = codes[7].to_lowercase().replace('-', " ");
        assert_eq!(find(&sloppy, &unused), Some(7));
        // Once used (its hash no longer among the unused), it opens nothing.
        let rest: Vec<&str> = unused.iter().copied().filter(|h| *h != unused[3]).collect();
        assert_eq!(find(&codes[3], &rest), None);
        assert_eq!(find("", &unused), None);
        assert_eq!(find("7K3M-Q9XD-2HF4-WP8N", &unused), None);
    }
}
