//! The STGCN model of lingcn: NTU skeleton graph, network with pluggable activations,
//! safetensors checkpoints with PyTorch state_dict names, dataset loading and training.
//!
//! LinGCN: gated node-wise linearization, polynomial replacement, distillation, Lookahead.
//!
//! Edges: depends on tch only; knows nothing of the pipeline engine or the stages.

pub mod activation;
pub mod block;
pub mod checkpoint;
pub mod config;
pub mod dataset;
pub mod distill;
pub mod error;
pub mod evaluate;
pub mod gated;
pub mod graph;
pub mod layers;
pub mod linearize;
pub mod linmodel;
pub mod lookahead;
pub mod poly;
pub mod polyfit;
pub mod rng;
pub mod stgcn;
pub mod train;

pub use activation::{Activation, Linear, Relu};
pub use config::{BlockSpec, StgcnConfig};
pub use dataset::Dataset;
pub use error::{CheckpointError, DataError, LoadError, Mismatch, ModelError, TrainError};
pub use evaluate::{evaluate, EvalMetrics};
pub use stgcn::{Features, Stgcn, StgcnModel};
pub use train::{train, EpochRecord, TrainConfig, TrainReport};
// LinGCN linearization (gated.rs, poly.rs, linmodel.rs, distill.rs, lookahead.rs, linearize.rs).
pub use distill::DistillConfig;
pub use gated::{GateSummary, Gated, Gates, Granularity};
pub use linearize::{
    linearize, linearize_student, poly_student, polyreplace, LinEpochRecord, LinearizeConfig,
    LinearizeReport, PolyConfig, PolyReport,
};
pub use linmodel::{ActivationConfig, ActivationKind, LinModel, UnitActivation, ACTIVATION_FILE};
pub use lookahead::{Lookahead, LookaheadConfig};
pub use poly::Poly;
pub use polyfit::{PolyFitReport, PolyInit, ReluMoments};
