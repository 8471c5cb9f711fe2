//! Free space on the store's filesystem, checked before the database is
//! opened and before a stage is committed. sled 0.34 does not survive
//! running out of space mid-write: measured on a full tmpfs, its log
//! flusher failed with ENOSPC, `lingcn run` then waited forever, and the
//! database read as corrupt afterwards, even once space was freed. So the
//! store refuses, with the disk-full error, while sled has not written yet.

use super::StoreError;
use std::io;
use std::path::Path;

/// What the database may need for its own bookkeeping (sled writes whole
/// segments, and a snapshot beside them), on top of what is committed.
pub const HEADROOM: u64 = 8 << 20;

/// Fails with a "storage full" error naming `dir` unless its filesystem has
/// `HEADROOM + extra` bytes available.
pub fn ensure_free(dir: &Path, extra: u64) -> Result<(), StoreError> {
    let need = HEADROOM + extra;
    let available = available(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
    if available >= need {
        return Ok(());
    }
    let why = format!(
        "no space left on device: {} available, and lingcn needs {} free to write \
         its database without risking it",
        mib(available),
        mib(need)
    );
    Err(StoreError::Io(
        dir.to_path_buf(),
        io::Error::new(io::ErrorKind::StorageFull, why),
    ))
}

/// Bytes an unprivileged process may still write on `dir`'s filesystem.
fn available(dir: &Path) -> io::Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is NUL-terminated and `stat` is a valid out-pointer.
    if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(stat.f_bavail as u64 * stat.f_frsize as u64)
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
}
