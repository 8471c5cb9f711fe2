//! Checkpoints of linearized and polynomial models: exact tensor names for the fuse module,
//! round trips through `(StgcnConfig, ActivationConfig)`, and strict loading.

use std::collections::BTreeMap;

use lingcn::model::checkpoint;
use lingcn::model::{
    ActivationConfig, ActivationKind, CheckpointError, Granularity, LinModel, LoadError, Mismatch,
    StgcnModel,
};
use tch::{Device, Kind, Tensor};

use super::common::{max_abs_diff, torch_lock};
use super::linear_train::micro_config;

/// The activation tensors of a checkpoint file: name -> (shape, values).
fn act_tensors(path: &std::path::Path) -> BTreeMap<String, (Vec<i64>, Vec<f32>)> {
    checkpoint::read(path)
        .unwrap()
        .into_iter()
        .filter(|(n, _)| n.contains(".act"))
        .map(|(n, t)| {
            assert_eq!(t.kind(), Kind::Float, "{n}");
            (n, (t.size(), Vec::<f32>::try_from(&t).unwrap()))
        })
        .collect()
}

fn names(suffixes: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = (0..3)
        .flat_map(|i| (0..2).flat_map(move |u| suffixes.iter().map(move |s| (i, u, s))))
        .map(|(i, u, s)| format!("st_gcn_networks.{i}.act{u}.{s}"))
        .collect();
    v.sort();
    v
}

fn input() -> Tensor {
    Tensor::randn([2, 3, 8, 25, 1], (Kind::Float, Device::Cpu))
}

fn logits(m: &LinModel, x: &Tensor) -> Tensor {
    m.forward_features(x, false).unwrap().logits
}

#[test]
fn gated_checkpoint_round_trips_with_exact_names() {
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    tch::manual_seed(1);
    let cfg = ActivationConfig::gated(Granularity::Node);
    let a = LinModel::new(&micro_config(4), &cfg, Device::Cpu).unwrap();
    let gates = a.act.gates().unwrap();
    let mut s0 = [0.2f32; 25];
    s0[3] = -0.9; // node 3 moves its single kept gate to unit 1
    gates.set_scores(0, 0, &s0);
    gates.set_scores(0, 1, &[-0.1; 25]);
    gates.set_scores(2, 1, &[-0.3; 25]);
    let path = dir.path().join("model.safetensors");
    a.save(&path).unwrap();
    cfg.write_dir(dir.path()).unwrap();

    let saved = act_tensors(&path);
    assert_eq!(
        saved.keys().cloned().collect::<Vec<_>>(),
        names(&["aux", "gate"])
    );
    assert!(saved.values().all(|(shape, _)| shape == &vec![25]));
    let gate = |i: usize, u: usize| &saved[&format!("st_gcn_networks.{i}.act{u}.gate")].1;
    assert_eq!(gate(0, 0).iter().sum::<f32>(), 24.0);
    assert_eq!((gate(0, 0)[3], gate(0, 1)[3]), (0.0, 1.0));
    // Block 2: the kept (higher) row is unit 0's everywhere.
    assert_eq!(gate(2, 0).iter().sum::<f32>(), 25.0);
    assert_eq!(gate(2, 1).iter().sum::<f32>(), 0.0);

    let back_cfg = ActivationConfig::read_dir(dir.path()).unwrap();
    assert_eq!(back_cfg, cfg);
    tch::manual_seed(2);
    let b = LinModel::load(&micro_config(4), &back_cfg, &path, Device::Cpu).unwrap();
    let x = input();
    assert_eq!(max_abs_diff(&logits(&a, &x), &logits(&b, &x)), 0.0);
    assert_eq!(b.act.gates().unwrap().summary(), gates.summary());
    assert_eq!(gates.summary().kept_per_unit, vec![24, 1, 25, 25, 25, 0]);
}

#[test]
fn layer_wise_scores_are_stored_as_one_value() {
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    let cfg = ActivationConfig::gated(Granularity::Layer);
    let a = LinModel::new(&micro_config(4), &cfg, Device::Cpu).unwrap();
    a.act.gates().unwrap().set_scores(1, 0, &[-0.4]);
    let path = dir.path().join("m.safetensors");
    a.save(&path).unwrap();
    let saved = act_tensors(&path);
    assert_eq!(saved["st_gcn_networks.1.act0.aux"].0, vec![1]);
    assert_eq!(saved["st_gcn_networks.1.act0.gate"].0, vec![25]);
    assert_eq!(saved["st_gcn_networks.1.act0.gate"].1, vec![0.0; 25]);
    LinModel::load(&micro_config(4), &cfg, &path, Device::Cpu).unwrap();
    // A node-wise model cannot take layer-wise scores.
    let node = ActivationConfig::gated(Granularity::Node);
    let err = LinModel::load(&micro_config(4), &node, &path, Device::Cpu).unwrap_err();
    assert!(
        err.to_string()
            .contains("shape of st_gcn_networks.0.act0.aux"),
        "{err}"
    );
}

