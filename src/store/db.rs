//! The sled database under `cache/db`: stage records, the latest attempt per
//! stage name, failures, and the stat fingerprints that let hashing skip
//! unchanged files and blobs.
//!
//! sled takes an exclusive lock on its files, so the database is opened for
//! short batches only ([`Db::open`] retries while another process holds it):
//! a running pipeline keeps it closed while stages run, and `status` can read
//! in between.

use super::digest::{BlobDigest, StageKey};
use super::hashing::{now_ns, Stamp};
use super::records::StageRecord;
use super::StoreError;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sled::Transactional;
use std::path::Path;
use std::time::{Duration, Instant};

pub struct Db {
    db: sled::Db,
    records: sled::Tree,
    failures: sled::Tree,
    heads: sled::Tree,
    file_hashes: sled::Tree,
    blob_stamps: sled::Tree,
    corrupt: sled::Tree,
}

/// The latest attempt of a stage instance (by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub key: StageKey,
    pub succeeded: bool,
}

/// A file's stamp and digest as last hashed, and when.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct StampedDigest {
    pub stamp: Stamp,
    pub digest: BlobDigest,
    pub taken_ns: i128,
}

impl StampedDigest {
    /// The digest, if `stamp` proves the content is what was hashed.
    pub fn trusted(&self, stamp: &Stamp) -> Option<BlobDigest> {
        (self.stamp == *stamp && !self.stamp.is_racy(self.taken_ns)).then_some(self.digest)
    }
}

const OPEN_TIMEOUT: Duration = Duration::from_secs(60);

