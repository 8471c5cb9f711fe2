//! Typed errors of the fusion and planning module.

use thiserror::Error;

/// Everything that can go wrong between reading a checkpoint and producing an HE plan.
#[derive(Debug, Error)]
pub enum FuseError {
    #[error("reading checkpoint {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("checkpoint is not valid safetensors: {0}")]
    Safetensors(String),
    /// An error in the content of a checkpoint file, with the file.
    #[error("{path}: {inner}")]
    InFile { path: String, inner: Box<FuseError> },
    #[error("tensor `{name}` has unsupported dtype {dtype}")]
    Dtype { name: String, dtype: String },
    #[error("checkpoint lacks tensor `{0}`")]
    Missing(String),
    #[error("tensor `{name}` has shape {got:?}, the model shape needs {want:?}")]
    Shape {
        name: String,
        got: Vec<usize>,
        want: Vec<usize>,
    },
    #[error("invalid model shape: {0}")]
    InvalidShape(String),
    #[error("input has shape {got:?}, the circuit needs (N, {c}, {t}, {v}, {m})")]
    InputShape {
        got: [usize; 5],
        c: usize,
        t: usize,
        v: usize,
        m: usize,
    },
    #[error("circuit is structural (no weights): it can be planned but not evaluated")]
    Structural,
    #[error("invalid circuit: {0}")]
    InvalidCircuit(String),
    #[error(transparent)]
    Params(#[from] super::params::ParamError),
    #[error("cost model: {0}")]
    CostModel(String),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}
