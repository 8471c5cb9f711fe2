//! A temporary project and a runner for the real binary.

pub mod require;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Project {
    dir: tempfile::TempDir,
}

pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, text: &str) -> Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    /// The "N ran, M cached" summary of a run.
    pub fn ran_cached(&self) -> (usize, usize) {
        let line = self
            .stderr
            .lines()
            .find(|l| l.contains(" ran, "))
            .unwrap_or_else(|| panic!("no summary in:\n{}", self.stderr));
        let words: Vec<&str> = line.split_whitespace().collect();
        (words[0].parse().unwrap(), words[2].parse().unwrap())
    }
}

/// The light `lingcn` executable, the one users call. In the worker package's
/// test build it is the sibling of `lingcn-worker` (a workspace build makes both).
pub fn bin() -> PathBuf {
    #[cfg(not(feature = "ml"))]
    let path = PathBuf::from(env!("CARGO_BIN_EXE_lingcn"));
    #[cfg(feature = "ml")]
    let path = PathBuf::from(env!("CARGO_BIN_EXE_lingcn-worker")).with_file_name("lingcn");
    assert!(
        path.is_file(),
        "{} not built: run the tests of the whole workspace (`cargo test` at the top)",
        path.display()
    );
    path
}

/// `lingcn-worker`, the executable with libtorch and SEAL (worker package only).
#[cfg(feature = "ml")]
pub fn worker_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_lingcn-worker"))
}

impl Project {
    pub fn new(pipeline: &str) -> Project {
        Project::new_in(&std::env::temp_dir(), pipeline)
    }

    /// A project in a new directory under `parent` (e.g. on a small filesystem).
    pub fn new_in(parent: &Path, pipeline: &str) -> Project {
        let p = Project {
            dir: tempfile::tempdir_in(parent).expect("temp dir"),
        };
        p.write("pipeline.toml", pipeline);
        p
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces `from` by `to` in a project file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} lacks {from:?}");
        self.write(rel, &text.replace(from, to));
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(bin());
        cmd.args(args)
            .current_dir(self.root())
            .env_remove("LINGCN_LOG")
            .env_remove("LINGCN_WORKER")
            .stdin(Stdio::null());
        cmd
    }

    pub fn lingcn(&self, args: &[&str]) -> Outcome {
        let out = self.command(args).output().expect("run lingcn");
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Every file under cache/, artifacts/ and out/ with its size and mtime,
    /// to show that a failed command left them as they were.
    pub fn state(&self) -> BTreeMap<String, (u64, std::time::SystemTime)> {
        let mut state = BTreeMap::new();
        for top in ["cache", "artifacts", "out"] {
            let mut todo = vec![self.path(top)];
            while let Some(dir) = todo.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for e in entries.flatten() {
                    let meta = e.metadata().unwrap();
                    if meta.is_dir() {
                        todo.push(e.path());
                    } else {
                        let rel = e
                            .path()
                            .strip_prefix(self.root())
                            .unwrap()
                            .to_string_lossy()
                            .into_owned();
                        state.insert(rel, (meta.len(), meta.modified().unwrap()));
                    }
                }
            }
        }
        state
    }
}

/// Waits until `cond` holds (polling), panicking after `secs`.
#[track_caller]
#[cfg_attr(feature = "ml", allow(dead_code))] // the light package uses it
pub fn wait_for(secs: u64, what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while !cond() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A script standing in for the worker executable `real`: it runs the shell
/// code `before` (with `$work` and `$key` set from the runner's arguments,
/// in the runner's directory), then execs `real` with the same arguments.
/// For tests that act while a stage is handed over: edit a params file,
/// keep a copy of the work order.
#[cfg_attr(not(feature = "ml"), allow(dead_code))] // the worker package uses it
pub fn worker_wrapper(p: &Project, real: &Path, before: &str) -> PathBuf {
    let script = p.path("wrapped-worker.sh");
    let text = format!(
        "#!/bin/sh\nprev=\nfor a in \"$@\"; do\n  case \"$prev\" in --work-dir) work=$a;; --key) key=$a;; esac\n  prev=$a\ndone\n{before}\nexec '{}' \"$@\"\n",
        real.display()
    );
    std::fs::write(&script, text).unwrap();
    let mut perms = std::fs::metadata(&script).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).unwrap();
    script
}
