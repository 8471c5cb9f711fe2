//! The STGCN model of lingcn: NTU skeleton graph, network with pluggable activations,
//! safetensors checkpoints with PyTorch state_dict names, dataset loading and training.
//!
//! Edges: depends on tch only; knows nothing of the pipeline engine or the stages.

pub mod activation;
pub mod block;
pub mod checkpoint;
pub mod config;
pub mod dataset;
pub mod error;
pub mod evaluate;
pub mod graph;
pub mod layers;
pub mod rng;
pub mod stgcn;
pub mod train;

pub use activation::{Activation, Linear, Relu};
pub use config::{BlockSpec, StgcnConfig};
pub use dataset::Dataset;
pub use error::{CheckpointError, DataError, Mismatch, ModelError, TrainError};
pub use evaluate::{evaluate, EvalMetrics};
pub use stgcn::{Features, Stgcn, StgcnModel};
pub use train::{train, EpochRecord, TrainConfig, TrainReport};
