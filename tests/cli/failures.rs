//! I/O and internal failures (a full disk, a damaged database): not the
//! user's input, so exit 5 (not 2), with the OS error and what to do.

use super::cache::DIAMOND;
use crate::common::{require, Project};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A project of DIAMOND that has run once.
fn ran_once() -> Project {
    let p = Project::new(DIAMOND);
    p.write("scale.txt", "1\n");
    p.lingcn(&["run"]).success();
    p
}

#[test]
fn a_damaged_database_exits_5_naming_it_with_what_to_do() {
    let p = ran_once();
    std::fs::remove_dir_all(p.path("cache/db")).unwrap();
    p.write("cache/db", "not a database\n");
    for args in [&["run"][..], &["status"]] {
        p.lingcn(args)
            .failure(5)
            .stderr_has("cache/db")
            .stderr_has("(os error")
            .stderr_has("help: the project's database (cache/db) cannot be read or written");
    }
    assert_eq!(
        p.read("cache/db"),
        "not a database\n",
        "the damaged file changed"
    );
}

/// A file size limit of 0 (`ulimit -f 0`): every write fails with EFBIG,
/// like a full disk, instead of the process being killed by SIGXFSZ.
#[test]
fn a_full_disk_exits_5_with_the_os_error_and_leaves_the_project_as_it_was() {
    let p = ran_once();
    p.edit("scale.txt", "1", "2");
    // Records, blobs and views; not cache/lock, whose holder line (for the
    // "who holds it" message) every run rewrites, and this one could not.
    let state = || {
        let mut s = p.state();
        s.remove("cache/lock");
        s
    };
    let before = state();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 0 && exec '{}' run",
            crate::common::bin().display()
        ))
        .current_dir(p.root())
        .env_remove("LINGCN_LOG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{:?}: {stderr}", out.status);
    assert!(stderr.contains("File too large (os error 27)"), "{stderr}");
    assert!(
        stderr.contains("help: the disk (or a file size limit) is full"),
        "{stderr}"
    );
    assert_eq!(before, state(), "the failed run changed the project");
    p.lingcn(&["verify"]).success();
    // With the limit gone, the run completes.
    p.lingcn(&["run"]).success();
}

/// A tmpfs of a few MiB on a temporary directory, unmounted on drop: a
/// disk that a stage can fill. Needs root (CAP_SYS_ADMIN).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(mib: u32) -> Result<SmallDisk, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mib}m"), "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "cannot mount a tmpfs (needs root): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// A stage that writes a 600 kB output (its metrics) and then, if the file
/// `fill` exists, fills the disk.
const FILLS: &str = r#"
[stages.big]
kind = "cmd"
cmd = "sh make.sh {out.m} {params.n}"
deps = ["make.sh"]
params = { n = 1, metrics = "m" }
outs = ["m"]
"#;

const MAKE: &str = r#"printf '{"pad":"%s","n":%s}' "$(head -c 600000 /dev/zero | tr '\0' a)" "$2" > "$1"
if [ -f fill ]; then cat /dev/zero > filler 2>/dev/null; fi
true
"#;

/// Issue 19's full-disk figure: a stage fills the disk, so its commit
/// cannot be written. The run ends at once (sled 0.34 alone hangs there and
/// leaves a database that reads as corrupt), exits 5 saying the disk is
/// full, and commits nothing: the old record and view stay, every blob is
/// intact, and once space is freed the next run completes.
#[test]
fn a_disk_filled_by_a_stage_fails_its_commit_cleanly_and_the_next_run_completes() {
    let disk = match SmallDisk::mount(32) {
        Ok(d) => d,
        Err(why) => {
            require::skip("full-disk", &why);
            return;
        }
    };
    let p = Project::new_in(disk.path(), FILLS);
    p.write("make.sh", MAKE);
    p.lingcn(&["run"]).success();
    let record = |p: &Project| p.lingcn(&["show", "big", "--json"]).success().stdout;
    let (before, view) = (record(&p), p.read("out/big/m"));
    p.edit("pipeline.toml", "n = 1,", "n = 2,");
    p.write("fill", "");
    let mut run = p
        .command(&["run"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while run.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = run.kill();
            panic!("lingcn run hung on the full disk");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = run.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("no space left on device"), "{stderr}");
    assert!(
        stderr.contains("help: the disk (or a file size limit) is full"),
        "{stderr}"
    );

    std::fs::remove_file(p.path("filler")).unwrap();
    std::fs::remove_file(p.path("fill")).unwrap();
    assert_eq!(record(&p), before, "the failed commit changed the record");
    assert_eq!(
        p.read("out/big/m"),
        view,
        "the failed commit changed the view"
    );
    p.lingcn(&["verify"]).success().stdout_has("all intact");
    p.lingcn(&["run"]).success();
    assert!(p.read("out/big/m").ends_with("\"n\":2}"));
}
