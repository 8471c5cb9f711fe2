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
        "--work-dir",
        "work",
        "--key",
        &"0".repeat(64),
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

/// A `cmd` stage whose parameters live in a params file.
const FROM_PARAMS: &str = r#"
[stages.msg]
kind = "cmd"
params = "stages/msg.toml"
outs = ["o"]
"#;

const MSG_PARAMS: &str = "cmd = \"echo {params.word} > {out.o}\"\nword = \"old\"\n";

/// Writes into `work` the order `lingcn run` hands the worker of `stage`
/// (a stage without inputs); returns its key.
fn hand_over(p: &Project, stage: &str, work: &Path) -> String {
    use lingcn::engine::{order::WorkOrder, stage_key, Project as Loaded, Registry};
    let mut registry = Registry::default();
    lingcn::stages::register_builtin(&mut registry);
    let project = Loaded::load(&p.path("pipeline.toml"), &registry).unwrap();
    let i = project.index(stage).unwrap();
    let db = project.store.open_db().unwrap();
    let material = project.material(&db, i, &Default::default()).unwrap();
    let key = stage_key(&material);
    std::fs::create_dir_all(work).unwrap();
    WorkOrder::new(project.place(i), key, material)
        .write(work)
        .unwrap();
    key.to_string()
}

fn worker_in(p: &Project, work: &Path, key: &str) -> (i32, String) {
    let out = p
        .command(&["worker", "--key", key, "--work-dir"])
        .arg(work)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_worker_runs_its_order_not_the_params_file_edited_since() {
    let p = Project::new(FROM_PARAMS);
    p.write("stages/msg.toml", MSG_PARAMS);
    let work = p.path("work");
    let key = hand_over(&p, "msg", &work);
    p.edit("stages/msg.toml", "\"old\"", "\"new\"");
    let (code, stderr) = worker_in(&p, &work, &key);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(p.read("work/out/o"), "old\n");
}

#[test]
fn a_worker_refuses_an_order_that_is_not_what_was_keyed() {
    let p = Project::new(FROM_PARAMS);
    p.write("stages/msg.toml", MSG_PARAMS);
    let work = p.path("work");
    let key = hand_over(&p, "msg", &work);

    // Another key than the runner's: a stale order, or a job of another run.
    let other = "0".repeat(64);
    let (code, stderr) = worker_in(&p, &work, &other);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("the runner asked for {other}")),
        "{stderr}"
    );

    // Parameters changed after keying: they would hash to another key.
    p.edit("work/order.json", "\"word\":\"old\"", "\"word\":\"new\"");
    let (code, stderr) = worker_in(&p, &work, &key);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("not to its key {key}; refusing to run it")),
        "{stderr}"
    );
    let result = p.read("work/result.json");
    assert!(result.contains("refusing to run it"), "{result}");
    assert!(!p.path("work/out/o").exists(), "the refused stage ran");

    // No order at all: a worker started by hand.
    let (code, stderr) = worker_in(&p, &p.path("elsewhere"), &key);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("order.json"), "{stderr}");
}

#[test]
fn a_worker_refuses_a_stage_whose_dep_changed_after_keying() {
    let p = Project::new(
        "[stages.msg]\nkind = \"cmd\"\ncmd = \"cat msg.txt > {out.o}\"\ndeps = [\"msg.txt\", \"dir\"]\nouts = [\"o\"]\n",
    );
    p.write("msg.txt", "old\n");
    p.write("dir/a.txt", "a\n");
    let work = p.path("work");
    let key = hand_over(&p, "msg", &work);
    p.write("dir/a.txt", "b\n");
    let (code, stderr) = worker_in(&p, &work, &key);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("dep `dir` changed after `lingcn run` keyed the stage"),
        "{stderr}"
    );
    assert!(!p.path("work/out/o").exists(), "the refused stage ran");
    // Back as keyed: it runs.
    p.write("dir/a.txt", "a\n");
    let (code, stderr) = worker_in(&p, &work, &key);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(p.read("work/out/o"), "old\n");
}
