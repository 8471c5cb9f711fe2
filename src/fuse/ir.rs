//! The fused plaintext circuit: a list of typed ops over values of shape [C, T, V] per body.
//!
//! Value 0 is the raw input (one body); op `j` produces value `j + 1`; ops are in topological
//! order and the last op is the [`PoolOp`] producing the logits. Every linear layer (graph conv,
//! temporal conv, residual conv and anything merged from them) is one [`LinearOp`]: a set of
//! node pairs `src -> dst`, each with its own `[Cout, Cin, kernel]` weight, so one linear op is
//! one plaintext-multiply level under CKKS. Weights are `Option` so the same types describe a
//! *structural* circuit (shape only) that can be planned for models without a checkpoint.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::FuseError;

/// Index of a value: 0 = input, `j + 1` = output of op `j`.
pub type ValueId = usize;

/// Channels and frames of a value (the node axis is always `Circuit::joints`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueShape {
    pub channels: usize,
    pub frames: usize,
}

/// `out[c, t, dst] = bias[c, t, dst] + sum_pairs sum_ci sum_j W[c, ci, j] x[ci, stride*t + j - pad, src]`
/// with zero padding outside `0..t_in`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearOp {
    pub label: String,
    pub input: ValueId,
    pub cin: usize,
    pub cout: usize,
    pub kernel: usize,
    pub stride: usize,
    pub pad: usize,
    pub t_in: usize,
    pub t_out: usize,
    pub pairs: Vec<Pair>,
    /// [Cout, t_out, V]: a plaintext add, depth-free.
    pub bias: Option<Vec<f64>>,
}

/// One (input node, output node) block of a linear op.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub src: usize,
    pub dst: usize,
    /// [Cout, Cin, kernel].
    pub weight: Option<Vec<f64>>,
}

/// What one node of an activation op computes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum NodeAct {
    /// Gate 0 (or a polynomial without square term folded away): no op.
    Identity,
    /// `gate * relu(x) + (1 - gate) * x`: plaintext only; planned as one square slot.
    Relu { gate: f64 },
    /// `a2 * x^2 + a1 * x`; after fusion `a2` is +-1 (free) and `a1` is 0 unless the
    /// polynomial's linear term could not be completed into the square.
    Square { a2: f64, a1: f64 },
}

impl NodeAct {
    /// Whether this node spends a ciphertext multiplication.
    pub fn is_nonlinear(&self) -> bool {
        !matches!(self, NodeAct::Identity)
    }

    /// The node's function.
    pub fn apply(&self, x: f64) -> f64 {
        match *self {
            NodeAct::Identity => x,
            NodeAct::Relu { gate } => gate * x.max(0.0) + (1.0 - gate) * x,
            NodeAct::Square { a2, a1 } => a2 * x * x + a1 * x,
        }
    }
}

/// Node-wise activation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActOp {
    pub label: String,
    pub input: ValueId,
    pub shape: ValueShape,
    pub nodes: Vec<NodeAct>,
}

/// `lhs + rhs_scale[v] * rhs` (the residual connection).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddOp {
    pub label: String,
    pub lhs: ValueId,
    pub rhs: ValueId,
    pub shape: ValueShape,
    /// Per node; a scale != 1 costs one plaintext multiply on the (shorter) residual branch.
    pub rhs_scale: Vec<f64>,
}

/// `logits[k] = bias[k] + sum_bodies sum_terms sum_{v,c,j} W[k,v,c,j] * sum_{t<t_out} x[c, stride*t + j - pad, v]`.
///
/// Global average pooling, the body mean and the classifier are one linear map; a term with
/// `kernel > 1` is that map composed with a temporal conv (merged when the last unit is linear).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolOp {
    pub label: String,
    pub classes: usize,
    pub terms: Vec<PoolTerm>,
    pub bias: Option<Vec<f64>>,
}

/// One input of the pooled classifier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolTerm {
    pub input: ValueId,
    pub channels: usize,
    pub kernel: usize,
    pub stride: usize,
    pub pad: usize,
    pub t_in: usize,
    pub t_out: usize,
    /// [classes, V, C, kernel].
    pub weight: Option<Vec<f64>>,
}

/// One op of the circuit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    Linear(LinearOp),
    Act(ActOp),
    Add(AddOp),
    Pool(PoolOp),
}

