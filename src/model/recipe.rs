//! Training recipes: the serde configuration of the training, linearization
//! and polynomial-replacement stages, with their defaults and checks. No
//! libtorch here: the light `lingcn` executable validates these parameters
//! (and explains a stale stage) without loading it; the code that uses them
//! (train.rs, linearize.rs, ...) re-exports them where they always were.

use serde::{Deserialize, Serialize};

pub use super::config::ConfigError;

/// Where to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DeviceChoice {
    #[default]
    Auto,
    Cpu,
    Cuda,
}

/// Training hyperparameters; `Default` is the paper's baseline recipe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrainConfig {
    pub epochs: usize,
    pub batch_size: usize,
    pub lr: f64,
    pub momentum: f64,
    pub nesterov: bool,
    pub weight_decay: f64,
    /// The learning rate is multiplied by 0.1 from each of these (0-based) epochs on.
    pub lr_steps: Vec<usize>,
    pub seed: u64,
    /// Move each clip's frames to a random start within T (ST-GCN's random_shift).
    pub random_shift: bool,
    /// Torch intra-op threads; 0 = all cores. Process-global.
    pub threads: usize,
    pub device: DeviceChoice,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 80,
            batch_size: 64,
            lr: 0.1,
            momentum: 0.9,
            nesterov: true,
            weight_decay: 1e-4,
            lr_steps: vec![10, 50],
            seed: 1,
            random_shift: false,
            threads: 0,
            device: DeviceChoice::Auto,
        }
    }
}

impl TrainConfig {
    /// Learning rate in (0-based) `epoch`.
    pub fn lr_at(&self, epoch: usize) -> f64 {
        let steps = self.lr_steps.iter().filter(|&&s| epoch >= s).count();
        self.lr * 0.1f64.powi(steps as i32)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.batch_size == 0 {
            return Err(ConfigError::Train("batch_size must be >= 1".into()));
        }
        if !(self.lr.is_finite() && self.lr > 0.0) {
            return Err(ConfigError::Train(format!("lr {} must be > 0", self.lr)));
        }
        Ok(())
    }
}

/// Weights of the distillation loss; `Default` = the paper (eta 0.2, varphi 200, T 4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DistillConfig {
    /// Weight of KD; CE gets 1 - eta.
    pub eta: f64,
    /// AT gets varphi / 2.
    pub varphi: f64,
    /// Softmax temperature T of KD.
    pub temperature: f64,
}

impl Default for DistillConfig {
    fn default() -> Self {
        DistillConfig {
            eta: 0.2,
            varphi: 200.0,
            temperature: 4.0,
        }
    }
}

/// Lookahead's hyperparameters; `Default` = k 5, alpha 0.5 (the paper).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LookaheadConfig {
    pub k: usize,
    pub alpha: f64,
}

impl Default for LookaheadConfig {
    fn default() -> Self {
        LookaheadConfig { k: 5, alpha: 0.5 }
    }
}

impl LookaheadConfig {
    pub fn validate(&self) -> Result<(), String> {
        if self.k == 0 {
            return Err("lookahead k must be >= 1".into());
        }
        if !(0.0..=1.0).contains(&self.alpha) {
            return Err(format!("lookahead alpha {} is not in [0, 1]", self.alpha));
        }
        Ok(())
    }
}

/// One score per node (the paper) or one per unit (the layer-wise ablation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    #[default]
    Node,
    Layer,
}

/// How the polynomial coefficients start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolyInit {
    /// The paper: w2 = `w2_init`, w1 = `w1_init`, b = 0 at every node (close to identity).
    #[default]
    Paper,
    /// Per node, the least-squares quadratic fit of ReLU on observed pre-activations,
    /// every unit from one pass of the source (ReLU) network.
    ReluFit,
    /// The same fit unit by unit in forward order, each on the pre-activations of the
    /// network whose earlier units already compute their fitted polynomials, with the
    /// BatchNorm statistics re-estimated before each fit and after the last: the inputs
    /// a unit is fitted on are the ones it will see.
    ReluFitLayerwise,
}

/// Paper's initial values: close to the identity with a slight square term.
pub const W2_INIT: f64 = 0.005;
pub const W1_INIT: f64 = 1.0;
/// w1 and w2 are clamped to [-W_CLAMP, W_CLAMP] after every optimizer step.
pub const W_CLAMP: f64 = 2.0;

/// Linearization hyperparameters; `Default` = the paper (lambda 1, SGD lr 0.01 with a
/// step at epoch 40, 25 epochs, batch 64, distillation from the baseline, Lookahead 5/0.5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LinearizeConfig {
    /// Weight of the gate density (kept / all) in the loss.
    pub lambda: f64,
    pub granularity: Granularity,
    /// Distil from the teacher (else plain CE).
    pub distill: bool,
    pub distillation: DistillConfig,
    pub lookahead: LookaheadConfig,
    pub epochs: usize,
    pub batch_size: usize,
    pub lr: f64,
    pub momentum: f64,
    pub nesterov: bool,
    pub weight_decay: f64,
    /// lr x0.1 from each of these (0-based) epochs on.
    pub lr_steps: Vec<usize>,
    /// Seeds the scores, the shuffling and dropout.
    pub seed: u64,
    pub random_shift: bool,
    pub threads: usize,
    pub device: DeviceChoice,
}

