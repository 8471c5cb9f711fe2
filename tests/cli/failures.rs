//! I/O and internal failures (a full disk, a damaged database): not the
//! user's input, so exit 5 (not 2), with the OS error and what to do.

use super::cache::DIAMOND;
use crate::common::Project;

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
