//! `[pieces]`: where deposited files are kept and which antivirus scans them (issue 14).

use super::source::{ConfigError, Key, Source};
use std::path::{Path, PathBuf};

const FOLDER: Key = Key::new("pieces", "folder", "CYCLADES_PIECES_FOLDER");
const S3_BUCKET: Key = Key::new("pieces", "s3-bucket", "CYCLADES_PIECES_S3_BUCKET");
pub const CLAMD: Key = Key::new("pieces", "clamd", "CYCLADES_CLAMD");

/// Where the files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStore {
    /// A folder (by default `pieces` in the data folder, outside anything served).
    Folder(PathBuf),
    /// An S3-compatible bucket, for several servers; the endpoint, region and keys come
    /// from the usual `AWS_*` variables (`AWS_ENDPOINT`, `AWS_REGION`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`).
    S3 { bucket: String },
}

#[derive(Debug, Clone)]
pub struct Pieces {
    pub store: FileStore,
    /// The antivirus (`unix:/run/clamav/clamd.ctl` or `tcp:127.0.0.1:3310`); required in
    /// production. Without it (a development run) deposited files wait, unopened.
    pub clamd: Option<app::server::antivirus::Clamd>,
}

impl Pieces {
    pub fn read(source: &Source<'_>, data_dir: &Path) -> Result<Self, ConfigError> {
        let folder = source.get::<String>(FOLDER)?;
        let bucket = source
            .get::<String>(S3_BUCKET)?
            .filter(|b| !b.trim().is_empty());
        let store = match (bucket, folder) {
            (Some(_), Some(folder)) => {
                return Err(ConfigError::invalid(
                    FOLDER,
                    folder,
                    "set either a folder or an S3 bucket, not both",
                ));
            }
            (Some(bucket), None) => FileStore::S3 {
                bucket: bucket.trim().to_owned(),
            },
            (None, Some(folder)) => FileStore::Folder(PathBuf::from(folder)),
            (None, None) => FileStore::Folder(data_dir.join("pieces")),
        };
        let clamd = match source.get::<String>(CLAMD)? {
            None => None,
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(
                app::server::antivirus::Clamd::parse(text.trim()).ok_or_else(|| {
                    ConfigError::invalid(CLAMD, &text, "expected unix:PATH or tcp:HOST:PORT")
                })?,
            ),
        };
        Ok(Self { store, clamd })
    }
}
