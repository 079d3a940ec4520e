//! `[accounts]`: the public address, the password rule, the lockout, the limits and the
//! sessions.

use super::source::{ConfigError, Key, Origin, Source};
use app::server::settings::AccountSettings;
use std::net::SocketAddr;

const PUBLIC_URL: Key = Key::new("accounts", "public-url", "CYCLADES_PUBLIC_URL");
const PASSWORD_MIN_LENGTH: Key = Key::new(
    "accounts",
    "password-min-length",
    "CYCLADES_PASSWORD_MIN_LENGTH",
);
const PASSWORD_MAX_LENGTH: Key = Key::new(
    "accounts",
    "password-max-length",
    "CYCLADES_PASSWORD_MAX_LENGTH",
);
const PASSWORD_REQUIRE_LOWERCASE: Key = Key::new(
    "accounts",
    "password-require-lowercase",
    "CYCLADES_PASSWORD_REQUIRE_LOWERCASE",
);
const PASSWORD_REQUIRE_UPPERCASE: Key = Key::new(
    "accounts",
    "password-require-uppercase",
    "CYCLADES_PASSWORD_REQUIRE_UPPERCASE",
);
const PASSWORD_REQUIRE_DIGIT: Key = Key::new(
    "accounts",
    "password-require-digit",
    "CYCLADES_PASSWORD_REQUIRE_DIGIT",
);
const PASSWORD_REQUIRE_SPECIAL: Key = Key::new(
    "accounts",
    "password-require-special",
    "CYCLADES_PASSWORD_REQUIRE_SPECIAL",
);
const LOCKOUT_THRESHOLD: Key = Key::new(
    "accounts",
    "lockout-threshold",
    "CYCLADES_LOCKOUT_THRESHOLD",
);
const LOCKOUT_MINUTES: Key = Key::new("accounts", "lockout-minutes", "CYCLADES_LOCKOUT_MINUTES");
const IP_LIMIT_PER_MINUTE: Key = Key::new(
    "accounts",
    "ip-limit-per-minute",
    "CYCLADES_IP_LIMIT_PER_MINUTE",
);
const SESSION_IDLE_MINUTES: Key = Key::new(
    "accounts",
    "session-idle-minutes",
    "CYCLADES_SESSION_IDLE_MINUTES",
);
const SESSION_ABSOLUTE_HOURS: Key = Key::new(
    "accounts",
    "session-absolute-hours",
    "CYCLADES_SESSION_ABSOLUTE_HOURS",
);
const TRUSTED_PROXIES: Key = Key::new("accounts", "trusted-proxies", "CYCLADES_TRUSTED_PROXIES");
const MAILS_PER_RECIPIENT_PER_HOUR: Key = Key::new(
    "accounts",
    "mails-per-recipient-per-hour",
    "CYCLADES_MAILS_PER_RECIPIENT_PER_HOUR",
);
const SAVES_PER_CANDIDATURE_PER_MINUTE: Key = Key::new(
    "accounts",
    "saves-per-candidature-per-minute",
    "CYCLADES_SAVES_PER_CANDIDATURE_PER_MINUTE",
);
const PASSWORD_QUEUE: Key = Key::new("accounts", "password-queue", "CYCLADES_PASSWORD_QUEUE");

/// The key a production start requires as `https://`.
pub const REQUIRED_IN_PRODUCTION: Key = PUBLIC_URL;

/// A positive number of minutes (`per` minutes a unit: 60 for hours).
fn minutes(
    source: &Source<'_>,
    key: Key,
    default: chrono::Duration,
    per: i64,
) -> Result<chrono::Duration, ConfigError> {
    let n: i64 = source.get_or(key, default.num_minutes() / per)?;
    if n <= 0 {
        return Err(ConfigError::invalid(key, n, "expected a positive number"));
    }
    Ok(chrono::Duration::minutes(n * per))
}

