//! Runtime configuration: `Leptos.toml`, then environment variables over it. Each key is
//! declared once ([`Key`]: its section, name and variable), in the file of the section
//! that reads and checks it; a bad value, or a key of the file the portal does not know,
//! stops the start with a message naming the key and the variable that can set it.
//! Secrets (the SMTP password, the database URL) are `SecretString`s: never printed.

mod accounts;
mod database;
mod mail;
mod pieces;
mod portal;
mod site;
mod source;

pub use database::Database;
pub use mail::{MailConfig, MailTransport, SmtpTls};
pub use pieces::{FileStore, Pieces};
pub use portal::{Mode, Portal};
pub use site::Site;
pub use source::{ConfigError, Key};

use source::Source;
use std::path::Path;

/// The checked configuration the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub site: Site,
    pub database: Database,
    pub portal: Portal,
    /// Accounts, sessions, throttling.
    pub accounts: app::server::settings::AccountSettings,
    pub mail: MailConfig,
    /// Deposited files: their store and their antivirus.
    pub pieces: Pieces,
}

impl Config {
    /// Reads `path` (a missing file means every default) and applies `env` over it.
    pub fn load(path: &Path, env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let file = match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str::<toml::Table>(&text).map_err(|e| ConfigError::File {
                path: path.to_owned(),
                reason: e.to_string(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => toml::Table::new(),
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
        file: toml::Table,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let source = Source::new(file, &env);
        let site = Site::read(&source)?;
        let portal = Portal::read(&source)?;
        let database = Database::read(&source, &portal.data_dir)?;
        let accounts = accounts::read(&source, site.addr)?;
        let mail = MailConfig::read(&source, &portal.data_dir)?;
        let pieces = Pieces::read(&source, &portal.data_dir)?;
        source.finish()?;
        let config = Self {
            site,
            database,
            portal,
            accounts,
            mail,
            pieces,
        };
        if config.portal.mode == Mode::Production {
            config.production_checks()?;
        }
        Ok(config)
    }

    /// What a production start refuses (fail closed): links and cookies over plain HTTP,
    /// and mail that would never reach a candidate.
    fn production_checks(&self) -> Result<(), ConfigError> {
        const HINT: &str = "required in production; for a development run set CYCLADES_MODE=development (./cyclades run does)";
        if !self.accounts.public_url.starts_with("https://") {
            return Err(ConfigError::invalid(
                accounts::REQUIRED_IN_PRODUCTION,
                &self.accounts.public_url,
                "an https:// address is required in production; for a development run set CYCLADES_MODE=development (./cyclades run does)",
            ));
        }
        if let MailTransport::Files(_) = self.mail.transport {
            return Err(ConfigError::invalid(mail::REQUIRED_IN_PRODUCTION, "", HINT));
        }
        // "Mentions légales" owes the public who publishes and who hosts the portal.
        let legal = &self.portal.legal;
        for (key, value) in [
            (portal::PUBLISHER, &legal.publisher),
            (portal::PUBLICATION_DIRECTOR, &legal.director),
            (portal::HOSTING, &legal.hosting),
        ] {
            if value.is_empty() {
                return Err(ConfigError::invalid(key, "", HINT));
            }
        }
        // Without an antivirus no deposited file could ever be opened.
        if self.pieces.clamd.is_none() {
            return Err(ConfigError::invalid(pieces::CLAMD, "", HINT));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
