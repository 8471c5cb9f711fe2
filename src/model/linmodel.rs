//! An STGCN together with the activation it was trained with (ReLU, gated ReLU or gated
//! polynomial), built from `(StgcnConfig, ActivationConfig)` so a checkpoint directory
//! (`model.json` + `activation.json` + weights) round-trips. The activation's tensors live
//! in the model's VarStore, so `checkpoint::save` writes them and `checkpoint::load`
//! checks them.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tch::{nn, Device, Tensor};

use super::activation::{Activation, Relu};
use super::checkpoint;
use super::config::StgcnConfig;
use super::error::{LoadError, Mismatch};
use super::gated::{Gated, Gates, Granularity};
use super::poly::Poly;
use super::stgcn::{Features, StgcnModel};

/// File name of the activation config inside a checkpoint directory.
pub const ACTIVATION_FILE: &str = "activation.json";

/// Which unit the model runs at its nonlinear layers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActivationKind {
    /// The baseline: no activation tensors in the checkpoint.
    #[default]
    Relu,
    /// Linearization: learnable scores `aux` and hard `gate`s around ReLU.
    Gated,
    /// Polynomial replacement: frozen `gate`s around `w2`, `w1`, `b`.
    Poly,
}

/// The activation part of a checkpoint's architecture; `Default` is the ReLU baseline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ActivationConfig {
    pub kind: ActivationKind,
    pub granularity: Granularity,
    /// s of `x * (s * w2 * x + w1) + b`.
    pub poly_scale: f64,
}

impl Default for ActivationConfig {
    fn default() -> Self {
        ActivationConfig {
            kind: ActivationKind::Relu,
            granularity: Granularity::Node,
            poly_scale: 0.01,
        }
    }
}

impl ActivationConfig {
    pub fn gated(granularity: Granularity) -> Self {
        ActivationConfig {
            kind: ActivationKind::Gated,
            granularity,
            ..Default::default()
        }
    }

    pub fn poly(poly_scale: f64) -> Self {
        ActivationConfig {
            kind: ActivationKind::Poly,
            poly_scale,
            ..Default::default()
        }
    }

    /// Reads `dir/activation.json`; a directory without one holds a ReLU baseline.
    pub fn read_dir(dir: &Path) -> Result<Self, LoadError> {
        let path = dir.join(ACTIVATION_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(LoadError::Io { path, source }),
        };
        serde_json::from_str(&text).map_err(|e| LoadError::Config {
            path,
            reason: e.to_string(),
        })
    }

    /// Writes `dir/activation.json` (pretty JSON).
    pub fn write_dir(&self, dir: &Path) -> Result<(), LoadError> {
        let path = dir.join(ACTIVATION_FILE);
        let text = serde_json::to_string_pretty(self).expect("serializable");
        std::fs::write(&path, text).map_err(|source| LoadError::Io { path, source })
    }

    pub fn validate(&self) -> Result<(), LoadError> {
        if !(self.poly_scale.is_finite() && self.poly_scale > 0.0) {
            return Err(LoadError::Invalid(format!(
                "poly_scale {} must be > 0",
                self.poly_scale
            )));
        }
        Ok(())
    }
}

/// The activation a [`LinModel`] runs.
#[derive(Debug)]
pub enum UnitActivation {
    Relu(Relu),
    Gated(Gated<Relu>),
    Poly(Gated<Poly>),
}

impl UnitActivation {
    /// The gates, unless this is the plain ReLU baseline.
    pub fn gates(&self) -> Option<&Gates> {
        match self {
            UnitActivation::Relu(_) => None,
            UnitActivation::Gated(g) => Some(&g.gates),
            UnitActivation::Poly(g) => Some(&g.gates),
        }
    }

    pub fn poly(&self) -> Option<&Poly> {
        match self {
            UnitActivation::Poly(g) => Some(&g.inner),
            _ => None,
        }
    }
}

impl Activation for UnitActivation {
    fn forward(&self, x: &Tensor, block: usize, unit: usize) -> Tensor {
        match self {
            UnitActivation::Relu(a) => a.forward(x, block, unit),
            UnitActivation::Gated(a) => a.forward(x, block, unit),
            UnitActivation::Poly(a) => a.forward(x, block, unit),
        }
    }
}

