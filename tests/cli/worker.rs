//! The light `lingcn` and its worker executable: kinds that need libtorch or
//! SEAL run in `lingcn-worker`; a missing or mismatched worker is a clear
//! error naming it, and `status` never needs it.

use crate::common::{bin, Project};
use std::path::Path;

/// A `train` stage on a directory made by a `cmd` stage: the light executable
/// validates and keys it, and must hand it to the worker to run it.
const TRAIN: &str = r#"
[stages.data]
kind = "cmd"
cmd = "mkdir {out.d}"
outs = ["d"]

[stages.baseline]
kind = "train"
inputs = { data = "data.d" }
params = { train = { epochs = 1 } }
"#;

/// A copy of the light executable alone in a directory, without a worker beside it.
fn lonely_lingcn(p: &Project) -> std::path::PathBuf {
    let dir = p.root().join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("lingcn");
    std::fs::copy(bin(), &exe).unwrap();
    exe
}

fn lingcn_at(p: &Project, exe: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(exe)
        .args(args)
        .current_dir(p.root())
        .env_remove("LINGCN_WORKER")
        .env_remove("LINGCN_LOG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_missing_worker_is_named_before_anything_runs() {
    let p = Project::new(TRAIN);
    let exe = lonely_lingcn(&p);
    let before = p.state();
    let (code, _, stderr) = lingcn_at(&p, &exe, &["run"]);
    assert_eq!(code, 2, "{stderr}");
    let expected = exe.with_file_name("lingcn-worker");
    assert!(
        stderr.contains(&format!("{} not found", expected.display())),
        "{stderr}"
    );
    assert!(stderr.contains("kind `train`"), "{stderr}");
    assert!(stderr.contains("cargo build --release"), "{stderr}");
    assert_eq!(before, p.state(), "the refused run changed the project");
    // Status, dag and kinds need no worker.
    let (code, stdout, stderr) = lingcn_at(&p, &exe, &["status"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("baseline") && stdout.contains("never run"),
        "{stdout}"
    );
    let (code, stdout, _) = lingcn_at(&p, &exe, &["kinds"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("train") && stdout.contains("he-eval"),
        "{stdout}"
    );
}

#[test]
fn lingcn_worker_names_the_worker_it_was_given() {
    let p = Project::new(TRAIN);
    p.command(&["run"])
        .env("LINGCN_WORKER", "/nonexistent/lingcn-worker")
        .output()
        .map(|out| {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains("/nonexistent/lingcn-worker not found"),
                "{stderr}"
            );
        })
        .unwrap();
}

#[test]
fn benchmarks_that_need_libtorch_name_the_missing_worker() {
    let p = Project::new(TRAIN);
    let exe = lonely_lingcn(&p);
    let (code, _, stderr) = lingcn_at(&p, &exe, &["bench", "train", "--no-python"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("lingcn-worker not found"), "{stderr}");
}

#[test]
fn a_worker_from_other_sources_refuses_the_stage() {
    let p = Project::new(TRAIN);
    // A "worker" that passes the runner's arguments on with another build id,
    // as a lingcn-worker built from other sources would see them.
    p.write(
        "other-build.sh",
        &format!(
            "#!/bin/sh\nskip=0\nfor a in \"$@\"; do\n  shift\n  if [ $skip = 1 ]; then set -- \"$@\" 0000000000000000; skip=0; continue; fi\n  [ \"$a\" = --build-id ] && skip=1\n  set -- \"$@\" \"$a\"\ndone\nexec '{}' \"$@\"\n",
            bin().display()
        ),
    );
    let script = p.root().join("other-build.sh");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    let out = p
        .command(&["run"])
        .env("LINGCN_WORKER", &script)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("was built from other sources than the lingcn that started it"),
        "{stderr}"
    );
    assert!(stderr.contains("cargo build --release"), "{stderr}");
}

#[test]
fn a_worker_refuses_a_runner_of_another_build() {
    let p = Project::new(TRAIN);
    std::fs::create_dir_all(p.root().join("work")).unwrap();
    let out = p.lingcn(&[
        "worker",
        "--pipeline",
        "pipeline.toml",
        "--stage",
        "data",
        "--work-dir",
        "work",
        "--build-id",
        "0123456789abcdef",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("built from other sources"),
        "{}",
        out.stderr
    );
    let result = p.read("work/result.json");
    assert!(result.contains("built from other sources"), "{result}");
}
