//! Typed errors of the model, checkpoint, data and training code.

use super::config::ConfigError;
use std::path::PathBuf;

impl From<ConfigError> for ModelError {
    fn from(e: ConfigError) -> Self {
        match e {
            ConfigError::Model { field, reason } => ModelError::InvalidConfig { field, reason },
            ConfigError::Train(reason) => ModelError::InvalidConfig {
                field: "train".into(),
                reason,
            },
        }
    }
}

impl From<ConfigError> for TrainError {
    fn from(e: ConfigError) -> Self {
        match e {
            ConfigError::Train(reason) => TrainError::Config(reason),
            model => TrainError::Model(model.into()),
        }
    }
}

/// A model that cannot be built or run as configured.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("invalid STGCN config: {field}: {reason}")]
    InvalidConfig { field: String, reason: String },
    #[error("input shape {found:?} does not fit the model: expected {expected}")]
    InputShape { found: Vec<i64>, expected: String },
    #[error("torch: {0}")]
    Torch(#[from] tch::TchError),
}

/// One tensor of a checkpoint that does not fit the model.
#[derive(Clone, Debug, PartialEq)]
pub enum Mismatch {
    Missing {
        name: String,
        shape: Vec<i64>,
    },
    Unexpected {
        name: String,
        shape: Vec<i64>,
    },
    Shape {
        name: String,
        model: Vec<i64>,
        file: Vec<i64>,
    },
    Kind {
        name: String,
        model: String,
        file: String,
    },
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mismatch::Missing { name, shape } => write!(f, "missing {name} {shape:?}"),
            Mismatch::Unexpected { name, shape } => write!(f, "unexpected {name} {shape:?}"),
            Mismatch::Shape { name, model, file } => {
                write!(f, "shape of {name}: model {model:?} vs file {file:?}")
            }
            Mismatch::Kind { name, model, file } => {
                write!(f, "dtype of {name}: model {model} vs file {file}")
            }
        }
    }
}

/// Lists mismatches one per line for error messages.
pub fn format_mismatches(list: &[Mismatch]) -> String {
    list.iter().map(|m| format!("\n  {m}")).collect()
}

/// Saving or loading a safetensors checkpoint failed.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error("cannot read checkpoint {path}: {source}")]
    Read {
        path: PathBuf,
        source: tch::TchError,
    },
    #[error("cannot write checkpoint {path}: {source}")]
    Write {
        path: PathBuf,
        source: tch::TchError,
    },
    #[error("cannot move checkpoint into place at {path}: {source}")]
    Rename {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("checkpoint {path} does not fit the model ({} tensors):{}", mismatches.len(), format_mismatches(mismatches))]
    Mismatch {
        path: PathBuf,
        mismatches: Vec<Mismatch>,
    },
    #[error("cannot copy {name} from checkpoint {path}: {source}")]
    Copy {
        path: PathBuf,
        name: String,
        source: tch::TchError,
    },
}

/// A data split that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: tch::TchError,
    },
    #[error("{split}: {what} has shape {shape:?}, expected {expected}")]
    Shape {
        split: String,
        what: String,
        shape: Vec<i64>,
        expected: String,
    },
    #[error("{split}: {data} samples but {labels} labels")]
    Count {
        split: String,
        data: i64,
        labels: i64,
    },
    #[error("{split} split is empty")]
    Empty { split: String },
    #[error("{split}: label {label} of sample {index} is outside 0..{num_class}")]
    LabelOutOfRange {
        split: String,
        index: i64,
        label: i64,
        num_class: i64,
    },
    #[error("torch: {0}")]
    Torch(#[from] tch::TchError),
}

/// Training or evaluation stopped.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("invalid train config: {0}")]
    Config(String),
    #[error("loss is {value} at epoch {epoch}, batch {batch}: training diverged")]
    NonFiniteLoss {
        epoch: usize,
        batch: usize,
        value: f64,
    },
    #[error("cancelled at epoch {epoch}, batch {batch}")]
    Cancelled { epoch: usize, batch: usize },
    #[error("torch: {0}")]
    Torch(#[from] tch::TchError),
}

// LinGCN linearization (added with gated.rs / poly.rs / linmodel.rs): building a model with
// its activation from a config, a checkpoint or another model's weights.
/// A model with its activation (ReLU, gated or polynomial) could not be built or loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    #[error("invalid activation config: {0}")]
    Invalid(String),
    #[error("{path}: {reason}")]
    Config { path: PathBuf, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("source model does not fit ({} tensors):{}", mismatches.len(), format_mismatches(mismatches))]
    Source { mismatches: Vec<Mismatch> },
}
