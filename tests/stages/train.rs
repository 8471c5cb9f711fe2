//! The `train`, `evaluate` and `import` stages on a tiny synthetic set.

use crate::common::{worker_bin, worker_wrapper, Project};

/// 4 classes, 16 frames, a 4/8/8-channel STGCN, 2 epochs: seconds on 2 cores.
pub const TINY: &str = r#"
[stages.prepare]
kind = "prepare"
[stages.prepare.params]
window_start = 0
window_len = 16
max_frame = 24
synthetic = { classes = 4, subjects = 2, min_frames = 12, max_frames = 24, seed = 5 }

[stages.baseline]
kind = "train"
inputs = { data = "prepare.data" }
[stages.baseline.params.model]
num_class = 4
blocks = [{ out = 4, stride = 1, residual = false }, { out = 8, stride = 2, residual = true }, { out = 8, stride = 1, residual = true }]
[stages.baseline.params.train]
epochs = 2
batch_size = 8
lr = 0.05
lr_steps = [1]
threads = 1

[stages.eval]
kind = "evaluate"
inputs = { checkpoint = "baseline.checkpoint", data = "prepare.data" }
"#;

fn metrics(p: &Project, stage: &str) -> serde_json::Value {
    let record: serde_json::Value =
        serde_json::from_str(&p.lingcn(&["show", stage, "--json"]).success().stdout).unwrap();
    record["metrics"].clone()
}

#[test]
fn trains_saves_a_checkpoint_and_evaluates_it() {
    let p = Project::new(TINY);
    p.lingcn(&["run"]).success();
    assert!(p.path("out/baseline/checkpoint/model.safetensors").exists());
    let arch: serde_json::Value =
        serde_json::from_str(&p.read("out/baseline/checkpoint/model.json")).unwrap();
    assert_eq!(arch["num_class"], 4);
    let train = metrics(&p, "baseline");
    assert_eq!(train["report"]["history"].as_array().unwrap().len(), 2);
    let eval = metrics(&p, "eval");
    // The checkpoint is the best epoch, whose val top-1 the trainer measured.
    assert_eq!(eval["top1"], train["top1"]);
    let confusion: Vec<Vec<u64>> =
        serde_json::from_str(&p.read("out/eval/confusion.json")).unwrap();
    assert_eq!(confusion.len(), 4);
    assert_eq!(
        confusion.iter().flatten().sum::<u64>(),
        eval["samples"].as_u64().unwrap()
    );
}

#[test]
fn same_seed_same_metrics_and_other_seed_other_run() {
    let (a, b) = (Project::new(TINY), Project::new(TINY));
    a.lingcn(&["run", "baseline"]).success();
    b.lingcn(&["run", "baseline"]).success();
    let history = |p: &Project| metrics(p, "baseline")["report"]["history"].clone();
    let strip = |mut h: serde_json::Value| {
        for e in h.as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("seconds");
        }
        h
    };
    assert_eq!(strip(history(&a)), strip(history(&b)));
    let weights =
        |p: &Project| std::fs::read(p.path("out/baseline/checkpoint/model.safetensors")).unwrap();
    assert_eq!(weights(&a), weights(&b));
    b.edit(
        "pipeline.toml",
        "[stages.baseline]\nkind = \"train\"",
        "[stages.baseline]\nkind = \"train\"\nseed = 9",
    );
    b.lingcn(&["status"]).success().stdout_has("seed 0 -> 9");
    b.lingcn(&["run", "baseline"]).success();
    assert_ne!(strip(history(&a)), strip(history(&b)));
}

#[test]
fn labels_outside_the_class_count_are_a_clear_error() {
    let p = Project::new(TINY);
    p.edit("pipeline.toml", "num_class = 4", "num_class = 3");
    p.lingcn(&["run", "baseline"])
        .failure(1)
        .stderr_has("label")
        .stderr_has("3");
    p.lingcn(&["status"])
        .success()
        .stdout_has("baseline  failed");
}

#[test]
fn import_checks_every_tensor_against_the_architecture() {
    let p = Project::new(TINY);
    p.lingcn(&["run", "baseline"]).success();
    std::fs::copy(
        p.path("out/baseline/checkpoint/model.safetensors"),
        p.path("weights.safetensors"),
    )
    .unwrap();
    let import = r#"
[stages.imported]
kind = "import"
deps = ["weights.safetensors"]
[stages.imported.params]
path = "weights.safetensors"
[stages.imported.params.model]
num_class = 4
blocks = [{ out = 4, stride = 1, residual = false }, { out = 8, stride = 2, residual = true }, { out = 8, stride = 1, residual = true }]
"#;
    p.write(
        "pipeline.toml",
        &format!("{}{import}", p.read("pipeline.toml")),
    );
    p.lingcn(&["run", "imported"]).success();
    let bytes = |rel: &str| std::fs::read(p.path(rel)).unwrap();
    assert_eq!(
        bytes("out/imported/checkpoint/model.safetensors"),
        bytes("weights.safetensors")
    );
    p.edit(
        "pipeline.toml",
        "[stages.imported.params.model]\nnum_class = 4\nblocks = [{ out = 4,",
        "[stages.imported.params.model]\nnum_class = 5\nblocks = [{ out = 6,",
    );
    p.lingcn(&["run", "imported"])
        .failure(1)
        .stderr_has("st_gcn_networks.0.gcn.conv.weight")
        .stderr_has("fcn.weight");
}