pub fn read(source: &Source<'_>, site_addr: SocketAddr) -> Result<AccountSettings, ConfigError> {
    let d = AccountSettings::default();
    let public_url = source
        .get::<String>(PUBLIC_URL)?
        .unwrap_or_else(|| format!("http://{site_addr}"));
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(ConfigError::invalid(
            PUBLIC_URL,
            public_url,
            "expected http://… or https://…",
        ));
    }
    let policy = app::domain::PasswordPolicy {
        min_len: source.get_or(PASSWORD_MIN_LENGTH, d.policy.min_len)?,
        max_len: source.get_or(PASSWORD_MAX_LENGTH, d.policy.max_len)?,
        require_lowercase: source.get_or(PASSWORD_REQUIRE_LOWERCASE, d.policy.require_lowercase)?,
        require_uppercase: source.get_or(PASSWORD_REQUIRE_UPPERCASE, d.policy.require_uppercase)?,
        require_digit: source.get_or(PASSWORD_REQUIRE_DIGIT, d.policy.require_digit)?,
        require_special: source.get_or(PASSWORD_REQUIRE_SPECIAL, d.policy.require_special)?,
    };
    if policy.min_len < 8 || policy.max_len < policy.min_len || policy.max_len > 128 {
        return Err(ConfigError::invalid(
            PASSWORD_MIN_LENGTH,
            format!("{}..{}", policy.min_len, policy.max_len),
            "expected 8 <= min <= max <= 128",
        ));
    }
    let lockout_threshold = source.get_or(LOCKOUT_THRESHOLD, d.lockout_threshold)?;
    if !(1..=10).contains(&lockout_threshold) {
        return Err(ConfigError::invalid(
            LOCKOUT_THRESHOLD,
            lockout_threshold,
            "expected 1 to 10 failures",
        ));
    }
    Ok(AccountSettings {
        policy,
        lockout_threshold,
        lockout_duration: minutes(source, LOCKOUT_MINUTES, d.lockout_duration, 1)?,
        ip_limit_per_minute: source.get_or(IP_LIMIT_PER_MINUTE, d.ip_limit_per_minute)?,
        session_idle: minutes(source, SESSION_IDLE_MINUTES, d.session_idle, 1)?,
        session_absolute: minutes(source, SESSION_ABSOLUTE_HOURS, d.session_absolute, 60)?,
        secure_cookies: public_url.starts_with("https://"),
        trusted_proxies: trusted_proxies(source)?,
        mails_per_recipient_per_hour: source
            .get_or(MAILS_PER_RECIPIENT_PER_HOUR, d.mails_per_recipient_per_hour)?,
        saves_per_candidature_per_minute: source.get_or(
            SAVES_PER_CANDIDATURE_PER_MINUTE,
            d.saves_per_candidature_per_minute,
        )?,
        password_queue: source.get_or(PASSWORD_QUEUE, d.password_queue)?,
        public_url: public_url.trim_end_matches('/').to_owned(),
        ..d
    })
}

/// Addresses or networks (`10.0.0.0/8`, `::1`) of the reverse proxies in front of the
/// portal: a list in the file, comma-separated in the variable.
fn trusted_proxies(source: &Source<'_>) -> Result<Vec<app::server::request::IpNet>, ConfigError> {
    let Some((items, origin)) = source.get_from::<Vec<String>>(TRUSTED_PROXIES)? else {
        return Ok(Vec::new());
    };
    items
        .into_iter()
        .map(|item| {
            item.parse().map_err(|()| {
                ConfigError::invalid(
                    TRUSTED_PROXIES,
                    &item,
                    match origin {
                        Origin::Env => "expected addresses or networks such as 10.0.0.1, 10.0.0.0/8, ::1, separated by commas",
                        Origin::File => "expected a list of addresses or networks such as [\"10.0.0.1\", \"10.0.0.0/8\"]",
                    },
                )
            })
        })
        .collect()
}