/// The fused circuit for one sample (bodies are evaluated separately and summed in the pool).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Circuit {
    pub input: ValueShape,
    pub joints: usize,
    pub bodies: usize,
    pub num_class: usize,
    /// True when weights are absent (planning only).
    pub structural: bool,
    pub ops: Vec<Op>,
}

impl Op {
    /// Values this op reads.
    pub fn inputs(&self) -> Vec<ValueId> {
        match self {
            Op::Linear(l) => vec![l.input],
            Op::Act(a) => vec![a.input],
            Op::Add(a) => vec![a.lhs, a.rhs],
            Op::Pool(p) => p.terms.iter().map(|t| t.input).collect(),
        }
    }

    /// Mutable references to the values this op reads (for rewiring).
    pub fn inputs_mut(&mut self) -> Vec<&mut ValueId> {
        match self {
            Op::Linear(l) => vec![&mut l.input],
            Op::Act(a) => vec![&mut a.input],
            Op::Add(a) => vec![&mut a.lhs, &mut a.rhs],
            Op::Pool(p) => p.terms.iter_mut().map(|t| &mut t.input).collect(),
        }
    }

    /// Shape of the produced value (`None` for the logits).
    pub fn out_shape(&self) -> Option<ValueShape> {
        match self {
            Op::Linear(l) => Some(ValueShape {
                channels: l.cout,
                frames: l.t_out,
            }),
            Op::Act(a) => Some(a.shape),
            Op::Add(a) => Some(a.shape),
            Op::Pool(_) => None,
        }
    }

    /// Short kind name for summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            Op::Linear(_) => "linear",
            Op::Act(_) => "act",
            Op::Add(_) => "add",
            Op::Pool(_) => "pool_dense",
        }
    }

    /// Human label (block and layer of origin).
    pub fn label(&self) -> &str {
        match self {
            Op::Linear(l) => &l.label,
            Op::Act(a) => &a.label,
            Op::Add(a) => &a.label,
            Op::Pool(p) => &p.label,
        }
    }
}

impl Circuit {
    /// Shape of value `id`.
    pub fn value_shape(&self, id: ValueId) -> Option<ValueShape> {
        if id == 0 {
            return Some(self.input);
        }
        self.ops.get(id - 1)?.out_shape()
    }

    /// Checks topological order, shapes of inputs and that the circuit ends in the pool.
    pub fn validate(&self) -> Result<(), FuseError> {
        let bad = |s: String| Err(FuseError::InvalidCircuit(s));
        for (j, op) in self.ops.iter().enumerate() {
            for id in op.inputs() {
                if id > j || self.value_shape(id).is_none() {
                    return bad(format!("op {j} ({}) reads value {id}", op.label()));
                }
            }
            if matches!(op, Op::Pool(_)) != (j + 1 == self.ops.len()) {
                return bad(format!(
                    "op {j}: the pool must be the last op and only there"
                ));
            }
        }
        if self.ops.is_empty() {
            return bad("no ops".into());
        }
        Ok(())
    }

    /// The pool op (the circuit's output).
    pub fn pool(&self) -> &PoolOp {
        match self.ops.last() {
            Some(Op::Pool(p)) => p,
            _ => panic!("validated circuits end in a pool"),
        }
    }

    /// Writes the circuit with all weights as JSON (floats round-trip exactly).
    pub fn save(&self, path: &Path) -> Result<(), FuseError> {
        let text = serde_json::to_vec(self)?;
        std::fs::write(path, text).map_err(|source| FuseError::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// Reads a circuit written by [`Circuit::save`].
    pub fn load(path: &Path) -> Result<Self, FuseError> {
        let bytes = std::fs::read(path).map_err(|source| FuseError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let c: Circuit = serde_json::from_slice(&bytes)?;
        c.validate()?;
        Ok(c)
    }

    /// The same circuit without weights (what planning needs).
    pub fn structure(&self) -> Circuit {
        let mut c = self.clone();
        c.structural = true;
        for op in &mut c.ops {
            match op {
                Op::Linear(l) => {
                    l.bias = None;
                    l.pairs.iter_mut().for_each(|p| p.weight = None);
                }
                Op::Pool(p) => {
                    p.bias = None;
                    p.terms.iter_mut().for_each(|t| t.weight = None);
                }
                Op::Act(_) | Op::Add(_) => {}
            }
        }
        c
    }
}
