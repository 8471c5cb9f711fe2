//! The `prepare` stage: synthetic and NTU sources, splits, bad input.

use crate::common::Project;
use lingcn::data::npy::read_npy_header;
use lingcn::data::synthetic::{generate, SyntheticConfig};

const SYNTHETIC: &str = r#"
[stages.prepare]
kind = "prepare"
[stages.prepare.params]
window_start = 0
window_len = 32
max_frame = 40
synthetic = { classes = 4, subjects = 3, min_frames = 20, max_frames = 40, seed = 3 }
"#;

fn header(p: &Project, rel: &str) -> Vec<usize> {
    read_npy_header(std::fs::File::open(p.path(rel)).unwrap())
        .unwrap()
        .shape
}

fn names(p: &Project, rel: &str) -> Vec<String> {
    serde_json::from_str(&p.read(rel)).unwrap()
}

#[test]
fn synthetic_source_gives_xview_split_tensors() {
    let p = Project::new(SYNTHETIC);
    p.lingcn(&["run"]).success();
    // 4 classes x 3 subjects x 3 cameras x 2 replications; camera 1 is val.
    assert_eq!(
        header(&p, "out/prepare/data/train_data.npy"),
        [48, 3, 32, 25, 2]
    );
    assert_eq!(
        header(&p, "out/prepare/data/val_data.npy"),
        [24, 3, 32, 25, 2]
    );
    assert_eq!(header(&p, "out/prepare/data/val_label.npy"), [24]);
    assert!(names(&p, "out/prepare/data/val_names.json")
        .iter()
        .all(|n| n.contains("C001")));
    assert!(names(&p, "out/prepare/data/train_names.json")
        .iter()
        .all(|n| !n.contains("C001")));
    let metrics = p.lingcn(&["show", "prepare", "--json"]).success().stdout;
    let record: serde_json::Value = serde_json::from_str(&metrics).unwrap();
    assert_eq!(record["metrics"]["convert"]["train"]["clips"], 48);
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 1));
}

#[test]
fn xsub_changes_the_split_and_status_says_so() {
    let p = Project::new(SYNTHETIC);
    p.lingcn(&["run"]).success();
    p.edit(
        "pipeline.toml",
        "window_start = 0",
        "benchmark = \"xsub\"\nwindow_start = 0",
    );
    p.lingcn(&["status"])
        .success()
        .stdout_has("params.benchmark (unset) -> \"xsub\"");
    p.lingcn(&["run"]).success();
    // Subjects 1 and 2 train, subject 3 validates: 4 x 1 x 3 x 2 val clips.
    assert_eq!(header(&p, "out/prepare/data/val_data.npy")[0], 24);
    assert!(names(&p, "out/prepare/data/val_names.json")
        .iter()
        .all(|n| n.contains("P003")));
}

const NTU: &str = r#"
[stages.prepare]
kind = "prepare"
deps = ["raw"]
[stages.prepare.params]
source = "ntu"
path = "raw"
window_start = 0
window_len = 32
max_frame = 40
"#;

fn ntu_project() -> Project {
    let p = Project::new(NTU);
    let cfg = SyntheticConfig {
        classes: 3,
        subjects: 2,
        min_frames: 20,
        max_frames: 40,
        ..Default::default()
    };
    generate(&cfg, &p.path("raw")).unwrap();
    p
}

#[test]
fn ntu_source_reads_a_directory_of_skeleton_files() {
    let p = ntu_project();
    p.lingcn(&["run"]).success();
    assert_eq!(
        header(&p, "out/prepare/data/train_data.npy"),
        [24, 3, 32, 25, 2]
    );
    // Editing a raw file re-runs the stage: `raw` is a dep.
    let first = std::fs::read_dir(p.path("raw"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replacen("0.", "1.", 1)).unwrap();
    p.lingcn(&["status"])
        .success()
        .stdout_has("dep raw changed");
}

#[test]
fn malformed_file_fails_naming_file_and_line() {
    let p = ntu_project();
    let bad = p.path("raw/S001C001P001R001A001.skeleton");
    let text = std::fs::read_to_string(&bad).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut broken = lines.clone();
    broken[4] = "0.1 0.2 oops";
    std::fs::write(&bad, broken.join("\n")).unwrap();
    p.lingcn(&["run"])
        .failure(1)
        .stderr_has("S001C001P001R001A001.skeleton:5:");
    assert!(!p.path("out/prepare").exists());
}

#[test]
fn on_error_skip_lists_the_skipped_clips() {
    let p = ntu_project();
    std::fs::write(p.path("raw/S001C002P001R001A001.skeleton"), "").unwrap();
    p.edit(
        "pipeline.toml",
        "source = \"ntu\"",
        "source = \"ntu\"\non_error = \"skip\"",
    );
    p.lingcn(&["run"]).success();
    let record: serde_json::Value =
        serde_json::from_str(&p.lingcn(&["show", "prepare", "--json"]).success().stdout).unwrap();
    let skipped = &record["metrics"]["convert"]["skipped"];
    assert_eq!(skipped.as_array().unwrap().len(), 1, "{skipped}");
    assert!(skipped[0]["file"]
        .as_str()
        .unwrap()
        .contains("S001C002P001R001A001"));
    p.lingcn(&["log", "prepare"])
        .success()
        .stdout_has("skipped")
        .stdout_has("S001C002P001R001A001");
}

#[test]
fn ntu_configuration_errors() {
    let p = ntu_project();
    p.edit("pipeline.toml", "deps = [\"raw\"]", "deps = []");
    p.lingcn(&["run"])
        .failure(2)
        .stderr_has("params.path = \"raw\" must also be listed in deps");
    p.edit("pipeline.toml", "path = \"raw\"", "");
    p.lingcn(&["run"])
        .failure(2)
        .stderr_has("needs params.path");
    assert!(!p.path("cache").exists());
}

#[test]
fn empty_ntu_directory_is_a_clear_failure() {
    let p = Project::new(NTU);
    std::fs::create_dir_all(p.path("raw")).unwrap();
    p.lingcn(&["run"])
        .failure(1)
        .stderr_has("no .skeleton files in");
}

#[test]
fn misspelt_parameter_suggests_the_right_one() {
    let p = Project::new(SYNTHETIC);
    p.edit("pipeline.toml", "window_len = 32", "window_lenn = 32");
    p.lingcn(&["run"])
        .failure(2)
        .stderr_has("pipeline.toml:6:1")
        .stderr_has("did you mean `window_len`?");
}

#[test]
fn synthetic_clips_longer_than_max_frame_are_refused_when_loading() {
    let p = Project::new(SYNTHETIC);
    p.edit("pipeline.toml", "max_frames = 40", "max_frames = 50");
    p.lingcn(&["status"])
        .failure(2)
        .stderr_has("synthetic.max_frames = 50 exceeds max_frame = 40");
    p.edit("pipeline.toml", "classes = 4", "classes = 61");
    p.lingcn(&["status"])
        .failure(2)
        .stderr_has("synthetic.classes must be 1..=60");
}
