//! Parity with the PyTorch reference (benches/reference/stgcn.py) on the same libtorch:
//! eval logits, one SGD step's weights, and import of a PyTorch-written checkpoint; for the
//! LinGCN units (gated ReLU with structural polarization, gated polynomial) the eval and
//! train logits, the hard gates and the gradients (straight-through estimator included).
//! Skips (and says so) when the Python venv cannot be set up, e.g. without
//! network, unless the test group `parity` is required (CI).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use lingcn::model::checkpoint;
use lingcn::model::{ActivationConfig, Granularity, LinModel, Relu, StgcnModel, TrainConfig};
use tch::{nn, Device, Kind, Tensor};

use super::common::{max_abs_diff, tiny_config, torch_lock};

const TOL: f64 = 1e-4;

fn crate_root() -> PathBuf {
    PathBuf::from(env!("LINGCN_REPO_ROOT"))
}

/// The venv's python from scripts/setup-python.sh, or None when it cannot be created.
fn python() -> Option<PathBuf> {
    let out = Command::new("bash")
        .arg(crate_root().join("scripts/setup-python.sh"))
        .output()
        .expect("run bash scripts/setup-python.sh");
    if !out.status.success() {
        let why = format!(
            "scripts/setup-python.sh failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        crate::common::require::skip("parity", &why);
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

/// Runs benches/reference/stgcn.py in `mode` on `dir`.
fn reference(py: &Path, mode: &str, dir: &Path) {
    let script = crate_root().join("benches/reference/stgcn.py");
    let out = Command::new(py)
        .arg(&script)
        .arg(mode)
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stgcn.py {mode} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
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

    reference(&py, "--parity", d);

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

/// Eval logits, train logits, gradients and loss may differ by this much from PyTorch
/// (the same libtorch kernels; what differs is the order of a few float operations).
const ACT_TOL: f64 = 1e-5;

/// Uniform f32 values in [lo, hi) from torch's RNG (the caller holds the torch lock).
fn uniform(n: i64, lo: f64, hi: f64) -> Vec<f32> {
    let t = Tensor::empty([n], (Kind::Float, Device::Cpu)).uniform_(lo, hi);
    Vec::<f32>::try_from(&t).unwrap()
}

/// A gated model on the tiny config with random BN statistics and random scores: block 0
/// and 2 keep one gate per node (at each node's larger score, so the position varies),
/// block 1 keeps both (node-wise); layer-wise, block 0 keeps unit 1, block 1 both, block
/// 2 none.
fn gated_model(granularity: Granularity) -> LinModel {
    let cfg = ActivationConfig::gated(granularity);
    let m = LinModel::new(&tiny_config(5), &cfg, Device::Cpu).unwrap();
    randomize(&m.model.vs);
    let gates = m.act.gates().unwrap();
    match granularity {
        Granularity::Node => {
            for (i, (lo, hi)) in [(-1.0, 1.0), (-0.2, 1.0), (-1.0, 1.0)].iter().enumerate() {
                gates.set_scores(i, 0, &uniform(25, *lo, *hi));
                gates.set_scores(i, 1, &uniform(25, *lo, *hi));
            }
        }
        Granularity::Layer => {
            for (k, s) in [-0.5f32, 0.7, 0.3, 0.2, -0.1, -0.4].iter().enumerate() {
                gates.set_scores(k / 2, k % 2, &[*s]);
            }
        }
    }
    m
}

/// Writes what `stgcn.py --parity-act` reads; returns (input, labels).
fn export_lin(dir: &Path, m: &LinModel, lambda: f64) -> (Tensor, Tensor) {
    m.save(&dir.join("weights.safetensors")).unwrap();
    m.act_config.write_dir(dir).unwrap();
    let config = serde_json::to_string(m.model.config()).unwrap();
    std::fs::write(dir.join("config.json"), config).unwrap();
    let loss = serde_json::json!({ "lambda": lambda });
    std::fs::write(dir.join("loss.json"), loss.to_string()).unwrap();
    let x = Tensor::randn([4, 3, 32, 25, 2], (Kind::Float, Device::Cpu));
    let y = Tensor::from_slice(&[0i64, 3, 1, 2]);
    x.write_npy(dir.join("input.npy")).unwrap();
    y.write_npy(dir.join("labels.npy")).unwrap();
    (x, y)
}

/// Differences from the reference of one LinGCN model.
struct ActParity {
    eval: f64,
    train: f64,
    loss: f64,
    /// Largest gradient difference over all parameters, and where.
    grad: (f64, String),
    /// Largest score-gradient difference and the largest score gradient.
    aux_grad: f64,
    aux_grad_max: f64,
    /// Hard gates the reference derived (learnable) or used (frozen), vs our buffers.
    gates: f64,
}

/// Runs the reference on `m` and compares: eval logits, then (train mode) the loss
/// CE + lambda * density and the gradient of every parameter.
fn act_parity(py: &Path, m: &LinModel, lambda: f64) -> ActParity {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (x, y) = export_lin(d, m, lambda);
    let eval = m.forward_features(&x, false).unwrap().logits;
    assert!(
        eval.abs().max().double_value(&[]) > 1e-2,
        "logits too small"
    );
    let train = m.forward_features(&x, true).unwrap().logits;
    let gates = m.act.gates().unwrap();
    let loss = train.cross_entropy_for_logits(&y) + gates.density() * lambda;
    loss.backward();
    reference(py, "--parity-act", d);

    let npy = |name: &str| Tensor::read_npy(d.join(name)).unwrap();
    let vars = m.model.vs.variables();
    let grads: HashMap<String, Tensor> = vars
        .iter()
        .filter(|(_, t)| t.requires_grad())
        .map(|(n, t)| (n.clone(), t.grad()))
        .collect();
    let py_grads = checkpoint::read(&d.join("py_grads.safetensors")).unwrap();
    let aux: Vec<&String> = grads.keys().filter(|n| n.ends_with(".aux")).collect();
    let aux_grad = aux
        .iter()
        .map(|n| max_abs_diff(&grads[*n], &py_grads[*n]))
        .fold(0.0, f64::max);
    let aux_grad_max = aux
        .iter()
        .map(|n| grads[*n].abs().max().double_value(&[]))
        .fold(0.0, f64::max);
    let py_gates = checkpoint::read(&d.join("py_gates.safetensors")).unwrap();
    let gates = py_gates
        .iter()
        .map(|(n, g)| max_abs_diff(&vars[n], g))
        .fold(0.0, f64::max);
    assert_eq!(py_gates.len(), 6, "one gate vector per unit");
    ActParity {
        eval: max_abs_diff(&eval, &npy("py_logits_eval.npy")),
        train: max_abs_diff(&train, &npy("py_logits_train.npy")),
        loss: max_abs_diff(&loss.reshape([1]), &npy("py_loss.npy")),
        grad: max_state_diff(&grads, &py_grads),
        aux_grad,
        aux_grad_max,
        gates,
    }
}

fn assert_act_parity(what: &str, p: &ActParity) {
    eprintln!(
        "parity {what}: eval logits {:.3e}, train logits {:.3e}, loss {:.3e}, grads {:.3e} ({}), \
         score grads {:.3e} (largest score grad {:.3e}), gates {}",
        p.eval, p.train, p.loss, p.grad.0, p.grad.1, p.aux_grad, p.aux_grad_max, p.gates
    );
    assert_eq!(
        p.gates, 0.0,
        "{what}: hard gates differ from the reference's"
    );
    assert!(
        p.eval < ACT_TOL && p.train < ACT_TOL && p.loss < ACT_TOL,
        "{what}: logits or loss differ: eval {}, train {}, loss {}",
        p.eval,
        p.train,
        p.loss
    );
    assert!(
        p.grad.0 < ACT_TOL,
        "{what}: gradient of {} differs by {}",
        p.grad.1,
        p.grad.0
    );
}

/// Node-wise and layer-wise gated ReLU: the structurally polarized gates, the logits and
/// the gradients of CE + lambda * density, score gradients through the estimator included.
#[test]
fn gated_model_matches_pytorch_reference() {
    let Some(py) = python() else { return };
    let _g = torch_lock();
    tch::manual_seed(43);
    let m = gated_model(Granularity::Node);
    let kept = m.act.gates().unwrap().summary().kept_per_unit;
    assert!(
        kept[0] > 0 && kept[0] < 25 && kept[0] + kept[1] == 25,
        "block 0 should split its nodes between the units: {kept:?}"
    );
    assert_eq!(&kept[2..4], &[25, 25], "block 1 keeps both");
    let p = act_parity(&py, &m, 1.0);
    assert_act_parity("gated node-wise", &p);
    assert!(
        p.aux_grad_max > 1e-4,
        "score gradients too small to compare"
    );

    let m = gated_model(Granularity::Layer);
    let kept = m.act.gates().unwrap().summary().kept_per_unit;
    assert_eq!(kept, vec![0, 25, 25, 25, 0, 0]);
    let p = act_parity(&py, &m, 0.5);
    assert_act_parity("gated layer-wise", &p);
    assert!(
        p.aux_grad_max > 1e-4,
        "score gradients too small to compare"
    );
}

/// A polynomial model with frozen mixed gates, random coefficients and s = 0.05.
#[test]
fn poly_model_matches_pytorch_reference() {
    let Some(py) = python() else { return };
    let _g = torch_lock();
    tch::manual_seed(44);
    let gated = gated_model(Granularity::Node);
    let cfg = ActivationConfig::poly(0.05);
    let config = gated.model.config().clone();
    let m = LinModel::derive_from(&gated.model.vs, &config, &cfg, Device::Cpu).unwrap();
    let poly = m.act.poly().unwrap();
    for (i, u) in (0..3).flat_map(|i| [(i, 0), (i, 1)]) {
        let [w2, w1, b] = poly.coefficients(i, u);
        tch::no_grad(|| {
            let _ = w2.shallow_clone().uniform_(-2.0, 2.0);
            let _ = w1.shallow_clone().uniform_(-2.0, 2.0);
            let _ = b.shallow_clone().uniform_(-0.5, 0.5);
        });
    }
    let p = act_parity(&py, &m, 1.0);
    assert_act_parity("gated polynomial", &p);
}
