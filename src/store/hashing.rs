//! Content hashing of files and directories: mmap + multithreaded blake3 for
//! big files, and a stat fingerprint (size, mtime, inode) that lets an
//! unchanged file skip re-hashing, like git's index.

use super::digest::BlobDigest;
use serde::{Deserialize, Serialize};
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Files at least this big are hashed with mmap and rayon; below it, a plain
/// read is faster than setting up the mapping and the thread pool.
const MMAP_THRESHOLD: u64 = 4 << 20;

/// Identifies a file version without reading it. A change in any field means
/// the content may have changed. (ctime is left out on purpose: hard-linking
/// a blob into `out/` changes it without changing the content.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i128,
    pub ino: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        Stamp {
            size: meta.len(),
            mtime_ns: meta.mtime() as i128 * 1_000_000_000 + meta.mtime_nsec() as i128,
            ino: meta.ino(),
        }
    }

    /// A stamp taken within `RACY_NS` of the file's last change cannot prove
    /// the file unchanged: a write in the same clock tick keeps the mtime
    /// (git's "racy clean" problem). Such entries are always re-hashed.
    pub fn is_racy(&self, taken_at_ns: i128) -> bool {
        taken_at_ns - self.mtime_ns < RACY_NS
    }
}

const RACY_NS: i128 = 2_000_000_000;

pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// Hashes a file's content.
pub fn hash_file(path: &Path) -> io::Result<BlobDigest> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut hasher = blake3::Hasher::new();
    if size >= MMAP_THRESHOLD {
        hasher.update_mmap_rayon(path)?;
    } else {
        let mut buf = Vec::with_capacity(size as usize);
        file.read_to_end(&mut buf)?;
        hasher.update(&buf);
    }
    Ok(BlobDigest::from_hash(hasher.finalize()))
}

/// Hashes a file with one thread (for the benchmark's comparison).
pub fn hash_file_single(path: &Path) -> io::Result<BlobDigest> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_mmap(path)?;
    Ok(BlobDigest::from_hash(hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_big_files_hash_like_blake3() {
        let dir = tempfile::tempdir().unwrap();
        for size in [0usize, 10, MMAP_THRESHOLD as usize + 7] {
            let data: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
            let path = dir.path().join(format!("f{size}"));
            std::fs::write(&path, &data).unwrap();
            assert_eq!(hash_file(&path).unwrap(), BlobDigest::of(&data));
            assert_eq!(hash_file_single(&path).unwrap(), BlobDigest::of(&data));
        }
    }

    #[test]
    fn fresh_stamps_are_racy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"x").unwrap();
        let stamp = Stamp::of(&std::fs::metadata(&path).unwrap());
        assert!(stamp.is_racy(now_ns()));
        assert!(!stamp.is_racy(now_ns() + 10 * RACY_NS));
    }
}
