//! The paper pipeline `pipelines/ntu60-xview.toml`, run end to end (prepare
//! from NTU `.skeleton` files, train, linearize, polyreplace, fuse, he-bench,
//! he-eval on the slot simulator, report) on a generated 60-class corpus in
//! the real NTU text format. The pipeline and its params files are the
//! repository's own; epochs and sizes shrink only through `-S`.

use crate::common::Project;
use lingcn::data::synthetic::{generate, SyntheticConfig};
use std::path::Path;

/// Frames per clip after the window (the paper's is 256).
const FRAMES: usize = 12;

/// The overrides that make the paper's flow CI-sized: a short window, an
/// STGCN-3 of 8 channels, one epoch per training stage, small batches,
/// one ring dimension for the cost benchmark, and the slot simulator.
fn shrink() -> Vec<String> {
    let block = |stride: u8, residual: bool| {
        format!("{{ out = 8, stride = {stride}, residual = {residual} }}")
    };
    let blocks = [block(1, false), block(2, true), block(1, true)].join(", ");
    let mut set = vec![
        "xview-prepare.params.window_start=0".to_string(),
        format!("xview-prepare.params.window_len={FRAMES}"),
        format!("xview-baseline.params.model.blocks=[{blocks}]"),
        "xview-baseline.params.train.epochs=1".into(),
        "xview-baseline.params.train.batch_size=32".into(),
        "xview-he-bench.params.ring_dims=[8192]".into(),
        "xview-he-bench.params.reps=1".into(),
    ];
    for stage in [
        "xview-poly-baseline",
        "xview-linearize",
        "xview-polyreplace",
    ] {
        set.push(format!("{stage}.params.epochs=1"));
        set.push(format!("{stage}.params.batch_size=32"));
    }
    for stage in ["xview-fuse-baseline", "xview-fuse"] {
        set.push(format!("{stage}.params.check_samples=2"));
    }
    for stage in ["xview-he-eval-baseline", "xview-he-eval"] {
        set.push(format!("{stage}.params.backend=sim"));
        set.push(format!("{stage}.params.samples=1"));
    }
    set
}

/// A project whose pipelines/ntu60-xview.toml and stages/ are the
/// repository's (links), with the corpus in data/nturgb+d_skeletons.
fn paper_project() -> Project {
    let p = Project::new("");
    let repo = Path::new(env!("LINGCN_REPO_ROOT"));
    std::fs::create_dir_all(p.path("pipelines")).unwrap();
    // The file itself is linked, not its directory: its `root = ".."` must
    // resolve to this project, not to the repository.
    std::os::unix::fs::symlink(
        repo.join("pipelines/ntu60-xview.toml"),
        p.path("pipelines/ntu60-xview.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(repo.join("stages"), p.path("stages")).unwrap();
    let corpus = SyntheticConfig {
        seed: 7,
        classes: 60,
        subjects: 1,
        cameras: 3,
        setups: 1,
        replications: 1,
        min_frames: FRAMES + 4,
        max_frames: FRAMES + 12,
        ..SyntheticConfig::default()
    };
    let report = generate(&corpus, &p.path("data/nturgb+d_skeletons")).unwrap();
    assert_eq!(report.per_class, vec![3; 60], "3 clips per class");
    p
}

fn run(p: &Project, extra: &[&str], set: &[String]) -> crate::common::Outcome {
    let mut args = vec!["run", "pipelines/ntu60-xview.toml", "-j", "2"];
    args.extend_from_slice(extra);
    for s in set {
        args.extend(["-S", s.as_str()]);
    }
    p.lingcn(&args)
}

fn metrics(p: &Project, stage: &str) -> serde_json::Value {
    let args = ["show", stage, "-p", "pipelines/ntu60-xview.toml", "--json"];
    let json = p.lingcn(&args).success().stdout;
    serde_json::from_str::<serde_json::Value>(&json).unwrap()["metrics"].clone()
}

#[test]
fn ntu60_xview_runs_end_to_end_on_a_generated_ntu_corpus() {
    let p = paper_project();
    let set = shrink();
    let started = std::time::Instant::now();
    let out = run(&p, &[], &set).success();
    let seconds = started.elapsed().as_secs_f64();
    println!("ntu60-xview end to end: {seconds:.1} s\n{}", out.stderr);
    assert_eq!(out.ran_cached(), (23, 0), "{}", out.stderr);

    // prepare read the NTU files: xview keeps camera 1 for validation.
    let prepare = metrics(&p, "xview-prepare");
    assert_eq!(prepare["convert"]["train"]["clips"], 120, "{prepare}");
    assert_eq!(prepare["convert"]["val"]["clips"], 60, "{prepare}");
    // Every model went through encrypted inference, within the simulator's
    // error, for every lambda of the sweep and the all-polynomial baseline.
    for stage in [
        "xview-he-eval-baseline",
        "xview-he-eval[lambda=0.5]",
        "xview-he-eval[lambda=1.0]",
        "xview-he-eval[lambda=2.0]",
        "xview-he-eval[lambda=4.0]",
    ] {
        let m = metrics(&p, stage);
        assert_eq!(m["samples"], 1, "{stage}: {m}");
        let err = m["max_abs_error"].as_f64().unwrap();
        println!(
            "{stage}: error {err:.2e}, levels {} of {}, {:.1} s per clip",
            m["levels_used"], m["levels_planned"], m["latency_s"]
        );
        // The simulator is exact: only float rounding separates it from plaintext.
        assert!(err < 1e-9, "{stage}: decrypted error {err}: {m}");
    }
    assert!(p.read("out/xview-report/results.md").contains("lambda"));

    // The shrunk run is a cache hit with the same overrides, and the
    // pipeline as written (the paper's sizes) is still all to do.
    assert_eq!(run(&p, &[], &set).success().ran_cached(), (0, 23));
    let plan = run(&p, &["--dry-run"], &[]).success();
    assert!(
        plan.stdout.contains("23 of 23 stages would run"),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout.contains("params.window_len 12 -> 256"),
        "{}",
        plan.stdout
    );
}
