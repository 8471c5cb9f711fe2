//! Safetensors save/load round trip and the typed mismatch error.

use lingcn::model::checkpoint;
use lingcn::model::{BlockSpec, CheckpointError, Mismatch, Relu, StgcnModel};
use tch::{Device, Kind, Tensor};

use super::common::{max_abs_diff, tiny_config, torch_lock};

#[test]
fn round_trip_restores_logits_and_counters() {
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.safetensors");
    tch::manual_seed(3);
    let a = StgcnModel::new(&tiny_config(6), Device::Cpu).unwrap();
    let x = Tensor::randn([2, 3, 16, 25, 2], (Kind::Float, Device::Cpu));
    let _ = a.net.forward_with(&x, true, &Relu).unwrap(); // moves BN stats and counters
    checkpoint::save(&a.vs, &path).unwrap();
    tch::manual_seed(4);
    let mut b = StgcnModel::new(&tiny_config(6), Device::Cpu).unwrap();
    let before = max_abs_diff(
        &a.net.forward_with(&x, false, &Relu).unwrap(),
        &b.net.forward_with(&x, false, &Relu).unwrap(),
    );
    assert!(before > 1e-3, "differently seeded models should differ");
    checkpoint::load(&mut b.vs, &path).unwrap();
    let after = max_abs_diff(
        &a.net.forward_with(&x, false, &Relu).unwrap(),
        &b.net.forward_with(&x, false, &Relu).unwrap(),
    );
    assert_eq!(after, 0.0);
    let n = b.vs.variables()["data_bn.num_batches_tracked"].int64_value(&[]);
    assert_eq!(n, 1);
    let names: Vec<String> = checkpoint::read(&path).unwrap().into_keys().collect();
    assert!(names
        .iter()
        .any(|n| n == "st_gcn_networks.0.tcn.0.num_batches_tracked"));
}

#[test]
fn mismatched_checkpoint_lists_every_tensor() {
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.safetensors");
    let mut cfg = tiny_config(6);
    let saved = StgcnModel::new(&cfg, Device::Cpu).unwrap();
    checkpoint::save(&saved.vs, &path).unwrap();
    // Wider last block (shape mismatches), no edge importance (unexpected), more classes.
    cfg.blocks[2] = BlockSpec::new(12, 1, true);
    cfg.edge_importance = false;
    let mut other = StgcnModel::new(&cfg, Device::Cpu).unwrap();
    let before = other.vs.variables()["fcn.bias"].copy();
    let err = checkpoint::load(&mut other.vs, &path).unwrap_err();
    let CheckpointError::Mismatch { mismatches, .. } = &err else {
        panic!("{err}")
    };
    assert!(mismatches.contains(&Mismatch::Shape {
        name: "fcn.weight".into(),
        model: vec![6, 12, 1, 1],
        file: vec![6, 16, 1, 1]
    }));
    assert!(mismatches.contains(&Mismatch::Unexpected {
        name: "edge_importance.0".into(),
        shape: vec![3, 25, 25]
    }));
    // New residual conv (16 -> 12 needs a projection) is missing from the file.
    assert!(mismatches.contains(&Mismatch::Missing {
        name: "st_gcn_networks.2.residual.0.weight".into(),
        shape: vec![12, 16, 1, 1]
    }));
    let text = err.to_string();
    assert!(
        text.contains(&format!("({} tensors)", mismatches.len())),
        "{text}"
    );
    assert!(text.contains("unexpected edge_importance.2"), "{text}");
    // Nothing was copied.
    assert_eq!(
        max_abs_diff(&before, &other.vs.variables()["fcn.bias"]),
        0.0
    );
}

#[test]
fn unreadable_file_is_a_read_error() {
    let _g = torch_lock();
    let mut m = StgcnModel::new(&tiny_config(6), Device::Cpu).unwrap();
    let err = checkpoint::load(
        &mut m.vs,
        std::path::Path::new("/nonexistent/x.safetensors"),
    )
    .unwrap_err();
    assert!(matches!(err, CheckpointError::Read { .. }), "{err}");
}
