//! Content-addressed blobs under `artifacts/`: `artifacts/ab/cdef...` holds
//! the file whose blake3 digest is `abcdef...`. Blobs are read-only, written
//! by an fsync + atomic rename, and deduplicated.

use super::db::Db;
use super::digest::BlobDigest;
use super::hashing::{hash_file, Stamp};
use super::StoreError;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

pub struct Blobs {
    dir: PathBuf,
}

/// What checking a blob found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobState {
    Ok,
    Missing,
    Corrupt,
}

impl Blobs {
    pub fn new(dir: PathBuf) -> Blobs {
        Blobs { dir }
    }

    pub fn path(&self, blob: &BlobDigest) -> PathBuf {
        let hex = blob.hex();
        self.dir.join(&hex[..2]).join(&hex[2..])
    }

    /// Moves `file` into the store (or drops it if an intact copy is already
    /// there) and returns its digest and size. The blob is durable on return.
    pub fn insert(&self, db: &Db, file: &Path) -> Result<(BlobDigest, u64), StoreError> {
        let mut one = self.insert_all(db, &[file.to_path_buf()])?;
        Ok(one.remove(0))
    }

    /// [`Blobs::insert`] for several files at once, with the same guarantee
    /// (every blob durable on return, none visible before its content is):
    /// each file is fsynced before it is renamed into place and each shard
    /// directory after, but the fsyncs of a batch run side by side, so a
    /// stage's outputs and log cost about one round of fsyncs instead of one
    /// per file (ext4's journal commits concurrent fsyncs together).
    pub fn insert_all(
        &self,
        db: &Db,
        files: &[PathBuf],
    ) -> Result<Vec<(BlobDigest, u64)>, StoreError> {
        let mut out = Vec::with_capacity(files.len());
        let mut moves: Vec<(&Path, PathBuf, BlobDigest)> = Vec::new();
        for file in files {
            let io_err = |e| StoreError::Io(file.to_path_buf(), e);
            let digest = hash_file(file).map_err(io_err)?;
            let size = fs::metadata(file).map_err(io_err)?.len();
            out.push((digest, size));
            let dest = self.path(&digest);
            let queued = moves.iter().any(|(_, _, d)| *d == digest);
            if queued || (dest.exists() && self.check(db, &digest)? == BlobState::Ok) {
                fs::remove_file(file).map_err(io_err)?;
                continue;
            }
            let shard = dest.parent().expect("sharded path");
            fs::create_dir_all(shard).map_err(|e| StoreError::Io(shard.to_path_buf(), e))?;
            moves.push((file, dest, digest));
        }
        let contents: Vec<&Path> = moves.iter().map(|(file, _, _)| *file).collect();
        side_by_side(&contents, |f| fs::File::open(f)?.sync_all())?;
        for (file, dest, _) in &moves {
            let io_err = |e| StoreError::Io(file.to_path_buf(), e);
            fs::set_permissions(file, fs::Permissions::from_mode(0o444)).map_err(io_err)?;
            fs::rename(file, dest).map_err(io_err)?;
        }
        let mut shards: Vec<&Path> = moves
            .iter()
            .map(|(_, dest, _)| dest.parent().expect("sharded path"))
            .collect();
        shards.sort();
        shards.dedup();
        side_by_side(&shards, sync_dir)?;
        for (_, dest, digest) in &moves {
            let stamp =
                Stamp::of(&fs::metadata(dest).map_err(|e| StoreError::Io(dest.clone(), e))?);
            db.forget_blob(digest)?;
            db.set_blob_stamp(digest, stamp)?;
        }
        Ok(out)
    }

    /// Checks a blob cheaply: a trusted stamp proves it intact; otherwise it
    /// is re-hashed (and the finding remembered).
    pub fn check(&self, db: &Db, blob: &BlobDigest) -> Result<BlobState, StoreError> {
        let path = self.path(blob);
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BlobState::Missing),
            Err(e) => return Err(StoreError::Io(path, e)),
        };
        if db.is_corrupt(blob)? {
            return Ok(BlobState::Corrupt);
        }
        let stamp = Stamp::of(&meta);
        if db
            .blob_stamp(blob)?
            .and_then(|s| s.trusted(&stamp))
            .is_some()
        {
            return Ok(BlobState::Ok);
        }
        self.rehash(db, blob)
    }

    /// Re-hashes a blob and records the result.
    pub fn rehash(&self, db: &Db, blob: &BlobDigest) -> Result<BlobState, StoreError> {
        let path = self.path(blob);
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BlobState::Missing),
            Err(e) => return Err(StoreError::Io(path, e)),
        };
        let actual = hash_file(&path).map_err(|e| StoreError::Io(path.clone(), e))?;
        if actual == *blob {
            db.forget_blob(blob)?;
            db.set_blob_stamp(blob, Stamp::of(&meta))?;
            Ok(BlobState::Ok)
        } else {
            db.mark_corrupt(blob)?;
            Ok(BlobState::Corrupt)
        }
    }

    /// Every blob file present.
    pub fn list(&self) -> Result<Vec<BlobDigest>, StoreError> {
        let mut blobs = Vec::new();
        let shards = match fs::read_dir(&self.dir) {
            Ok(s) => s,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(blobs),
            Err(e) => return Err(StoreError::Io(self.dir.clone(), e)),
        };
        for shard in shards {
            let shard = shard.map_err(|e| StoreError::Io(self.dir.clone(), e))?;
            let prefix = shard.file_name().to_string_lossy().into_owned();
            if prefix.len() != 2 || !shard.path().is_dir() {
                continue;
            }
            for entry in fs::read_dir(shard.path()).map_err(|e| StoreError::Io(shard.path(), e))? {
                let name = entry
                    .map_err(|e| StoreError::Io(shard.path(), e))?
                    .file_name();
                if let Ok(d) = format!("{prefix}{}", name.to_string_lossy()).parse() {
                    blobs.push(d);
                }
            }
        }
        blobs.sort();
        Ok(blobs)
    }

    pub fn remove(&self, db: &Db, blob: &BlobDigest) -> Result<u64, StoreError> {
        let path = self.path(blob);
        let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::Io(path, e)),
        }
        db.forget_blob(blob)?;
        Ok(size)
    }

    /// Makes `dest` show the blob: a hard link (cheap, shares the read-only
    /// inode), or a copy where links are impossible.
    pub fn materialize(&self, blob: &BlobDigest, dest: &Path) -> io::Result<()> {
        let src = self.path(blob);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::hard_link(&src, dest).or_else(|_| fs::copy(&src, dest).map(drop))
    }
}

/// Runs `f` on every path, up to 32 at a time on their own threads (for
/// fsyncs, which mostly wait); the first error names its path.
fn side_by_side(
    paths: &[&Path],
    f: impl Fn(&Path) -> io::Result<()> + Sync,
) -> Result<(), StoreError> {
    if let [one] = paths {
        return f(one).map_err(|e| StoreError::Io(one.to_path_buf(), e));
    }
    for chunk in paths.chunks(32) {
        std::thread::scope(|scope| {
            let f = &f;
            let running: Vec<_> = chunk
                .iter()
                .map(|p| scope.spawn(move || f(p).map_err(|e| StoreError::Io(p.to_path_buf(), e))))
                .collect();
            running
                .into_iter()
                .try_for_each(|r| r.join().expect("an fsync thread panicked"))
        })?;
    }
    Ok(())
}

/// fsync a directory so that a rename inside it survives power loss.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}
