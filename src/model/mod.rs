//! The STGCN model of lingcn: NTU skeleton graph, network with pluggable activations,
//! safetensors checkpoints with PyTorch state_dict names, dataset loading and training.
//!
//! LinGCN: gated node-wise linearization, polynomial replacement, distillation, Lookahead.
//!
//! Edges: depends on tch only; knows nothing of the pipeline engine or the stages.
//! `config` and `recipe` (the serde parameters and their checks) build without
//! libtorch, for the light `lingcn` executable; everything else needs the `ml`
//! feature (the `lingcn-worker` executable).

pub mod config;
pub mod recipe;

pub use config::{BlockSpec, ConfigError, StgcnConfig};
pub use recipe::{
    DeviceChoice, DistillConfig, Granularity, LinearizeConfig, LookaheadConfig, PolyConfig,
    PolyInit, TrainConfig,
};

#[cfg(feature = "ml")]
pub mod activation;
#[cfg(feature = "ml")]
pub mod block;
#[cfg(feature = "ml")]
pub mod checkpoint;
#[cfg(feature = "ml")]
pub mod dataset;
#[cfg(feature = "ml")]
pub mod distill;
#[cfg(feature = "ml")]
pub mod error;
#[cfg(feature = "ml")]
pub mod evaluate;
#[cfg(feature = "ml")]
pub mod gated;
#[cfg(feature = "ml")]
pub mod graph;
#[cfg(feature = "ml")]
pub mod layers;
#[cfg(feature = "ml")]
pub mod linearize;
#[cfg(feature = "ml")]
pub mod linmodel;
#[cfg(feature = "ml")]
pub mod lookahead;
#[cfg(feature = "ml")]
pub mod poly;
#[cfg(feature = "ml")]
pub mod polyfit;
pub mod rng;
#[cfg(feature = "ml")]
pub mod stgcn;
#[cfg(feature = "ml")]
pub mod train;

#[cfg(feature = "ml")]
pub use ml::*;

/// The libtorch side's names, re-exported at `model::` as before.
#[cfg(feature = "ml")]
mod ml {
    pub use super::activation::{Activation, Linear, Relu};
    pub use super::dataset::Dataset;
    pub use super::error::{
        CheckpointError, DataError, LoadError, Mismatch, ModelError, TrainError,
    };
    pub use super::evaluate::{evaluate, EvalMetrics};
    pub use super::stgcn::{Features, Stgcn, StgcnModel};
    pub use super::train::{train, EpochRecord, TrainReport};
    // LinGCN linearization (gated.rs, poly.rs, linmodel.rs, distill.rs, lookahead.rs, linearize.rs).
    pub use super::gated::{GateSummary, Gated, Gates};
    pub use super::linearize::{
        linearize, linearize_student, poly_student, polyreplace, LinEpochRecord, LinearizeReport,
        PolyReport,
    };
    pub use super::linmodel::{
        ActivationConfig, ActivationKind, LinModel, UnitActivation, ACTIVATION_FILE,
    };
    pub use super::lookahead::Lookahead;
    pub use super::poly::Poly;
    pub use super::polyfit::{PolyFitReport, ReluMoments};
}
