//! Runtime configuration: `Leptos.toml`, then environment variables over it. A bad value
//! stops the start with a message naming the key and the variable that can set it.

use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The checked configuration the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the server listens (`[site] addr`, `LEPTOS_SITE_ADDR`).
    pub site_addr: SocketAddr,
    /// The folder with the public files and the browser bundle (`[site] root`).
    pub site_root: PathBuf,
    /// A client must send a request's headers within this (`[site]
    /// header-read-timeout-seconds`): a connection that trickles them is closed.
    pub header_read_timeout: std::time::Duration,
    /// A request is answered within this, or with a 503 (`[site] request-timeout-seconds`).
    pub request_timeout: std::time::Duration,
    /// `sqlite://…` or `postgres://…` (`[database] url`, `DATABASE_URL`); by default the
    /// SQLite file `cyclades.db` in the data folder.
    pub database_url: String,
    /// Pool size (`[database] max-connections`).
    pub database_max_connections: u32,
    /// The zone every date is shown in (`[portal] time-zone`).
    pub time_zone: chrono_tz::Tz,
    /// Where the portal keeps its files (`[portal] data-dir`).
    pub data_dir: PathBuf,
    /// Load the demo catalog into an empty database (`[portal] demo-catalog`).
    pub demo_catalog: bool,
    /// Production (the default: fails closed) or development (`[portal] mode`).
    pub mode: Mode,
    /// Accounts, sessions, throttling (`[accounts]`).
    pub accounts: app::server::settings::AccountSettings,
    /// How mail leaves the outbox (`[mail]`).
    pub mail: MailConfig,
}

/// How the portal runs (`[portal] mode`, `CYCLADES_MODE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuses to start without an `https://` public address and an SMTP server.
    Production,
    /// `./cyclades run`: mail may go to files, activation links are printed in the log.
    Development,
}

/// How mails are delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `Name <address>` the mails come from (`[mail] from`).
    pub from: String,
    pub transport: MailTransport,
}

/// SMTP, or (no SMTP host configured) `.eml` files in the data folder.
#[derive(Clone, PartialEq, Eq)]
pub enum MailTransport {
    Smtp {
        host: String,
        port: u16,
        tls: SmtpTls,
        credentials: Option<(String, String)>,
    },
    Files(PathBuf),
}

/// Without the SMTP password.
impl fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Smtp {
                host,
                port,
                tls,
                credentials,
            } => f
                .debug_struct("Smtp")
                .field("host", host)
                .field("port", port)
                .field("tls", tls)
                .field("user", &credentials.as_ref().map(|(u, _)| u))
                .finish_non_exhaustive(),
            Self::Files(dir) => f.debug_tuple("Files").field(dir).finish(),
        }
    }
}

/// `[mail] smtp-tls`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a relay on the same host or network only).
    None,
    /// STARTTLS, required (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// Why the configuration cannot be used.
