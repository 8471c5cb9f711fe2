//! The project's persistent state: blobs in `artifacts/`, records in a sled
//! database in `cache/db`, materialized output views in `out/`, the writer
//! lock. sled and blake3 stay inside this module.
//!
//! # Invariant
//! A record is committed only after every blob it names is durable in
//! `artifacts/`; so a crash at any moment leaves either the old record or the
//! new one, never one that points at a missing or partial blob.

mod blobs;
mod db;
mod digest;
mod hashing;
mod lock;
mod records;
mod space;

pub use blobs::{BlobState, Blobs};
pub use db::{Db, Head};
pub use digest::{BlobDigest, Digest, StageKey};
pub use hashing::{hash_file, hash_file_single, Stamp};
pub use lock::ProjectLock;
pub use records::{FileEntry, InputMaterial, KeyMaterial, Output, RunStatus, StageRecord};
pub use space::ensure_free;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] io::Error),
    #[error("database {}: {}", .0.display(), .1)]
    Db(PathBuf, #[source] sled::Error),
    #[error("database {} stayed busy for a minute (another lingcn process keeps it open)", .0.display())]
    Busy(PathBuf),
    #[error("corrupt database entry: {0} (remove cache/db to start afresh)")]
    Decode(String),
    #[error("another lingcn run holds the project lock {} ({holder}); wait for it to finish, or stop it", path.display())]
    Locked { path: PathBuf, holder: String },
}

/// A project's store. Cheap to create; the database is opened on demand.
pub struct Store {
    root: PathBuf,
    pub blobs: Blobs,
}

/// A stage output a stage was expected to write but did not.
#[derive(Debug, thiserror::Error)]
#[error("output `{0}` was not produced")]
pub struct MissingOutput(pub String);

/// What [`Store::collect`] stored of a finished stage.
pub struct Collected {
    /// The outputs, or the first declared one the stage did not write.
    pub outputs: Result<BTreeMap<String, Output>, MissingOutput>,
    pub log: Option<BlobDigest>,
}

/// Whether a record's outputs are all present and intact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputsState {
    Intact,
    Missing(String),
    Corrupt(String),
}

impl Store {
    pub fn new(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
            blobs: Blobs::new(root.join("artifacts")),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// Scratch space for running stages; same filesystem as `artifacts/`,
    /// so finished outputs move into the store by rename.
    pub fn tmp_dir(&self) -> PathBuf {
        self.cache_dir().join("tmp")
    }

    /// Where a stage's outputs are shown to users and downstream stages.
    pub fn view_dir(&self, stage: &str) -> PathBuf {
        self.root.join("out").join(stage)
    }

    pub fn db_exists(&self) -> bool {
        self.cache_dir().join("db").exists()
    }

    /// Opens the database, unless the disk is too full for sled to write
    /// safely (see [`ensure_free`]).
    pub fn open_db(&self) -> Result<Db, StoreError> {
        fs::create_dir_all(self.cache_dir()).map_err(|e| StoreError::Io(self.cache_dir(), e))?;
        ensure_free(&self.cache_dir(), 0)?;
        Db::open(&self.cache_dir().join("db"))
    }

    pub fn lock(&self) -> Result<ProjectLock, StoreError> {
        ProjectLock::acquire(&self.cache_dir())
    }

    /// The content digest of a dep (file or directory), skipping the read
    /// when a trusted stamp says the file is unchanged.
    pub fn hash_path(&self, db: &Db, path: &Path) -> Result<BlobDigest, StoreError> {
        let meta = fs::metadata(path).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
        if meta.is_dir() {
            return self.hash_dir(db, path);
        }
        let stamp = Stamp::of(&meta);
        if let Some(d) = db.file_hash(path)?.and_then(|e| e.trusted(&stamp)) {
            return Ok(d);
        }
        let digest = hash_file(path).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
        db.set_file_hash(path, stamp, digest)?;
        Ok(digest)
    }

    fn hash_dir(&self, db: &Db, dir: &Path) -> Result<BlobDigest, StoreError> {
        dir_digest(dir, |file| self.hash_path(db, file))
    }
}

/// The digest [`Store::hash_path`] gives, computed without the database's
/// stamps (every file is read): for a worker, which has no database.
pub fn hash_path_uncached(path: &Path) -> Result<BlobDigest, StoreError> {
    let io_err = |e| StoreError::Io(path.to_path_buf(), e);
    if fs::metadata(path).map_err(io_err)?.is_dir() {
        return dir_digest(path, hash_path_uncached);
    }
    hash_file(path).map_err(io_err)
}

/// A directory's digest: of its listing, each file's path with its digest.
fn dir_digest(
    dir: &Path,
    mut file_digest: impl FnMut(&Path) -> Result<BlobDigest, StoreError>,
) -> Result<BlobDigest, StoreError> {
    let mut listing = BTreeMap::new();
    for rel in walk_files(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))? {
        let digest = file_digest(&dir.join(&rel))?;
        listing.insert(rel, digest);
    }
    Ok(BlobDigest::of(
        &serde_json::to_vec(&listing).expect("serializable"),
    ))
}

