//! Child process groups started by stages, listed in `cache/running/` while
//! they run. `PR_SET_PDEATHSIG` kills a stage's direct child when the runner
//! dies, but not the grandchildren a shell starts; so the next run, once it
//! holds the project lock, kills every group a dead runner left listed.

use std::fs;
use std::path::{Path, PathBuf};

/// Removes its entry from `cache/running/` when dropped (the group has ended).
pub struct ProcessGuard {
    path: Option<PathBuf>,
}

impl ProcessGuard {
    pub fn register(cache_dir: &Path, pgid: u32) -> ProcessGuard {
        let dir = cache_dir.join("running");
        let path = dir.join(pgid.to_string());
        match fs::create_dir_all(&dir)
            .and_then(|_| fs::write(&path, std::process::id().to_string()))
        {
            Ok(()) => ProcessGuard { path: Some(path) },
            Err(e) => {
                tracing::warn!(
                    "cannot record child process group {pgid} in {}: {e}",
                    dir.display()
                );
                ProcessGuard { path: None }
            }
        }
    }
}

impl Drop for ProcessGuard {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = fs::remove_file(path);
        }
    }
}

/// Kills the process groups that runners no longer alive left behind.
/// Call only while holding the project lock (so no live runner owns them).
pub fn reap_orphans(cache_dir: &Path) {
    let Ok(entries) = fs::read_dir(cache_dir.join("running")) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(pgid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if pgid > 1 {
            // SAFETY: killpg only sends a signal; a group that is gone gives ESRCH.
            unsafe { libc::killpg(pgid, libc::SIGKILL) };
            tracing::info!("stopped process group {pgid} left by an interrupted run");
        }
        let _ = fs::remove_file(entry.path());
    }
}
