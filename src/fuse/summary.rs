//! Human-readable JSON summary of a circuit (no weights).

use serde::{Deserialize, Serialize};

use super::ir::{Circuit, Op, ValueId};

/// One op in the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpSummary {
    pub value: ValueId,
    pub label: String,
    pub kind: String,
    pub inputs: Vec<ValueId>,
    pub channels_out: Option<usize>,
    pub frames_out: Option<usize>,
    /// Linear ops: node pairs, kernel, stride.
    pub pairs: Option<usize>,
    pub kernel: Option<usize>,
    pub stride: Option<usize>,
    /// Activations: nodes that square (or ReLU); adds: nodes whose residual is scaled.
    pub active_nodes: Option<usize>,
    /// Activations: nodes whose polynomial keeps a separate linear term.
    pub linear_terms: Option<usize>,
}

/// Summary of a whole circuit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CircuitSummary {
    pub structural: bool,
    pub input_channels: usize,
    pub frames: usize,
    pub joints: usize,
    pub bodies: usize,
    pub num_class: usize,
    pub ops: Vec<OpSummary>,
}

impl Circuit {
    /// The circuit's shape-level summary.
    pub fn summary(&self) -> CircuitSummary {
        CircuitSummary {
            structural: self.structural,
            input_channels: self.input.channels,
            frames: self.input.frames,
            joints: self.joints,
            bodies: self.bodies,
            num_class: self.num_class,
            ops: self
                .ops
                .iter()
                .enumerate()
                .map(|(j, op)| op_summary(j + 1, op))
                .collect(),
        }
    }
}

fn op_summary(value: ValueId, op: &Op) -> OpSummary {
    let shape = op.out_shape();
    let mut s = OpSummary {
        value,
        label: op.label().to_string(),
        kind: op.kind().to_string(),
        inputs: op.inputs(),
        channels_out: shape.map(|s| s.channels),
        frames_out: shape.map(|s| s.frames),
        pairs: None,
        kernel: None,
        stride: None,
        active_nodes: None,
        linear_terms: None,
    };
    match op {
        Op::Linear(l) => {
            s.pairs = Some(l.pairs.len());
            s.kernel = Some(l.kernel);
            s.stride = Some(l.stride);
        }
        Op::Act(a) => {
            s.active_nodes = Some(a.nodes.iter().filter(|n| n.is_nonlinear()).count());
            let lin = |n: &&super::ir::NodeAct| matches!(n, super::ir::NodeAct::Square { a1, .. } if *a1 != 0.0);
            s.linear_terms = Some(a.nodes.iter().filter(lin).count());
        }
        Op::Add(a) => s.active_nodes = Some(a.rhs_scale.iter().filter(|&&x| x != 1.0).count()),
        Op::Pool(p) => s.kernel = p.terms.iter().map(|t| t.kernel).max(),
    }
    s
}
