//! `-S STAGE.params.KEY=VALUE`: an override is part of the stage key, status
//! and show name it, reverting it is a cache hit, and a bad one is refused
//! like a bad params file (exit 2, state untouched).

use super::cache::DIAMOND;
use crate::common::Project;

fn diamond() -> Project {
    let p = Project::new(DIAMOND);
    p.write("scale.txt", "1\n");
    p
}

/// gen -> sq[power=2,3] -> tag (for_each sq): for addressing families and instances.
const FAMILY: &str = r#"
[stages.gen]
kind = "cmd"
cmd = "seq 1 3 > {out.numbers}"
outs = ["numbers"]

[stages.sq]
kind = "cmd"
inputs = { n = "gen.numbers" }
matrix = { power = [2, 3] }
params = { offset = 0 }
cmd = "awk '{{print $1^{params.power} + {params.offset}}}' {in.n} > {out.result}"
outs = ["result"]

[stages.tag]
kind = "cmd"
inputs = { r = "sq.result" }
for_each = "sq"
params = { prefix = "x" }
cmd = "awk -v p={params.prefix} '{{print p $0}}' {in.r} > {out.tagged}"
outs = ["tagged"]
"#;

fn lines(p: &Project, rel: &str) -> Vec<String> {
    p.read(rel).lines().map(str::to_string).collect()
}

fn key(p: &Project, stage: &str, extra: &[&str]) -> String {
    let mut args = vec!["show", stage, "--json"];
    args.extend_from_slice(extra);
    let json: serde_json::Value = serde_json::from_str(&p.lingcn(&args).success().stdout).unwrap();
    json["key"].as_str().unwrap().to_string()
}

#[test]
fn an_override_changes_the_key_and_the_outputs_downstream() {
    let p = diamond();
    p.lingcn(&["run"]).success();
    let plain = key(&p, "gen", &[]);
    let run = p.lingcn(&["run", "-S", "gen.params.n=3"]).success();
    assert_eq!(run.ran_cached(), (4, 0), "{}", run.stderr);
    assert_eq!(lines(&p, "out/gen/numbers"), ["1", "2", "3"]);
    // 1+4+9 + 1+8+27
    assert_eq!(p.read("out/sum/total").trim(), "50");
    assert_ne!(key(&p, "gen", &[]), plain);
    // The pipeline file is untouched: the override lives on the command line.
    assert!(p.read("pipeline.toml").contains("params = { n = 10 }"));
}

#[test]
fn reverting_an_override_is_a_cache_hit_both_ways() {
    let p = diamond();
    p.lingcn(&["run"]).success();
    p.lingcn(&["run", "-S", "gen.params.n=3"]).success();
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 4));
    assert_eq!(p.read("out/sum/total").trim(), "3410");
    let again = p.lingcn(&["run", "-S", "gen.params.n=3"]).success();
    assert_eq!(again.ran_cached(), (0, 4));
    assert_eq!(p.read("out/sum/total").trim(), "50");
    // An override equal to the file's value is no change at all.
    p.lingcn(&["run"]).success();
    let same = p.lingcn(&["run", "-S", "gen.params.n=10"]).success();
    assert_eq!(same.ran_cached(), (0, 4));
}

#[test]
fn status_and_dry_run_give_the_override_as_the_reason() {
    let p = diamond();
    p.lingcn(&["run"]).success();
    p.lingcn(&["status", "-S", "gen.params.n=3"])
        .success()
        .stdout_has("gen              stale")
        .stdout_has("params.n 10 -> 3 (-S gen.params.n=3)")
        .stdout_has("with -S gen.params.n=3")
        .stdout_has("upstream `gen` will run first");
    p.lingcn(&["run", "-n", "--set", "gen.params.n=3"])
        .success()
        .stdout_has("would run   gen")
        .stdout_has("params.n 10 -> 3 (-S gen.params.n=3)")
        .stdout_has("4 of 4 stages would run");
    let json = p
        .lingcn(&["status", "--json", "-S", "gen.params.n=3"])
        .success()
        .stdout;
    let statuses: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(statuses[0]["overrides"][0], "-S gen.params.n=3");
    assert!(statuses[1].get("overrides").is_none(), "{json}");
    // After the run, the override is up to date and still shown.
    p.lingcn(&["run", "-S", "gen.params.n=3"]).success();
    p.lingcn(&["status", "-S", "gen.params.n=3"])
        .success()
        .stdout_has("4 stages: 4 up to date")
        .stdout_has("with -S gen.params.n=3");
    // Without it, status says the plain run is cached from before.
    p.lingcn(&["status"])
        .success()
        .stdout_has("4 stages: 4 up to date")
        .stdout_has("matches an earlier cached run");
}

