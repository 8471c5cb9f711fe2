//! The two LinGCN training stages on top of a trained ReLU baseline:
//! - [`linearize`]: learn node-wise gates (CE or distillation + lambda * density);
//! - [`polyreplace`]: gates frozen, kept ReLUs become trainable quadratics, distillation.
//!
//! Both use SGD (the baseline's recipe at lr 0.01) wrapped in Lookahead, seeded shuffling,
//! per-epoch evaluation, progress and cancellation between batches. Non-finite loss steps
//! are skipped and counted (BatchNorm statistics are rolled back so a NaN batch leaves no
//! trace); an epoch in which every step is non-finite is an error.
//!
//! Kept checkpoint: the model holds the *last* epoch's weights on return, as in the paper.
//! The validation split is NTU's evaluation split, so picking the best epoch on it would
//! leak, and during linearization it would favour early, denser epochs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tch::{nn, Device, Kind, Tensor};

use super::activation::Relu;
use super::config::StgcnConfig;
use super::dataset::{random_shift, Dataset};
use super::distill::{distill_loss, DistillConfig, LossParts};
use super::error::{LoadError, TrainError};
use super::evaluate::{evaluate, EvalMetrics};
use super::gated::GateSummary;
use super::linmodel::{ActivationConfig, ActivationKind, LinModel};
use super::lookahead::{Lookahead, LookaheadConfig};
use super::polyfit::{fit_relu_init, PolyFitReport, PolyInit};
pub use super::recipe::{LinearizeConfig, PolyConfig};
use super::rng::SplitMix64;
use super::stgcn::StgcnModel;
use super::train::{configure_runtime, TrainConfig};

impl LinearizeConfig {
    fn recipe(&self) -> Recipe {
        Recipe {
            distill: self.distill.then(|| self.distillation.clone()),
            lambda: self.lambda,
            clamp: None,
            grad_clip: None,
        }
    }
}

impl PolyConfig {
    fn recipe(&self) -> Recipe {
        Recipe {
            distill: self.distill.then(|| self.distillation.clone()),
            lambda: 0.0,
            clamp: Some(self.clamp),
            grad_clip: self.grad_clip,
        }
    }
}

/// One epoch of either stage. Loss parts are sample means over the finite steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinEpochRecord {
    pub epoch: usize,
    pub lr: f64,
    /// Total loss (including lambda * density).
    pub loss: f64,
    pub ce: f64,
    /// 0 without distillation.
    pub kd: f64,
    pub at: f64,
    /// Mean gate density over the epoch's steps.
    pub density: f64,
    pub train_top1: f64,
    pub val_loss: f64,
    pub val_top1: f64,
    pub val_top5: f64,
    /// Hard gates kept per unit at the end of the epoch.
    pub kept_per_unit: Vec<usize>,
    pub nan_steps: u64,
    pub seconds: f64,
}

/// Result of [`linearize`] or [`polyreplace`]; the model holds the last epoch's weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearizeReport {
    pub history: Vec<LinEpochRecord>,
    /// The epoch whose weights the model holds (the last).
    pub kept_epoch: usize,
    /// Validation metrics of the kept weights (top-1, top-5, loss, confusion).
    pub metrics: EvalMetrics,
    pub gates: GateSummary,
    /// Steps skipped because the loss was NaN or infinite.
    pub nan_steps: u64,
    pub train_samples: usize,
    pub val_samples: usize,
    /// Polynomial replacement with `init = "relu-fit"`: the fitted start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poly_init: Option<PolyFitReport>,
    /// Validation top-1 of the student before the first step (polyreplace only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_top1: Option<f64>,
}

/// Report of [`polyreplace`]: the same fields.
pub type PolyReport = LinearizeReport;

/// A gated student initialised from `baseline`'s weights, scores seeded by `cfg.seed`.
pub fn linearize_student(
    baseline: &StgcnModel,
    cfg: &LinearizeConfig,
) -> Result<LinModel, LoadError> {
    let act = ActivationConfig::gated(cfg.granularity);
    let m = LinModel::derive_from(&baseline.vs, baseline.config(), &act, baseline.device())?;
    if let Some(g) = m.act.gates() {
        g.init_scores(cfg.seed);
    }
    Ok(m)
}

