//! Time-based one-time passwords (RFC 6238, the authenticator apps' "TOTP"): the second
//! factor of staff sign-in (checklist line 12). HMAC-SHA-1, 6 digits, 30-second steps, one
//! step of drift either way; a code is accepted once: the step it matched is kept and a
//! code of that step or an earlier one is refused afterwards. A leaf: the staff services
//! keep the secret and the last step used, and must record a step with a conditional update
//! (`… WHERE last_step IS NULL OR last_step < :step`, so two requests at once cannot both
//! take one code) and count failed codes in the lockout, which `accept` does not.

use crate::server::services::tokens::constant_time_eq;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::fmt;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Digits of a code.
pub const DIGITS: usize = 6;
/// Steps accepted before and after the current one (a clock a little off, a code typed as
/// it changes).
pub const DRIFT: i64 = 1;

/// A staff member's TOTP secret: 160 random bits (RFC 4226's recommended length). Never
/// printed: its `Debug` says nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

impl TotpSecret {
    /// A new secret from the system's random source.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes).expect("the system's random source is available");
        Self(bytes)
    }

    /// The secret as authenticator apps take it typed: base32 without padding (32
    /// letters and digits; a page shows it in groups of four).
    pub fn base32(&self) -> String {
        data_encoding::BASE32_NOPAD.encode(&self.0)
    }

    /// Reads a stored (or typed) base32 secret; spaces and case ignored.
    pub fn from_base32(text: &str) -> Option<Self> {
        let clean: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let bytes = data_encoding::BASE32_NOPAD.decode(clean.as_bytes()).ok()?;
        Some(Self(bytes.try_into().ok()?))
    }

    /// The `otpauth://` address a QR code carries for the apps (Key URI Format).
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let (issuer, account) = (
            crate::domain::text::percent_encode(issuer),
            crate::domain::text::percent_encode(account),
        );
        format!(
            "otpauth://totp/{issuer}:{account}?secret={}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            self.base32()
        )
    }

    /// The code of `step` (RFC 4226's dynamic truncation), as the six digits typed.
    pub fn code(&self, step: i64) -> String {
        let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC takes a key of any length");
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = usize::from(digest[digest.len() - 1] & 0x0f);
        let word = u32::from_be_bytes([
            digest[offset] & 0x7f,
            digest[offset + 1],
            digest[offset + 2],
            digest[offset + 3],
        ]);
        let modulus = 10u32.pow(DIGITS as u32);
        format!("{:0width$}", word % modulus, width = DIGITS)
    }

    /// The step `typed` is the code of, within the drift around `unix_seconds`, if it is
    /// later than `last_used` (the step of the code accepted before, never again). Every
    /// step of the window is computed and compared whatever the first result.
    pub fn accept(&self, typed: &str, unix_seconds: i64, last_used: Option<i64>) -> Option<i64> {
        let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if typed.len() != DIGITS || !typed.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let now = unix_seconds.div_euclid(STEP_SECONDS);
        let mut matched = None;
        for step in now - DRIFT..=now + DRIFT {
            let same = constant_time_eq(self.code(step).as_bytes(), typed.as_bytes());
            if same && last_used.is_none_or(|last| step > last) {
                matched = Some(step);
            }
        }
        matched
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 seed ("12345678901234567890").
    fn rfc_secret() -> TotpSecret {
        TotpSecret(*b"12345678901234567890")
    }

    #[test]
    fn codes_are_those_of_rfc_6238() {
        // Appendix B, SHA-1, the last six of its eight digits.
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(rfc_secret().code(time / STEP_SECONDS), code, "T = {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_off_but_not_two() {
        let s = rfc_secret();
        let now = 1_234_567_890;
        let step = now / STEP_SECONDS;
        assert_eq!(s.accept(&s.code(step), now, None), Some(step));
        assert_eq!(s.accept(&s.code(step - 1), now, None), Some(step - 1));
        assert_eq!(s.accept(&s.code(step + 1), now, None), Some(step + 1));
        assert_eq!(s.accept(&s.code(step - 2), now, None), None);
        assert_eq!(s.accept(&s.code(step + 2), now, None), None);
        assert_eq!(
            s.accept(" 005 924 ", now, None),
            Some(step),
            "spaces typed are ignored"
        );
        for bad in ["", "00592", "0059240", "00592a"] {
            assert_eq!(s.accept(bad, now, None), None, "{bad:?}");
        }
    }

    #[test]
    fn a_code_used_once_is_refused_again_and_so_are_older_ones() {
        let s = rfc_secret();
        let now = 1_234_567_890;
        let step = now / STEP_SECONDS;
        let used = s.accept(&s.code(step), now, None).unwrap();
        assert_eq!(s.accept(&s.code(step), now, Some(used)), None);
        assert_eq!(s.accept(&s.code(step - 1), now, Some(used)), None);
        assert_eq!(
            s.accept(&s.code(step + 1), now + 30, Some(used)),
            Some(step + 1)
        );
    }

    #[test]
    fn the_secret_reads_back_from_base32_and_never_prints() {
        let s = TotpSecret::generate();
        assert_ne!(s, TotpSecret::generate());
        let text = s.base32();
        assert_eq!(text.len(), 32);
        assert_eq!(
            TotpSecret::from_base32(&text.to_lowercase()),
            Some(s.clone())
        );
        assert_eq!(TotpSecret::from_base32("NOT BASE32!"), None);
        assert_eq!(
            TotpSecret::from_base32("MFRGG"),
            None,
            "too short for 160 bits"
        );
        assert!(!format!("{s:?}").contains(&text));
        assert_eq!(rfc_secret().base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn the_otpauth_address_names_the_portal_and_the_login() {
        let uri = rfc_secret().otpauth_uri("Cyclades", "marie.durand@ac-versailles.fr");
        assert_eq!(
            uri,
            "otpauth://totp/Cyclades:marie.durand%40ac-versailles.fr?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Cyclades&algorithm=SHA1&digits=6&period=30"
        );
    }
}