#[test]
fn show_displays_the_overrides_of_a_run() {
    let p = diamond();
    p.lingcn(&["run", "-S", "gen.params.n=3"]).success();
    p.lingcn(&["show", "gen"])
        .success()
        .stdout_has("overrides -S gen.params.n=3");
    let out = p.lingcn(&["show", "square[power=2]"]).success().stdout;
    assert!(!out.contains("overrides"), "{out}");
    p.lingcn(&["run"]).success();
    let out = p.lingcn(&["show", "gen"]).success().stdout;
    assert!(!out.contains("overrides"), "{out}");
    // show -S finds the cached run for those overrides, not the last run.
    p.lingcn(&["show", "gen", "-S", "gen.params.n=3"])
        .success()
        .stdout_has("overrides -S gen.params.n=3");
    p.lingcn(&["show", "gen", "-S", "gen.params.n=4"])
        .failure(2)
        .stderr_has("no cached run of `gen` with -S gen.params.n=4")
        .stderr_has("params.n 10 -> 4");
}

#[test]
fn a_table_name_addresses_every_instance_and_an_instance_name_one() {
    let p = Project::new(FAMILY);
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (5, 0));
    let run = p.lingcn(&["run", "-S", "tag.params.prefix=y"]).success();
    assert_eq!(run.ran_cached(), (2, 3), "{}", run.stderr);
    assert_eq!(lines(&p, "out/tag[power=3]/tagged"), ["y1", "y8", "y27"]);
    let run = p
        .lingcn(&["run", "-S", "sq[power=2].params.offset=1"])
        .success();
    assert_eq!(run.ran_cached(), (2, 3), "{}", run.stderr);
    assert_eq!(lines(&p, "out/tag[power=2]/tagged"), ["x2", "x5", "x10"]);
    assert_eq!(lines(&p, "out/tag[power=3]/tagged"), ["x1", "x8", "x27"]);
    // In order, a later override wins: the family first, then one instance.
    p.lingcn(&[
        "run",
        "-S",
        "sq.params.offset=1",
        "-S",
        "sq[power=3].params.offset=100",
    ])
    .success();
    assert_eq!(lines(&p, "out/sq[power=2]/result"), ["2", "5", "10"]);
    assert_eq!(lines(&p, "out/sq[power=3]/result"), ["101", "108", "127"]);
}

#[test]
fn values_are_toml_and_a_bare_word_is_a_string() {
    let p = Project::new(FAMILY);
    p.lingcn(&["run", "-S", "tag.params.prefix=\"a b\""])
        .success();
    assert_eq!(lines(&p, "out/tag[power=2]/tagged")[0], "a b1");
    p.lingcn(&["run", "-S", "tag.params.prefix=z"]).success();
    assert_eq!(lines(&p, "out/tag[power=2]/tagged")[0], "z1");
    p.lingcn(&["run", "-S", "sq.params.offset=0.5"]).success();
    assert_eq!(lines(&p, "out/sq[power=2]/result")[0], "1.5");
}

/// A worker runs the stage with the runner's overrides applied: they are
/// in the parameters of its work order (it reads no pipeline file).
#[test]
fn the_worker_applies_the_overrides_it_is_given() {
    use lingcn::engine::{order::WorkOrder, stage_key, Project as Loaded, Registry};
    use lingcn::spec::Override;
    let p = diamond();
    let mut registry = Registry::default();
    lingcn::stages::register_builtin(&mut registry);
    let set = [Override::parse("gen.params.n=2").unwrap()];
    let project = Loaded::load_with(&p.path("pipeline.toml"), &registry, &set).unwrap();
    let i = project.index("gen").unwrap();
    let db = project.store.open_db().unwrap();
    let material = project.material(&db, i, &Default::default()).unwrap();
    let key = stage_key(&material);
    let work = p.path("work");
    std::fs::create_dir_all(&work).unwrap();
    WorkOrder::new(project.place(i), key, material)
        .write(&work)
        .unwrap();
    drop(db);
    let key = key.to_string();
    p.lingcn(&[
        "worker",
        "--key",
        &key,
        "--work-dir",
        work.to_str().unwrap(),
    ])
    .success();
    assert_eq!(lines(&p, "work/out/numbers"), ["1", "2"]);
}

