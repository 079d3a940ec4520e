//! Secrets of mailed links (checklist lines 8-9): 256 random bits shown once in the link,
//! only their SHA-256 stored, so a copy of the database opens no account.

use sha2::{Digest, Sha256};

/// A new secret for a link and the hash to store.
pub fn new_secret() -> (String, String) {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system's random source is available");
    let secret = hex(&bytes);
    let hash = hash(&secret);
    (secret, hash)
}

/// The stored form of a secret read from a link.
pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.trim().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_and_stored_hashed() {
        let (a, hash_a) = new_secret();
        let (b, _) = new_secret();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(a, hash_a);
        assert_eq!(hash(&a), hash_a);
    }
}
