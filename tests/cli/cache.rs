//! Only what changed re-runs; status says why.

use crate::common::Project;

/// gen -> square[power=2,3] -> sum, with a dep file read by `sum`.
pub const DIAMOND: &str = r#"
[pipeline]
name = "diamond"

[stages.gen]
kind = "cmd"
cmd = "seq 1 {params.n} > {out.numbers}"
params = { n = 10 }
outs = ["numbers"]

[stages.square]
kind = "cmd"
inputs = { n = "gen.numbers" }
matrix = { power = [2, 3] }
cmd = "awk '{{print $1^{params.power}}}' {in.n} > {out.result}"
outs = ["result"]

[stages.sum]
kind = "cmd"
inputs = { parts = "square.result" }
deps = ["scale.txt"]
cmd = "cat {in.parts} | awk -v k=$(cat scale.txt) '{{s+=$1}} END {{print s*k}}' > {out.total}"
outs = ["total"]
"#;

fn diamond() -> Project {
    let p = Project::new(DIAMOND);
    p.write("scale.txt", "1\n");
    p
}

#[test]
fn second_run_is_a_no_op() {
    let p = diamond();
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (4, 0));
    assert_eq!(p.read("out/sum/total").trim(), "3410");
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 4));
    p.lingcn(&["status"])
        .success()
        .stdout_has("4 stages: 4 up to date");
}

#[test]
fn param_change_reruns_the_stage_and_its_downstream_only() {
    let p = diamond();
    p.lingcn(&["run"]).success();
    p.edit(
        "pipeline.toml",
        "matrix = { power = [2, 3] }",
        "matrix = { power = [2, 4] }",
    );
    p.lingcn(&["status"])
        .success()
        .stdout_has("square[power=2]  up to date")
        .stdout_has("square[power=4]  never run")
        .stdout_has("upstream `square[power=4]` will run first");
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (2, 2));
    assert_eq!(p.read("out/sum/total").trim(), (385 + 25333).to_string());
}

#[test]
fn status_names_the_changed_parameter_with_old_and_new_value() {
    let p = diamond();
    p.lingcn(&["run"]).success();
    p.edit(
        "pipeline.toml",
        "params = { n = 10 }",
        "params = { n = 12 }",
    );
    p.lingcn(&["status"])
        .success()
        .stdout_has("params.n 10 -> 12");
    let json = p.lingcn(&["status", "--json"]).success().stdout;
    let statuses: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(statuses[0]["stage"], "gen");
    assert_eq!(statuses[0]["state"], "stale");
    assert_eq!(statuses[0]["reasons"][0], "params.n 10 -> 12");
    assert_eq!(statuses[3]["state"], "stale");
}

#[test]
fn status_explains_a_changed_dep_and_a_changed_input() {
    let p = diamond();
    p.lingcn(&["run"]).success();
    p.write("scale.txt", "2\n");
    p.lingcn(&["status"])
        .success()
        .stdout_has("dep scale.txt changed");
    p.lingcn(&["run"]).success();
    assert_eq!(p.read("out/sum/total").trim(), "6820");
    // Re-run gen with different output: square sees its input change.
    p.edit(
        "pipeline.toml",
        "params = { n = 10 }",
        "params = { n = 11 }",
    );
    p.lingcn(&["run", "gen"]).success();
    p.lingcn(&["status"])
        .success()
        .stdout_has("input n changed (gen re-ran)");
}

#[test]
fn identical_output_stops_the_wave() {
    // gen's command changes but writes the same numbers: downstream stays cached.
    let p = diamond();
    p.lingcn(&["run"]).success();
    p.edit("pipeline.toml", "seq 1 {params.n}", "seq 1 1 {params.n}");
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (1, 3));
}

#[test]
fn reverting_a_change_reuses_the_earlier_result() {
    let p = diamond();
    p.lingcn(&["run"]).success();
    p.edit("pipeline.toml", "params = { n = 10 }", "params = { n = 5 }");
    p.lingcn(&["run"]).success();
    p.edit("pipeline.toml", "params = { n = 5 }", "params = { n = 10 }");
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 4));
    assert_eq!(p.read("out/sum/total").trim(), "3410");
}

#[test]
fn params_are_canonical_across_order_and_format() {
    let p = Project::new(
        "[stages.a]\nkind = \"cmd\"\ncmd = \"echo {params.x} {params.y} > {out.o}\"\nouts = [\"o\"]\nparams = { x = 1, y = 2.50 }\n",
    );
    p.lingcn(&["run"]).success();
    p.edit(
        "pipeline.toml",
        "params = { x = 1, y = 2.50 }",
        "params = { y = 2.5, x = 1 }",
    );
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 1));
    p.edit(
        "pipeline.toml",
        "params = { y = 2.5, x = 1 }",
        "[stages.a.params]\ny = 2.5\nx = 1",
    );
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 1));
}

#[test]
fn params_from_a_file_under_stages() {
    let p =
        Project::new("[stages.a]\nkind = \"cmd\"\nparams = \"stages/a.toml\"\nouts = [\"o\"]\n");
    p.write(
        "stages/a.toml",
        "cmd = \"echo {params.lr} > {out.o}\"\nlr = 0.1\n",
    );
    p.lingcn(&["run"]).success();
    assert_eq!(p.read("out/a/o").trim(), "0.1");
    p.edit("stages/a.toml", "lr = 0.1", "lr = 0.05");
    p.lingcn(&["status"])
        .success()
        .stdout_has("params.lr 0.1 -> 0.05");
}