/// Runs `args` on the diamond after a first run and checks the refusal and
/// that cache/, artifacts/ and out/ did not change.
fn refused(args: &[&str], expect: &[&str]) {
    let p = diamond();
    p.lingcn(&["run"]).success();
    let before = p.state();
    let mut out = p.lingcn(args).failure(2);
    for e in expect {
        out = out.stderr_has(e);
    }
    assert_eq!(before, p.state(), "the refused command changed the project");
}

#[test]
fn an_unknown_stage_is_refused_with_a_suggestion() {
    for cmd in ["run", "status"] {
        refused(
            &[cmd, "-S", "gem.params.n=3"],
            &[
                "-S gem.params.n=3: pipeline.toml has no stage `gem` (did you mean `gen`?)",
                "square[power=2]",
            ],
        );
    }
    refused(
        &["run", "-S", "square[power=4].params.x=1"],
        &["no stage `square[power=4]` (did you mean `square[power=3]`?)"],
    );
}

#[test]
fn a_bad_type_is_refused_naming_the_argument_and_field() {
    refused(
        &["run", "-S", "gen.params.cmd=5"],
        &[
            "-S gen.params.cmd=5: stage `gen` (kind `cmd`): params.cmd: invalid type: integer `5`, expected a string",
            "help: give VALUE",
        ],
    );
    refused(
        &["run", "-S", "gen.params.cmd.x=1"],
        &["-S gen.params.cmd.x=1: key `cmd.x`: `x` is inside a value that is not a table"],
    );
}

#[test]
fn a_key_that_the_matrix_sets_is_refused() {
    refused(
        &["run", "-S", "square.params.power=5"],
        &["`power` is set by the `matrix` of stage `square`; change the matrix"],
    );
}

#[test]
fn a_malformed_argument_or_value_is_refused() {
    refused(
        &["run", "-S", "gen.n=3"],
        &[
            "invalid value 'gen.n=3' for '--set <STAGE.params.KEY=VALUE>'",
            "`.params.`",
        ],
    );
    refused(&["status", "-S", "gen.params.n"], &["no `=` after the key"]);
    refused(
        &["run", "-S", "gen.params.n=True"],
        &["the value `True` is not a TOML value (booleans are lower case: true)"],
    );
    refused(&["run", "-S", "gen.params.n=[1"], &["quote a string"]);
}

/// A kind with typed parameters (`prepare`): misspelt keys get a
/// did-you-mean, wrong types name the field, as in a params file.
const PREPARE: &str = r#"
[stages.prepare]
kind = "prepare"
[stages.prepare.params]
window_start = 0
window_len = 16
max_frame = 20
synthetic = { classes = 2, subjects = 2, min_frames = 10, max_frames = 20, seed = 3 }
"#;

#[test]
fn a_bad_key_of_a_typed_kind_is_refused_with_a_suggestion() {
    let p = Project::new(PREPARE);
    let check = |arg: &str, expect: &[&str]| {
        let mut out = p.lingcn(&["run", "-S", arg]).failure(2);
        for e in expect {
            out = out.stderr_has(e);
        }
        assert!(!p.path("cache").exists(), "a refused run made cache/");
    };
    check(
        "prepare.params.synthetic.clases=3",
        &[
            "-S prepare.params.synthetic.clases=3: stage `prepare` (kind `prepare`): \
             params.synthetic.clases: unknown field `clases`",
            "help: did you mean `classes`?",
        ],
    );
    check(
        "prepare.params.windw_len=8",
        &[
            "params.windw_len: unknown field",
            "did you mean `window_len`?",
        ],
    );
    check(
        "prepare.params.synthetic={ clases = 3 }",
        &[
            "-S prepare.params.synthetic={ clases = 3 }:",
            "did you mean `classes`?",
        ],
    );
    check(
        "prepare.params.synthetic.classes=two",
        &["params.synthetic.classes: invalid type: string \"two\", expected usize"],
    );
    // A good one runs, with the parameter in effect.
    p.lingcn(&["run", "-S", "prepare.params.synthetic.classes=3"])
        .success();
    let json = p.lingcn(&["show", "prepare", "--json"]).success().stdout;
    let record: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(record["material"]["params"]["synthetic"]["classes"], 3);
    assert_eq!(record["overrides"][0], "prepare.params.synthetic.classes=3");
}

#[test]
fn a_file_error_is_still_located_in_the_file() {
    let p = diamond();
    p.edit(
        "pipeline.toml",
        "params = { n = 10 }",
        "params = { n = 10, env = 1 }",
    );
    p.lingcn(&["status", "-S", "gen.params.n=3"])
        .failure(2)
        .stderr_has("pipeline.toml:")
        .stderr_has("params.env: invalid type");
}
