//! Training: learning on toy data, determinism, typed errors, cancellation, data loading.

use std::cell::Cell;
use std::sync::atomic::AtomicBool;

use lingcn::model::train::{init_model, DeviceChoice};
use lingcn::model::{
    evaluate, train, DataError, Dataset, Relu, TrainConfig, TrainError, TrainReport,
};
use tch::{Kind, Tensor};

use super::common::{tiny_config, torch_lock, toy_dataset};

fn quick_config(epochs: usize) -> TrainConfig {
    TrainConfig {
        epochs,
        batch_size: 8,
        lr: 0.05,
        lr_steps: vec![3],
        threads: 2,
        device: DeviceChoice::Cpu,
        seed: 11,
        ..Default::default()
    }
}

fn run(
    cfg: &TrainConfig,
    train_set: &Dataset,
    val_set: &Dataset,
) -> Result<TrainReport, TrainError> {
    let mut model = init_model(&tiny_config(4), cfg)?;
    train(
        &mut model,
        cfg,
        train_set,
        val_set,
        &|_, _, _| {},
        &AtomicBool::new(false),
    )
}

#[test]
fn learns_toy_data_and_is_deterministic() {
    let _g = torch_lock();
    let (tr, va) = (
        toy_dataset("train", 32, 16, 4, 1),
        toy_dataset("val", 16, 16, 4, 2),
    );
    let cfg = TrainConfig {
        random_shift: true,
        ..quick_config(4)
    };
    let a = run(&cfg, &tr, &va).unwrap();
    assert_eq!(a.history.len(), 4);
    assert!(
        a.best.top1 >= 0.75,
        "val top1 {} on trivially separable data",
        a.best.top1
    );
    assert!(a.history[3].train_loss < a.history[0].train_loss);
    assert!((a.history[3].lr - 0.005).abs() < 1e-12);
    let b = run(&cfg, &tr, &va).unwrap();
    let losses = |r: &TrainReport| {
        r.history
            .iter()
            .map(|e| (e.train_loss, e.val_loss, e.val_top1))
            .collect::<Vec<_>>()
    };
    assert_eq!(losses(&a), losses(&b));
    assert_eq!(a.best, b.best);
    let c = run(&TrainConfig { seed: 12, ..cfg }, &tr, &va).unwrap();
    assert_ne!(
        losses(&a),
        losses(&c),
        "a different seed should change the run"
    );
}

#[test]
fn model_holds_best_epoch_weights() {
    let _g = torch_lock();
    let (tr, va) = (
        toy_dataset("train", 16, 16, 4, 3),
        toy_dataset("val", 8, 16, 4, 4),
    );
    let cfg = quick_config(3);
    let mut model = init_model(&tiny_config(4), &cfg).unwrap();
    let report = train(
        &mut model,
        &cfg,
        &tr,
        &va,
        &|_, _, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let again = evaluate(&model.net, &Relu, &va, 8).unwrap();
    assert_eq!(again, report.best);
    let best = &report.history[report.best_epoch];
    assert!(report.history.iter().all(|e| e.val_top1 <= best.val_top1));
    assert_eq!(again.confusion.iter().flatten().sum::<u64>(), 8);
}

#[test]
fn bad_labels_empty_split_and_nan_are_typed_errors() {
    let _g = torch_lock();
    let va = toy_dataset("val", 8, 16, 4, 5);
    let bad = Dataset::new(
        "train",
        va.data.copy(),
        Tensor::from_slice(&[0i64, 1, 2, 3, 4, 0, 1, 2]),
    )
    .unwrap();
    let err = run(&quick_config(1), &bad, &va).unwrap_err();
    assert!(
        matches!(
            err,
            TrainError::Data(DataError::LabelOutOfRange {
                index: 4,
                label: 4,
                ..
            })
        ),
        "{err}"
    );
    let empty = Dataset::new("train", va.data.narrow(0, 0, 0), va.labels.narrow(0, 0, 0)).unwrap();
    let err = run(&quick_config(1), &empty, &va).unwrap_err();
    assert!(
        matches!(err, TrainError::Data(DataError::Empty { .. })),
        "{err}"
    );
    let nan = Dataset::new("train", va.data.full_like(f64::NAN), va.labels.copy()).unwrap();
    let err = run(&quick_config(1), &nan, &va).unwrap_err();
    assert!(
        matches!(
            err,
            TrainError::NonFiniteLoss {
                epoch: 0,
                batch: 0,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn cancel_flag_stops_between_batches_and_progress_counts() {
    let _g = torch_lock();
    let (tr, va) = (
        toy_dataset("train", 24, 16, 4, 6),
        toy_dataset("val", 8, 16, 4, 7),
    );
    let cfg = quick_config(2);
    let mut model = init_model(&tiny_config(4), &cfg).unwrap();
    let cancel = AtomicBool::new(false);
    let calls = Cell::new(0u64);
    let progress = |_: &str, done: u64, total: u64| {
        assert_eq!(total, 6);
        calls.set(done);
        if done == 2 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let err = train(&mut model, &cfg, &tr, &va, &progress, &cancel).unwrap_err();
    assert!(
        matches!(err, TrainError::Cancelled { epoch: 0, batch: 2 }),
        "{err}"
    );
    assert_eq!(calls.get(), 2);
}

#[test]
fn loads_npy_splits_and_checks_shapes() {
    let _g = torch_lock();
    let dir = tempfile::tempdir().unwrap();
    let ds = toy_dataset("x", 4, 8, 3, 8);
    ds.data.write_npy(dir.path().join("val_data.npy")).unwrap();
    ds.labels
        .to_kind(Kind::Int)
        .write_npy(dir.path().join("val_label.npy"))
        .unwrap();
    let back = Dataset::load_split(dir.path(), "val").unwrap();
    assert_eq!(back.labels.kind(), Kind::Int64);
    assert_eq!(back.data.size(), vec![4, 3, 8, 25, 2]);
    let err = Dataset::load_split(dir.path(), "train").unwrap_err();
    assert!(err.to_string().contains("train_data.npy"), "{err}");
    let err = Dataset::new(
        "t",
        Tensor::zeros([4, 3, 8, 24, 2], (Kind::Float, tch::Device::Cpu)),
        ds.labels.copy(),
    )
    .unwrap_err();
    assert!(matches!(err, DataError::Shape { .. }), "{err}");
}

#[test]
fn train_config_rejects_unknown_fields_and_computes_steps() {
    assert!(serde_json::from_str::<TrainConfig>(r#"{"epoch": 3}"#).is_err());
    let cfg: TrainConfig = serde_json::from_str(r#"{"epochs": 3, "device": "cpu"}"#).unwrap();
    assert_eq!(
        (cfg.epochs, cfg.device, cfg.momentum, cfg.nesterov),
        (3, DeviceChoice::Cpu, 0.9, true)
    );
    let d = TrainConfig::default();
    assert!(
        (d.lr_at(9) - 0.1).abs() < 1e-12
            && (d.lr_at(10) - 0.01).abs() < 1e-12
            && (d.lr_at(50) - 0.001).abs() < 1e-12
    );
}