impl Default for LinearizeConfig {
    fn default() -> Self {
        LinearizeConfig {
            lambda: 1.0,
            granularity: Granularity::Node,
            distill: true,
            distillation: DistillConfig::default(),
            lookahead: LookaheadConfig::default(),
            epochs: 25,
            batch_size: 64,
            lr: 0.01,
            momentum: 0.9,
            nesterov: true,
            weight_decay: 1e-4,
            lr_steps: vec![40],
            seed: 1,
            random_shift: false,
            threads: 0,
            device: DeviceChoice::Auto,
        }
    }
}

impl LinearizeConfig {
    /// The SGD part as a baseline `TrainConfig` (for its optimizer, schedule and checks).
    pub fn train_config(&self) -> TrainConfig {
        TrainConfig {
            epochs: self.epochs,
            batch_size: self.batch_size,
            lr: self.lr,
            momentum: self.momentum,
            nesterov: self.nesterov,
            weight_decay: self.weight_decay,
            lr_steps: self.lr_steps.clone(),
            seed: self.seed,
            random_shift: self.random_shift,
            threads: self.threads,
            device: self.device,
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.train_config().validate()?;
        self.lookahead.validate().map_err(ConfigError::Train)?;
        if !(self.lambda.is_finite() && self.lambda >= 0.0) {
            return Err(ConfigError::Train(format!("lambda {} < 0", self.lambda)));
        }
        Ok(())
    }
}

/// Polynomial-replacement hyperparameters; `Default` = the paper (eta 0.2, varphi 200,
/// T 4, SGD lr 0.01 with steps at 40 and 80, 90 epochs, s 0.01, w2 0.005, w1 1, clamp 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolyConfig {
    /// Distil from the teacher (KD + attention transfer); false: cross-entropy only
    /// (the paper's ablation).
    pub distill: bool,
    pub distillation: DistillConfig,
    pub lookahead: LookaheadConfig,
    pub poly_scale: f64,
    /// `paper`: every node starts at w2 = `w2_init`, w1 = `w1_init`, b = 0; `relu-fit`:
    /// each node starts at the least-squares fit of ReLU on its observed pre-activations.
    pub init: PolyInit,
    /// Training clips the relu-fit statistics are gathered on (0 = all).
    pub fit_samples: usize,
    /// Dropout of the student during this stage (None: the source checkpoint's).
    pub dropout: Option<f64>,
    pub w2_init: f64,
    pub w1_init: f64,
    /// w1, w2 are clamped to [-clamp, clamp] after every step.
    pub clamp: f64,
    /// Largest global L2 norm of a step's gradient: larger ones are scaled down to it
    /// (a squared activation's gradient can spike; None = unclipped, the paper).
    pub grad_clip: Option<f64>,
    pub epochs: usize,
    pub batch_size: usize,
    pub lr: f64,
    pub momentum: f64,
    pub nesterov: bool,
    pub weight_decay: f64,
    pub lr_steps: Vec<usize>,
    pub seed: u64,
    pub random_shift: bool,
    pub threads: usize,
    pub device: DeviceChoice,
}

impl Default for PolyConfig {
    fn default() -> Self {
        PolyConfig {
            distill: true,
            distillation: DistillConfig::default(),
            lookahead: LookaheadConfig::default(),
            poly_scale: 0.01,
            init: PolyInit::Paper,
            fit_samples: 0,
            dropout: None,
            w2_init: W2_INIT,
            w1_init: W1_INIT,
            clamp: W_CLAMP,
            grad_clip: None,
            epochs: 90,
            batch_size: 64,
            lr: 0.01,
            momentum: 0.9,
            nesterov: true,
            weight_decay: 1e-4,
            lr_steps: vec![40, 80],
            seed: 1,
            random_shift: false,
            threads: 0,
            device: DeviceChoice::Auto,
        }
    }
}

impl PolyConfig {
    /// The SGD part as a baseline `TrainConfig`.
    pub fn train_config(&self) -> TrainConfig {
        TrainConfig {
            epochs: self.epochs,
            batch_size: self.batch_size,
            lr: self.lr,
            momentum: self.momentum,
            nesterov: self.nesterov,
            weight_decay: self.weight_decay,
            lr_steps: self.lr_steps.clone(),
            seed: self.seed,
            random_shift: self.random_shift,
            threads: self.threads,
            device: self.device,
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.train_config().validate()?;
        self.lookahead.validate().map_err(ConfigError::Train)?;
        if !(self.poly_scale.is_finite() && self.poly_scale > 0.0) {
            return Err(ConfigError::Train(format!(
                "poly_scale {}",
                self.poly_scale
            )));
        }
        if !(self.clamp.is_finite() && self.clamp > 0.0) {
            return Err(ConfigError::Train(format!("clamp {}", self.clamp)));
        }
        if let Some(d) = self.dropout.filter(|d| !(0.0..1.0).contains(d)) {
            return Err(ConfigError::Train(format!("dropout {d} is not in [0, 1)")));
        }
        if let Some(c) = self.grad_clip.filter(|c| !(c.is_finite() && *c > 0.0)) {
            return Err(ConfigError::Train(format!("grad_clip {c} must be > 0")));
        }
        Ok(())
    }
}