#[test]
fn train_without_data_input_is_refused() {
    let p = Project::new(TINY);
    p.edit(
        "pipeline.toml",
        "[stages.baseline]\nkind = \"train\"\ninputs = { data = \"prepare.data\" }",
        "[stages.baseline]\nkind = \"train\"",
    );
    p.lingcn(&["run"])
        .failure(2)
        .stderr_has("needs input `data`");
}

/// libtorch's seed and random generator are process-global: stages side by
/// side in one process would interleave their dropout draws. Each runs in
/// its own worker process, so two running together give the bytes each
/// gives alone.
#[test]
fn stages_running_side_by_side_get_the_numbers_they_get_alone() {
    let sweep = r#"
[stages.linearize]
kind = "linearize"
inputs = { data = "prepare.data", teacher = "baseline.checkpoint" }
params = { epochs = 3, batch_size = 4, threads = 1 }
matrix = { lambda = [0.0, 1.0] }
"#;
    let pipeline = format!("{TINY}{sweep}");
    let (together, alone) = (Project::new(&pipeline), Project::new(&pipeline));
    together.lingcn(&["run", "--jobs", "2"]).success();
    alone.lingcn(&["run", "--jobs", "1", "baseline"]).success();
    for lambda in ["0.0", "1.0"] {
        let stage = format!("linearize[lambda={lambda}]");
        alone.lingcn(&["run", "--jobs", "1", &stage]).success();
        let weights = |p: &Project| {
            std::fs::read(p.path(&format!("out/{stage}/checkpoint/model.safetensors"))).unwrap()
        };
        assert!(
            weights(&together) == weights(&alone),
            "{stage} differs when run beside the other lambda"
        );
    }
}

/// TINY's data and baseline, with the baseline's parameters in a file.
const FROM_FILE: &str = r#"
[stages.prepare]
kind = "prepare"
[stages.prepare.params]
window_start = 0
window_len = 16
max_frame = 24
synthetic = { classes = 4, subjects = 2, min_frames = 12, max_frames = 24, seed = 5 }

[stages.baseline]
kind = "train"
inputs = { data = "prepare.data" }
params = "stages/baseline.toml"
"#;

const BASELINE: &str = r#"
[model]
num_class = 4
blocks = [{ out = 4, stride = 1, residual = false }, { out = 8, stride = 2, residual = true }, { out = 8, stride = 1, residual = true }]
[train]
epochs = 2
batch_size = 8
lr = 0.05
lr_steps = [1]
threads = 1
"#;

fn weights_blob(p: &Project) -> serde_json::Value {
    let record: serde_json::Value =
        serde_json::from_str(&p.lingcn(&["show", "baseline", "--json"]).success().stdout).unwrap();
    record["outputs"]["checkpoint"]["files"]["model.safetensors"]["blob"].clone()
}

/// Issue 19: the user edits the params file after the runner keyed the
/// stage and before its worker starts. The worker runs the keyed
/// configuration (its work order), so the record is what ran.
#[test]
fn a_params_edit_while_the_worker_starts_does_not_change_what_is_committed() {
    let p = Project::new(FROM_FILE);
    p.write("stages/baseline.toml", BASELINE);
    let edit = "sed -i 's/^epochs = 2/epochs = 1/' stages/baseline.toml";
    let out = p
        .command(&["run"])
        .env("LINGCN_WORKER", worker_wrapper(&p, &worker_bin(), edit))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(p.read("stages/baseline.toml").contains("epochs = 1"));
    let train = metrics(&p, "baseline");
    assert_eq!(
        train["report"]["history"].as_array().unwrap().len(),
        2,
        "the worker ran the edited params (1 epoch) under the key of 2 epochs"
    );
    // The same weights as an undisturbed run of the keyed configuration.
    let undisturbed = Project::new(FROM_FILE);
    undisturbed.write("stages/baseline.toml", BASELINE);
    undisturbed.lingcn(&["run"]).success();
    assert_eq!(weights_blob(&p), weights_blob(&undisturbed));
    p.lingcn(&["status"])
        .success()
        .stdout_has("params.train.epochs 2 -> 1");
}