/// A polynomial student from a linearized model's weights and hard gates (a source without
/// gates, e.g. the baseline, keeps every unit), coefficients at `cfg`'s initial values.
pub fn poly_student(
    linearized: &nn::VarStore,
    config: &StgcnConfig,
    cfg: &PolyConfig,
    device: Device,
) -> Result<LinModel, LoadError> {
    let act = ActivationConfig::poly(cfg.poly_scale);
    let mut config = config.clone();
    if let Some(d) = cfg.dropout {
        config.dropout = d;
    }
    let m = LinModel::derive_from(linearized, &config, &act, device)?;
    if let Some(p) = m.act.poly() {
        p.reset(cfg.w2_init, cfg.w1_init);
    }
    Ok(m)
}

/// Learns node-wise gates on `student` (see [`linearize_student`]) with `teacher` (the
/// frozen ReLU baseline, eval mode) for distillation.
pub fn linearize(
    student: &mut LinModel,
    teacher: &StgcnModel,
    cfg: &LinearizeConfig,
    train_set: &Dataset,
    val_set: &Dataset,
    progress: &dyn Fn(&str, u64, u64),
    cancel: &AtomicBool,
) -> Result<LinearizeReport, TrainError> {
    cfg.validate()?;
    let learnable = student.act.gates().is_some_and(|g| g.learnable());
    if student.act_config.kind != ActivationKind::Gated || !learnable {
        return Err(TrainError::Config("linearize needs a gated student".into()));
    }
    if student.act_config.granularity != cfg.granularity {
        return Err(TrainError::Config(format!(
            "student granularity {:?} but config asks for {:?}",
            student.act_config.granularity, cfg.granularity
        )));
    }
    let setup = Setup {
        train: cfg.train_config(),
        recipe: cfg.recipe(),
        lookahead: cfg.lookahead.clone(),
        stage: "linearize",
    };
    run(
        student, teacher, &setup, train_set, val_set, progress, cancel,
    )
}

/// Trains the polynomial coefficients (and the network) of `student` (see [`poly_student`])
/// with its gates frozen, distilling from `teacher` (the ReLU baseline). With
/// `init = relu-fit` the coefficients first become each node's least-squares fit of ReLU on
/// the pre-activations of the student's (still ReLU) network over the training clips.
pub fn polyreplace(
    student: &mut LinModel,
    teacher: &StgcnModel,
    cfg: &PolyConfig,
    train_set: &Dataset,
    val_set: &Dataset,
    progress: &dyn Fn(&str, u64, u64),
    cancel: &AtomicBool,
) -> Result<PolyReport, TrainError> {
    cfg.validate()?;
    if student.act_config.kind != ActivationKind::Poly {
        return Err(TrainError::Config(
            "polyreplace needs a polynomial student".into(),
        ));
    }
    if student.act_config.poly_scale != cfg.poly_scale {
        return Err(TrainError::Config(format!(
            "student poly_scale {} but config says {}",
            student.act_config.poly_scale, cfg.poly_scale
        )));
    }
    let poly_init = match cfg.init {
        PolyInit::Paper => None,
        PolyInit::ReluFit | PolyInit::ReluFitLayerwise => {
            let (Some(gates), Some(poly)) = (student.act.gates(), student.act.poly()) else {
                unreachable!("a polynomial student has gates and coefficients");
            };
            Some(fit_relu_init(
                &student.model.net,
                gates,
                poly,
                cfg.clamp,
                train_set,
                cfg.fit_samples,
                cfg.batch_size,
                cfg.seed,
                cfg.init == PolyInit::ReluFitLayerwise,
            )?)
        }
    };
    let initial = evaluate(&student.model.net, &student.act, val_set, cfg.batch_size)?;
    let setup = Setup {
        train: cfg.train_config(),
        recipe: cfg.recipe(),
        lookahead: cfg.lookahead.clone(),
        stage: "polyreplace",
    };
    let mut report = run(
        student, teacher, &setup, train_set, val_set, progress, cancel,
    )?;
    report.poly_init = poly_init;
    report.initial_top1 = Some(initial.top1);
    Ok(report)
}

/// What distinguishes the stages' loss and post-step work.
#[derive(Clone, Debug)]
struct Recipe {
    distill: Option<DistillConfig>,
    lambda: f64,
    clamp: Option<f64>,
    /// Largest global gradient norm of a step (None: unclipped).
    grad_clip: Option<f64>,
}

struct Setup {
    train: TrainConfig,
    recipe: Recipe,
    lookahead: LookaheadConfig,
    stage: &'static str,
}

