//! The pinned numeric environment of the libtorch stages
//! (`stages::TORCH_NUMERICS`): the same checkpoint bytes whatever dispatch
//! the host would pick, on emulated Intel and AMD CPUs as well; without the
//! pin, the bytes follow the host.

use super::train::TINY;
use crate::common::{require, worker_bin, worker_wrapper, Project};
use std::path::Path;
use std::process::Command;

/// Environment that pushes libtorch, MKL and oneDNN to other kernels than
/// an AVX2 or AVX-512 host picks by itself.
const LOWER: [(&str, &str); 3] = [
    ("ATEN_CPU_CAPABILITY", "default"),
    ("MKL_CBWR", "COMPATIBLE"),
    ("ONEDNN_MAX_CPU_ISA", "SSE41"),
];

const UNPINNED: &str = "[pipeline]\nenv = { ATEN_CPU_CAPABILITY = false, MKL_CBWR = false, ONEDNN_MAX_CPU_ISA = false }\n";

fn record(p: &Project, stage: &str) -> serde_json::Value {
    serde_json::from_str(&p.lingcn(&["show", stage, "--json"]).success().stdout).unwrap()
}

/// The blob digest of the trained weights.
fn weights(p: &Project) -> String {
    let r = record(p, "baseline");
    r["outputs"]["checkpoint"]["files"]["model.safetensors"]["blob"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Re-trains the baseline with `env` added to the runner's environment.
fn retrain(p: &Project, env: &[(&str, &str)]) -> String {
    let out = p
        .command(&["run", "--force", "baseline", "baseline"])
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    weights(p)
}

#[test]
fn pinned_weights_ignore_the_host_dispatch_and_unpinned_ones_follow_it() {
    let p = Project::new(TINY);
    p.lingcn(&["run"]).success();
    let pinned = weights(&p);
    assert_eq!(retrain(&p, &LOWER), pinned, "the pin did not hold");
    p.lingcn(&["show", "baseline"])
        .success()
        .stdout_has("MKL_CBWR=COMPATIBLE,STRICT")
        .stdout_has("(pinned)");

    p.write("pipeline.toml", &format!("{UNPINNED}{TINY}"));
    p.lingcn(&["status"])
        .success()
        .stdout_has("env ATEN_CPU_CAPABILITY: \"avx2\" -> the host's");
    p.lingcn(&["run"]).success();
    let natural = weights(&p);
    assert_ne!(
        retrain(&p, &LOWER),
        natural,
        "unpinned runs should follow the host"
    );
    p.lingcn(&["show", "baseline"])
        .success()
        .stdout_has("NOT PORTABLE: ATEN_CPU_CAPABILITY, MKL_CBWR, ONEDNN_MAX_CPU_ISA overridden");

    // Back to the pin: the first record is reused.
    p.write("pipeline.toml", TINY);
    assert_eq!(p.lingcn(&["run"]).success().ran_cached(), (0, 3));
    assert_eq!(weights(&p), pinned);
}

/// Runs the pipeline, keeping the work order `lingcn run` handed the
/// baseline's worker; returns it and its key.
fn run_keeping_the_baseline_order(p: &Project) -> (Vec<u8>, String) {
    let keep = r#"mkdir -p orders && cp "$work/order.json" "orders/$key.json""#;
    let out = p
        .command(&["run"])
        .env("LINGCN_WORKER", worker_wrapper(p, &worker_bin(), keep))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for entry in std::fs::read_dir(p.path("orders")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let order: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        if order["place"]["decl"]["name"] == "baseline" {
            let key = path.file_stem().unwrap().to_string_lossy().into_owned();
            return (bytes, key);
        }
    }
    panic!("no work order for the baseline was handed over");
}

/// Runs the baseline's work `order` (with its `key`) in `work` under `cpu`
/// (`qemu-x86_64 -cpu`, or natively for `None`) with `env`.
fn start_worker(
    cpu: Option<&str>,
    env: &[(String, String)],
    work: &Path,
    (order, key): &(Vec<u8>, String),
) -> std::process::Output {
    let mut cmd = match cpu {
        Some(cpu) => {
            let mut c = Command::new("qemu-x86_64");
            c.args(["-cpu", cpu]).arg(worker_bin());
            c
        }
        None => Command::new(worker_bin()),
    };
    std::fs::write(work.join("order.json"), order).unwrap();
    cmd.args(["worker", "--threads", "1", "--key", key, "--work-dir"])
        .arg(work)
        .envs(env.iter().map(|(k, v)| (k, v)));
    cmd.output().unwrap()
}

/// Runs the baseline's worker as [`start_worker`] does; returns the
/// weights' digest.
fn worker(
    cpu: Option<&str>,
    env: &[(String, String)],
    work: &Path,
    order: &(Vec<u8>, String),
) -> String {
    let out = start_worker(cpu, env, work, order);
    let result = std::fs::read_to_string(work.join("result.json")).unwrap_or_default();
    assert!(
        out.status.success() && result.contains("metrics"),
        "worker on {cpu:?}: {result}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(work.join("out/checkpoint/model.safetensors")).unwrap();
    blake3::hash(&bytes).to_hex().to_string()
}

#[test]
fn pinned_weights_are_the_same_bytes_on_emulated_intel_and_amd_cpus() {
    if !Command::new("qemu-x86_64")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        require::skip(
            "cross-cpu",
            "qemu-x86_64 not installed (scripts/setup.sh --test installs qemu-user)",
        );
        return;
    }
    let p = Project::new(TINY);
    let order = run_keeping_the_baseline_order(&p);
    let env: Vec<(String, String)> = record(&p, "baseline")["material"]["env"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    let here = weights(&p);
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(worker(None, &env, dir.path(), &order), here);
    // AVX2 without AVX-512, one Intel and one AMD model.
    for cpu in ["Haswell-v4", "EPYC-Rome"] {
        let work = dir.path().join(cpu);
        std::fs::create_dir_all(&work).unwrap();
        let emulated = worker(Some(cpu), &env, &work, &order);
        assert_eq!(emulated, here, "{cpu} gave other weights");
    }
}

#[test]
fn a_worker_outside_its_pinned_environment_refuses_to_run() {
    let p = Project::new(TINY);
    let order = run_keeping_the_baseline_order(&p);
    let work = tempfile::tempdir().unwrap();
    let env = [("ATEN_CPU_CAPABILITY".to_string(), "default".to_string())];
    let out = start_worker(None, &env, work.path(), &order);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("must run with ATEN_CPU_CAPABILITY=\"avx2\"")
            && stderr.contains("ATEN_CPU_CAPABILITY=\"default\""),
        "{stderr}"
    );
    assert!(!work.path().join("out/checkpoint").exists());
}