/// A model and its activation, sharing one VarStore.
#[derive(Debug)]
pub struct LinModel {
    pub model: StgcnModel,
    pub act: UnitActivation,
    pub act_config: ActivationConfig,
}

impl LinModel {
    /// A fresh model; scores (gated) are drawn from seed 0, polynomials start at the
    /// paper's initial values, gates start all ones.
    pub fn new(
        config: &StgcnConfig,
        act_config: &ActivationConfig,
        device: Device,
    ) -> Result<Self, LoadError> {
        act_config.validate()?;
        let model = StgcnModel::new(config, device)?;
        let root = model.vs.root();
        let blocks = config.blocks.len();
        let gates = |learn| Gates::new(&root, blocks, act_config.granularity, learn, 0);
        let act = match act_config.kind {
            ActivationKind::Relu => UnitActivation::Relu(Relu),
            ActivationKind::Gated => UnitActivation::Gated(Gated {
                gates: gates(true),
                inner: Relu,
            }),
            ActivationKind::Poly => UnitActivation::Poly(Gated {
                gates: gates(false),
                inner: Poly::new(&root, blocks, act_config.poly_scale),
            }),
        };
        Ok(LinModel {
            model,
            act,
            act_config: act_config.clone(),
        })
    }

    /// Builds a model and loads `weights` into it; fails listing every tensor that does not
    /// fit (e.g. a polynomial checkpoint loaded as a gated model).
    pub fn load(
        config: &StgcnConfig,
        act_config: &ActivationConfig,
        weights: &Path,
        device: Device,
    ) -> Result<Self, LoadError> {
        let mut m = Self::new(config, act_config, device)?;
        checkpoint::load(&mut m.model.vs, weights)?;
        Ok(m)
    }

    /// Builds a model and copies every tensor it shares by name with `src` (e.g. the baseline
    /// into a gated student, or a linearized model into a polynomial one). Activation tensors
    /// that `src` lacks keep their initial values; any other missing or misshapen tensor is
    /// an error and nothing is copied.
    pub fn derive_from(
        src: &nn::VarStore,
        config: &StgcnConfig,
        act_config: &ActivationConfig,
        device: Device,
    ) -> Result<Self, LoadError> {
        let m = Self::new(config, act_config, device)?;
        copy_shared(&m.model.vs, src)?;
        Ok(m)
    }

    /// Saves all tensors (network and activation) as safetensors.
    pub fn save(&self, weights: &Path) -> Result<(), LoadError> {
        if let Some(g) = self.act.gates() {
            g.refresh();
        }
        Ok(checkpoint::save(&self.model.vs, weights)?)
    }

    /// Logits and per-block features with this model's activation.
    pub fn forward_features(&self, x: &Tensor, train: bool) -> Result<Features, LoadError> {
        Ok(self.model.net.forward_features(x, train, &self.act)?)
    }
}

/// True for the tensors an activation owns (`...act0.gate`, `...act1.w2`, ...).
pub fn is_activation_tensor(name: &str) -> bool {
    name.contains(".act0.") || name.contains(".act1.")
}

/// Copies every variable of `dst` from the same-named one in `src`, after checking them all.
fn copy_shared(dst: &nn::VarStore, src: &nn::VarStore) -> Result<(), LoadError> {
    let (dst, src) = (dst.variables(), src.variables());
    let mismatches = shared_mismatches(&dst, &src);
    if !mismatches.is_empty() {
        return Err(LoadError::Source { mismatches });
    }
    tch::no_grad(|| {
        for (name, var) in &dst {
            if let Some(s) = src.get(name) {
                var.shallow_clone().copy_(&s.to_device(var.device()));
            }
        }
    });
    Ok(())
}

fn shared_mismatches(
    dst: &HashMap<String, Tensor>,
    src: &HashMap<String, Tensor>,
) -> Vec<Mismatch> {
    // Reuse the checkpoint comparison, then forgive what derivation allows.
    checkpoint::compare(dst, src)
        .into_iter()
        .filter(|m| match m {
            Mismatch::Unexpected { .. } => false,
            Mismatch::Missing { name, .. } => !is_activation_tensor(name),
            _ => true,
        })
        .collect()
}
