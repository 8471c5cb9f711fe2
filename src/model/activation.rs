//! Pluggable activations: the model calls one `Activation` at each of the two nonlinear
//! units of every block, so linearization can swap ReLU for a node-wise gated unit or a
//! node-wise polynomial without touching the model code.

use tch::Tensor;

/// Unit index of the activation after the graph conv's BatchNorm ("ReLU #1").
pub const UNIT_GCN: usize = 0;
/// Unit index of the activation after the residual addition ("ReLU #2").
pub const UNIT_OUT: usize = 1;

/// An activation applied at unit `unit` (0 or 1) of block `block`.
///
/// `x` has shape [N*M, C, T, V]; a node-wise replacement indexes the last axis (see
/// [`per_node`]). Implementations may hold their own trainable tensors, e.g. in the model's
/// VarStore under their own prefix so they are checkpointed with it. Sketches of the
/// linearization stage's units, with `gate[b][u]`, `w1`, `w2`, `b` of shape [V]:
///
/// ```text
/// gated:      let g = per_node(&gate[block][unit]);
///             &g * inner.forward(x, block, unit) + (1.0 - &g) * x
/// quadratic:  x * (s * per_node(&w2[block][unit]) * x + per_node(&w1[block][unit]))
///                 + per_node(&b[block][unit])
/// ```
pub trait Activation {
    fn forward(&self, x: &Tensor, block: usize, unit: usize) -> Tensor;
}

/// Plain ReLU at every unit: the baseline STGCN.
#[derive(Clone, Copy, Debug, Default)]
pub struct Relu;

impl Activation for Relu {
    fn forward(&self, x: &Tensor, _block: usize, _unit: usize) -> Tensor {
        x.relu()
    }
}

/// Identity at every unit: the fully linearized network (useful as a bound and in tests).
#[derive(Clone, Copy, Debug, Default)]
pub struct Linear;

impl Activation for Linear {
    fn forward(&self, x: &Tensor, _block: usize, _unit: usize) -> Tensor {
        x.shallow_clone()
    }
}

/// Views a per-joint vector [V] as [1, 1, 1, V] so it broadcasts over N, C and T.
pub fn per_node(v: &Tensor) -> Tensor {
    v.view([1, 1, 1, -1])
}
