//! Parity with the PyTorch reference (benches/reference/stgcn.py) on the same libtorch:
//! eval logits, one SGD step's weights, and import of a PyTorch-written checkpoint.
//! Skips (and says so) when the Python venv cannot be set up, e.g. without network.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use lingcn::model::checkpoint;
use lingcn::model::{Relu, StgcnModel, TrainConfig};
use tch::{nn, Device, Kind, Tensor};

use super::common::{max_abs_diff, tiny_config, torch_lock};

const TOL: f64 = 1e-4;

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The venv's python from scripts/setup-python.sh, or None when it cannot be created.
fn python() -> Option<PathBuf> {
    let out = Command::new("bash")
        .arg(crate_root().join("scripts/setup-python.sh"))
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "SKIP parity: setup-python.sh failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// Random BN statistics, affine parameters, counters and edge importance, so eval mode is
/// a real check of every buffer. BatchNorms are found by their `running_var`.
fn randomize(vs: &nn::VarStore) {
    let vars = vs.variables();
    let bn_weights: Vec<String> = vars
        .keys()
        .filter_map(|n| {
            n.strip_suffix(".running_var")
                .map(|p| format!("{p}.weight"))
        })
        .collect();
    tch::no_grad(|| {
        for (name, mut t) in vars {
            let _ = match name.rsplit('.').next().unwrap_or("") {
                "num_batches_tracked" => t.fill_(3),
                "running_var" => t.uniform_(0.5, 2.0),
                "running_mean" | "bias" => t.uniform_(-0.5, 0.5),
                _ if bn_weights.contains(&name) || name.starts_with("edge_importance") => {
                    t.uniform_(0.5, 1.5)
                }
                _ => continue,
            };
        }
    });
}

fn step_config() -> TrainConfig {
    TrainConfig {
        lr: 0.1,
        momentum: 0.9,
        nesterov: true,
        weight_decay: 1e-3,
        ..Default::default()
    }
}

/// Writes weights, input, labels and configs; returns (input, labels).
fn export(dir: &Path, model: &StgcnModel) -> (Tensor, Tensor) {
    checkpoint::save(&model.vs, &dir.join("weights.safetensors")).unwrap();
    let x = Tensor::randn([4, 3, 32, 25, 2], (Kind::Float, Device::Cpu));
    let y = Tensor::from_slice(&[0i64, 3, 1, 2]);
    x.write_npy(dir.join("input.npy")).unwrap();
    y.write_npy(dir.join("labels.npy")).unwrap();
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_string(model.config()).unwrap(),
    )
    .unwrap();
    let s = step_config();
    let step = serde_json::json!({"lr": s.lr, "momentum": s.momentum, "nesterov": s.nesterov, "weight_decay": s.weight_decay});
    std::fs::write(dir.join("step.json"), step.to_string()).unwrap();
    (x, y)
}

/// Largest difference over all tensors of two name->tensor maps with the same names.
fn max_state_diff(a: &HashMap<String, Tensor>, b: &HashMap<String, Tensor>) -> (f64, String) {
    assert_eq!(a.len(), b.len(), "state sizes differ");
    let mut worst = (0.0, String::new());
    for (name, t) in a {
        let d = max_abs_diff(t, &b[name]);
        if d > worst.0 || worst.1.is_empty() {
            worst = (d, name.clone());
        }
    }
    worst
}

#[test]
fn matches_pytorch_reference() {
    let Some(py) = python() else { return };
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tch::manual_seed(42);
    let model = StgcnModel::new(&tiny_config(5), Device::Cpu).unwrap();
    randomize(&model.vs);
    let (x, y) = export(d, &model);
    let eval = model.net.forward_with(&x, false, &Relu).unwrap();
    let mut opt = step_config().optimizer(&model.vs).unwrap();
    let train_logits = model.net.forward_with(&x, true, &Relu).unwrap();
    opt.backward_step(&train_logits.cross_entropy_for_logits(&y));

    let script = crate_root().join("benches/reference/stgcn.py");
    let out = Command::new(&py)
        .arg(&script)
        .arg("--parity")
        .arg(d)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stgcn.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let fwd = max_abs_diff(
        &eval,
        &Tensor::read_npy(d.join("py_logits_eval.npy")).unwrap(),
    );
    let fwd_train = max_abs_diff(
        &train_logits,
        &Tensor::read_npy(d.join("py_logits_train.npy")).unwrap(),
    );
    let py_after = checkpoint::read(&d.join("py_after_step.safetensors")).unwrap();
    let (step, worst) = max_state_diff(&model.vs.variables(), &py_after);
    eprintln!("parity: eval logits max diff {fwd:.3e}, train logits {fwd_train:.3e}, after one SGD step {step:.3e} ({worst})");
    assert!(
        fwd < TOL && fwd_train < TOL,
        "logits differ: eval {fwd}, train {fwd_train}"
    );
    assert!(
        step < TOL,
        "weights after one SGD step differ by {step} at {worst}"
    );
    assert!(
        eval.abs().max().double_value(&[]) > 1e-2,
        "logits too small for a meaningful check"
    );

    // Import a checkpoint written by PyTorch itself.
    let mut imported = StgcnModel::new(&tiny_config(5), Device::Cpu).unwrap();
    checkpoint::load(&mut imported.vs, &d.join("py_model.safetensors")).unwrap();
    let logits = imported.net.forward_with(&x, false, &Relu).unwrap();
    let import = max_abs_diff(
        &logits,
        &Tensor::read_npy(d.join("py_model_logits.npy")).unwrap(),
    );
    eprintln!("parity: PyTorch-written checkpoint logits max diff {import:.3e}");
    assert!(import < TOL, "imported model logits differ by {import}");
}