impl Db {
    /// Opens the database at `path`, waiting while another process has it open.
    pub fn open(path: &Path) -> Result<Db, StoreError> {
        let started = Instant::now();
        let mut warned = false;
        loop {
            match sled::Config::new()
                .path(path)
                .mode(sled::Mode::LowSpace)
                .open()
            {
                Ok(db) => return Db::with_trees(db),
                Err(sled::Error::Io(e))
                    if e.kind() == std::io::ErrorKind::WouldBlock || is_lock_error(&e) =>
                {
                    if started.elapsed() > OPEN_TIMEOUT {
                        return Err(StoreError::Busy(path.to_path_buf()));
                    }
                    if !warned && started.elapsed() > Duration::from_secs(2) {
                        tracing::info!(
                            "waiting for {} (another lingcn process is writing)",
                            path.display()
                        );
                        warned = true;
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(StoreError::Db(path.to_path_buf(), e)),
            }
        }
    }

    fn with_trees(db: sled::Db) -> Result<Db, StoreError> {
        let tree = |name: &str| {
            db.open_tree(name)
                .map_err(|e| StoreError::Db("cache/db".into(), e))
        };
        Ok(Db {
            records: tree("records")?,
            failures: tree("failures")?,
            heads: tree("heads")?,
            file_hashes: tree("file_hashes")?,
            blob_stamps: tree("blob_stamps")?,
            corrupt: tree("corrupt")?,
            db,
        })
    }

    pub fn record(&self, key: &StageKey) -> Result<Option<StageRecord>, StoreError> {
        get(&self.records, key.as_bytes())
    }

    pub fn failure(&self, key: &StageKey) -> Result<Option<StageRecord>, StoreError> {
        get(&self.failures, key.as_bytes())
    }

    pub fn head(&self, stage: &str) -> Result<Option<Head>, StoreError> {
        get(&self.heads, stage.as_bytes())
    }

    /// The record of the latest attempt of `stage`, successful or not, as
    /// `stage`'s (a stage may have adopted a record another stage made).
    pub fn head_record(&self, stage: &str) -> Result<Option<StageRecord>, StoreError> {
        let record = match self.head(stage)? {
            Some(h) if h.succeeded => self.record(&h.key)?,
            Some(h) => self.failure(&h.key)?,
            None => None,
        };
        Ok(record.map(|r| r.as_stage(stage)))
    }

    /// Makes the successful record under `key` `stage`'s head: the stage's
    /// key matched a record another stage (or an earlier version of this
    /// one) made, and its outputs are intact.
    pub fn adopt(&self, stage: &str, key: StageKey) -> Result<(), StoreError> {
        let head = Head {
            key,
            succeeded: true,
        };
        let value = serde_json::to_vec(&head).expect("serializable");
        self.heads.insert(stage.as_bytes(), value).map_err(db_err)?;
        self.flush()
    }

    /// Stores a record and makes it the stage's head, atomically, and
    /// flushes: once this returns, the record survives a crash. Callers
    /// must have made every blob it names durable first.
    pub fn commit(&self, record: &StageRecord) -> Result<(), StoreError> {
        let succeeded = record.status == super::RunStatus::Succeeded;
        let head = Head {
            key: record.key,
            succeeded,
        };
        let tree = if succeeded {
            &self.records
        } else {
            &self.failures
        };
        let value = serde_json::to_vec(record).expect("serializable");
        let head_value = serde_json::to_vec(&head).expect("serializable");
        let res: sled::transaction::TransactionResult<(), ()> =
            (tree, &self.heads).transaction(|(t, h)| {
                t.insert(record.key.as_bytes().as_slice(), value.as_slice())?;
                h.insert(record.stage.as_bytes(), head_value.as_slice())?;
                Ok(())
            });
        res.map_err(|e| StoreError::Db("cache/db".into(), tx_error(e)))?;
        if succeeded {
            for (blob, _) in record.blobs() {
                self.corrupt.remove(blob.as_bytes()).map_err(db_err)?;
            }
        }
        self.flush()
    }

    pub fn all_records(&self) -> Result<Vec<StageRecord>, StoreError> {
        let mut out = Vec::new();
        for tree in [&self.records, &self.failures] {
            for item in tree.iter() {
                let (_, v) = item.map_err(db_err)?;
                out.push(decode(&v)?);
            }
        }
        Ok(out)
    }

    pub fn heads(&self) -> Result<Vec<(String, Head)>, StoreError> {
        self.heads
            .iter()
            .map(|item| {
                let (k, v) = item.map_err(db_err)?;
                Ok((String::from_utf8_lossy(&k).into_owned(), decode(&v)?))
            })
            .collect()
    }

    pub fn remove_record(&self, key: &StageKey) -> Result<(), StoreError> {
        self.records.remove(key.as_bytes()).map_err(db_err)?;
        self.failures.remove(key.as_bytes()).map_err(db_err)?;
        Ok(())
    }

    pub fn file_hash(&self, path: &Path) -> Result<Option<StampedDigest>, StoreError> {
        get(&self.file_hashes, path.as_os_str().as_encoded_bytes())
    }

    pub fn set_file_hash(
        &self,
        path: &Path,
        stamp: Stamp,
        digest: BlobDigest,
    ) -> Result<(), StoreError> {
        let entry = StampedDigest {
            stamp,
            digest,
            taken_ns: now_ns(),
        };
        put(
            &self.file_hashes,
            path.as_os_str().as_encoded_bytes(),
            &entry,
        )
    }

    pub fn blob_stamp(&self, blob: &BlobDigest) -> Result<Option<StampedDigest>, StoreError> {
        get(&self.blob_stamps, blob.as_bytes())
    }

    pub fn set_blob_stamp(&self, blob: &BlobDigest, stamp: Stamp) -> Result<(), StoreError> {
        put(
            &self.blob_stamps,
            blob.as_bytes(),
            &StampedDigest {
                stamp,
                digest: *blob,
                taken_ns: now_ns(),
            },
        )
    }

    pub fn forget_blob(&self, blob: &BlobDigest) -> Result<(), StoreError> {
        self.blob_stamps.remove(blob.as_bytes()).map_err(db_err)?;
        self.corrupt.remove(blob.as_bytes()).map_err(db_err)?;
        Ok(())
    }

    pub fn mark_corrupt(&self, blob: &BlobDigest) -> Result<(), StoreError> {
        self.corrupt.insert(blob.as_bytes(), &[]).map_err(db_err)?;
        self.blob_stamps.remove(blob.as_bytes()).map_err(db_err)?;
        Ok(())
    }

    pub fn is_corrupt(&self, blob: &BlobDigest) -> Result<bool, StoreError> {
        self.corrupt.contains_key(blob.as_bytes()).map_err(db_err)
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map(drop).map_err(db_err)
    }
}

fn is_lock_error(e: &std::io::Error) -> bool {
    e.to_string().contains("could not acquire lock")
}

fn tx_error(e: sled::transaction::TransactionError<()>) -> sled::Error {
    match e {
        sled::transaction::TransactionError::Storage(e) => e,
        sled::transaction::TransactionError::Abort(()) => {
            sled::Error::Unsupported("aborted".into())
        }
    }
}

fn db_err(e: sled::Error) -> StoreError {
    StoreError::Db("cache/db".into(), e)
}

fn get<T: DeserializeOwned>(tree: &sled::Tree, key: &[u8]) -> Result<Option<T>, StoreError> {
    tree.get(key)
        .map_err(db_err)?
        .map(|v| decode(&v))
        .transpose()
}

fn put<T: Serialize>(tree: &sled::Tree, key: &[u8], value: &T) -> Result<(), StoreError> {
    tree.insert(key, serde_json::to_vec(value).expect("serializable"))
        .map_err(db_err)?;
    Ok(())
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Decode(e.to_string()))
}
