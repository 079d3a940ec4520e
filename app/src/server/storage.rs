//! Where deposited files are kept (issue 14; security checklist line 28): an object store, a
//! folder under the data folder by default (outside anything served), S3-compatible storage
//! when the portal runs on several servers. Keys are generated, never a file's name: each
//! file of a candidature lives under that candidature's prefix, so deleting one never touches
//! another's; a file is written once and never overwritten (a conditional put).

use object_store::path::Path as Key;
use object_store::{ObjectStore, PutMode, PutOptions, PutPayload};
use std::sync::Arc;

/// The file store.
#[derive(Debug, Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Files being written at once: a put holds its file in memory (at most 5 MB), so the
    /// memory of many deposits at the same instant stays bounded.
    writing: Arc<tokio::sync::Semaphore>,
}

/// Files written at the same instant (the others wait their turn).
const WRITES_AT_ONCE: usize = 8;

/// Why the store refused.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("a file is already stored under this key")]
    Exists,
    #[error("no file under this key")]
    Missing,
    #[error("storage: {0}")]
    Other(#[from] object_store::Error),
}

/// The key of file `file` of candidature `candidature`.
pub fn key(candidature: uuid::Uuid, file: uuid::Uuid) -> String {
    format!("candidatures/{candidature}/{file}")
}

impl Storage {
    /// A folder (created if missing).
    pub fn local(root: &std::path::Path) -> Result<Self, StorageError> {
        std::fs::create_dir_all(root).map_err(|e| {
            StorageError::Other(object_store::Error::Generic {
                store: "local",
                source: Box::new(e),
            })
        })?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(root)?;
        Ok(Self::of(Arc::new(store)))
    }

    /// An S3-compatible bucket, reached as the `AWS_*` variables say (`AWS_ENDPOINT`,
    /// `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`), with
    /// path-style addresses and conditional puts (`If-None-Match`), so that a file is never
    /// overwritten there either.
    pub fn s3(bucket: &str) -> Result<Self, StorageError> {
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_conditional_put(object_store::aws::S3ConditionalPut::ETagMatch)
            .build()?;
        Ok(Self::of(Arc::new(store)))
    }

    /// Any store (tests give an in-memory one).
    pub fn of(store: Arc<dyn ObjectStore>) -> Self {
        Self {
            store,
            writing: Arc::new(tokio::sync::Semaphore::new(WRITES_AT_ONCE)),
        }
    }

    /// Writes the file at `path` (a received upload) under `key`, never over a file
    /// already there.
    pub async fn put_file(&self, key: &str, path: &std::path::Path) -> Result<(), StorageError> {
        let _turn = self.writing.acquire().await.map_err(|e| {
            StorageError::Other(object_store::Error::Generic {
                store: "storage",
                source: Box::new(e),
            })
        })?;
        let bytes = tokio::fs::read(path).await.map_err(|e| {
            StorageError::Other(object_store::Error::Generic {
                store: "storage",
                source: Box::new(e),
            })
        })?;
        self.put_new(key, bytes).await
    }

    /// Writes `bytes` under `key`, never over a file already there.
    pub async fn put_new(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        match self
            .store
            .put_opts(&Key::from(key), PutPayload::from(bytes), options)
            .await
        {
            Ok(_) => Ok(()),
            Err(object_store::Error::AlreadyExists { .. }) => Err(StorageError::Exists),
            Err(e) => Err(e.into()),
        }
    }

    /// The bytes under `key`.
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        match self.store.get(&Key::from(key)).await {
            Ok(found) => Ok(found.bytes().await?.to_vec()),
            Err(object_store::Error::NotFound { .. }) => Err(StorageError::Missing),
            Err(e) => Err(e.into()),
        }
    }

    /// Writes the file at `path` under `key`, in parts as it is read (a batch's printable
    /// PDF or ZIP: hundreds of megabytes never sit in memory), over any earlier one.
    pub async fn put_large(&self, key: &str, path: &std::path::Path) -> Result<(), StorageError> {
        let io = |e: std::io::Error| {
            StorageError::Other(object_store::Error::Generic {
                store: "storage",
                source: Box::new(e),
            })
        };
        let mut file = tokio::fs::File::open(path).await.map_err(io)?;
        let mut out =
            object_store::buffered::BufWriter::new(Arc::clone(&self.store), Key::from(key));
        tokio::io::copy(&mut file, &mut out).await.map_err(io)?;
        tokio::io::AsyncWriteExt::shutdown(&mut out)
            .await
            .map_err(io)?;
        Ok(())
    }

    /// The file under `key`, to be read as a stream (`GetResult::into_stream`).
    pub async fn open(&self, key: &str) -> Result<object_store::GetResult, StorageError> {
        match self.store.get(&Key::from(key)).await {
            Ok(found) => Ok(found),
            Err(object_store::Error::NotFound { .. }) => Err(StorageError::Missing),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes the file under `key` (nothing else).
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&Key::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn a_file_is_written_once_and_owned_by_its_candidature(storage: Storage) {
        let (mine, theirs) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        let file = uuid::Uuid::new_v4();
        let (a, b) = (key(mine, file), key(theirs, file));
        storage.put_new(&a, b"%PDF-1.7 a".to_vec()).await.unwrap();
        storage.put_new(&b, b"%PDF-1.7 b".to_vec()).await.unwrap();
        // Never overwritten.
        assert!(matches!(
            storage.put_new(&a, b"autre".to_vec()).await,
            Err(StorageError::Exists)
        ));
        assert_eq!(storage.get(&a).await.unwrap(), b"%PDF-1.7 a".to_vec());
        // Deleting one candidature's file leaves the other's.
        storage.delete(&a).await.unwrap();
        assert!(matches!(storage.get(&a).await, Err(StorageError::Missing)));
        assert_eq!(storage.get(&b).await.unwrap(), b"%PDF-1.7 b".to_vec());
        storage.delete(&a).await.unwrap();
    }

    #[tokio::test]
    async fn in_a_local_folder() {
        let root = std::env::temp_dir().join(format!("cyclades-storage-{}", uuid::Uuid::new_v4()));
        a_file_is_written_once_and_owned_by_its_candidature(Storage::local(&root).unwrap()).await;
        // The files are inside the folder, under generated names only.
        assert!(root.join("candidatures").is_dir());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[tokio::test]
    async fn in_memory() {
        a_file_is_written_once_and_owned_by_its_candidature(Storage::of(Arc::new(
            object_store::memory::InMemory::new(),
        )))
        .await;
    }
}
