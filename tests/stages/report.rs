//! `report` stage and `lingcn report`: the table and figures from the records
//! of a real small run of the whole flow (encryption on the slot simulator).

use super::train::TINY;
use crate::common::Project;
use lingcn::report::FILES;

const FLOW: &str = r#"
[stages.poly-baseline]
kind = "polyreplace"
inputs = { data = "prepare.data", student = "baseline.checkpoint", teacher = "baseline.checkpoint" }
params = { epochs = 1, batch_size = 8, threads = 1 }

[stages.linearize]
kind = "linearize"
inputs = { data = "prepare.data", teacher = "baseline.checkpoint" }
params = { epochs = 1, batch_size = 8, threads = 1 }
matrix = { lambda = [0.0, 50.0] }

[stages.polyreplace]
kind = "polyreplace"
inputs = { data = "prepare.data", student = "linearize.checkpoint", teacher = "baseline.checkpoint" }
params = { epochs = 1, batch_size = 8, threads = 1 }
for_each = "linearize"

[stages.fuse-baseline]
kind = "fuse"
inputs = { checkpoint = "poly-baseline.checkpoint", data = "prepare.data" }
params = { check_samples = 2 }

[stages.fuse]
kind = "fuse"
inputs = { checkpoint = "polyreplace.checkpoint", data = "prepare.data" }
params = { check_samples = 2 }
for_each = "polyreplace"

[stages.he-eval]
kind = "he-eval"
inputs = { fused = "fuse", data = "prepare.data" }
params = { samples = 1, backend = "sim" }
for_each = "fuse"

[stages.report]
kind = "report"
inputs = { evals = "he-eval", baseline = "fuse-baseline" }
"#;

const L0: &str = "polyreplace[lambda=0.0]";
const L50: &str = "polyreplace[lambda=50.0]";

