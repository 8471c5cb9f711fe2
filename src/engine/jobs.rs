//! Stages running right now, listed as files in `cache/jobs/` by the run
//! that started them: `status` shows them (with Slurm job ids), `cancel`
//! and the next run after a crash find the Slurm jobs to cancel.

use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningJob {
    pub stage: String,
    /// The Slurm job id, for stages run by the Slurm executor.
    pub slurm_job: Option<String>,
    /// The `lingcn run` process that started it.
    pub runner_pid: u32,
}

/// Removes the entry when the stage ends.
pub struct JobGuard {
    path: Option<PathBuf>,
}

impl JobGuard {
    pub fn register(cache_dir: &Path, stage: &str, slurm_job: Option<&str>) -> JobGuard {
        let dir = cache_dir.join("jobs");
        let path = dir.join(file_name(stage));
        let job = RunningJob {
            stage: stage.to_string(),
            slurm_job: slurm_job.map(str::to_string),
            runner_pid: std::process::id(),
        };
        let written = fs::create_dir_all(&dir)
            .and_then(|_| fs::write(&path, serde_json::to_vec(&job).expect("serializable")));
        match written {
            Ok(()) => JobGuard { path: Some(path) },
            Err(e) => {
                tracing::warn!(
                    "cannot record running stage {stage} in {}: {e}",
                    dir.display()
                );
                JobGuard { path: None }
            }
        }
    }
}

impl Drop for JobGuard {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = fs::remove_file(path);
        }
    }
}

/// Entries whose runner process is still alive.
pub fn running(cache_dir: &Path) -> Vec<RunningJob> {
    entries(cache_dir)
        .into_iter()
        .filter(|(_, j)| alive(j.runner_pid))
        .map(|(_, j)| j)
        .collect()
}

/// Cancels the Slurm jobs of runners that died and forgets their entries.
/// Call only while holding the project lock.
pub fn reap(cache_dir: &Path) {
    for (path, job) in entries(cache_dir) {
        if alive(job.runner_pid) && job.runner_pid != std::process::id() {
            continue;
        }
        if let Some(id) = &job.slurm_job {
            tracing::info!(
                "cancelling slurm job {id} ({}) left by an interrupted run",
                job.stage
            );
            super::slurm::cancel(id);
        }
        let _ = fs::remove_file(path);
    }
}

fn entries(cache_dir: &Path) -> Vec<(PathBuf, RunningJob)> {
    let Ok(dir) = fs::read_dir(cache_dir.join("jobs")) else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| {
            let job = serde_json::from_slice(&fs::read(e.path()).ok()?).ok()?;
            Some((e.path(), job))
        })
        .collect()
}

fn alive(pid: u32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    unsafe { libc::kill(pid as i32, 0) == 0 }
}

fn file_name(stage: &str) -> String {
    stage
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}
