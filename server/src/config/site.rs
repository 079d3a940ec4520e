//! `[site]`: where the server listens, what it serves, how long it waits.

use super::source::{ConfigError, Key, Source};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

const ADDR: Key = Key::new("site", "addr", "LEPTOS_SITE_ADDR");
const ROOT: Key = Key::new("site", "root", "LEPTOS_SITE_ROOT");
const HEADER_READ_TIMEOUT: Key = Key::new(
    "site",
    "header-read-timeout-seconds",
    "CYCLADES_HEADER_READ_TIMEOUT_SECONDS",
);
const REQUEST_TIMEOUT: Key = Key::new(
    "site",
    "request-timeout-seconds",
    "CYCLADES_REQUEST_TIMEOUT_SECONDS",
);

#[derive(Debug, Clone)]
pub struct Site {
    /// Where the server listens.
    pub addr: SocketAddr,
    /// The folder with the public files and the browser bundle.
    pub root: PathBuf,
    /// A client must send a request's headers within this: a connection that trickles
    /// them is closed.
    pub header_read_timeout: Duration,
    /// A request is answered within this, or with a 503.
    pub request_timeout: Duration,
}

fn seconds(source: &Source<'_>, key: Key, default: u64) -> Result<Duration, ConfigError> {
    match source.get_or(key, default)? {
        0 => Err(ConfigError::invalid(key, 0, "expected at least 1 second")),
        n => Ok(Duration::from_secs(n)),
    }
}

impl Site {
    pub fn read(source: &Source<'_>) -> Result<Self, ConfigError> {
        let addr = source.get_or(ADDR, "127.0.0.1:3000".to_owned())?;
        Ok(Self {
            addr: addr.trim().parse().map_err(|_| {
                ConfigError::invalid(
                    ADDR,
                    &addr,
                    "expected an address and port such as 127.0.0.1:3000",
                )
            })?,
            root: PathBuf::from(source.get_or(ROOT, "target/site".to_owned())?),
            header_read_timeout: seconds(source, HEADER_READ_TIMEOUT, 10)?,
            request_timeout: seconds(source, REQUEST_TIMEOUT, 30)?,
        })
    }
}
