//! Typed errors of the HE stage.

use thiserror::Error;

use crate::fuse::FuseError;

/// Everything that can go wrong between key generation and decrypted logits.
#[derive(Debug, Error)]
pub enum HeError {
    #[error("insecure parameters: log Q = {log_q} > {bound} bits allowed at N={ring_dim} for 128-bit security")]
    Insecure {
        ring_dim: usize,
        log_q: u32,
        bound: u32,
    },
    #[error("invalid CKKS parameters: {0}")]
    Params(String),
    #[error("SEAL call {call} failed with HRESULT {code:#x}")]
    Seal { call: &'static str, code: i64 },
    #[error("level error: {0}")]
    Level(String),
    #[error("scale mismatch: {a} vs {b}")]
    Scale { a: f64, b: f64 },
    #[error("no Galois key for rotation step {0}")]
    MissingGaloisKey(i64),
    #[error("{got} values do not fit {slots} slots")]
    TooManyValues { got: usize, slots: usize },
    #[error("cannot evaluate under CKKS: {0}")]
    Unsupported(String),
    #[error("the plan does not match the circuit: {0}")]
    PlanMismatch(String),
    #[error("serialized data is invalid: {0}")]
    Serialization(String),
    #[error("io {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Fuse(#[from] FuseError),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}
