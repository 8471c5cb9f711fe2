//! Fusion rewrites: checkpoint (or a shape plus a gate pattern) -> fused [`Circuit`].
//!
//! `build` applies the per-layer folds (BatchNorm, data BN, edge importance, gates,
//! polynomials, activation constants, pool + classifier); `merge` then removes all-identity
//! activations and merges the linear ops around them.

pub mod act;
pub mod build;
pub mod compose;
pub mod linear;
pub mod merge;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use act::FuseOptions;

use super::checkpoint::TensorMap;
use super::error::FuseError;
use super::graph::ntu_pairs;
use super::ir::Circuit;
use super::shape::ModelShape;
use super::weights::ModelWeights;
use act::{fold_unit, structural_unit};
use build::{build, Source};

/// Which node keeps which nonlinearity: `blocks[i][u][v]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptPattern {
    pub blocks: Vec<[Vec<bool>; 2]>,
}

impl KeptPattern {
    /// Every unit kept at every node (the unlinearized baseline).
    pub fn all(shape: &ModelShape) -> Self {
        let all = vec![true; shape.joints];
        KeptPattern {
            blocks: vec![[all.clone(), all]; shape.blocks.len()],
        }
    }

    /// A pattern with `counts[2i + u]` nodes kept at unit u of block i. When a block's two
    /// counts sum to 0, V or 2V the pattern is structural (every node keeps the same number:
    /// the first `counts[2i]` nodes keep unit 0, the rest unit 1); otherwise unit 0 takes the
    /// first nodes and unit 1 the last ones.
    pub fn from_counts(shape: &ModelShape, counts: &[usize]) -> Result<Self, FuseError> {
        let v = shape.joints;
        if counts.len() != 2 * shape.blocks.len() || counts.iter().any(|&n| n > v) {
            return Err(FuseError::InvalidShape(format!(
                "kept counts {counts:?} for {} blocks of {v} nodes",
                shape.blocks.len()
            )));
        }
        let blocks = counts
            .chunks(2)
            .map(|c| {
                let u0: Vec<bool> = (0..v).map(|n| n < c[0]).collect();
                let u1 = if c[0] + c[1] == v {
                    u0.iter().map(|k| !k).collect()
                } else {
                    (0..v).map(|n| n >= v - c[1]).collect()
                };
                [u0, u1]
            })
            .collect();
        Ok(KeptPattern { blocks })
    }

    /// Kept count per unit.
    pub fn counts(&self) -> Vec<usize> {
        self.blocks
            .iter()
            .flat_map(|b| b.iter().map(|u| u.iter().filter(|&&k| k).count()))
            .collect()
    }

    /// Whether every node keeps the same number of units within each block.
    pub fn is_structural(&self) -> bool {
        self.blocks.iter().all(|[a, b]| {
            let n = |v: usize| a[v] as usize + b[v] as usize;
            (0..a.len()).all(|v| n(v) == n(0))
        })
    }
}

/// Fuses parsed weights.
pub fn fuse(
    shape: &ModelShape,
    weights: &ModelWeights,
    opts: &FuseOptions,
) -> Result<Circuit, FuseError> {
    shape.validate()?;
    let v = shape.joints;
    let pairs = weights
        .blocks
        .iter()
        .map(|b| {
            let nz = |s: usize, d: usize| {
                (0..shape.partitions).any(|k| b.adj[(k * v + s) * v + d] != 0.0)
            };
            (0..v)
                .flat_map(|s| (0..v).map(move |d| (s, d)))
                .filter(|&(s, d)| nz(s, d))
                .collect()
        })
        .collect();
    let acts = weights
        .blocks
        .iter()
        .map(|b| {
            [
                fold_unit(&b.acts[0], shape.poly_scale, opts),
                fold_unit(&b.acts[1], shape.poly_scale, opts),
            ]
        })
        .collect();
    finish(
        &Source {
            shape,
            weights: Some(weights),
            pairs,
            acts,
        },
        opts,
    )
}

/// Reads a safetensors checkpoint and fuses it.
pub fn fuse_checkpoint(
    path: &Path,
    shape: &ModelShape,
    opts: &FuseOptions,
) -> Result<Circuit, FuseError> {
    let tensors = TensorMap::load(path)?;
    fuse(shape, &ModelWeights::from_tensors(&tensors, shape)?, opts)
}

/// A weightless circuit for planning a model without a checkpoint: NTU hop-1 graph
/// (or `pairs` per block), kept nonlinearities from `kept`.
pub fn structural(
    shape: &ModelShape,
    kept: &KeptPattern,
    pairs: Option<Vec<(usize, usize)>>,
    opts: &FuseOptions,
) -> Result<Circuit, FuseError> {
    shape.validate()?;
    if kept.blocks.len() != shape.blocks.len()
        || kept
            .blocks
            .iter()
            .flatten()
            .any(|u| u.len() != shape.joints)
    {
        return Err(FuseError::InvalidShape(
            "kept pattern does not match the blocks and joints".into(),
        ));
    }
    let pairs = pairs.unwrap_or_else(ntu_pairs);
    if pairs
        .iter()
        .any(|&(s, d)| s >= shape.joints || d >= shape.joints)
    {
        return Err(FuseError::InvalidShape(
            "graph pairs exceed the joint count".into(),
        ));
    }
    let acts = kept
        .blocks
        .iter()
        .map(|[a, b]| [structural_unit(a, opts), structural_unit(b, opts)])
        .collect();
    let pairs = vec![pairs; shape.blocks.len()];
    finish(
        &Source {
            shape,
            weights: None,
            pairs,
            acts,
        },
        opts,
    )
}

fn finish(src: &Source, opts: &FuseOptions) -> Result<Circuit, FuseError> {
    let c = build(src)?;
    let c = if opts.merge_linear {
        merge::merge_linear(&c, &merge::sites(&c))?
    } else {
        c
    };
    c.validate()?;
    Ok(c)
}
