//! The pinned numeric environment of the libtorch stages
//! (`stages::TORCH_NUMERICS`): the same checkpoint bytes whatever dispatch
//! the host would pick, on emulated Intel and AMD CPUs as well; without the
//! pin, the bytes follow the host.

use super::train::TINY;
use crate::common::{require, worker_bin, Project};
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

/// Runs the baseline's worker in `work` under `cpu` (`qemu-x86_64 -cpu`,
/// or natively for `None`) with `env`; returns the weights' digest.
fn worker(p: &Project, cpu: Option<&str>, env: &[(String, String)], work: &Path) -> String {
    let mut cmd = match cpu {
        Some(cpu) => {
            let mut c = Command::new("qemu-x86_64");
            c.args(["-cpu", cpu]).arg(worker_bin());
            c
        }
        None => Command::new(worker_bin()),
    };
    let pipeline = p.path("pipeline.toml");
    cmd.args([
        "worker",
        "--stage",
        "baseline",
        "--threads",
        "1",
        "--pipeline",
    ])
    .arg(&pipeline)
    .arg("--work-dir")
    .arg(work)
    .envs(env.iter().map(|(k, v)| (k, v)));
    let out = cmd.output().unwrap();
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
    p.lingcn(&["run"]).success();
    let env: Vec<(String, String)> = record(&p, "baseline")["material"]["env"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    let here = weights(&p);
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(worker(&p, None, &env, dir.path()), here);
    // AVX2 without AVX-512, one Intel and one AMD model.
    for cpu in ["Haswell-v4", "EPYC-Rome"] {
        let work = dir.path().join(cpu);
        std::fs::create_dir_all(&work).unwrap();
        let emulated = worker(&p, Some(cpu), &env, &work);
        assert_eq!(emulated, here, "{cpu} gave other weights");
    }
}

#[test]
fn a_worker_outside_its_pinned_environment_refuses_to_run() {
    let p = Project::new(TINY);
    p.lingcn(&["run", "prepare"]).success();
    let work = tempfile::tempdir().unwrap();
    let out = Command::new(worker_bin())
        .args(["worker", "--stage", "baseline", "--pipeline"])
        .arg(p.path("pipeline.toml"))
        .arg("--work-dir")
        .arg(work.path())
        .env("ATEN_CPU_CAPABILITY", "default")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("must run with ATEN_CPU_CAPABILITY=\"avx2\"")
            && stderr.contains("ATEN_CPU_CAPABILITY=\"default\""),
        "{stderr}"
    );
    assert!(!work.path().join("out/checkpoint").exists());
}