#[test]
fn force_and_dry_run() {
    let p = diamond();
    p.lingcn(&["run", "--dry-run"])
        .success()
        .stdout_has("4 of 4 stages would run");
    assert!(!p.path("out").exists(), "dry run must not run anything");
    p.lingcn(&["run"]).success();
    p.lingcn(&["run", "-n", "--force", "square"])
        .success()
        .stdout_has("would run   square[power=2]")
        .stdout_has("forced")
        .stdout_has("cached      gen");
    // Forced stages re-run; their identical outputs keep `sum` cached.
    assert_eq!(
        p.lingcn(&["run", "--force", "square"])
            .success()
            .ran_cached(),
        (2, 2)
    );
}

#[test]
fn named_targets_run_with_what_they_need() {
    let p = diamond();
    assert_eq!(
        p.lingcn(&["run", "pipeline.toml", "square[power=3]"])
            .success()
            .ran_cached(),
        (2, 0)
    );
    p.lingcn(&["status"])
        .success()
        .stdout_has("square[power=2]  never run");
}

#[test]
fn directory_outputs_and_whole_stage_inputs() {
    let p = Project::new(
        r#"
[stages.make]
kind = "cmd"
cmd = "mkdir -p {out.tree}/sub && echo a > {out.tree}/a && echo b > {out.tree}/sub/b && echo m > {out.meta}"
outs = ["tree", "meta"]

[stages.use]
kind = "cmd"
inputs = { all = "make" }
cmd = "cat {in.all}/tree/sub/b {in.all}/meta > {out.o}"
outs = ["o"]
"#,
    );
    p.lingcn(&["run"]).success();
    assert_eq!(p.read("out/use/o"), "b\nm\n");
    p.lingcn(&["show", "make"])
        .success()
        .stdout_has("dir of 2 files");
}

#[test]
fn for_each_follows_a_matrix_without_taking_its_values_as_params() {
    let p = Project::new(
        r#"
[stages.lin]
kind = "cmd"
matrix = { lambda = [1, 2] }
cmd = "echo {params.lambda} > {out.o}"
outs = ["o"]

[stages.poly]
kind = "cmd"
for_each = "lin"
inputs = { x = "lin.o" }
cmd = "cat {in.x} > {out.o}; echo poly >> {out.o}"
outs = ["o"]

[stages.fuse]
kind = "cmd"
for_each = "poly"
inputs = { x = "poly.o" }
cmd = "cat {in.x} > {out.o}"
outs = ["o"]
"#,
    );
    p.lingcn(&["run"]).success();
    assert_eq!(p.read("out/fuse[lambda=2]/o"), "2\npoly\n");
    let dag = p.lingcn(&["dag"]).success().stdout;
    assert!(
        dag.contains("poly[lambda=1] (cmd)\n  <- x: lin[lambda=1].o"),
        "{dag}"
    );
    // `lambda` is not a parameter of poly: `{params.lambda}` is unknown there.
    p.edit("pipeline.toml", "echo poly >>", "echo {params.lambda} >>");
    p.lingcn(&["status"])
        .failure(2)
        .stderr_has("cmd uses `{params.lambda}`");
    p.edit("pipeline.toml", "echo {params.lambda} >>", "echo poly >>");
    p.edit("pipeline.toml", "for_each = \"poly\"", "for_each = \"pol\"");
    p.lingcn(&["status"])
        .failure(2)
        .stderr_has("for_each = \"pol\": no such stage (did you mean `poly`?)");
}

/// Records are stored by key, so a stage whose key matches what another
/// stage made reuses it, and from then on it is that stage's result: `show`,
/// the `out/` view and downstream stages see it under its own name.
#[test]
fn a_stage_that_matches_another_stages_result_adopts_it() {
    let p = Project::new(
        "[stages.a]\nkind = \"cmd\"\ncmd = \"echo {params.x} > {out.o}\"\nouts = [\"o\"]\nparams = { x = 1 }\n\
         [stages.b]\nkind = \"cmd\"\ncmd = \"echo {params.x} > {out.o}\"\nouts = [\"o\"]\nparams = { x = 2 }\n\
         [stages.c]\nkind = \"cmd\"\ncmd = \"cat {in.o} > {out.o}\"\nouts = [\"o\"]\ninputs = { o = \"b.o\" }\n",
    );
    p.lingcn(&["run"]).success();
    p.edit("pipeline.toml", "params = { x = 2 }", "params = { x = 1 }");
    p.lingcn(&["status"])
        .success()
        .stdout_has("matches an earlier cached run");
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (1, 2));
    assert_eq!(p.read("out/b/o").trim(), "1");
    assert_eq!(p.read("out/c/o").trim(), "1");
    let show = |stage: &str| -> serde_json::Value {
        let out = p.command(&["show", "--json", stage]).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (a, b) = (show("a"), show("b"));
    assert_eq!(
        (a["stage"].as_str(), b["stage"].as_str()),
        (Some("a"), Some("b"))
    );
    assert_eq!(a["key"], b["key"]);
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 3));
}
