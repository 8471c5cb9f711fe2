//! Baseline training: SGD (momentum, Nesterov, weight decay) with step decay, seeded
//! shuffling, per-epoch validation and best-epoch selection, progress and cancellation.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tch::{nn, nn::OptimizerConfig, Device, Kind, Tensor};

use super::activation::Relu;
use super::config::StgcnConfig;
use super::dataset::{random_shift, Dataset};
use super::error::TrainError;
use super::evaluate::{evaluate, EvalMetrics};
pub use super::recipe::{DeviceChoice, TrainConfig};
use super::rng::SplitMix64;
use super::stgcn::StgcnModel;

impl TrainConfig {
    /// The torch device this config asks for.
    pub fn device(&self) -> Result<Device, TrainError> {
        match self.device {
            DeviceChoice::Cpu => Ok(Device::Cpu),
            DeviceChoice::Auto => Ok(Device::cuda_if_available()),
            DeviceChoice::Cuda if tch::Cuda::is_available() => Ok(Device::Cuda(0)),
            DeviceChoice::Cuda => Err(TrainError::Config(
                "device \"cuda\" requested but CUDA is not available".into(),
            )),
        }
    }

    /// SGD optimizer over the model's trainable variables.
    pub fn optimizer(&self, vs: &nn::VarStore) -> Result<nn::Optimizer, TrainError> {
        let sgd = nn::Sgd {
            momentum: self.momentum,
            dampening: 0.0,
            wd: self.weight_decay,
            nesterov: self.nesterov,
        };
        Ok(sgd.build(vs, self.lr)?)
    }
}

/// One epoch's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    pub epoch: usize,
    pub lr: f64,
    pub train_loss: f64,
    pub train_top1: f64,
    pub val_loss: f64,
    pub val_top1: f64,
    pub val_top5: f64,
    pub seconds: f64,
}

/// The result of `train`: per-epoch history and the best epoch's full metrics (the model
/// holds the best epoch's weights on return).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainReport {
    pub history: Vec<EpochRecord>,
    pub best_epoch: usize,
    pub best: EvalMetrics,
    pub train_samples: usize,
    pub val_samples: usize,
}

/// Seeds torch, sets the thread count and builds a fresh model on the configured device.
pub fn init_model(model: &StgcnConfig, cfg: &TrainConfig) -> Result<StgcnModel, TrainError> {
    configure_runtime(cfg);
    Ok(StgcnModel::new(model, cfg.device()?)?)
}

/// Applies `threads` and `seed` to torch's process-global state.
pub fn configure_runtime(cfg: &TrainConfig) {
    if cfg.threads > 0 {
        tch::set_num_threads(cfg.threads as i32);
    }
    tch::manual_seed(cfg.seed as i64);
}

/// Trains `model` on `train_set`, validating on `val_set` after each epoch; on return the
/// model holds the weights of the epoch with the best validation top-1.
///
/// `progress(message, done, total)` is called after every batch; `cancel` is checked
/// before every batch.
pub fn train(
    model: &mut StgcnModel,
    cfg: &TrainConfig,
    train_set: &Dataset,
    val_set: &Dataset,
    progress: &dyn Fn(&str, u64, u64),
    cancel: &AtomicBool,
) -> Result<TrainReport, TrainError> {
    cfg.validate()?;
    let num_class = model.config().num_class;
    train_set.check(num_class)?;
    val_set.check(num_class)?;
    configure_runtime(cfg);
    let mut opt = cfg.optimizer(&model.vs)?;
    let mut run = Run {
        cfg,
        progress,
        cancel,
        done: 0,
        total: total_batches(cfg, train_set),
    };
    let mut history = Vec::new();
    let mut best: Option<(usize, EvalMetrics, Snapshot)> = None;
    for epoch in 0..cfg.epochs {
        let start = Instant::now();
        opt.set_lr(cfg.lr_at(epoch));
        let (train_loss, train_top1) = run.epoch(model, &mut opt, train_set, epoch)?;
        let val = evaluate(&model.net, &Relu, val_set, cfg.batch_size)?;
        progress(
            &format!(
                "epoch {}/{} val top1 {:.4}",
                epoch + 1,
                cfg.epochs,
                val.top1
            ),
            run.done,
            run.total,
        );
        history.push(EpochRecord {
            epoch,
            lr: cfg.lr_at(epoch),
            train_loss,
            train_top1,
            val_loss: val.loss,
            val_top1: val.top1,
            val_top5: val.top5,
            seconds: start.elapsed().as_secs_f64(),
        });
        if best.as_ref().is_none_or(|(_, b, _)| val.top1 > b.top1) {
            best = Some((epoch, val, Snapshot::take(&model.vs)));
        }
    }
    let (best_epoch, best, snapshot) = match best {
        Some(b) => b,
        None => (
            0,
            evaluate(&model.net, &Relu, val_set, cfg.batch_size)?,
            Snapshot::take(&model.vs),
        ),
    };
    snapshot.restore(&model.vs);
    Ok(TrainReport {
        history,
        best_epoch,
        best,
        train_samples: train_set.len(),
        val_samples: val_set.len(),
    })
}

