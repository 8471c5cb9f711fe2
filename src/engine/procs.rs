//! Child process groups started by stages, listed in `cache/running/` while
//! they run. `PR_SET_PDEATHSIG` kills a stage's direct child when the runner
//! dies, but not the grandchildren a shell starts; so the next run, once it
//! holds the project lock, kills every group a dead runner left listed.

use super::{StageContext, StageError};
use std::fs;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

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

/// How long a cancelled child gets between SIGTERM and SIGKILL.
const GRACE: Duration = Duration::from_secs(3);

/// Starts `command` as the leader of a new process group that dies with
/// this process, and lists the group for the stage (see `reap_orphans`).
pub fn spawn_group(command: &mut Command, ctx: &StageContext) -> io::Result<(Child, ProcessGuard)> {
    command.process_group(0);
    // SAFETY: prctl is async-signal-safe; it only sets a flag on the child.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let child = command.spawn()?;
    let guard = ctx.track_process_group(child.id());
    Ok((child, guard))
}

/// Waits for a child started by `spawn_group`; on cancellation stops its
/// whole process group (SIGTERM, then SIGKILL after a grace period).
pub fn wait_group(child: &mut Child, ctx: &StageContext) -> Result<ExitStatus, StageError> {
    let group = child.id() as i32;
    let mut term_sent: Option<Instant> = None;
    // A pidfd wakes us the moment the child exits and lets us look at the
    // cancel flag every 50 ms. Without one (Linux < 5.3): poll quickly at
    // first (most commands in small pipelines are short), then every 50 ms.
    let pidfd = pidfd_open(child.id());
    let mut nap = Duration::from_micros(200);
    loop {
        if let Some(status) = child.try_wait()? {
            if term_sent.is_some() {
                return Err(StageError::Cancelled);
            }
            return Ok(status);
        }
        if ctx.cancelled() {
            match term_sent {
                None => {
                    // SAFETY: signals our own child's process group.
                    unsafe { libc::killpg(group, libc::SIGTERM) };
                    term_sent = Some(Instant::now());
                }
                Some(t) if t.elapsed() > GRACE => unsafe {
                    libc::killpg(group, libc::SIGKILL);
                },
                _ => {}
            }
        }
        match &pidfd {
            Some(fd) => wait_readable(fd, Duration::from_millis(50)),
            None => {
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(50));
            }
        }
    }
}

/// A file descriptor that becomes readable when process `pid` exits.
fn pidfd_open(pid: u32) -> Option<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
    // SAFETY: a non-negative return is a descriptor we now own.
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// Waits until `fd` is readable or `timeout` passes (or a signal arrives).
fn wait_readable(fd: &OwnedFd, timeout: Duration) {
    let mut pfd = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd for the duration of the call.
    unsafe { libc::poll(&mut pfd, 1, timeout.as_millis() as libc::c_int) };
}

/// How a child that did not succeed ended: "exited with status 2",
/// "was killed by signal 9".
pub fn describe_exit(status: &ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with status {code}"),
        (None, Some(sig)) => format!("was killed by signal {sig}"),
        (None, None) => "ended abnormally".to_string(),
    }
}
