//! Per client address limits on sign-in, account creation, reset, the public document
//! check and the look-ups anyone can make (checklist line 6): a fixed one-minute window per
//! (action, address), kept in memory. An IPv6 client is counted by its /64 (one customer's
//! network: it holds countless addresses), and the table of counters is bounded.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The actions that are limited, each with its own counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    SignIn,
    /// The password typed on the activation page.
    Activation,
    CreateAccount,
    PasswordReset,
    /// Password and address changes of a signed-in account (current password guesses).
    AccountChange,
    /// "Vérifier un document" (public): codes cannot be guessed, but not at any rate.
    VerifyDocument,
    /// Public look-ups of reference lists (communes of a département).
    Lookup,
    /// Whether a new password being typed is on the server's list of common passwords.
    PasswordCheck,
}

/// Counters kept at most; beyond, the oldest windows are forgotten first.
const MAX_COUNTERS: usize = 100_000;

/// The address an IP is counted under: an IPv6 address by its /64, IPv4 as is.
pub fn bucket(ip: IpAddr) -> IpAddr {
    match crate::server::request::canonical(ip) {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & (u128::MAX << 64)).into()),
        v4 => v4,
    }
}

/// Counts requests per (action, address) over one-minute windows.
#[derive(Debug)]
pub struct Throttle {
    limit: u32,
    window: Duration,
    max: usize,
    counters: Mutex<HashMap<(Action, IpAddr), (Instant, u32)>>,
}

impl Throttle {
    /// `limit` requests per minute for each action and address (0: no limit).
    pub fn per_minute(limit: u32) -> Self {
        Self {
            limit,
            window: Duration::from_secs(60),
            max: MAX_COUNTERS,
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
        // Forget finished windows now and then, so the map stays small under a storm; when
        // it is still full, the older half of the windows goes.
        if counters.len() >= self.max {
            let window = self.window;
            counters.retain(|_, (start, _)| now.duration_since(*start) < window);
            if counters.len() >= self.max {
                let mut starts: Vec<Instant> = counters.values().map(|(s, _)| *s).collect();
                let middle = starts.len() / 2;
                let (_, cut, _) = starts.select_nth_unstable(middle);
                let cut = *cut;
                counters.retain(|_, (start, _)| *start > cut);
            }
        }
        let entry = counters.entry((action, bucket(ip))).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        // A look-up follows the keys typed: ten times the others' allowance.
        let limit = match action {
            Action::Lookup | Action::PasswordCheck => self.limit.saturating_mul(10),
            _ => self.limit,
        };
        if entry.1 >= limit {
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
    fn an_ipv6_client_is_counted_by_its_64_and_mapped_ipv4_as_ipv4() {
        let t = Throttle::per_minute(2);
        let start = Instant::now();
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(t.hit_at(Action::SignIn, a, start).is_ok());
        assert!(t.hit_at(Action::SignIn, b, start).is_ok());
        assert!(t.hit_at(Action::SignIn, a, start).is_err(), "same /64");
        assert!(t.hit_at(Action::SignIn, other, start).is_ok());
        let v4: IpAddr = [192, 0, 2, 1].into();
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert!(t.hit_at(Action::CreateAccount, v4, start).is_ok());
        assert!(t.hit_at(Action::CreateAccount, mapped, start).is_ok());
        assert!(
            t.hit_at(Action::CreateAccount, v4, start).is_err(),
            "same address"
        );
    }

    #[test]
    fn the_table_of_counters_stays_bounded() {
        let mut t = Throttle::per_minute(5);
        t.max = 1000;
        let start = Instant::now();
        for i in 0..10_000u32 {
            let ip = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            let at = start + Duration::from_millis(u64::from(i));
            assert!(t.hit_at(Action::SignIn, ip, at).is_ok());
            assert!(t.counters.lock().unwrap().len() <= 1000);
        }
        // The newest counters are kept: a client just seen is still counted.
        let last = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + 9_999));
        let at = start + Duration::from_millis(10_000);
        for _ in 0..4 {
            assert!(t.hit_at(Action::SignIn, last, at).is_ok());
        }
        assert!(t.hit_at(Action::SignIn, last, at).is_err());
    }

    #[test]
    fn zero_means_no_limit() {
        let t = Throttle::per_minute(0);
        for _ in 0..100 {
            assert!(t.hit(Action::SignIn, [127, 0, 0, 1].into()).is_ok());
        }
    }
}
