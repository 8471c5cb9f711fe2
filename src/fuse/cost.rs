//! Per-operation latency table, filled from a measured HE backend benchmark. No defaults:
//! numbers come from JSON written by the benchmark (or a synthetic table in tests).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::FuseError;
use super::packing::OpCounts;

/// Milliseconds per operation at one ring dimension.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpCosts {
    pub ct_pt_mul: f64,
    /// ct x ct multiply without relinearization.
    pub ct_ct_mul: f64,
    pub relin: f64,
    pub rotate: f64,
    pub add: f64,
    pub add_plain: f64,
    pub rescale: f64,
}

/// Costs per ring dimension plus where they came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    /// Provenance, e.g. "SEAL 4.0 via sealy, 2 vCPU, median of 20".
    pub source: String,
    /// Keyed by ring dimension.
    pub per_ring_dim: BTreeMap<usize, OpCosts>,
}

impl CostModel {
    /// Parses `{"source": "...", "per_ring_dim": {"8192": {"ct_pt_mul": 0.2, ...}, ...}}`.
    pub fn from_json(text: &str) -> Result<Self, FuseError> {
        let m: CostModel =
            serde_json::from_str(text).map_err(|e| FuseError::CostModel(e.to_string()))?;
        let bad = m.per_ring_dim.values().flat_map(|c| {
            [
                c.ct_pt_mul,
                c.ct_ct_mul,
                c.relin,
                c.rotate,
                c.add,
                c.add_plain,
                c.rescale,
            ]
        });
        if bad.into_iter().any(|x| !x.is_finite() || x < 0.0) {
            return Err(FuseError::CostModel("costs must be finite and >= 0".into()));
        }
        Ok(m)
    }

    /// Estimated milliseconds of `counts` at `ring_dim`, `None` if the table lacks it.
    pub fn estimate(&self, ring_dim: usize, c: &OpCounts) -> Option<f64> {
        let k = self.per_ring_dim.get(&ring_dim)?;
        Some(
            c.ct_pt_mul as f64 * k.ct_pt_mul
                + c.ct_ct_mul as f64 * k.ct_ct_mul
                + c.relin as f64 * k.relin
                + c.rotations as f64 * k.rotate
                + c.add as f64 * k.add
                + c.add_plain as f64 * k.add_plain
                + c.rescale as f64 * k.rescale,
        )
    }
}
