//! Folding one activation unit (gate + ReLU or polynomial) into a node-wise op whose kept
//! nodes cost exactly one ciphertext square, plus the per-node affine maps pushed into the
//! neighbouring linear ops:
//!
//! ```text
//! producer output z  --(sigma[v] * z + delta[v], folded into the producer)-->  z'
//! node op            out = a2 * z'^2 + a1 * z'        (a2 = +-1: a sign flip, free)
//! constant           out += konst[v]                  (folded into every consumer's bias)
//! ```

use serde::{Deserialize, Serialize};

use super::super::ir::NodeAct;
use super::super::weights::{ActKind, ActWeights};

/// How polynomials are folded.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FuseOptions {
    /// Complete the square (no linear term left) only when the shift `|delta|` it adds to the
    /// producer stays below this bound: large shifts make CKKS square large numbers and cancel
    /// them later, which costs precision bits. Above it the linear term stays as one extra
    /// depth-free plaintext multiply. `f64::INFINITY` always completes the square.
    pub max_shift: f64,
    /// Merge consecutive linear ops when an activation between them is identity at every node.
    pub merge_linear: bool,
}

impl Default for FuseOptions {
    fn default() -> Self {
        FuseOptions {
            max_shift: 4.0,
            merge_linear: true,
        }
    }
}

/// A unit after folding, per node.
#[derive(Clone, Debug, PartialEq)]
pub struct FoldedAct {
    pub nodes: Vec<NodeAct>,
    /// Scale folded into the producer's output at each node.
    pub sigma: Vec<f64>,
    /// Shift folded into the producer's bias at each node.
    pub delta: Vec<f64>,
    /// Constant added to the output (folded into consumers).
    pub konst: Vec<f64>,
}

/// Folds a unit with weights; `s` is the polynomial scale.
pub fn fold_unit(a: &ActWeights, s: f64, opts: &FuseOptions) -> FoldedAct {
    let per_node: Vec<(NodeAct, f64, f64, f64)> = (0..a.gate.len())
        .map(|v| fold_node(a, v, s, opts))
        .collect();
    FoldedAct {
        nodes: per_node.iter().map(|p| p.0).collect(),
        sigma: per_node.iter().map(|p| p.1).collect(),
        delta: per_node.iter().map(|p| p.2).collect(),
        konst: per_node.iter().map(|p| p.3).collect(),
    }
}

/// (node op, sigma, delta, konst) of one node.
fn fold_node(a: &ActWeights, v: usize, s: f64, opts: &FuseOptions) -> (NodeAct, f64, f64, f64) {
    let g = a.gate[v];
    match &a.kind {
        ActKind::Relu if g == 0.0 => (NodeAct::Identity, 1.0, 0.0, 0.0),
        ActKind::Relu => (NodeAct::Relu { gate: g }, 1.0, 0.0, 0.0),
        // g*p(x) + (1-g)*x = alpha x^2 + beta x + c0.
        ActKind::Poly { w2, w1, b } => {
            fold_quadratic(g * s * w2[v], g * w1[v] + 1.0 - g, g * b[v], opts)
        }
    }
}

/// Folds `alpha z^2 + beta z + c0`.
fn fold_quadratic(alpha: f64, beta: f64, c0: f64, opts: &FuseOptions) -> (NodeAct, f64, f64, f64) {
    if alpha == 0.0 {
        // beta z + c0: the scale goes into the producer, the node is a no-op.
        return (NodeAct::Identity, beta, 0.0, c0);
    }
    let (sigma, sg) = (alpha.abs().sqrt(), alpha.signum());
    let delta = sg * beta / (2.0 * sigma);
    if delta.abs() <= opts.max_shift {
        // sg (sigma z + delta)^2 - sg delta^2 = alpha z^2 + beta z.
        (
            NodeAct::Square { a2: sg, a1: 0.0 },
            sigma,
            delta,
            c0 - sg * delta * delta,
        )
    } else {
        // sg (sigma z)^2 + (beta / sigma)(sigma z) = alpha z^2 + beta z.
        (
            NodeAct::Square {
                a2: sg,
                a1: beta / sigma,
            },
            sigma,
            0.0,
            c0,
        )
    }
}

/// A unit without weights: `kept[v]` says whether node v keeps its nonlinearity. Kept nodes
/// are planned as polynomials (sigma != 1 placeholder, linear term kept unless the options
/// always complete the square), matching what fusion produces for a trained checkpoint.
pub fn structural_unit(kept: &[bool], opts: &FuseOptions) -> FoldedAct {
    let a1 = if opts.max_shift.is_infinite() {
        0.0
    } else {
        1.0
    };
    let node = |&k: &bool| {
        if k {
            NodeAct::Square { a2: 1.0, a1 }
        } else {
            NodeAct::Identity
        }
    };
    FoldedAct {
        nodes: kept.iter().map(node).collect(),
        sigma: kept.iter().map(|&k| if k { 0.5 } else { 1.0 }).collect(),
        delta: vec![0.0; kept.len()],
        konst: vec![0.0; kept.len()],
    }
}

impl FoldedAct {
    /// True when every node is a no-op (the op can be dropped and its neighbours merged).
    pub fn is_identity(&self) -> bool {
        self.nodes.iter().all(|n| !n.is_nonlinear())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(alpha: f64, beta: f64, c0: f64, max_shift: f64) {
        let opts = FuseOptions {
            max_shift,
            merge_linear: true,
        };
        let (node, sigma, delta, k) = fold_quadratic(alpha, beta, c0, &opts);
        for z in [-2.0, -0.3, 0.0, 0.7, 3.0] {
            let got = node.apply(sigma * z + delta) + k;
            let want = alpha * z * z + beta * z + c0;
            assert!(
                (got - want).abs() < 1e-9,
                "{alpha} {beta} {c0} z={z}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn quadratic_folds_are_exact() {
        for (a, b, c) in [
            (0.3, 1.0, 0.1),
            (-0.02, 0.7, -1.0),
            (0.0, 0.5, 2.0),
            (0.0, 0.0, 1.0),
            (5e-5, 1.0, 0.0),
        ] {
            check(a, b, c, 4.0);
            check(a, b, c, f64::INFINITY);
            check(a, b, c, 0.0);
        }
    }

    #[test]
    fn small_square_coefficient_keeps_the_linear_term() {
        let opts = FuseOptions::default();
        let (node, ..) = fold_quadratic(5e-5, 1.0, 0.0, &opts);
        assert!(matches!(node, NodeAct::Square { a1, .. } if a1 != 0.0));
        let (node, ..) = fold_quadratic(0.5, 1.0, 0.0, &opts);
        assert_eq!(node, NodeAct::Square { a2: 1.0, a1: 0.0 });
    }
}
