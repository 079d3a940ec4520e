//! `[database]`: which database, how many connections.

use super::source::{ConfigError, Key, Source};
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

const URL: Key = Key::new("database", "url", "DATABASE_URL");
const MAX_CONNECTIONS: Key = Key::new(
    "database",
    "max-connections",
    "CYCLADES_DATABASE_MAX_CONNECTIONS",
);

#[derive(Debug, Clone)]
pub struct Database {
    /// `sqlite://…` or `postgres://…` (with its password: never printed); by default the
    /// SQLite file `cyclades.db` in the data folder.
    pub url: SecretString,
    /// Pool size.
    pub max_connections: u32,
}

impl Database {
    pub fn read(source: &Source<'_>, data_dir: &Path) -> Result<Self, ConfigError> {
        let url = source.get::<SecretString>(URL)?.unwrap_or_else(|| {
            format!(
                "sqlite://{}/cyclades.db?mode=rwc",
                data_dir.display().to_string().trim_end_matches('/')
            )
            .into()
        });
        if !["sqlite:", "postgres://", "postgresql://"]
            .iter()
            .any(|p| url.expose_secret().starts_with(p))
        {
            return Err(ConfigError::invalid(
                URL,
                redact_url(url.expose_secret()),
                "expected sqlite://… or postgres://…",
            ));
        }
        let max_connections = source.get_or(MAX_CONNECTIONS, 10_u32)?;
        if max_connections == 0 {
            return Err(ConfigError::invalid(
                MAX_CONNECTIONS,
                0,
                "expected at least 1",
            ));
        }
        Ok(Self {
            url,
            max_connections,
        })
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