fn run(
    student: &mut LinModel,
    teacher: &StgcnModel,
    setup: &Setup,
    train_set: &Dataset,
    val_set: &Dataset,
    progress: &dyn Fn(&str, u64, u64),
    cancel: &AtomicBool,
) -> Result<LinearizeReport, TrainError> {
    check_teacher(student.model.config(), teacher.config())?;
    let num_class = student.model.config().num_class;
    train_set.check(num_class)?;
    val_set.check(num_class)?;
    let cfg = &setup.train;
    configure_runtime(cfg);
    let opt = Lookahead::new(
        cfg.optimizer(&student.model.vs)?,
        &student.model.vs,
        &setup.lookahead,
    );
    let batches = train_set.len().div_ceil(cfg.batch_size);
    let mut loop_ = Loop {
        setup,
        teacher,
        opt,
        progress,
        cancel,
        done: 0,
        total: (cfg.epochs * batches) as u64,
    };
    let mut history = Vec::with_capacity(cfg.epochs);
    for epoch in 0..cfg.epochs {
        history.push(loop_.epoch(student, train_set, val_set, epoch)?);
    }
    let metrics = evaluate(&student.model.net, &student.act, val_set, cfg.batch_size)?;
    Ok(LinearizeReport {
        kept_epoch: cfg.epochs.saturating_sub(1),
        nan_steps: history.iter().map(|h| h.nan_steps).sum(),
        history,
        metrics,
        gates: gate_summary(student),
        train_samples: train_set.len(),
        val_samples: val_set.len(),
        poly_init: None,
        initial_top1: None,
    })
}

/// The teacher must have the student's architecture (attention maps are compared per block).
fn check_teacher(student: &StgcnConfig, teacher: &StgcnConfig) -> Result<(), TrainError> {
    let same = student.blocks == teacher.blocks
        && student.num_class == teacher.num_class
        && student.in_channels == teacher.in_channels;
    if !same {
        return Err(TrainError::Config(
            "teacher and student architectures differ".into(),
        ));
    }
    Ok(())
}

fn gate_summary(m: &LinModel) -> GateSummary {
    match m.act.gates() {
        Some(g) => g.summary(),
        None => GateSummary::from_masks(Vec::new()),
    }
}

/// Running sums of one epoch.
#[derive(Default)]
struct Sums {
    samples: f64,
    loss: f64,
    ce: f64,
    kd: f64,
    at: f64,
    density: f64,
    correct: i64,
    nan_steps: u64,
    steps: u64,
}

/// One batch's detached numbers.
struct StepValues {
    loss: f64,
    parts: LossParts,
    density: f64,
}

struct Loop<'a> {
    setup: &'a Setup,
    teacher: &'a StgcnModel,
    opt: Lookahead,
    progress: &'a dyn Fn(&str, u64, u64),
    cancel: &'a AtomicBool,
    done: u64,
    total: u64,
}

