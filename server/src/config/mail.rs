//! `[mail]`: how mails leave the outbox.

use super::source::{ConfigError, Key, Source};
use secrecy::SecretString;
use std::path::Path;

const FROM: Key = Key::new("mail", "from", "CYCLADES_MAIL_FROM");
const SMTP_HOST: Key = Key::new("mail", "smtp-host", "CYCLADES_SMTP_HOST");
const SMTP_PORT: Key = Key::new("mail", "smtp-port", "CYCLADES_SMTP_PORT");
const SMTP_TLS: Key = Key::new("mail", "smtp-tls", "CYCLADES_SMTP_TLS");
const SMTP_USER: Key = Key::new("mail", "smtp-user", "CYCLADES_SMTP_USER");
const SMTP_PASSWORD: Key = Key::new("mail", "smtp-password", "CYCLADES_SMTP_PASSWORD");

/// The key a production start requires (an SMTP server).
pub const REQUIRED_IN_PRODUCTION: Key = SMTP_HOST;

/// How mails are delivered.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `Name <address>` the mails come from.
    pub from: String,
    pub transport: MailTransport,
}

/// SMTP, or (no SMTP host configured) `.eml` files in the data folder.
#[derive(Debug, Clone)]
pub enum MailTransport {
    Smtp {
        host: String,
        port: u16,
        tls: SmtpTls,
        /// The user and the password (never printed).
        credentials: Option<(String, SecretString)>,
    },
    Files(std::path::PathBuf),
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

impl MailConfig {
    pub fn read(source: &Source<'_>, data_dir: &Path) -> Result<Self, ConfigError> {
        // Every key is read, whichever transport they lead to (a key of the file never read
        // is refused as unknown).
        let from = source.get_or(
            FROM,
            "Cyclades <ne-pas-repondre@cyclades.invalid>".to_owned(),
        )?;
        let host = source.get::<String>(SMTP_HOST)?.filter(|h| !h.is_empty());
        let tls_name = source.get_or(SMTP_TLS, "starttls".to_owned())?;
        let port = source.get::<u16>(SMTP_PORT)?;
        let user = source.get::<String>(SMTP_USER)?.filter(|u| !u.is_empty());
        let password = source.get::<SecretString>(SMTP_PASSWORD)?;
        if from.contains(['\r', '\n']) || from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::invalid(
                FROM,
                from,
                "expected Name <address@domain> on one line",
            ));
        }
        let Some(host) = host else {
            return Ok(Self {
                from,
                transport: MailTransport::Files(data_dir.join("mails")),
            });
        };
        let tls = match tls_name.trim() {
            "none" => SmtpTls::None,
            "starttls" => SmtpTls::StartTls,
            "tls" => SmtpTls::Tls,
            _ => {
                return Err(ConfigError::invalid(
                    SMTP_TLS,
                    tls_name,
                    "expected none, starttls or tls",
                ));
            }
        };
        let default_port = match tls {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        };
        Ok(Self {
            from,
            transport: MailTransport::Smtp {
                host,
                port: port.unwrap_or(default_port),
                tls,
                credentials: user.map(|u| (u, password.unwrap_or_else(|| "".into()))),
            },
        })
    }
}