impl Store {
    /// Moves a finished stage's declared outputs (`None`: it failed, keep
    /// none) and its log into the blob store, as one batch of blobs
    /// ([`Blobs::insert_all`]): all durable on return.
    pub fn collect(
        &self,
        db: &Db,
        out_dir: &Path,
        names: Option<&[String]>,
        log: &Path,
    ) -> Result<Collected, StoreError> {
        let missing = names
            .unwrap_or_default()
            .iter()
            .find(|n| fs::symlink_metadata(out_dir.join(n)).is_err());
        let keep = match (names, missing) {
            (Some(names), None) => names,
            _ => &[],
        };
        // Each output is a file or a directory of files (relative paths).
        let mut listed: Vec<(&String, Option<Vec<String>>)> = Vec::new();
        let mut files = Vec::new();
        for name in keep {
            let path = out_dir.join(name);
            if path.is_dir() {
                let rels = walk_files(&path).map_err(|e| StoreError::Io(path.clone(), e))?;
                files.extend(rels.iter().map(|rel| path.join(rel)));
                listed.push((name, Some(rels)));
            } else {
                files.push(path);
                listed.push((name, None));
            }
        }
        let has_log = log.exists();
        if has_log {
            files.push(log.to_path_buf());
        }
        let mut blobs = self.blobs.insert_all(db, &files)?.into_iter();
        let mut outputs = BTreeMap::new();
        for (name, rels) in listed {
            let output = match rels {
                Some(rels) => Output::Dir {
                    files: rels
                        .into_iter()
                        .map(|rel| {
                            let (blob, size) = blobs.next().expect("one blob per file");
                            (rel, FileEntry { blob, size })
                        })
                        .collect(),
                },
                None => {
                    let (blob, size) = blobs.next().expect("one blob per file");
                    Output::File { blob, size }
                }
            };
            outputs.insert(name.clone(), output);
        }
        let log = has_log.then(|| blobs.next().expect("the log's blob").0);
        let outputs = match missing {
            Some(m) => Err(MissingOutput(m.clone())),
            None => Ok(outputs),
        };
        Ok(Collected { outputs, log })
    }

    /// Checks every blob a record's outputs refer to.
    pub fn check_outputs(&self, db: &Db, record: &StageRecord) -> Result<OutputsState, StoreError> {
        for (name, output) in &record.outputs {
            for (blob, _) in output.blobs() {
                match self.blobs.check(db, &blob)? {
                    BlobState::Ok => {}
                    BlobState::Missing => return Ok(OutputsState::Missing(name.clone())),
                    BlobState::Corrupt => return Ok(OutputsState::Corrupt(name.clone())),
                }
            }
        }
        Ok(OutputsState::Intact)
    }

    /// Rebuilds `out/<stage>/` to show a record's outputs (hard links to
    /// blobs). Built aside and renamed into place, so readers never see a
    /// half-made view.
    pub fn materialize(&self, record: &StageRecord) -> Result<PathBuf, StoreError> {
        let view = self.view_dir(&record.stage);
        if self.view_is_current(&view, record) {
            return Ok(view);
        }
        let parent = view.parent().expect("out/ has a parent").to_path_buf();
        let staging = parent.join(format!(".{}.{}", record.stage, std::process::id()));
        let io_err = |p: &Path, e| StoreError::Io(p.to_path_buf(), e);
        remove_any(&staging).map_err(|e| io_err(&staging, e))?;
        fs::create_dir_all(&staging).map_err(|e| io_err(&staging, e))?;
        for (name, output) in &record.outputs {
            match output {
                Output::File { blob, .. } => self
                    .blobs
                    .materialize(blob, &staging.join(name))
                    .map_err(|e| io_err(&staging, e))?,
                Output::Dir { files } => {
                    fs::create_dir_all(staging.join(name)).map_err(|e| io_err(&staging, e))?;
                    for (rel, entry) in files {
                        let dest = staging.join(name).join(rel);
                        self.blobs
                            .materialize(&entry.blob, &dest)
                            .map_err(|e| io_err(&dest, e))?;
                    }
                }
            }
        }
        remove_any(&view).map_err(|e| io_err(&view, e))?;
        fs::rename(&staging, &view).map_err(|e| io_err(&view, e))?;
        Ok(view)
    }
}

impl Store {
    /// Whether `view` already shows exactly the record's outputs: the same
    /// names, each file a link to its blob (same inode).
    fn view_is_current(&self, view: &Path, record: &StageRecord) -> bool {
        use std::os::unix::fs::MetadataExt;
        let same = |path: &Path, blob: &BlobDigest| match (
            fs::metadata(path),
            fs::metadata(self.blobs.path(blob)),
        ) {
            (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
            _ => false,
        };
        let names: Vec<String> = fs::read_dir(view)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if names.len() != record.outputs.len() {
            return false;
        }
        record.outputs.iter().all(|(name, output)| match output {
            Output::File { blob, .. } => same(&view.join(name), blob),
            Output::Dir { files } => {
                walk_files(&view.join(name)).is_ok_and(|listed| listed.iter().eq(files.keys()))
                    && files
                        .iter()
                        .all(|(rel, f)| same(&view.join(name).join(rel), &f.blob))
            }
        })
    }
}

/// Relative paths of all files under `dir`, sorted, following no symlinks
/// out of it (a symlink to a file counts as that file).
pub fn walk_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        for entry in fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let child = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                todo.push(child);
            } else {
                files.push(child.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Removes a file or directory tree if it exists (read-only files included).
pub fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uncached_digest_is_the_cached_one() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("d/e")).unwrap();
        fs::write(dir.path().join("d/a"), "a").unwrap();
        fs::write(dir.path().join("d/e/b"), "b").unwrap();
        let store = Store::new(dir.path());
        let db = store.open_db().unwrap();
        for rel in ["d", "d/a", "d/e"] {
            let path = dir.path().join(rel);
            assert_eq!(
                store.hash_path(&db, &path).unwrap(),
                hash_path_uncached(&path).unwrap(),
                "{rel}"
            );
        }
    }
}