#[derive(Debug)]
pub enum ConfigError {
    /// The file exists but cannot be read, or is not valid TOML for this schema.
    File { path: PathBuf, reason: String },
    /// One key has a value the portal cannot use.
    Invalid {
        key: &'static str,
        env: &'static str,
        value: String,
        reason: &'static str,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { path, reason } => {
                write!(f, "configuration error in {}: {reason}", path.display())
            }
            Self::Invalid {
                key,
                env,
                value,
                reason,
            } => write!(
                f,
                "configuration error: {key} = {value:?} ({reason}); fix it in Leptos.toml or set {env}"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    site: SiteSection,
    #[serde(default)]
    database: DatabaseSection,
    #[serde(default)]
    portal: PortalSection,
    #[serde(default)]
    accounts: AccountsSection,
    #[serde(default)]
    mail: MailSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AccountsSection {
    public_url: Option<String>,
    password_min_length: Option<usize>,
    password_max_length: Option<usize>,
    password_require_lowercase: Option<bool>,
    password_require_uppercase: Option<bool>,
    password_require_digit: Option<bool>,
    password_require_special: Option<bool>,
    lockout_threshold: Option<u32>,
    lockout_minutes: Option<i64>,
    ip_limit_per_minute: Option<u32>,
    session_idle_minutes: Option<i64>,
    session_absolute_hours: Option<i64>,
    trusted_proxies: Option<Vec<String>>,
    mails_per_recipient_per_hour: Option<u32>,
    saves_per_candidature_per_minute: Option<u32>,
    password_queue: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MailSection {
    from: Option<String>,
    smtp_host: Option<String>,
    smtp_port: Option<u16>,
    smtp_tls: Option<String>,
    smtp_user: Option<String>,
    smtp_password: Option<String>,
}

/// Reads `env_name` if set (parsed), else the file's value, else `default`.
fn value<T: std::str::FromStr>(
    env: &impl Fn(&str) -> Option<String>,
    key: &'static str,
    env_name: &'static str,
    from_file: Option<T>,
    default: T,
    reason: &'static str,
) -> Result<T, ConfigError> {
    match env(env_name) {
        Some(v) => v.trim().parse().map_err(|_| ConfigError::Invalid {
            key,
            env: env_name,
            value: v,
            reason,
        }),
        None => Ok(from_file.unwrap_or(default)),
    }
}

fn accounts_settings(
    a: AccountsSection,
    site_addr: SocketAddr,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<app::server::settings::AccountSettings, ConfigError> {
    use app::server::settings::AccountSettings;
    let d = AccountSettings::default();
    let whole = "expected a whole number";
    let yes_no = "expected true or false";
    let public_url = env("CYCLADES_PUBLIC_URL")
        .or(a.public_url)
        .unwrap_or_else(|| format!("http://{site_addr}"));
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(ConfigError::Invalid {
            key: "[accounts] public-url",
            env: "CYCLADES_PUBLIC_URL",
            value: public_url,
            reason: "expected http://… or https://…",
        });
    }
    let policy = app::domain::PasswordPolicy {
        min_len: value(
            env,
            "[accounts] password-min-length",
            "CYCLADES_PASSWORD_MIN_LENGTH",
            a.password_min_length,
            d.policy.min_len,
            whole,
        )?,
        max_len: value(
            env,
            "[accounts] password-max-length",
            "CYCLADES_PASSWORD_MAX_LENGTH",
            a.password_max_length,
            d.policy.max_len,
            whole,
        )?,
        require_lowercase: value(
            env,
            "[accounts] password-require-lowercase",
            "CYCLADES_PASSWORD_REQUIRE_LOWERCASE",
            a.password_require_lowercase,
            d.policy.require_lowercase,
            yes_no,
        )?,
        require_uppercase: value(
            env,
            "[accounts] password-require-uppercase",
            "CYCLADES_PASSWORD_REQUIRE_UPPERCASE",
            a.password_require_uppercase,
            d.policy.require_uppercase,
            yes_no,
        )?,
        require_digit: value(
            env,
            "[accounts] password-require-digit",
            "CYCLADES_PASSWORD_REQUIRE_DIGIT",
            a.password_require_digit,
            d.policy.require_digit,
            yes_no,
        )?,
        require_special: value(
            env,
            "[accounts] password-require-special",
            "CYCLADES_PASSWORD_REQUIRE_SPECIAL",
            a.password_require_special,
            d.policy.require_special,
            yes_no,
        )?,
    };
    if policy.min_len < 8 || policy.max_len < policy.min_len || policy.max_len > 128 {
        return Err(ConfigError::Invalid {
            key: "[accounts] password-min-length",
            env: "CYCLADES_PASSWORD_MIN_LENGTH",
            value: format!("{}..{}", policy.min_len, policy.max_len),
            reason: "expected 8 <= min <= max <= 128",
        });
    }
    let lockout_threshold = value(
        env,
        "[accounts] lockout-threshold",
        "CYCLADES_LOCKOUT_THRESHOLD",
        a.lockout_threshold,
        d.lockout_threshold,
        whole,
    )?;
    if !(1..=10).contains(&lockout_threshold) {
        return Err(ConfigError::Invalid {
            key: "[accounts] lockout-threshold",
            env: "CYCLADES_LOCKOUT_THRESHOLD",
            value: lockout_threshold.to_string(),
            reason: "expected 1 to 10 failures",
        });
    }
    let minutes =
        |k, e, v: Option<i64>, def: chrono::Duration| -> Result<chrono::Duration, ConfigError> {
            let m = value(env, k, e, v, def.num_minutes(), whole)?;
            if m <= 0 {
                return Err(ConfigError::Invalid {
                    key: k,
                    env: e,
                    value: m.to_string(),
                    reason: "expected a positive number",
                });
            }
            Ok(chrono::Duration::minutes(m))
        };
    let lockout_duration = minutes(
        "[accounts] lockout-minutes",
        "CYCLADES_LOCKOUT_MINUTES",
        a.lockout_minutes,
        d.lockout_duration,
    )?;
    let session_idle = minutes(
        "[accounts] session-idle-minutes",
        "CYCLADES_SESSION_IDLE_MINUTES",
        a.session_idle_minutes,
        d.session_idle,
    )?;
    let session_absolute = minutes(
        "[accounts] session-absolute-hours",
        "CYCLADES_SESSION_ABSOLUTE_HOURS",
        a.session_absolute_hours.map(|h| h * 60),
        d.session_absolute,
    )?;
    Ok(AccountSettings {
        policy,
        lockout_threshold,
        lockout_duration,
        ip_limit_per_minute: value(
            env,
            "[accounts] ip-limit-per-minute",
            "CYCLADES_IP_LIMIT_PER_MINUTE",
            a.ip_limit_per_minute,
            d.ip_limit_per_minute,
            whole,
        )?,
        session_idle,
        session_absolute,
        secure_cookies: public_url.starts_with("https://"),
        trusted_proxies: trusted_proxies(env, a.trusted_proxies)?,
        mails_per_recipient_per_hour: value(
            env,
            "[accounts] mails-per-recipient-per-hour",
            "CYCLADES_MAILS_PER_RECIPIENT_PER_HOUR",
            a.mails_per_recipient_per_hour,
            d.mails_per_recipient_per_hour,
            whole,
        )?,
        saves_per_candidature_per_minute: value(
            env,
            "[accounts] saves-per-candidature-per-minute",
            "CYCLADES_SAVES_PER_CANDIDATURE_PER_MINUTE",
            a.saves_per_candidature_per_minute,
            d.saves_per_candidature_per_minute,
            whole,
        )?,
        password_queue: value(
            env,
            "[accounts] password-queue",
            "CYCLADES_PASSWORD_QUEUE",
            a.password_queue,
            d.password_queue,
            whole,
        )?,
        public_url: public_url.trim_end_matches('/').to_owned(),
        ..d
    })
}

/// `[accounts] trusted-proxies` (`CYCLADES_TRUSTED_PROXIES`, comma-separated): addresses or
/// networks (`10.0.0.0/8`, `::1`) of the reverse proxies in front of the portal.
fn trusted_proxies(
    env: &impl Fn(&str) -> Option<String>,
    from_file: Option<Vec<String>>,
) -> Result<Vec<app::server::request::IpNet>, ConfigError> {
    let (items, from_env) = match env("CYCLADES_TRUSTED_PROXIES") {
        Some(v) => (
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            true,
        ),
        None => (from_file.unwrap_or_default(), false),
    };
    items
        .into_iter()
        .map(|item| {
            item.parse().map_err(|()| ConfigError::Invalid {
                key: "[accounts] trusted-proxies",
                env: "CYCLADES_TRUSTED_PROXIES",
                value: item.clone(),
                reason: if from_env {
                    "expected addresses or networks such as 10.0.0.1, 10.0.0.0/8, ::1, separated by commas"
                } else {
                    "expected a list of addresses or networks such as [\"10.0.0.1\", \"10.0.0.0/8\"]"
                },
            })
        })
        .collect()
}

fn mail_config(
    m: MailSection,
    data_dir: &Path,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<MailConfig, ConfigError> {
    let from = env("CYCLADES_MAIL_FROM")
        .or(m.from)
        .unwrap_or_else(|| "Cyclades <ne-pas-repondre@cyclades.invalid>".into());
    if from.contains(['\r', '\n']) || from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(ConfigError::Invalid {
            key: "[mail] from",
            env: "CYCLADES_MAIL_FROM",
            value: from,
            reason: "expected Name <address@domain> on one line",
        });
    }
    let Some(host) = env("CYCLADES_SMTP_HOST")
        .or(m.smtp_host)
        .filter(|h| !h.is_empty())
    else {
        return Ok(MailConfig {
            from,
            transport: MailTransport::Files(data_dir.join("mails")),
        });
    };
    let tls_name = env("CYCLADES_SMTP_TLS")
        .or(m.smtp_tls)
        .unwrap_or_else(|| "starttls".into());
    let tls = match tls_name.as_str() {
        "none" => SmtpTls::None,
        "starttls" => SmtpTls::StartTls,
        "tls" => SmtpTls::Tls,
        _ => {
            return Err(ConfigError::Invalid {
                key: "[mail] smtp-tls",
                env: "CYCLADES_SMTP_TLS",
                value: tls_name,
                reason: "expected none, starttls or tls",
            });
        }
    };
    let default_port = match tls {
        SmtpTls::None => 25,
        SmtpTls::StartTls => 587,
        SmtpTls::Tls => 465,
    };
    let port = value(
        env,
        "[mail] smtp-port",
        "CYCLADES_SMTP_PORT",
        m.smtp_port,
        default_port,
        "expected a port number",
    )?;
    let user = env("CYCLADES_SMTP_USER")
        .or(m.smtp_user)
        .filter(|u| !u.is_empty());
    let password = env("CYCLADES_SMTP_PASSWORD")
        .or(m.smtp_password)
        .unwrap_or_default();
    Ok(MailConfig {
        from,
        transport: MailTransport::Smtp {
            host,
            port,
            tls,
            credentials: user.map(|u| (u, password)),
        },
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SiteSection {
    addr: Option<String>,
    root: Option<String>,
    header_read_timeout_seconds: Option<u64>,
    request_timeout_seconds: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DatabaseSection {
    url: Option<String>,
    max_connections: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PortalSection {
    time_zone: Option<String>,
    data_dir: Option<String>,
    demo_catalog: Option<bool>,
    mode: Option<String>,
}

impl Config {
    /// Reads `path` (a missing file means every default) and applies `env` over it.
    pub fn load(path: &Path, env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let file = match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str::<FileConfig>(&text).map_err(|e| ConfigError::File {
                path: path.to_owned(),
                reason: e.to_string(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileConfig::default(),
            Err(e) => {
                return Err(ConfigError::File {
                    path: path.to_owned(),
                    reason: e.to_string(),
                });
            }
        };
        Self::from_parts(file, env)
    }

    fn from_parts(
        file: FileConfig,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let pick = |env_name: &str, from_file: Option<String>, default: &str| {
            env(env_name)
                .or(from_file)
                .unwrap_or_else(|| default.to_owned())
        };

        let addr = pick("LEPTOS_SITE_ADDR", file.site.addr, "127.0.0.1:3000");
        let site_addr = addr.parse().map_err(|_| ConfigError::Invalid {
            key: "[site] addr",
            env: "LEPTOS_SITE_ADDR",
            value: addr.clone(),
            reason: "expected an address and port such as 127.0.0.1:3000",
        })?;

        let site_root = pick("LEPTOS_SITE_ROOT", file.site.root, "target/site");
        let seconds =
            |key, env_name, from_file, default| -> Result<std::time::Duration, ConfigError> {
                let n: u64 = value(
                    &env,
                    key,
                    env_name,
                    from_file,
                    default,
                    "expected a whole number of seconds",
                )?;
                if n == 0 {
                    return Err(ConfigError::Invalid {
                        key,
                        env: env_name,
                        value: "0".into(),
                        reason: "expected at least 1 second",
                    });
                }
                Ok(std::time::Duration::from_secs(n))
            };
        let header_read_timeout = seconds(
            "[site] header-read-timeout-seconds",
            "CYCLADES_HEADER_READ_TIMEOUT_SECONDS",
            file.site.header_read_timeout_seconds,
            10,
        )?;
        let request_timeout = seconds(
            "[site] request-timeout-seconds",
            "CYCLADES_REQUEST_TIMEOUT_SECONDS",
            file.site.request_timeout_seconds,
            30,
        )?;
        let data_dir = pick("CYCLADES_DATA_DIR", file.portal.data_dir, "data");
        let default_db = format!(
            "sqlite://{}/cyclades.db?mode=rwc",
            data_dir.trim_end_matches('/')
        );
        let database_url = pick("DATABASE_URL", file.database.url, &default_db);
        if !["sqlite:", "postgres://", "postgresql://"]
            .iter()
            .any(|p| database_url.starts_with(p))
        {
            return Err(ConfigError::Invalid {
                key: "[database] url",
                env: "DATABASE_URL",
                value: redact_url(&database_url),
                reason: "expected sqlite://… or postgres://…",
            });
        }

        let max = env("CYCLADES_DATABASE_MAX_CONNECTIONS")
            .map(|v| v.parse::<u32>().map_err(|_| v))
            .transpose();
        let database_max_connections = match max {
            Ok(v) => v.or(file.database.max_connections).unwrap_or(10),
            Err(v) => {
                return Err(ConfigError::Invalid {
                    key: "[database] max-connections",
                    env: "CYCLADES_DATABASE_MAX_CONNECTIONS",
                    value: v,
                    reason: "expected a whole number",
                });
            }
        };
        if database_max_connections == 0 {
            return Err(ConfigError::Invalid {
                key: "[database] max-connections",
                env: "CYCLADES_DATABASE_MAX_CONNECTIONS",
                value: "0".into(),
                reason: "expected at least 1",
            });
        }

        let tz_name = pick("CYCLADES_TIME_ZONE", file.portal.time_zone, "Europe/Paris");
        let time_zone = tz_name
            .parse::<chrono_tz::Tz>()
            .map_err(|_| ConfigError::Invalid {
                key: "[portal] time-zone",
                env: "CYCLADES_TIME_ZONE",
                value: tz_name.clone(),
                reason: "expected an IANA zone name such as Europe/Paris",
            })?;

        let demo_catalog = match env("CYCLADES_DEMO_CATALOG") {
            Some(v) => parse_bool(&v).ok_or(ConfigError::Invalid {
                key: "[portal] demo-catalog",
                env: "CYCLADES_DEMO_CATALOG",
                value: v,
                reason: "expected true or false",
            })?,
            None => file.portal.demo_catalog.unwrap_or(false),
        };

        let mode_name = pick("CYCLADES_MODE", file.portal.mode, "production");
        let mode = match mode_name.trim() {
            "production" => Mode::Production,
            "development" => Mode::Development,
            _ => {
                return Err(ConfigError::Invalid {
                    key: "[portal] mode",
                    env: "CYCLADES_MODE",
                    value: mode_name,
                    reason: "expected production or development",
                });
            }
        };

        let accounts = accounts_settings(file.accounts, site_addr, &env)?;
        let mail = mail_config(file.mail, Path::new(&data_dir), &env)?;
        if mode == Mode::Production {
            production_checks(&accounts, &mail)?;
        }
        Ok(Self {
            site_addr,
            site_root: PathBuf::from(site_root),
            header_read_timeout,
            request_timeout,
            database_url,
            database_max_connections,
            time_zone,
            data_dir: PathBuf::from(data_dir),
            demo_catalog,
            mode,
            accounts,
            mail,
        })
    }
}

/// What a production start refuses (fail closed): links and cookies over plain HTTP, and
/// mail that would never reach a candidate.
fn production_checks(
    accounts: &app::server::settings::AccountSettings,
    mail: &MailConfig,
) -> Result<(), ConfigError> {
    const HINT: &str = "required in production; for a development run set CYCLADES_MODE=development (./cyclades run does)";
    if !accounts.public_url.starts_with("https://") {
        return Err(ConfigError::Invalid {
            key: "[accounts] public-url",
            env: "CYCLADES_PUBLIC_URL",
            value: accounts.public_url.clone(),
            reason: "an https:// address is required in production; for a development run set CYCLADES_MODE=development (./cyclades run does)",
        });
    }
    if let MailTransport::Files(_) = mail.transport {
        return Err(ConfigError::Invalid {
            key: "[mail] smtp-host",
            env: "CYCLADES_SMTP_HOST",
            value: String::new(),
            reason: HINT,
        });
    }
    Ok(())
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// The URL without its password, for messages.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(toml_text: &str, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let file: FileConfig = toml::from_str(toml_text).expect("valid toml");
        let mut vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        vars.entry("CYCLADES_MODE".into())
            .or_insert_with(|| "development".into());
        Config::from_parts(file, |k| vars.get(k).cloned())
    }

    #[test]
    fn defaults_run_on_sqlite_in_paris() {
        let c = load("", &[]).unwrap();
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert!(c.database_url.starts_with("sqlite://"));
        assert_eq!(c.time_zone, chrono_tz::Europe::Paris);
        assert!(!c.demo_catalog);
    }

    #[test]
    fn the_file_sets_values_and_the_environment_wins() {
        let text = "[site]\naddr = \"0.0.0.0:8080\"\n[database]\nurl = \"sqlite://x.db\"\n";
        let c = load(text, &[]).unwrap();
        assert_eq!(c.site_addr.to_string(), "0.0.0.0:8080");
        let c = load(
            text,
            &[
                ("LEPTOS_SITE_ADDR", "127.0.0.1:4000"),
                ("DATABASE_URL", "postgres://u@h/db"),
            ],
        )
        .unwrap();
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:4000");
        assert_eq!(c.database_url, "postgres://u@h/db");
    }

    #[test]
    fn a_bad_address_names_its_key_and_variable() {
        let err = load("", &[("LEPTOS_SITE_ADDR", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("[site] addr"), "{err}");
        assert!(err.contains("LEPTOS_SITE_ADDR"), "{err}");
    }

    #[test]
    fn bad_values_are_refused_with_their_key() {
        for (vars, key) in [
            (vec![("DATABASE_URL", "mysql://x")], "[database] url"),
            (
                vec![("CYCLADES_TIME_ZONE", "Europe/Pariss")],
                "[portal] time-zone",
            ),
            (
                vec![("CYCLADES_DEMO_CATALOG", "peut-être")],
                "[portal] demo-catalog",
            ),
            (
                vec![("CYCLADES_DATABASE_MAX_CONNECTIONS", "0")],
                "[database] max-connections",
            ),
        ] {
            let err = load("", &vars).unwrap_err().to_string();
            assert!(err.contains(key), "{err}");
        }
    }

    #[test]
    fn the_default_database_lives_in_the_data_folder() {
        let c = load("[portal]\ndata-dir = \"/var/lib/cyclades/\"\n", &[]).unwrap();
        assert_eq!(
            c.database_url,
            "sqlite:///var/lib/cyclades/cyclades.db?mode=rwc"
        );
        let c = load("", &[("CYCLADES_DATA_DIR", "/srv/x")]).unwrap();
        assert_eq!(c.database_url, "sqlite:///srv/x/cyclades.db?mode=rwc");
    }

    #[test]
    fn a_database_password_never_appears_in_messages() {
        let err = load("", &[("DATABASE_URL", "mysql://user:secret@host/db")]).unwrap_err();
        let text = err.to_string();
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("user:***@host"), "{text}");
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        let err = toml::from_str::<FileConfig>("[site]\nadress = \"x\"\n").unwrap_err();
        assert!(err.to_string().contains("adress"));
    }

    #[test]
    fn mail_goes_to_files_unless_an_smtp_host_is_set() {
        let c = load("", &[]).unwrap();
        assert_eq!(
            c.mail.transport,
            MailTransport::Files(PathBuf::from("data/mails"))
        );
        let c = load(
            "[mail]\nsmtp-host = \"smtp.example.fr\"\nsmtp-user = \"u\"\n",
            &[
                ("CYCLADES_SMTP_PASSWORD", "p"),
                ("CYCLADES_SMTP_TLS", "tls"),
            ],
        )
        .unwrap();
        assert_eq!(
            c.mail.transport,
            MailTransport::Smtp {
                host: "smtp.example.fr".into(),
                port: 465,
                tls: SmtpTls::Tls,
                credentials: Some(("u".into(), "p".into())),
            }
        );
        let err = load(
            "",
            &[("CYCLADES_SMTP_HOST", "h"), ("CYCLADES_SMTP_TLS", "ssl")],
        )
        .unwrap_err();
        assert!(err.to_string().contains("[mail] smtp-tls"));
    }

    #[test]
    fn account_rules_are_configuration_within_safe_bounds() {
        let c = load(
            "[accounts]\npassword-min-length = 12\nlockout-threshold = 5\n",
            &[],
        )
        .unwrap();
        assert_eq!(c.accounts.policy.min_len, 12);
        assert_eq!(c.accounts.lockout_threshold, 5);
        assert!(!c.accounts.secure_cookies);
        assert_eq!(c.accounts.public_url, "http://127.0.0.1:3000");
        for (text, key) in [
            ("[accounts]\nlockout-threshold = 11\n", "lockout-threshold"),
            (
                "[accounts]\npassword-min-length = 6\n",
                "password-min-length",
            ),
            ("[accounts]\npublic-url = \"cyclades.fr\"\n", "public-url"),
        ] {
            let err = load(text, &[]).unwrap_err().to_string();
            assert!(err.contains(key), "{err}");
        }
        let c = load(
            "",
            &[("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr/")],
        )
        .unwrap();
        assert!(c.accounts.secure_cookies);
        assert_eq!(c.accounts.public_url, "https://cyclades.ac-test.fr");
    }

    #[test]
    fn the_shipped_leptos_toml_is_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml");
        let c = Config::load(&path, |k| {
            (k == "CYCLADES_MODE").then(|| "development".to_owned())
        })
        .unwrap();
        assert_eq!(c.time_zone, chrono_tz::Europe::Paris);
    }

    #[test]
    fn production_refuses_plain_http_and_mail_to_files_naming_the_key() {
        let prod = [("CYCLADES_MODE", "production")];
        let err = load("", &prod).unwrap_err().to_string();
        assert!(err.contains("[accounts] public-url"), "{err}");
        assert!(err.contains("CYCLADES_MODE=development"), "{err}");
        let https = [
            ("CYCLADES_MODE", "production"),
            ("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr"),
        ];
        let err = load("", &https).unwrap_err().to_string();
        assert!(err.contains("[mail] smtp-host"), "{err}");
        let ready = [
            ("CYCLADES_MODE", "production"),
            ("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr"),
            ("CYCLADES_SMTP_HOST", "smtp.ac-test.fr"),
        ];
        let c = load("", &ready).unwrap();
        assert_eq!(c.mode, Mode::Production);
        // Production is what a start without a mode gets.
        let file: FileConfig = toml::from_str("").unwrap();
        assert!(Config::from_parts(file, |_| None).is_err());
        let err = load("", &[("CYCLADES_MODE", "prod")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("[portal] mode"), "{err}");
    }

    #[test]
    fn a_bad_sender_or_proxy_is_refused_at_start() {
        let err = load("", &[("CYCLADES_MAIL_FROM", "Cyclades <pas une adresse>")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("[mail] from"), "{err}");
        let err = load("", &[("CYCLADES_TRUSTED_PROXIES", "10.0.0.1, proxy.local")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("[accounts] trusted-proxies"), "{err}");
        let c = load(
            "",
            &[("CYCLADES_TRUSTED_PROXIES", "10.0.0.1, 192.168.0.0/16, ::1")],
        )
        .unwrap();
        assert_eq!(c.accounts.trusted_proxies.len(), 3);
    }

    #[test]
    fn the_smtp_password_never_appears_in_debug_output() {
        let c = load(
            "",
            &[
                ("CYCLADES_SMTP_HOST", "h"),
                ("CYCLADES_SMTP_USER", "u"),
                ("CYCLADES_SMTP_PASSWORD", "tres-secret"),
            ],
        )
        .unwrap();
        let text = format!("{c:?}");
        assert!(!text.contains("tres-secret"), "{text}");
    }
}
