//! The pipeline engine: the stage trait and registry, stage keys, status
//! explanations and the executor. It knows nothing about any stage kind.

pub mod child;
pub mod exec;
pub mod jobs;
pub mod order;
pub mod procs;
pub mod project;
pub mod slurm;
pub mod stage;
pub mod status;
pub mod worker;

pub use exec::{run, Reporter, RunOptions, RunSummary};
pub use project::{stage_key, Project};
pub use stage::{ConfigError, Configured, Registry, Run, Stage, StageContext, StageError};
pub use status::{current_records, status, StageStatus, State};

use crate::graph::GraphError;
use crate::spec::SpecError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error(transparent)]
    Graph(Box<GraphError>),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<GraphError> for EngineError {
    fn from(e: GraphError) -> Self {
        EngineError::Graph(Box::new(e))
    }
}
