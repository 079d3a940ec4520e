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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SiteSection {
    addr: Option<String>,
    root: Option<String>,
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

        Ok(Self {
            site_addr,
            site_root: PathBuf::from(site_root),
            database_url,
            database_max_connections,
            time_zone,
            data_dir: PathBuf::from(data_dir),
            demo_catalog,
        })
    }
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
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
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
    fn the_shipped_leptos_toml_is_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml");
        let c = Config::load(&path, |_| None).unwrap();
        assert_eq!(c.time_zone, chrono_tz::Europe::Paris);
    }
}