impl Loop<'_> {
    fn epoch(
        &mut self,
        student: &LinModel,
        data: &Dataset,
        val: &Dataset,
        epoch: usize,
    ) -> Result<LinEpochRecord, TrainError> {
        let start = Instant::now();
        let cfg = &self.setup.train;
        self.opt.set_lr(cfg.lr_at(epoch));
        let mut rng = SplitMix64::derive(cfg.seed, epoch as u64);
        let order = rng.permutation(data.len());
        let mut sums = Sums::default();
        let mut last_bad = (0, f64::NAN);
        for (batch, idx) in order.chunks(cfg.batch_size).enumerate() {
            if self.cancel.load(Ordering::Relaxed) {
                return Err(TrainError::Cancelled { epoch, batch });
            }
            let (x, y) = data.batch(idx);
            let x = if cfg.random_shift {
                random_shift(&x, &mut rng)
            } else {
                x
            };
            let dev = student.model.device();
            let (x, y) = (x.to_device(dev), y.to_device(dev));
            match self.step(student, &x, &y)? {
                Ok((v, correct)) => sums.add(&v, correct, idx.len()),
                Err(value) => {
                    sums.nan_steps += 1;
                    last_bad = (batch, value);
                }
            }
            self.done += 1;
            let msg = format!("{} epoch {}/{}", self.setup.stage, epoch + 1, cfg.epochs);
            (self.progress)(&msg, self.done, self.total);
        }
        if sums.steps == 0 {
            let (batch, value) = last_bad;
            return Err(TrainError::NonFiniteLoss {
                epoch,
                batch,
                value,
            });
        }
        self.record(student, val, epoch, sums, start)
    }

    /// One optimizer step; `Ok(Err(loss))` when the loss is not finite (step skipped and
    /// the BatchNorm statistics restored).
    #[allow(clippy::type_complexity)]
    fn step(
        &mut self,
        student: &LinModel,
        x: &Tensor,
        y: &Tensor,
    ) -> Result<Result<(StepValues, i64), f64>, TrainError> {
        let buffers = Buffers::take(&student.model.vs);
        let feats = student.model.net.forward_features(x, true, &student.act)?;
        let parts = match &self.setup.recipe.distill {
            Some(d) => {
                let t = tch::no_grad(|| self.teacher.net.forward_features(x, false, &Relu))?;
                distill_loss(&feats.logits, y, &feats.blocks, &t.logits, &t.blocks, d)
            }
            None => ce_only(&feats.logits, y),
        };
        let density = match student.act.gates() {
            Some(g) if g.learnable() => g.density(),
            Some(g) => tch::no_grad(|| g.density()),
            None => Tensor::from(1.0f32),
        };
        let total = &parts.total + density.to_device(x.device()) * self.setup.recipe.lambda;
        let loss = total.double_value(&[]);
        if !loss.is_finite() {
            buffers.restore();
            return Ok(Err(loss));
        }
        self.opt.backward_step(&total, self.setup.recipe.grad_clip);
        self.after_step(student);
        let correct = feats.logits.argmax(-1, false).eq_tensor(y).sum(Kind::Int64);
        let values = StepValues {
            loss,
            parts,
            density: density.double_value(&[]),
        };
        Ok(Ok((values, correct.int64_value(&[]))))
    }

    /// Keeps the stored hard gates current and the polynomial coefficients in range.
    fn after_step(&self, student: &LinModel) {
        if let Some(g) = student.act.gates() {
            g.refresh();
        }
        if let (Some(p), Some(limit)) = (student.act.poly(), self.setup.recipe.clamp) {
            p.clamp(limit);
        }
    }

    fn record(
        &self,
        student: &LinModel,
        val: &Dataset,
        epoch: usize,
        sums: Sums,
        start: Instant,
    ) -> Result<LinEpochRecord, TrainError> {
        let cfg = &self.setup.train;
        let m = evaluate(&student.model.net, &student.act, val, cfg.batch_size)?;
        let msg = format!(
            "{} epoch {}/{} val top1 {:.4} density {:.3}",
            self.setup.stage,
            epoch + 1,
            cfg.epochs,
            m.top1,
            sums.density / sums.steps as f64
        );
        (self.progress)(&msg, self.done, self.total);
        let n = sums.samples;
        Ok(LinEpochRecord {
            epoch,
            lr: cfg.lr_at(epoch),
            loss: sums.loss / n,
            ce: sums.ce / n,
            kd: sums.kd / n,
            at: sums.at / n,
            density: sums.density / sums.steps as f64,
            train_top1: sums.correct as f64 / n,
            val_loss: m.loss,
            val_top1: m.top1,
            val_top5: m.top5,
            kept_per_unit: gate_summary(student).kept_per_unit,
            nan_steps: sums.nan_steps,
            seconds: start.elapsed().as_secs_f64(),
        })
    }
}

impl Sums {
    fn add(&mut self, v: &StepValues, correct: i64, n: usize) {
        let w = n as f64;
        self.samples += w;
        self.loss += v.loss * w;
        self.ce += v.parts.ce * w;
        self.kd += v.parts.kd * w;
        self.at += v.parts.at * w;
        self.density += v.density;
        self.correct += correct;
        self.steps += 1;
    }
}

fn ce_only(logits: &Tensor, labels: &Tensor) -> LossParts {
    let ce = logits.cross_entropy_for_logits(labels);
    LossParts {
        ce: ce.double_value(&[]),
        kd: 0.0,
        at: 0.0,
        total: ce,
    }
}

/// Copies of the non-trainable variables (BatchNorm statistics and counters), taken before
/// a forward pass so a skipped step can undo its running-statistics update.
struct Buffers(Vec<(Tensor, Tensor)>);

impl Buffers {
    fn take(vs: &nn::VarStore) -> Self {
        let copies = vs
            .variables()
            .into_values()
            .filter(|t| !t.requires_grad())
            .map(|t| {
                let c = t.detach().copy();
                (t, c)
            })
            .collect();
        Buffers(copies)
    }

    fn restore(self) {
        tch::no_grad(|| {
            for (mut var, saved) in self.0 {
                var.copy_(&saved);
            }
        });
    }
}