fn total_batches(cfg: &TrainConfig, data: &Dataset) -> u64 {
    (cfg.epochs * data.len().div_ceil(cfg.batch_size)) as u64
}

/// The state one training run threads through its epochs.
struct Run<'a> {
    cfg: &'a TrainConfig,
    progress: &'a dyn Fn(&str, u64, u64),
    cancel: &'a AtomicBool,
    done: u64,
    total: u64,
}

impl Run<'_> {
    /// One pass over the shuffled training set; returns (mean loss, top-1).
    fn epoch(
        &mut self,
        model: &StgcnModel,
        opt: &mut nn::Optimizer,
        data: &Dataset,
        epoch: usize,
    ) -> Result<(f64, f64), TrainError> {
        let mut rng = SplitMix64::derive(self.cfg.seed, epoch as u64);
        let order = rng.permutation(data.len());
        let (mut loss_sum, mut correct) = (0.0, 0i64);
        for (batch, idx) in order.chunks(self.cfg.batch_size).enumerate() {
            if self.cancel.load(Ordering::Relaxed) {
                return Err(TrainError::Cancelled { epoch, batch });
            }
            let (x, y) = data.batch(idx);
            let x = if self.cfg.random_shift {
                random_shift(&x, &mut rng)
            } else {
                x
            };
            let (x, y) = (x.to_device(model.device()), y.to_device(model.device()));
            let logits = model.net.forward_with(&x, true, &Relu)?;
            let loss = logits.cross_entropy_for_logits(&y);
            let value = loss.double_value(&[]);
            if !value.is_finite() {
                return Err(TrainError::NonFiniteLoss {
                    epoch,
                    batch,
                    value,
                });
            }
            opt.backward_step(&loss);
            loss_sum += value * idx.len() as f64;
            correct += logits
                .argmax(-1, false)
                .eq_tensor(&y)
                .sum(Kind::Int64)
                .int64_value(&[]);
            self.done += 1;
            (self.progress)(
                &format!("epoch {}/{} train", epoch + 1, self.cfg.epochs),
                self.done,
                self.total,
            );
        }
        let n = data.len() as f64;
        Ok((loss_sum / n, correct as f64 / n))
    }
}

/// A detached copy of every variable, to restore the best epoch's weights.
struct Snapshot(Vec<(String, Tensor)>);

impl Snapshot {
    fn take(vs: &nn::VarStore) -> Self {
        Snapshot(
            vs.variables()
                .into_iter()
                .map(|(n, t)| (n, t.detach().copy()))
                .collect(),
        )
    }

    fn restore(&self, vs: &nn::VarStore) {
        let vars = vs.variables();
        tch::no_grad(|| {
            for (name, saved) in &self.0 {
                if let Some(mut v) = vars.get(name).map(Tensor::shallow_clone) {
                    v.copy_(saved);
                }
            }
        });
    }
}
