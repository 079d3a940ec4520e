//! `[portal]`: how the portal runs, its zone and its files.

use super::source::{ConfigError, Key, Source};
use app::server::settings::LegalNotice;
use std::path::PathBuf;

const MODE: Key = Key::new("portal", "mode", "CYCLADES_MODE");
const TIME_ZONE: Key = Key::new("portal", "time-zone", "CYCLADES_TIME_ZONE");
const DATA_DIR: Key = Key::new("portal", "data-dir", "CYCLADES_DATA_DIR");
const DEMO_CATALOG: Key = Key::new("portal", "demo-catalog", "CYCLADES_DEMO_CATALOG");
pub const PUBLISHER: Key = Key::new("portal", "publisher", "CYCLADES_PUBLISHER");
pub const PUBLICATION_DIRECTOR: Key = Key::new(
    "portal",
    "publication-director",
    "CYCLADES_PUBLICATION_DIRECTOR",
);
pub const HOSTING: Key = Key::new("portal", "hosting", "CYCLADES_HOSTING");

/// How the portal runs (`[portal] mode`, `CYCLADES_MODE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuses to start without an `https://` public address and an SMTP server.
    Production,
    /// `./cyclades run`: mail may go to files, activation links are printed in the log.
    Development,
}

#[derive(Debug, Clone)]
pub struct Portal {
    /// Production (the default: fails closed) or development.
    pub mode: Mode,
    /// The zone every date is shown in.
    pub time_zone: chrono_tz::Tz,
    /// Where the portal keeps its files.
    pub data_dir: PathBuf,
    /// Load the demo catalog into an empty database.
    pub demo_catalog: bool,
    /// Who publishes and who hosts the portal (required in production).
    pub legal: LegalNotice,
}

impl Portal {
    pub fn read(source: &Source<'_>) -> Result<Self, ConfigError> {
        let mode = source.get_or(MODE, "production".to_owned())?;
        let mode = match mode.trim() {
            "production" => Mode::Production,
            "development" => Mode::Development,
            _ => {
                return Err(ConfigError::invalid(
                    MODE,
                    mode,
                    "expected production or development",
                ));
            }
        };
        let zone = source.get_or(TIME_ZONE, "Europe/Paris".to_owned())?;
        let time_zone = zone.trim().parse::<chrono_tz::Tz>().map_err(|_| {
            ConfigError::invalid(
                TIME_ZONE,
                &zone,
                "expected an IANA zone name such as Europe/Paris",
            )
        })?;
        Ok(Self {
            mode,
            time_zone,
            data_dir: PathBuf::from(source.get_or(DATA_DIR, "data".to_owned())?),
            demo_catalog: source.get_or(DEMO_CATALOG, false)?,
            legal: LegalNotice {
                publisher: source.get_or(PUBLISHER, String::new())?.trim().to_owned(),
                director: source
                    .get_or(PUBLICATION_DIRECTOR, String::new())?
                    .trim()
                    .to_owned(),
                hosting: source.get_or(HOSTING, String::new())?.trim().to_owned(),
            },
        })
    }
}
