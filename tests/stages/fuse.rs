//! The `fuse` stage: circuit checked against libtorch, depth, CKKS plan.

use super::train::TINY;
use crate::common::Project;

const FUSE: &str = r#"
[stages.fuse]
kind = "fuse"
inputs = { checkpoint = "baseline.checkpoint", data = "prepare.data" }
params = { check_samples = 4 }
"#;

fn project() -> Project {
    Project::new(&format!("{TINY}{FUSE}"))
}

#[test]
fn fuses_checks_against_libtorch_and_plans() {
    let p = project();
    p.lingcn(&["run", "fuse"]).success();
    let record: serde_json::Value =
        serde_json::from_str(&p.lingcn(&["show", "fuse", "--json"]).success().stdout).unwrap();
    let m = &record["metrics"];
    assert!(
        m["equivalence"]["max_relative_error"].as_f64().unwrap() < 1e-4,
        "{m}"
    );
    // Baseline STGCN-3: 4 levels per block (gcn, square, tcn, square) + pool/classifier.
    assert_eq!(m["depth"], 13);
    // The integer bits come from the logits measured on the check clips
    // (sign, magnitude, 4 bits of margin), which lets depth 13 fit N = 16384.
    let int_bits = m["int_bits"]["used"].as_u64().unwrap();
    let largest = m["int_bits"]["max_abs_logit"].as_f64().unwrap();
    assert!(
        largest > 0.0 && (1u64 << (int_bits - 5)) as f64 >= largest,
        "{m}"
    );
    assert!(int_bits < 20, "{m}");
    assert_eq!(m["ring_dim"], 16384);
    let moduli_first = m["moduli_bits"][0].as_u64().unwrap();
    assert_eq!(moduli_first, m["scale_bits"].as_u64().unwrap() + int_bits);
    assert_eq!(m["versus_unlinearized"]["depth_reduction"], 0);
    let layers = m["layers"].as_array().unwrap();
    assert_eq!(layers.last().unwrap()["depth"], 13, "{m}");
    assert!(
        layers
            .iter()
            .any(|l| l["label"] == "b0.act0" && l["ct_ct_mul"].as_u64().unwrap() > 0),
        "{m}"
    );
    let plan: serde_json::Value = serde_json::from_str(&p.read("out/fuse/plan.json")).unwrap();
    let moduli = plan["params"]["moduli_bits"].as_array().unwrap();
    assert_eq!(moduli.len(), 13 + 2);
    assert!(plan["params"]["log_q"].as_u64().unwrap() <= 881);
    p.lingcn(&["log", "fuse"])
        .success()
        .stdout_has("max relative logit error");
}

#[test]
fn a_depth_that_cannot_fit_is_refused_saying_what_would() {
    let p = project();
    p.edit(
        "pipeline.toml",
        "{ check_samples = 4 }",
        "{ check_samples = 4, precision = { max_ring_dim = 8192 } }",
    );
    p.lingcn(&["run", "fuse"])
        .failure(1)
        .stderr_has("depth 13 needs log Q")
        .stderr_has("N=16384");
}

#[test]
fn unknown_precision_key_is_refused() {
    let p = project();
    p.edit(
        "pipeline.toml",
        "{ check_samples = 4 }",
        "{ check_samples = 4, precision = { scale_bit_max = 40 } }",
    );
    p.lingcn(&["status"])
        .failure(2)
        .stderr_has("params.precision.scale_bit_max: unknown field")
        .stderr_has("pipeline.toml:30:45:")
        .stderr_has("did you mean `scale_bits_max`?");
}

/// A plan with every `latency_ms` and `cost_source` (the measured-cost
/// estimates) removed.
fn decisions(mut plan: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("latency_ms");
                m.remove("cost_source");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut plan);
    plan
}

/// Two machines that measured opposite costs (rotations free or ruinous)
/// get the same plan: measured costs only feed the estimate.
#[test]
fn measured_costs_change_the_estimate_but_no_decision() {
    let table = |rotate: f64, mul: f64| {
        let row = format!(
            r#"{{"ct_pt_mul": {mul}, "ct_ct_mul": 1, "relin": 0, "rotate": {rotate}, "add": 0.1, "add_plain": 0.1, "rescale": 1}}"#
        );
        format!(r#"{{"source": "test", "per_ring_dim": {{"16384": {row}, "32768": {row}}}}}"#)
    };
    let extra = r#"
[stages.costs]
kind = "cmd"
matrix = { file = ["rot-free.json", "rot-dear.json"] }
deps = ["rot-free.json", "rot-dear.json"]
cmd = "cp {params.file} {out.costs}"
outs = ["costs"]

[stages.fuse-measured]
kind = "fuse"
for_each = "costs"
inputs = { checkpoint = "baseline.checkpoint", data = "prepare.data", costs = "costs.costs" }
params = { check_samples = 4 }
"#;
    let p = Project::new(&format!("{TINY}{FUSE}{extra}"));
    p.write("rot-free.json", &table(0.0, 1000.0));
    p.write("rot-dear.json", &table(1000.0, 0.0));
    p.lingcn(&["run"]).success();
    let plan = |stage: &str| -> serde_json::Value {
        serde_json::from_str(&p.read(&format!("out/{stage}/plan.json"))).unwrap()
    };
    let (free, dear) = (
        plan("fuse-measured[file=rot-free.json]"),
        plan("fuse-measured[file=rot-dear.json]"),
    );
    assert_ne!(free["latency_ms"], dear["latency_ms"]);
    assert!(plan("fuse")["latency_ms"].is_null());
    assert!(free["reference_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(decisions(free.clone()), decisions(dear));
    assert_eq!(decisions(free), decisions(plan("fuse")));
}
