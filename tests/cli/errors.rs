//! Bad input: a clear message naming the place, exit 2, state untouched.

use super::cache::DIAMOND;
use crate::common::Project;

/// Runs `args` on a project that has run once, after `break_it` spoils it,
/// and checks the failure and that cache/, artifacts/, out/ are unchanged.
fn fails_cleanly(break_it: impl FnOnce(&Project), args: &[&str], code: i32, expect: &[&str]) {
    let p = Project::new(DIAMOND);
    p.write("scale.txt", "1\n");
    p.lingcn(&["run"]).success();
    let before = p.state();
    break_it(&p);
    let mut out = p.lingcn(args).failure(code);
    for e in expect {
        out = out.stderr_has(e);
    }
    assert_eq!(
        before,
        p.state(),
        "the failed command changed the project state"
    );
}

#[test]
fn malformed_toml_shows_file_line_and_column() {
    fails_cleanly(
        |p| {
            p.edit(
                "pipeline.toml",
                "kind = \"cmd\"\ninputs = { n",
                "kind = \"cmd\"\ninputs = { n =",
            )
        },
        &["run"],
        2,
        &[
            "pipeline.toml:13:16: extra assignment",
            "13 | inputs = { n = = \"gen.numbers\" }",
            "|                ^",
        ],
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    fails_cleanly(
        |p| p.edit("pipeline.toml", "deps = [", "depz = ["),
        &["run"],
        2,
        &[
            "pipeline.toml:21:1: unknown field `depz`",
            "did you mean `deps`?",
        ],
    );
}

#[test]
fn unknown_kind_lists_the_known_ones() {
    fails_cleanly(
        |p| {
            p.edit(
                "pipeline.toml",
                "[stages.sum]\nkind = \"cmd\"",
                "[stages.sum]\nkind = \"cmdd\"",
            )
        },
        &["status"],
        2,
        &[
            "unknown stage kind `cmdd` (did you mean `cmd`?)",
            "known kinds: cmd",
        ],
    );
}

#[test]
fn bad_param_type_names_the_field_and_line() {
    let p =
        Project::new("[stages.a]\nkind = \"cmd\"\nparams = \"stages/a.toml\"\nouts = [\"o\"]\n");
    p.write("stages/a.toml", "# comment\ncmd = 5\n");
    p.lingcn(&["run"])
        .failure(2)
        .stderr_has("stages/a.toml:2:1")
        .stderr_has("params.cmd: invalid type: integer `5`");
    assert!(!p.path("cache").exists());
}

#[test]
fn cycle_is_reported_as_the_full_path() {
    fails_cleanly(
        |p| {
            p.edit(
                "pipeline.toml",
                "[stages.gen]\nkind = \"cmd\"",
                "[stages.gen]\nkind = \"cmd\"\ninputs = { back = \"sum\" }",
            )
        },
        &["run"],
        2,
        &[
            "the stages form a cycle: gen -> square[power=",
            "] -> sum -> gen",
        ],
    );
}

#[test]
fn dangling_input_names_the_missing_stage() {
    fails_cleanly(
        |p| p.edit("pipeline.toml", "\"gen.numbers\"", "\"genn.numbers\""),
        &["run"],
        2,
        &[
            "input `n` refers to stage `genn`, which is not defined",
            "did you mean `gen`?",
        ],
    );
}

#[test]
fn missing_dep_file() {
    fails_cleanly(
        |p| std::fs::remove_file(p.path("scale.txt")).unwrap(),
        &["run"],
        2,
        &["dep `scale.txt` does not exist"],
    );
}

#[test]
fn unknown_placeholder() {
    fails_cleanly(
        |p| p.edit("pipeline.toml", "{out.total}", "{out.totl}"),
        &["run"],
        2,
        &["cmd uses `{out.totl}`", "outs [total]"],
    );
}

#[test]
fn unknown_target_stage() {
    fails_cleanly(
        |_| {},
        &["run", "summ"],
        2,
        &["no stage named `summ` (did you mean `sum`?)"],
    );
}

#[test]
fn missing_pipeline_file() {
    let p = Project::new("");
    std::fs::remove_file(p.path("pipeline.toml")).unwrap();
    p.lingcn(&["run"])
        .failure(2)
        .stderr_has("pipeline.toml not found");
}

#[test]
fn output_not_produced_fails_the_stage_without_a_record() {
    let p = Project::new("[stages.a]\nkind = \"cmd\"\ncmd = \"echo hi\"\nouts = [\"o\"]\n");
    p.lingcn(&["run"])
        .failure(1)
        .stderr_has("output `o` was not produced");
    p.lingcn(&["status"])
        .success()
        .stdout_has("a  failed")
        .stdout_has("output `o` was not produced");
    assert!(!p.path("out/a").exists());
}

#[test]
fn failing_stage_stops_downstream_and_keep_going_finishes_the_rest() {
    let p = Project::new(
        r#"
[stages.bad]
kind = "cmd"
cmd = "echo about to fail; echo oops >&2; exit 3"
outs = ["o"]

[stages.after]
kind = "cmd"
inputs = { x = "bad" }
cmd = "touch {out.o}"
outs = ["o"]

[stages.other]
kind = "cmd"
cmd = "sleep 0.3; touch {out.o}"
outs = ["o"]
"#,
    );
    let out = p.lingcn(&["run", "-j", "1", "--keep-going"]).failure(1);
    let out = out
        .stderr_has("FAILED  bad: command exited with status 3")
        .stderr_has("oops")
        .stderr_has("skipped after");
    assert!(
        out.stderr.contains("1 ran, 0 cached, 1 failed, 1 skipped"),
        "{}",
        out.stderr
    );
    assert!(p.path("out/other/o").exists());
    p.lingcn(&["log", "bad"])
        .success()
        .stdout_has("about to fail");
}

#[test]
fn a_memory_size_slurm_would_not_take_is_refused_at_its_line() {
    fails_cleanly(
        |p| {
            p.edit(
                "pipeline.toml",
                "params = { n = 10 }",
                "params = { n = 10 }\nresources = { mem = \"16GB\" }",
            )
        },
        &["run"],
        2,
        &[
            "pipeline.toml:9:21:",
            "`16GB` is not a memory size",
            "\"16G\"",
        ],
    );
}
