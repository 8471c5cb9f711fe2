//! Multiplicative depth per node. A level is one rescale: every linear op (its channel mix,
//! adjacency, BN, masks and scales are merged into one plaintext per ciphertext pair, so one
//! ct x pt level), every square (ct x ct + relinearize), a residual scale != 1, and the pooled
//! classifier. Plaintext additions (biases) are free. A ReLU is counted as the degree-2
//! polynomial slot it would become under HE. A polynomial's leftover linear term
//! (`a1 * x`) is a ct x pt in parallel with the square, so it adds no level; `a2 = +-1` is a
//! sign flip. Structural linearization keeps this uniform: if every node of a block keeps
//! the same number of squares, every node leaves the block at the same depth, because the
//! graph conv takes the max over neighbours of equal depths and the residual branch is shorter.

use serde::{Deserialize, Serialize};

use super::ir::{Circuit, NodeAct, Op};

/// Depth of one op's output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpDepth {
    pub label: String,
    /// Max over nodes of the op's output level count.
    pub max: u32,
    pub min: u32,
}

/// Depth of the whole circuit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepthReport {
    /// Per node v: levels consumed from the input to the logits along node v's path.
    pub node_depth: Vec<u32>,
    /// Max over nodes: the levels the modulus chain must provide.
    pub depth: u32,
    pub per_op: Vec<OpDepth>,
}

impl DepthReport {
    /// Whether all nodes need the same depth.
    pub fn uniform(&self) -> bool {
        self.node_depth.iter().all(|&d| d == self.depth)
    }
}

/// Levels added by a node op.
fn act_levels(n: &NodeAct) -> u32 {
    match *n {
        NodeAct::Identity => 0,
        NodeAct::Relu { .. } => 1,
        NodeAct::Square { a2, .. } => 1 + u32::from(a2.abs() != 1.0 && a2 != 0.0),
    }
}

/// Levels consumed by every value at every node: `[value id][node]` (value 0 = input, all
/// zeros; the pool's slot holds the logits' depth per node). What `he::eval` produces.
pub fn value_levels(c: &Circuit) -> Vec<Vec<u32>> {
    let v = c.joints;
    let mut d: Vec<Vec<u32>> = vec![vec![0; v]];
    for op in &c.ops {
        let out = match op {
            Op::Linear(l) => {
                let mut o = vec![0; v];
                for p in &l.pairs {
                    o[p.dst] = o[p.dst].max(d[l.input][p.src] + 1);
                }
                o
            }
            Op::Act(a) => (0..v)
                .map(|n| d[a.input][n] + act_levels(&a.nodes[n]))
                .collect(),
            Op::Add(a) => (0..v)
                .map(|n| d[a.lhs][n].max(d[a.rhs][n] + u32::from(a.rhs_scale[n] != 1.0)))
                .collect(),
            Op::Pool(p) => (0..v)
                .map(|n| 1 + p.terms.iter().map(|t| d[t.input][n]).max().unwrap_or(0))
                .collect(),
        };
        d.push(out);
    }
    d
}

/// Per-node depth of every value, then of the logits.
pub fn analyze(c: &Circuit) -> DepthReport {
    let d = value_levels(c);
    let per_op = c
        .ops
        .iter()
        .zip(&d[1..])
        .map(|(op, out)| OpDepth {
            label: op.label().to_string(),
            max: out.iter().copied().max().unwrap_or(0),
            min: out.iter().copied().min().unwrap_or(0),
        })
        .collect();
    let node_depth = match c.ops.last() {
        Some(Op::Pool(_)) => d.last().cloned().unwrap_or_default(),
        _ => vec![0; c.joints],
    };
    let depth = node_depth.iter().copied().max().unwrap_or(0);
    DepthReport {
        node_depth,
        depth,
        per_op,
    }
}
