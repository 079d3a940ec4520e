//! Per client address limits on sign-in, account creation, reset and the public document
//! check (checklist line 6):
//! a fixed one-minute window per (action, address), kept in memory.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The actions that are limited, each with its own counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    SignIn,
    CreateAccount,
    PasswordReset,
    /// Password and address changes of a signed-in account (current password guesses).
    AccountChange,
    /// "Vérifier un document" (public): codes cannot be guessed, but not at any rate.
    VerifyDocument,
}

/// Counts requests per (action, address) over one-minute windows.
#[derive(Debug)]
pub struct Throttle {
    limit: u32,
    window: Duration,
    counters: Mutex<HashMap<(Action, IpAddr), (Instant, u32)>>,
}

impl Throttle {
    /// `limit` requests per minute for each action and address (0: no limit).
    pub fn per_minute(limit: u32) -> Self {
        Self {
            limit,
            window: Duration::from_secs(60),
            counters: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request; over the limit, the seconds until the window ends.
    pub fn hit(&self, action: Action, ip: IpAddr) -> Result<(), u64> {
        self.hit_at(action, ip, Instant::now())
    }

    fn hit_at(&self, action: Action, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.limit == 0 {
            return Ok(());
        }
        let mut counters = self
            .counters
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Forget finished windows now and then, so the map stays small under a storm.
        if counters.len() > 10_000 {
            let window = self.window;
            counters.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = counters.entry((action, ip)).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            let left = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(left.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_applies_per_action_and_address_and_resets_after_the_window() {
        let t = Throttle::per_minute(2);
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let start = Instant::now();
        assert!(t.hit_at(Action::SignIn, a, start).is_ok());
        assert!(t.hit_at(Action::SignIn, a, start).is_ok());
        let wait = t.hit_at(Action::SignIn, a, start + Duration::from_secs(20));
        assert_eq!(wait, Err(40));
        assert!(t.hit_at(Action::SignIn, b, start).is_ok());
        assert!(t.hit_at(Action::CreateAccount, a, start).is_ok());
        assert!(
            t.hit_at(Action::SignIn, a, start + Duration::from_secs(61))
                .is_ok()
        );
    }

    #[test]
    fn zero_means_no_limit() {
        let t = Throttle::per_minute(0);
        for _ in 0..100 {
            assert!(t.hit(Action::SignIn, [127, 0, 0, 1].into()).is_ok());
        }
    }
}
