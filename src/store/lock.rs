//! One writer per project: an OS file lock on `cache/lock`, which also holds
//! the holder's pid and start time for the "who holds it" message. The OS
//! drops the lock when its holder dies, so a lock left by `kill -9` is taken
//! over without any flag.

use super::StoreError;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
    path: PathBuf,
}

impl ProjectLock {
    pub fn acquire(cache_dir: &Path) -> Result<ProjectLock, StoreError> {
        fs::create_dir_all(cache_dir).map_err(|e| StoreError::Io(cache_dir.to_path_buf(), e))?;
        let path = cache_dir.join("lock");
        let io_err = |e| StoreError::Io(path.clone(), e);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                return Err(StoreError::Locked {
                    path: path.clone(),
                    holder: holder.trim().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
        file.set_len(0).map_err(io_err)?;
        let started = chrono_like_now();
        write!(file, "pid {} since {started}", std::process::id()).map_err(io_err)?;
        file.sync_all().map_err(io_err)?;
        Ok(ProjectLock { _file: file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Seconds since the Unix epoch, human enough for a lock message.
fn chrono_like_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("unix time {secs}")
}
