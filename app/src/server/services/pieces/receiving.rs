//! An upload being received (security checklist line 25): its bytes go chunk by chunk to a
//! temporary file of the uploads folder while they are counted and hashed; past 5 MB
//! nothing more is written (the rest is only counted), so a request never holds a file in
//! memory and never fills the disk. The temporary file goes when the value does.

use super::deposit::Received;
use super::file_check::MAX_BYTES;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

/// A file being received.
pub struct Receiving {
    path: std::path::PathBuf,
    file: Option<tokio::fs::File>,
    hash: Sha256,
    size: u64,
}

impl Receiving {
    /// A new temporary file in `dir`, under a generated name.
    pub async fn create(dir: &std::path::Path) -> std::io::Result<Self> {
        let path = dir.join(format!("{}.part", uuid::Uuid::new_v4().simple()));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok(Self {
            path,
            file: Some(file),
            hash: Sha256::new(),
            size: 0,
        })
    }

    /// Adds `chunk`; past 5 MB, only counts it.
    pub async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        self.size = self.size.saturating_add(chunk.len() as u64);
        if self.size > MAX_BYTES {
            // Too large: nothing more is kept.
            self.file = None;
            return Ok(());
        }
        if let Some(file) = self.file.as_mut() {
            file.write_all(chunk).await?;
            self.hash.update(chunk);
        }
        Ok(())
    }

    /// The bytes received so far (beyond 5 MB too).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether more than 5 MB came.
    pub fn too_large(&self) -> bool {
        self.size > MAX_BYTES
    }

    /// The file received whole, named `name` by the browser; the temporary file lives as
    /// long as the returned guard.
    pub async fn finish(mut self, name: &str) -> std::io::Result<(Received, Temporary)> {
        if let Some(mut file) = self.file.take() {
            file.flush().await?;
            file.sync_data().await?;
        }
        // The guard owns the file from now on.
        let path = std::mem::take(&mut self.path);
        let temporary = Temporary(path.clone());
        let hash = std::mem::take(&mut self.hash).finalize();
        let received = Received {
            path,
            name: name.to_owned(),
            size: self.size,
            sha256: hash.iter().map(|b| format!("{b:02x}")).collect(),
        };
        Ok((received, temporary))
    }
}

impl Drop for Receiving {
    fn drop(&mut self) {
        // Finished, the guard removes it (the path is empty here); abandoned, it goes now.
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Removes the temporary file when dropped.
pub struct Temporary(std::path::PathBuf);

impl Drop for Temporary {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_is_counted_and_hashed_and_nothing_past_5_mb_is_kept() {
        let dir = std::env::temp_dir().join(format!("cyclades-receiving-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut r = Receiving::create(&dir).await.unwrap();
        r.write(b"%PDF-1.7 ").await.unwrap();
        r.write(b"bonjour").await.unwrap();
        let (received, temporary) = r.finish("a.pdf").await.unwrap();
        assert_eq!(received.size, 16);
        assert_eq!(std::fs::read(&received.path).unwrap(), b"%PDF-1.7 bonjour");
        let expected: String = Sha256::digest(b"%PDF-1.7 bonjour")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(received.sha256, expected);
        drop(temporary);
        assert!(!received.path.exists());

        let mut big = Receiving::create(&dir).await.unwrap();
        let chunk = vec![b'a'; 1024 * 1024];
        for _ in 0..6 {
            big.write(&chunk).await.unwrap();
        }
        assert!(big.too_large());
        assert_eq!(big.size(), 6 * 1024 * 1024);
        let kept: u64 = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert!(kept <= MAX_BYTES, "{kept}");
        drop(big);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
