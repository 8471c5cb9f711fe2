//! dag, show, log, gc, kinds, help.

use super::cache::DIAMOND;
use crate::common::Project;

fn ran() -> Project {
    let p = Project::new(DIAMOND);
    p.write("scale.txt", "1\n");
    p.lingcn(&["run"]).success();
    p
}

#[test]
fn dag_text_and_dot() {
    let p = ran();
    p.lingcn(&["dag"]).success().stdout_has(
        "sum (cmd)\n  <- parts: square[power=2].result\n  <- parts: square[power=3].result",
    );
    p.lingcn(&["dag", "--dot"])
        .success()
        .stdout_has("\"gen\" -> \"square[power=2]\";")
        .stdout_has("digraph \"diamond\"");
}

#[test]
fn show_prints_metrics_outputs_and_timings() {
    let p = Project::new(
        "[stages.m]\nkind = \"cmd\"\ncmd = \"echo '{{\\\"acc\\\": 0.9}}' > {out.m}\"\nparams = { metrics = \"m\" }\nouts = [\"m\"]\n",
    );
    p.lingcn(&["run"]).success();
    p.lingcn(&["show", "m"])
        .success()
        .stdout_has("\"acc\": 0.9")
        .stdout_has("duration")
        .stdout_has("m                    file");
    let json: serde_json::Value =
        serde_json::from_str(&p.lingcn(&["show", "m", "--json"]).success().stdout).unwrap();
    assert_eq!(json["metrics"]["acc"], 0.9);
    assert_eq!(json["status"], "succeeded");
}

#[test]
fn show_unknown_stage_suggests() {
    let p = ran();
    p.lingcn(&["show", "summ"])
        .failure(2)
        .stderr_has("stage `summ` has never run (did you mean `sum`?)");
}

#[test]
fn bench_he_names_the_bad_variant_and_the_good_ones() {
    let p = Project::new(DIAMOND);
    p.lingcn(&["bench", "he", "--variants", "linearized,relu"])
        .failure(2)
        .stderr_has("invalid value 'relu' for '--variants <VARIANTS>'")
        .stderr_has("[possible values: baseline, linearized]");
}

#[test]
fn gc_drops_only_unreferenced_blobs() {
    let p = ran();
    p.edit("pipeline.toml", "params = { n = 10 }", "params = { n = 3 }");
    p.lingcn(&["run"]).success();
    p.lingcn(&["gc"]).success().stdout_has("removed 0 blobs");
    // The 4 old records each own an output and a log.
    p.lingcn(&["gc", "--prune-records", "-n"])
        .success()
        .stdout_has("would remove 8 blobs");
    p.lingcn(&["gc", "--prune-records"])
        .success()
        .stdout_has("removed 8 blobs")
        .stdout_has("and 4 old records");
    p.lingcn(&["verify"]).success();
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 4));
}

#[test]
fn kinds_and_help() {
    let p = Project::new("");
    p.lingcn(&["kinds"]).success().stdout_has("cmd");
    for sub in [
        "run", "status", "dag", "show", "log", "gc", "verify", "bench",
    ] {
        let out = p.lingcn(&[sub, "--help"]).success();
        assert!(
            out.stdout.len() > 100,
            "{sub} --help is too thin:\n{}",
            out.stdout
        );
    }
    p.lingcn(&["--help"]).success().stdout_has("Exit codes");
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    // More status output than a pipe buffers, read one byte of.
    let stages: String = (0..3000)
        .map(|i| format!("[stages.stage-number-{i}]\nkind = \"cmd\"\ncmd = \"true\"\n"))
        .collect();
    let p = Project::new(&stages);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' status | head -c 1",
            crate::common::bin().display()
        ))
        .current_dir(p.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.stdout.len(), 1);
}

#[test]
fn export_copies_an_output_out_of_the_store() {
    let p = ran();
    p.lingcn(&["export", "sum", "total.txt"])
        .success()
        .stdout_has("exported sum.total");
    assert_eq!(p.read("total.txt").trim(), "3410");
    p.lingcn(&["export", "sum", "total.txt"])
        .failure(2)
        .stderr_has("exists (use --force");
    p.lingcn(&["export", "sum", "total", "total.txt", "--force"])
        .success();
    p.lingcn(&["export", "sum", "nope", "x"])
        .failure(2)
        .stderr_has("has no output `nope`");
    // The copy is the user's: writable, not a link into the store.
    std::fs::write(p.path("total.txt"), "changed").unwrap();
    p.lingcn(&["verify"]).success();
}
