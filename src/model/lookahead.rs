//! Lookahead (Zhang et al. 2019) around a tch optimizer: every `k` fast steps the slow
//! weights move `alpha` of the way to the fast ones and the fast weights restart there.
//! Purely arithmetic on the weights, so it is as deterministic as the inner optimizer.

use tch::{nn, Tensor};

pub use super::recipe::LookaheadConfig;

/// The wrapped optimizer with a slow copy of every trainable variable.
pub struct Lookahead {
    inner: nn::Optimizer,
    /// (fast variable, slow copy), in the VarStore's trainable order.
    slow: Vec<(Tensor, Tensor)>,
    k: usize,
    alpha: f64,
    steps: u64,
}

impl std::fmt::Debug for Lookahead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lookahead")
            .field("k", &self.k)
            .field("alpha", &self.alpha)
            .field("steps", &self.steps)
            .finish()
    }
}

impl Lookahead {
    /// Wraps `inner`, an optimizer over `vs`'s trainable variables; slow = current weights.
    pub fn new(inner: nn::Optimizer, vs: &nn::VarStore, cfg: &LookaheadConfig) -> Self {
        let slow = vs
            .trainable_variables()
            .into_iter()
            .map(|v| {
                let s = v.detach().copy();
                (v, s)
            })
            .collect();
        Lookahead {
            inner,
            slow,
            k: cfg.k.max(1),
            alpha: cfg.alpha,
            steps: 0,
        }
    }

    pub fn set_lr(&mut self, lr: f64) {
        self.inner.set_lr(lr);
    }

    pub fn zero_grad(&mut self) {
        self.inner.zero_grad();
    }

    /// Fast steps taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// One fast step, then the slow update every k-th step.
    pub fn step(&mut self) {
        self.inner.step();
        self.steps += 1;
        if self.steps.is_multiple_of(self.k as u64) {
            self.sync();
        }
    }

    /// zero_grad, backward, gradient clipped to a global L2 norm of `clip` (if any), step.
    pub fn backward_step(&mut self, loss: &Tensor, clip: Option<f64>) {
        self.inner.zero_grad();
        loss.backward();
        if let Some(max) = clip {
            self.inner.clip_grad_norm(max);
        }
        self.step();
    }

    /// slow += alpha * (fast - slow); fast = slow.
    fn sync(&mut self) {
        let alpha = self.alpha;
        tch::no_grad(|| {
            for (fast, slow) in &mut self.slow {
                let delta = (&*fast - &*slow) * alpha;
                let _ = slow.g_add_(&delta);
                fast.copy_(slow);
            }
        });
    }
}
