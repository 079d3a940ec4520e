//! The rules of accounts that are configuration (`[accounts]` in `Leptos.toml`): password
//! policy, link lifetimes, lockout, throttling, session timeouts.

use crate::domain::PasswordPolicy;
use chrono::Duration;

/// Account and session settings, read once at start.
#[derive(Debug, Clone)]
pub struct AccountSettings {
    pub policy: PasswordPolicy,
    /// Activation link lifetime; unactivated accounts are deleted after it (48 h).
    pub activation_ttl: Duration,
    /// Password reset link lifetime (1 h).
    pub reset_ttl: Duration,
    /// New address confirmation link lifetime (48 h).
    pub email_change_ttl: Duration,
    /// Failed sign-ins for one login before it is locked (at most 10).
    pub lockout_threshold: u32,
    /// How long a locked login stays locked.
    pub lockout_duration: Duration,
    /// Requests per client address and per minute on sign-in, creation and reset.
    pub ip_limit_per_minute: u32,
    /// A session unused for this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub session_absolute: Duration,
    /// Cookies only over HTTPS, with the `__Host-` prefix.
    pub secure_cookies: bool,
    /// The portal's address as candidates reach it, for links in mails
    /// (`https://cyclades.example.fr`, no trailing slash).
    pub public_url: String,
    /// The reverse proxies in front of the portal: a request from one of them is counted
    /// under the address that the last trusted hop of `X-Forwarded-For` saw (empty: the
    /// socket's peer, the header is ignored).
    pub trusted_proxies: Vec<crate::server::request::IpNet>,
    /// Mails a recipient can be sent per hour on requests anyone can make (creation on its
    /// address, reset, new activation link); 0: no cap.
    pub mails_per_recipient_per_hour: u32,
    /// Registration saves ("Enregistrer") per candidature and per minute; 0: no limit.
    pub saves_per_candidature_per_minute: u32,
    /// Password checks and hashes waiting for a core, beyond which the answer is 503.
    pub password_queue: usize,
    /// A staff session unused for this long ends (shorter than a candidate's).
    pub staff_session_idle: Duration,
    /// A staff session ends this long after sign-in (a working day, 8 h at most).
    pub staff_session_absolute: Duration,
    /// A staff enrolment link's lifetime.
    pub staff_enrolment_ttl: Duration,
}

impl Default for AccountSettings {
    fn default() -> Self {
        Self {
            policy: PasswordPolicy::default(),
            activation_ttl: Duration::hours(48),
            reset_ttl: Duration::hours(1),
            email_change_ttl: Duration::hours(48),
            lockout_threshold: 10,
            lockout_duration: Duration::minutes(15),
            ip_limit_per_minute: 30,
            session_idle: Duration::minutes(30),
            session_absolute: Duration::hours(12),
            secure_cookies: false,
            public_url: "http://127.0.0.1:3000".into(),
            trusted_proxies: Vec::new(),
            mails_per_recipient_per_hour: 5,
            saves_per_candidature_per_minute: 10,
            password_queue: 64,
            staff_session_idle: Duration::minutes(20),
            staff_session_absolute: Duration::hours(8),
            staff_enrolment_ttl: Duration::hours(72),
        }
    }
}

impl AccountSettings {
    /// The session cookie's name: `__Host-` prefixed when secure (no Domain, Path=/).
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-cyclades"
        } else {
            "cyclades"
        }
    }

    /// The back-office's session cookie, never the candidates' (a session of one is no
    /// session of the other).
    pub fn staff_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-cyclades-gestion"
        } else {
            "cyclades-gestion"
        }
    }

    /// An absolute link to a page of the portal.
    pub fn link(&self, path_and_query: &str) -> String {
        format!(
            "{}{}",
            self.public_url.trim_end_matches('/'),
            path_and_query
        )
    }
}

/// Who publishes the portal and who hosts it (`[portal]` in `Leptos.toml`), for "Mentions
/// légales" (LCEN, article 6). Required in production; empty in a development run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegalNotice {
    /// The publisher: name, postal address and telephone ("Rectorat de l'académie de …").
    pub publisher: String,
    /// The director of publication, by name or function.
    pub director: String,
    /// The host: name, postal address and telephone.
    pub hosting: String,
}