/// One run of the flow, shared by the tests below (each copies nothing:
/// they only read records, except the last, which runs its own).
fn flow() -> Project {
    let p = Project::new(&format!("{TINY}{FLOW}"));
    p.lingcn(&["run"]).success();
    p
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn report_from_a_real_run_is_reproducible_and_checked() {
    let p = flow();
    // The stage's output and the command's are the same bytes.
    p.lingcn(&["report", "--out", "docs"]).success();
    for file in FILES {
        let stage = std::fs::read(p.path(&format!("out/report/{file}"))).unwrap();
        let cli = std::fs::read(p.path(&format!("docs/{file}"))).unwrap();
        assert!(
            stage == cli,
            "{file} differs between the stage and `lingcn report`"
        );
    }
    let rows = csv_rows(&p.read("docs/results.csv"));
    let header = &rows[0];
    let col = |id: &str| header.iter().position(|h| h == id).unwrap();
    let configs: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[col("config")].as_str())
        .collect();
    assert_eq!(
        configs,
        [
            "baseline",
            "poly-baseline",
            "polyreplace[lambda=0.0]",
            "polyreplace[lambda=50.0]"
        ]
    );
    // lambda 0 prunes nothing: the circuit is as deep as the unlinearized one.
    let row = |config: &str| {
        rows.iter()
            .find(|r| r[col("config")] == config)
            .unwrap()
            .clone()
    };
    assert_eq!(row(L0)[col("kept_units")], "6/6");
    assert_eq!(row(L0)[col("depth")], row("poly-baseline")[col("depth")]);
    // The flow encrypts on the slot simulator: never shown as encrypted results.
    assert_eq!(row(L0)[col("agreement")], "100.0 sim");
    assert_eq!(row(L0)[col("encrypted_top1")], "not encrypted (sim; n=1)");
    assert_eq!(row(L0)[col("latency_s")], "");
    assert!(row(L50)[col("depth")].parse::<u32>().unwrap() < 13);
    // fuse planned the linearized model with every subset of its dropped
    // units merged across and kept the cheapest by the reference model.
    let out = p
        .command(&["show", "--json", "fuse[lambda=50.0]"])
        .output()
        .unwrap();
    let fuse: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let merging = &fuse["metrics"]["merging"];
    let sites = merging["sites"].as_array().unwrap().len();
    let considered = merging["considered"].as_array().unwrap();
    assert!(sites > 0, "{merging}");
    assert_eq!(considered.len(), 1 << sites, "{merging}");
    let ms = |c: &serde_json::Value| c["reference_ms"].as_f64().unwrap();
    let cheapest = considered.iter().map(ms).fold(f64::INFINITY, f64::min);
    let chosen = considered
        .iter()
        .find(|c| c["merged"] == merging["merged"])
        .unwrap();
    assert_eq!(ms(chosen), cheapest, "{merging}");
    assert_eq!(fuse["metrics"]["depth"], chosen["depth"]);
    let none = considered
        .iter()
        .find(|c| c["merged"] == serde_json::json!([]))
        .unwrap();
    assert!(
        chosen["depth"].as_u64() <= none["depth"].as_u64(),
        "{merging}"
    );
    let md = p.read("docs/results.md");
    assert!(
        md.contains("| polyreplace[lambda=50.0] | STGCN-3 4/8/8 T=16 | 50 |"),
        "{md}"
    );
    assert!(md.contains("## Provenance"), "{md}");
    assert!(
        md.contains("Not encrypted: `he-eval` ran on the plaintext slot simulator"),
        "{md}"
    );
    assert!(std::fs::read(p.path("docs/img/frontier.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));
    assert!(p.read("docs/img/gates.svg").contains("λ = 50"));

    // A second run is a no-op and the report comes out byte-identical.
    let again = p.lingcn(&["run"]).success();
    assert_eq!(again.ran_cached().0, 0, "{}", again.stderr);
    p.lingcn(&["report", "--out", "docs2"]).success();
    for file in FILES {
        assert!(
            std::fs::read(p.path(&format!("docs/{file}"))).unwrap()
                == std::fs::read(p.path(&format!("docs2/{file}"))).unwrap(),
            "{file} changed between two reports of the same records"
        );
    }
    p.lingcn(&["report", "--out", "docs", "--check"])
        .success()
        .stdout_has("deterministic columns of 4 rows match");

    // Editing a deterministic value fails the check and names it; editing a
    // measured one does not.
    let committed = p.read("docs/results.csv");
    let top1 = row(L50)[col("top1")].clone();
    let edited: Vec<String> = committed
        .lines()
        .map(|l| {
            if l.starts_with(L50) {
                let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
                cells[col("top1")] = "12.5".into();
                cells[col("latency_s")] = "999.0".into();
                cells.join(",")
            } else {
                l.to_string()
            }
        })
        .collect();
    p.write("docs/results.csv", &(edited.join("\n") + "\n"));
    p.lingcn(&["report", "--out", "docs", "--check"])
        .failure(1)
        .stdout_has(&format!("{L50}: top1: committed 12.5, now {top1}"))
        .stdout_has("1 deterministic values differ");
}

#[test]
fn a_changed_parameter_shows_up_as_a_changed_row() {
    let p = flow();
    p.lingcn(&["report", "--out", "docs"]).success();
    p.edit(
        "pipeline.toml",
        "lambda = [0.0, 50.0]",
        "lambda = [0.0, 60.0]",
    );
    // Until the run, the report refuses stale records instead of mixing them.
    // Outputs and blobs stay as they were (sled may compact its own files).
    let outputs = || {
        let mut state = p.state();
        state.retain(|path, _| !path.starts_with("cache/db"));
        state
    };
    let state = outputs();
    p.lingcn(&["report", "--out", "docs2"])
        .failure(2)
        .stderr_has("not up to date")
        .stderr_has("linearize[lambda=60.0] (never run)");
    assert!(!p.path("docs2").exists());
    assert_eq!(state, outputs());
    p.lingcn(&["run"]).success();
    p.lingcn(&["report", "--out", "docs", "--check"])
        .failure(1)
        .stdout_has("polyreplace[lambda=60.0]: config: committed (no such row)")
        .stdout_has("polyreplace[lambda=50.0]: config: committed polyreplace[lambda=50.0], now (no such row)");
    p.lingcn(&["report", "--out", "docs"]).success();
    assert!(p
        .read("docs/results.csv")
        .contains("\npolyreplace[lambda=60.0],"));
}

#[test]
fn bad_report_declarations_and_arguments_are_refused() {
    let p = Project::new("[stages.report]\nkind = \"report\"\n");
    p.lingcn(&["status"])
        .failure(2)
        .stderr_has("a report needs inputs");
    let p =
        Project::new("[stages.a]\nkind = \"cmd\"\ncmd = \"echo 1 > {out.x}\"\nouts = [\"x\"]\n");
    p.lingcn(&["run"]).success();
    p.write("README.md", "# no markers\n");
    p.lingcn(&["report", "--out", "docs", "--readme", "README.md"])
        .failure(2)
        .stderr_has("README.md: no `<!-- results:begin -->`");
    p.lingcn(&["report", "--out", "nowhere", "--check"])
        .failure(2)
        .stderr_has("nowhere/results.csv");
}
