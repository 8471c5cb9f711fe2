//! The node-wise trainable quadratic that replaces a kept ReLU (LINGCN.md section 4):
//! `p(x) = x * (s * w2[v] * x + w1[v]) + b[v]`, one multiplicative level under CKKS.

use tch::{nn, Tensor};

use super::activation::{per_node, Activation};
use super::graph::NUM_JOINTS;

pub use super::recipe::{W1_INIT, W2_INIT, W_CLAMP};

/// Trainable coefficients `act{u}.w2`, `act{u}.w1`, `act{u}.b` ([25] each) of every unit.
#[derive(Debug)]
pub struct Poly {
    scale: f64,
    /// Per block, per unit: [w2, w1, b].
    coef: Vec<[[Tensor; 3]; 2]>,
}

impl Poly {
    /// Creates the coefficients of `blocks` blocks under the root path `p`, at the paper's
    /// initial values; `scale` is s.
    pub fn new(p: &nn::Path, blocks: usize, scale: f64) -> Self {
        let v = NUM_JOINTS as i64;
        let coef = (0..blocks)
            .map(|i| {
                [0, 1].map(|u| {
                    let q = p / "st_gcn_networks" / i / format!("act{u}");
                    [
                        q.var("w2", &[v], nn::Init::Const(W2_INIT)),
                        q.var("w1", &[v], nn::Init::Const(W1_INIT)),
                        q.var("b", &[v], nn::Init::Const(0.0)),
                    ]
                })
            })
            .collect();
        Poly { scale, coef }
    }

    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// [w2, w1, b] of block `i`, unit `u`.
    pub fn coefficients(&self, i: usize, u: usize) -> &[Tensor; 3] {
        &self.coef[i][u]
    }

    /// Sets every unit to w2 = `w2`, w1 = `w1`, b = 0 (a fresh replacement).
    pub fn reset(&self, w2: f64, w1: f64) {
        tch::no_grad(|| {
            for [a, b, c] in self.coef.iter().flatten() {
                let _ = a.shallow_clone().fill_(w2);
                let _ = b.shallow_clone().fill_(w1);
                let _ = c.shallow_clone().fill_(0.0);
            }
        });
    }

    /// Overwrites the coefficients of block `i`, unit `u` ([25] values each).
    pub fn set_coefficients(&self, i: usize, u: usize, w2: &[f32], w1: &[f32], b: &[f32]) {
        tch::no_grad(|| {
            for (var, vals) in self.coef[i][u].iter().zip([w2, w1, b]) {
                let src = Tensor::from_slice(vals).to_device(var.device());
                var.shallow_clone().copy_(&src);
            }
        });
    }

    /// Clamps w2 and w1 into [-limit, limit] in place (b is free, as in the paper).
    pub fn clamp(&self, limit: f64) {
        tch::no_grad(|| {
            for [w2, w1, _] in self.coef.iter().flatten() {
                let _ = w2.shallow_clone().clamp_(-limit, limit);
                let _ = w1.shallow_clone().clamp_(-limit, limit);
            }
        });
    }
}

impl Activation for Poly {
    fn forward(&self, x: &Tensor, block: usize, unit: usize) -> Tensor {
        let [w2, w1, b] = &self.coef[block][unit];
        x * (per_node(w2) * self.scale * x + per_node(w1)) + per_node(b)
    }
}