#[test]
fn poly_checkpoint_round_trips_and_wrong_kind_lists_tensors() {
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    tch::manual_seed(3);
    let lin_cfg = ActivationConfig::gated(Granularity::Node);
    let lin = LinModel::new(&micro_config(4), &lin_cfg, Device::Cpu).unwrap();
    lin.act.gates().unwrap().set_scores(1, 1, &[-0.5; 25]);
    let cfg = ActivationConfig::poly(0.01);
    let a = LinModel::derive_from(&lin.model.vs, &micro_config(4), &cfg, Device::Cpu).unwrap();
    let [w2, _, b] = a.act.poly().unwrap().coefficients(0, 1);
    tch::no_grad(|| {
        let _ = w2.shallow_clone().fill_(0.7);
        let _ = b.shallow_clone().fill_(-0.2);
    });
    let path = dir.path().join("m.safetensors");
    a.save(&path).unwrap();
    let saved = act_tensors(&path);
    assert_eq!(
        saved.keys().cloned().collect::<Vec<_>>(),
        names(&["b", "gate", "w1", "w2"])
    );
    assert_eq!(
        saved["st_gcn_networks.1.act1.gate"].1,
        vec![0.0; 25],
        "gates come from lin"
    );
    assert_eq!(saved["st_gcn_networks.0.act1.w2"].1, vec![0.7; 25]);
    assert_eq!(saved["st_gcn_networks.2.act0.w1"].1, vec![1.0; 25]);

    let b = LinModel::load(&micro_config(4), &cfg, &path, Device::Cpu).unwrap();
    let x = input();
    assert_eq!(max_abs_diff(&logits(&a, &x), &logits(&b, &x)), 0.0);

    let err = LinModel::load(&micro_config(4), &lin_cfg, &path, Device::Cpu).unwrap_err();
    let LoadError::Checkpoint(CheckpointError::Mismatch { mismatches, .. }) = &err else {
        panic!("{err}")
    };
    assert_eq!(
        mismatches.len(),
        6 * 4,
        "6 missing aux + 18 unexpected w2/w1/b"
    );
    assert!(mismatches.contains(&Mismatch::Missing {
        name: "st_gcn_networks.2.act1.aux".into(),
        shape: vec![25]
    }));
    assert!(
        err.to_string()
            .contains("unexpected st_gcn_networks.0.act0.w2"),
        "{err}"
    );
}

#[test]
fn baseline_checkpoint_loads_unchanged_as_relu() {
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    tch::manual_seed(4);
    let base = StgcnModel::new(&micro_config(4), Device::Cpu).unwrap();
    let path = dir.path().join("m.safetensors");
    checkpoint::save(&base.vs, &path).unwrap();
    // No activation.json: a baseline directory.
    let cfg = ActivationConfig::read_dir(dir.path()).unwrap();
    assert_eq!(cfg.kind, ActivationKind::Relu);
    let m = LinModel::load(&micro_config(4), &cfg, &path, Device::Cpu).unwrap();
    let x = input();
    let want = base
        .net
        .forward_with(&x, false, &lingcn::model::Relu)
        .unwrap();
    assert_eq!(max_abs_diff(&logits(&m, &x), &want), 0.0);
    m.save(&dir.path().join("again.safetensors")).unwrap();
    assert!(act_tensors(&dir.path().join("again.safetensors")).is_empty());
    // A baseline cannot be loaded as a gated model (no gates or scores to read).
    let gated = ActivationConfig::gated(Granularity::Node);
    let err = LinModel::load(&micro_config(4), &gated, &path, Device::Cpu).unwrap_err();
    assert!(
        err.to_string()
            .contains("missing st_gcn_networks.0.act0.gate"),
        "{err}"
    );
}

#[test]
fn activation_config_json() {
    let cfg: ActivationConfig =
        serde_json::from_str(r#"{"kind": "poly", "granularity": "layer"}"#).unwrap();
    assert_eq!(
        (cfg.kind, cfg.granularity, cfg.poly_scale),
        (ActivationKind::Poly, Granularity::Layer, 0.01)
    );
    assert!(serde_json::from_str::<ActivationConfig>(r#"{"kind": "tanh"}"#).is_err());
    assert!(serde_json::from_str::<ActivationConfig>(r#"{"scale": 1}"#).is_err());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("activation.json"), "{\"kind\": 3}").unwrap();
    let err = ActivationConfig::read_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("activation.json"), "{err}");
}
