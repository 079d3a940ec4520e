//! Password hashing (checklist lines 2-4, 7): argon2id with the OWASP parameters, run on
//! the blocking pool behind a semaphore so a storm of sign-ins cannot starve the server,
//! and a dummy hash that unknown addresses are checked against. The queue in front of the
//! semaphore is bounded: when it is full the answer is at once `Busy` (503, Retry-After),
//! never a request that waits for minutes.

use crate::domain::{Password, text::upper_unaccented};
use crate::error::AppError;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

/// Hashes and verifies, at most `permits` at a time.
#[derive(Debug, Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Checks running or waiting now, at most `capacity`.
    queued: Arc<AtomicUsize>,
    capacity: usize,
    /// Checked when the address is unknown, so the answer takes as long as a real check.
    dummy: Arc<str>,
}

/// m = 19456 KiB, t = 2, p = 1.
fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// A fresh PHC string for `password` (blocking: call from the pool).
fn hash_now(password: &str) -> String {
    // A fresh random salt each time (the system's random source).
    argon2()
        .hash_password(password.as_bytes())
        .expect("argon2 accepts any password with the default parameters")
        .to_string()
}

impl Hasher {
    /// A hasher running at most `permits` hashes at once (the number of cores is right),
    /// with at most `queue` more waiting.
    pub fn new(permits: usize, queue: usize) -> Self {
        let permits = permits.max(1);
        Self {
            permits: Arc::new(Semaphore::new(permits)),
            queued: Arc::default(),
            capacity: permits + queue,
            dummy: hash_now("cyclades-dummy-password").into(),
        }
    }

    /// The PHC string of a new password.
    pub async fn hash(&self, password: &Password) -> Result<String, AppError> {
        let text = password.expose().to_owned();
        self.run(move || hash_now(&text)).await
    }

    /// Whether `password` matches `stored`; with `None` (unknown address) the dummy hash is
    /// checked and the answer is always no.
    pub async fn verify(&self, stored: Option<&str>, password: &str) -> Result<bool, AppError> {
        let known = stored.is_some();
        let phc = stored.map_or_else(|| self.dummy.to_string(), str::to_owned);
        let text = password.to_owned();
        let matches = self
            .run(move || {
                PasswordHash::new(&phc)
                    .map(|h| argon2().verify_password(text.as_bytes(), &h).is_ok())
                    .unwrap_or(false)
            })
            .await?;
        Ok(known && matches)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let _place = Place::take(&self.queued, self.capacity).ok_or_else(|| {
            tracing::warn!("password queue full: answered 503");
            AppError::Busy {
                retry_after_secs: 5,
            }
        })?;
        let _permit = self
            .permits
            .acquire()
            .await
            .expect("the semaphore is never closed");
        Ok(tokio::task::spawn_blocking(work)
            .await
            .expect("password hashing does not panic"))
    }
}

/// A place in the hasher's queue, given back when dropped (also when the request is
/// cancelled while waiting).
struct Place(Arc<AtomicUsize>);

impl Place {
    fn take(queued: &Arc<AtomicUsize>, capacity: usize) -> Option<Self> {
        queued
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < capacity).then_some(n + 1)
            })
            .ok()
            .map(|_| Self(Arc::clone(queued)))
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Reads the list of common passwords (one per line, lower case).
pub fn common_passwords(list: &str) -> HashSet<String> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `password` is in `list`, as typed (lower case), without its accents, or once
/// stripped of the digits and symbols around it ("Soleil2024!" is "soleil").
pub fn is_common(list: &HashSet<String>, password: &str) -> bool {
    let lower = password.to_lowercase();
    let unaccented = upper_unaccented(password).to_lowercase();
    let core = unaccented.trim_matches(|c: char| !c.is_alphabetic());
    [lower.as_str(), unaccented.as_str(), core]
        .iter()
        .any(|candidate| list.contains(*candidate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PasswordPolicy;

    #[test]
    fn hashes_are_argon2id_with_the_owasp_parameters_and_verify() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let hasher = Hasher::new(1, 4);
            let password =
                Password::parse("Rivière.Bleue7", &PasswordPolicy::default(), &[]).unwrap();
            let phc = hasher.hash(&password).await.unwrap();
            assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
            assert!(hasher.verify(Some(&phc), "Rivière.Bleue7").await.unwrap());
            // Compared exactly: no case folding, no truncation.
            assert!(!hasher.verify(Some(&phc), "rivière.Bleue7").await.unwrap());
            assert!(!hasher.verify(Some(&phc), "Rivière.Bleue7 ").await.unwrap());
            // Unknown address: never a match, even with the dummy's own password.
            assert!(
                !hasher
                    .verify(None, "cyclades-dummy-password")
                    .await
                    .unwrap()
            );
        });
    }

    #[test]
    fn a_full_queue_answers_busy_at_once_and_frees_its_places() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        rt.block_on(async {
            // One running, one waiting: the third is refused without waiting.
            let hasher = Hasher::new(1, 1);
            let checks: Vec<_> = (0..3)
                .map(|_| {
                    let h = hasher.clone();
                    tokio::spawn(async move { h.verify(None, "x").await })
                })
                .collect();
            let mut busy = 0;
            for c in checks {
                if let Err(AppError::Busy { retry_after_secs }) = c.await.unwrap() {
                    assert!(retry_after_secs > 0);
                    busy += 1;
                }
            }
            assert!(busy >= 1, "a third check must be refused");
            // Every place is given back: the queue takes checks again.
            assert!(hasher.verify(None, "x").await.is_ok());
            assert_eq!(hasher.queued.load(Ordering::SeqCst), 0);
        });
    }

    #[test]
    fn common_passwords_are_found_under_their_decoration() {
        let list = common_passwords("soleil\nmotdepasse\nazerty123\n");
        assert!(is_common(&list, "Soleil2024!"));
        assert!(is_common(&list, "MotDePasse!!"));
        assert!(is_common(&list, "AZERTY123"));
        assert!(!is_common(&list, "Rivière.Bleue7"));
    }
}
