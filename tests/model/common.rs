//! Helpers shared by the model tests: a lock around torch's process-global RNG and tiny
//! configs and data sets.

use std::sync::{Mutex, MutexGuard};

use lingcn::model::{BlockSpec, Dataset, StgcnConfig};
use tch::{Kind, Tensor};

static TORCH: Mutex<()> = Mutex::new(());

/// Serialises tests that seed or draw from torch's global RNG (tch::manual_seed is global).
pub fn torch_lock() -> MutexGuard<'static, ()> {
    TORCH.lock().unwrap_or_else(|e| e.into_inner())
}

/// A 3-block config with tiny widths that still has all three residual kinds.
pub fn tiny_config(num_class: i64) -> StgcnConfig {
    StgcnConfig {
        num_class,
        blocks: vec![
            BlockSpec::new(8, 1, false),
            BlockSpec::new(16, 2, true),
            BlockSpec::new(16, 1, true),
        ],
        dropout: 0.0,
        ..Default::default()
    }
}

/// A learnable toy split: class c has a constant offset c on channel 0 plus noise.
pub fn toy_dataset(name: &str, n: i64, t: i64, num_class: i64, seed: i64) -> Dataset {
    tch::manual_seed(seed);
    let labels = Tensor::arange(n, (Kind::Int64, tch::Device::Cpu)).remainder(num_class);
    let noise = Tensor::randn([n, 3, t, 25, 2], (Kind::Float, tch::Device::Cpu)) * 0.5;
    let offset = labels.to_kind(Kind::Float).view([n, 1, 1, 1, 1]);
    let channel0 = Tensor::from_slice(&[1.0f32, 0.0, 0.0]).view([1, 3, 1, 1, 1]);
    Dataset::new(name, noise + offset * channel0, labels).unwrap()
}

/// Largest absolute difference of two tensors as f64.
pub fn max_abs_diff(a: &Tensor, b: &Tensor) -> f64 {
    (a.to_kind(Kind::Double) - b.to_kind(Kind::Double))
        .abs()
        .max()
        .double_value(&[])
}
