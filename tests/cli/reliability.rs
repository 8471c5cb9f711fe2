//! Crash safety, locking and corruption, with the real binary.

use crate::common::{wait_for, Project};

const SLOW: &str = r#"
[stages.fast]
kind = "cmd"
cmd = "echo fast > {out.o}"
outs = ["o"]

[stages.slow]
kind = "cmd"
inputs = { x = "fast" }
cmd = "echo partial > {out.o}; echo $$ > child.pid; sleep {params.secs}; echo done >> {out.o}"
params = { secs = 30 }
outs = ["o"]
"#;

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks for existence.
    unsafe { libc::kill(pid, 0) == 0 }
}

#[test]
fn kill_9_mid_stage_leaves_no_partial_record_and_the_next_run_completes() {
    let p = Project::new(SLOW);
    let mut run = p
        .command(&["run"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(20, "the slow stage to start", || {
        p.path("child.pid").exists() && !p.read("child.pid").is_empty()
    });
    let child: i32 = p.read("child.pid").trim().parse().unwrap();
    unsafe { libc::kill(run.id() as i32, libc::SIGKILL) };
    run.wait().unwrap();
    wait_for(5, "the orphaned stage command to die", || !alive(child));

    p.lingcn(&["status"])
        .success()
        .stdout_has("fast  up to date")
        .stdout_has("slow  never run");
    p.lingcn(&["verify"]).success().stdout_has("all intact");
    assert!(!p.path("out/slow").exists());

    p.edit("pipeline.toml", "secs = 30", "secs = 0");
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (1, 1));
    assert_eq!(p.read("out/slow/o"), "partial\ndone\n");
}

#[test]
fn second_concurrent_run_fails_at_once_naming_the_holder_and_status_still_works() {
    let p = Project::new(SLOW);
    p.edit("pipeline.toml", "secs = 30", "secs = 5");
    let mut first = p
        .command(&["run"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(20, "the slow stage to start", || {
        p.path("child.pid").exists()
    });
    let started = std::time::Instant::now();
    p.lingcn(&["run"])
        .failure(3)
        .stderr_has("another lingcn run holds the project lock")
        .stderr_has(&format!("pid {}", first.id()));
    assert!(
        started.elapsed().as_secs() < 3,
        "the second run must fail at once"
    );
    p.lingcn(&["status"])
        .success()
        .stdout_has("fast  up to date");
    assert!(first.wait().unwrap().success());
    p.lingcn(&["status"])
        .success()
        .stdout_has("2 stages: 2 up to date");
}

#[test]
fn lock_of_a_killed_run_is_taken_over() {
    let p = Project::new(SLOW);
    let mut run = p
        .command(&["run"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(20, "the slow stage to start", || {
        p.path("child.pid").exists()
    });
    unsafe { libc::kill(run.id() as i32, libc::SIGKILL) };
    run.wait().unwrap();
    p.edit("pipeline.toml", "secs = 30", "secs = 0");
    p.lingcn(&["run"]).success();
}

#[test]
fn corrupt_blob_is_caught_by_verify_and_status_and_recreated_by_run() {
    let p = Project::new(
        "[stages.a]\nkind = \"cmd\"\ncmd = \"echo hello > {out.o}\"\nouts = [\"o\"]\n",
    );
    p.lingcn(&["run"]).success();
    let digest = blake3::hash(b"hello\n").to_hex().to_string();
    let blob = p.path(&format!("artifacts/{}/{}", &digest[..2], &digest[2..]));
    assert!(blob.exists());
    let mut perms = std::fs::metadata(&blob).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&blob, perms).unwrap();
    // Same size, so only the content (and mtime) betrays it.
    std::fs::write(&blob, b"jello\n").unwrap();

    p.lingcn(&["verify"])
        .failure(4)
        .stdout_has(&format!("corrupt  {digest}  (used by: a)"));
    p.lingcn(&["status"])
        .success()
        .stdout_has("output `o` corrupt");
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (1, 0));
    assert_eq!(std::fs::read(&blob).unwrap(), b"hello\n");
    p.lingcn(&["verify"]).success();
    p.lingcn(&["status"]).success().stdout_has("a  up to date");
}

#[test]
fn deleted_blob_shows_as_output_missing() {
    let p = Project::new(
        "[stages.a]\nkind = \"cmd\"\ncmd = \"echo hello > {out.o}\"\nouts = [\"o\"]\n",
    );
    p.lingcn(&["run"]).success();
    std::fs::remove_dir_all(p.path("artifacts")).unwrap();
    p.lingcn(&["status"])
        .success()
        .stdout_has("output `o` missing");
    p.lingcn(&["run"]).success();
    assert_eq!(p.read("out/a/o"), "hello\n");
}

#[test]
fn ctrl_c_stops_running_stages_and_records_nothing() {
    let p = Project::new(SLOW);
    let mut run = p
        .command(&["run"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(20, "the slow stage to start", || {
        p.path("child.pid").exists() && !p.read("child.pid").is_empty()
    });
    let child: i32 = p.read("child.pid").trim().parse().unwrap();
    unsafe { libc::kill(run.id() as i32, libc::SIGINT) };
    let status = run.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(!alive(child), "the stage's command must be stopped");
    p.lingcn(&["status"])
        .success()
        .stdout_has("slow  never run");
}

/// `resources.mem` is a reservation locally too: two stages that do not fit
/// side by side in the machine's memory run one after the other even with
/// free `-j` slots (each alone, though larger than the machine, still runs).
#[test]
fn stages_whose_memory_does_not_fit_together_run_one_at_a_time() {
    let stage = |name: &str| {
        format!(
            "[stages.{name}]\nkind = \"cmd\"\ncmd = \"date +%s%N > {{out.t}}; sleep 0.5; date +%s%N >> {{out.t}}\"\nouts = [\"t\"]\nresources = {{ mem = \"1000T\" }}\n"
        )
    };
    let p = Project::new(&format!("{}{}", stage("a"), stage("b")));
    p.lingcn(&["run", "-j", "2"]).success();
    let span = |s: &str| -> (u128, u128) {
        let text = p.read(&format!("out/{s}/t"));
        let mut t = text.lines().map(|l| l.trim().parse::<u128>().unwrap());
        (t.next().unwrap(), t.next().unwrap())
    };
    let (a, b) = (span("a"), span("b"));
    assert!(a.1 <= b.0 || b.1 <= a.0, "a {a:?} and b {b:?} overlapped");
}

#[test]
fn a_stage_that_asks_for_every_cpu_runs_without_neighbours() {
    let stage = |name: &str, resources: &str| {
        format!(
            "[stages.{name}]\nkind = \"cmd\"\ncmd = \"date +%s%N > {{out.t}}; sleep 0.5; date +%s%N >> {{out.t}}\"\nouts = [\"t\"]\n{resources}\n"
        )
    };
    let p = Project::new(&format!(
        "{}{}{}",
        stage("wide", "resources = { cpus = 2 }"),
        stage("a", ""),
        stage("b", "")
    ));
    p.lingcn(&["run", "-j", "2"]).success();
    let span = |s: &str| -> (u128, u128) {
        let text = p.read(&format!("out/{s}/t"));
        let mut t = text.lines().map(|l| l.trim().parse::<u128>().unwrap());
        (t.next().unwrap(), t.next().unwrap())
    };
    let (wide, a, b) = (span("wide"), span("a"), span("b"));
    let apart = |x: (u128, u128), y: (u128, u128)| x.1 <= y.0 || y.1 <= x.0;
    assert!(
        apart(wide, a) && apart(wide, b),
        "wide {wide:?} overlapped a {a:?} or b {b:?}"
    );
    // The one-cpu stages still share the two slots.
    assert!(!apart(a, b), "a {a:?} and b {b:?} ran one after the other");
}

/// `lingcn bench kill` on 4 kills (one in each worker stage: train,
/// polyreplace, fuse, he-eval): after each kill -9 of the run's process
/// group, no record points at a missing or partial blob, no process of the
/// run is alive, and the next plain run completes with the uninterrupted
/// run's outputs. Needs `lingcn-worker` beside `lingcn` (a workspace build).
#[test]
fn kill_9_at_moments_across_real_stages_leaves_a_sound_cache() {
    let worker = crate::common::bin().with_file_name("lingcn-worker");
    assert!(
        worker.is_file(),
        "{} not built: run the tests of the whole workspace (`cargo test` at the top)",
        worker.display()
    );
    let out = std::process::Command::new(crate::common::bin())
        .args(["bench", "kill", "--kills", "4", "--seed", "19"])
        .env_remove("LINGCN_WORKER")
        .env_remove("LINGCN_LOG")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "bench kill failed:\n{stdout}\n{stderr}"
    );
    // The kills must have caught stage workers alive (so that they had to
    // die with the runner), whichever stage the moments fell in.
    let with_worker: usize = stdout
        .split("kills: 4 (")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no kill count in:\n{stdout}"));
    assert!(with_worker >= 1, "no kill caught a worker:\n{stdout}");
    for line in [
        "; bad records: 0; lingcn verify intact: 4/4",
        "leftover processes: 0 ",
        "resumed runs complete: 4/4; outputs equal the uninterrupted run's: 4/4",
        "resumed runs equal: yes",
        "all checks: passed",
    ] {
        assert!(stdout.contains(line), "no {line:?} in:\n{stdout}\n{stderr}");
    }
}
