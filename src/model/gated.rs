//! LinGCN's structural linearization (LINGCN.md section 3): a score vector per activation
//! unit, structural polarization of a block's two score vectors into hard 0/1 gates that
//! keep the same number of nonlinearities at every node, a straight-through estimator
//! for the scores, and the gated unit `gate * act(x) + (1 - gate) * x`.

use serde::{Deserialize, Serialize};
use tch::{nn, Device, Kind, Tensor};

use super::activation::{per_node, Activation};
use super::graph::NUM_JOINTS;
use super::rng::SplitMix64;

/// Range of the initial scores: small and positive, so every gate starts kept.
pub const AUX_INIT: (f64, f64) = (0.0005, 0.001);

pub use super::recipe::Granularity;

impl Granularity {
    /// Length of one unit's score vector.
    pub fn scores_per_unit(self) -> i64 {
        match self {
            Granularity::Node => NUM_JOINTS as i64,
            Granularity::Layer => 1,
        }
    }
}

/// Structural polarization of a block's scores [2, L] into hard gates [2, L] (0.0 / 1.0).
///
/// Each column (node) is sorted, each sorted row is kept whole iff its sum over the nodes
/// is > 0, and the rows are scattered back through the sort permutation. So every node
/// keeps the same number of gates, placed at its largest scores.
pub fn polarize(scores: &Tensor) -> Tensor {
    let scores = scores.detach();
    // Stable sort: on a tie the first unit sorts low, so the later unit is kept first.
    let (sorted, perm) = scores.sort_stable(true, 0, false);
    let keep = sorted.sum_dim_intlist(1, true, Kind::Float).gt(0.0);
    let rows = keep.to_kind(Kind::Float).expand_as(&sorted);
    scores.zeros_like().scatter(0, &perm, &rows)
}

/// Straight-through gate: the value is `hard`, the derivative wrt `aux` is softplus(aux).
///
/// Equivalent to `hard.detach() + aux*sp.detach() - (aux*sp).detach()` of the spec, written
/// as `hard + (t - t.detach())` so the forward value is exactly `hard` (no rounding of
/// `1 + y - y` in f32).
pub fn straight_through(hard: &Tensor, aux: &Tensor) -> Tensor {
    let t = aux * aux.softplus().detach();
    hard.detach() + (&t - t.detach())
}

/// The gates of every unit: hard gates in non-trainable `act{u}.gate` buffers [25] and, while
/// they are being learnt, the trainable scores `act{u}.aux` ([25], or [1] layer-wise).
#[derive(Debug)]
pub struct Gates {
    granularity: Granularity,
    /// Per block, per unit: the hard gates as last written by [`Gates::refresh`] (or loaded).
    gate: Vec<[Tensor; 2]>,
    /// Per block, per unit: the scores; `None` once the gates are frozen.
    aux: Option<Vec<[Tensor; 2]>>,
}

impl Gates {
    /// Creates `st_gcn_networks.{i}.act{u}.gate` (ones) for `blocks` blocks under the root
    /// path `p`, plus the scores `aux` when `learnable`, initialised from `seed`.
    pub fn new(
        p: &nn::Path,
        blocks: usize,
        granularity: Granularity,
        learnable: bool,
        seed: u64,
    ) -> Self {
        let v = NUM_JOINTS as i64;
        let unit_path = |i: usize, u: usize| p / "st_gcn_networks" / i / format!("act{u}");
        let gate = (0..blocks)
            .map(|i| [0, 1].map(|u| unit_path(i, u).ones_no_train("gate", &[v])))
            .collect();
        let len = granularity.scores_per_unit();
        let aux = learnable.then(|| {
            (0..blocks)
                .map(|i| [0, 1].map(|u| unit_path(i, u).var_copy("aux", &zeros(len, p))))
                .collect()
        });
        let gates = Gates {
            granularity,
            gate,
            aux,
        };
        gates.init_scores(seed);
        gates
    }

    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    pub fn num_blocks(&self) -> usize {
        self.gate.len()
    }

    /// True while the scores exist (linearization); false for frozen gates.
    pub fn learnable(&self) -> bool {
        self.aux.is_some()
    }

    /// Draws every score uniformly in [`AUX_INIT`] from `seed` (independent of torch's RNG)
    /// and refreshes the hard gates. No-op for frozen gates.
    pub fn init_scores(&self, seed: u64) {
        let Some(aux) = &self.aux else { return };
        let mut rng = SplitMix64::derive(seed, 0x6A7E);
        let (lo, hi) = AUX_INIT;
        for t in aux.iter().flatten() {
            let n = t.numel();
            // Top 53 bits -> a uniform f64 in [0, 1).
            let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            let vals: Vec<f32> = (0..n).map(|_| (lo + (hi - lo) * unit()) as f32).collect();
            let src = Tensor::from_slice(&vals).to_device(t.device());
            tch::no_grad(|| t.shallow_clone().copy_(&src));
        }
        self.refresh();
    }

    /// Scores of block `i`, unit `u` (trainable), if learnable.
    pub fn aux(&self, i: usize, u: usize) -> Option<&Tensor> {
        self.aux.as_ref().map(|a| &a[i][u])
    }

    /// Overwrites the scores of block `i`, unit `u` and refreshes the hard gates.
    /// Panics for frozen gates or a wrong length (a programming error).
    pub fn set_scores(&self, i: usize, u: usize, values: &[f32]) {
        let aux = self.aux(i, u).expect("set_scores on frozen gates");
        let src = Tensor::from_slice(values).to_device(aux.device());
        tch::no_grad(|| aux.shallow_clone().copy_(&src));
        self.refresh();
    }

    /// The gate [25] of block `i`, unit `u`: the straight-through estimate of the polarized
    /// scores while learnable, else the stored hard gates.
    pub fn gate(&self, i: usize, u: usize) -> Tensor {
        let Some(aux) = &self.aux else {
            return self.gate[i][u].shallow_clone();
        };
        let scores = Tensor::stack(&[&aux[i][0], &aux[i][1]], 0);
        let g = straight_through(&polarize(&scores).get(u as i64), &aux[i][u]);
        g.expand([NUM_JOINTS as i64], false)
    }

    /// Kept gates / all gates, differentiable wrt the scores through the estimator.
    pub fn density(&self) -> Tensor {
        let gates: Vec<Tensor> = (0..self.num_blocks())
            .flat_map(|i| [0, 1].map(|u| self.gate(i, u)))
            .collect();
        Tensor::cat(&gates, 0).mean(Kind::Float)
    }

    /// Writes the current hard gates into the `gate` buffers (after every optimizer step,
    /// so checkpoints and frozen use see the scores' latest polarization).
    pub fn refresh(&self) {
        let Some(aux) = &self.aux else { return };
        tch::no_grad(|| {
            for (gates, scores) in self.gate.iter().zip(aux) {
                let hard = polarize(&Tensor::stack(&[&scores[0], &scores[1]], 0));
                for (u, g) in gates.iter().enumerate() {
                    let row = hard.get(u as i64).expand([NUM_JOINTS as i64], false);
                    g.shallow_clone().copy_(&row);
                }
            }
        });
    }

    /// The stored hard gates, per block, per unit, per node (0 or 1).
    pub fn masks(&self) -> Vec<[Vec<u8>; 2]> {
        let mask = |t: &Tensor| {
            let v = Vec::<f32>::try_from(&t.to_device(Device::Cpu)).unwrap_or_default();
            v.iter().map(|&g| u8::from(g > 0.5)).collect()
        };
        self.gate
            .iter()
            .map(|b| [mask(&b[0]), mask(&b[1])])
            .collect()
    }

    /// What the stored gates keep.
    pub fn summary(&self) -> GateSummary {
        GateSummary::from_masks(self.masks())
    }
}

fn zeros(len: i64, p: &nn::Path) -> Tensor {
    Tensor::zeros([len], (Kind::Float, p.device()))
}

/// Kept gates of a model, as the linearization stage reports them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GateSummary {
    /// Kept nodes per unit, in order block 0 unit 0, block 0 unit 1, ... e.g. [10, 15, 25, 25, 25, 0].
    pub kept_per_unit: Vec<usize>,
    /// Total kept gates / 25: the number of nonlinear layers the HE circuit pays for.
    pub effective_nonlinear_layers: f64,
    /// Kept gates / all gates.
    pub density: f64,
    /// Per block, per unit, per node: 1 = nonlinear, 0 = identity.
    pub masks: Vec<[Vec<u8>; 2]>,
    /// Per block: nonlinearities per node (0, 1 or 2; the same at every node).
    pub depth_per_block: Vec<u8>,
}

impl GateSummary {
    pub fn from_masks(masks: Vec<[Vec<u8>; 2]>) -> Self {
        let kept_per_unit: Vec<usize> = masks
            .iter()
            .flat_map(|b| b.iter().map(|m| m.iter().filter(|&&g| g == 1).count()))
            .collect();
        let kept: usize = kept_per_unit.iter().sum();
        let all = (kept_per_unit.len() * NUM_JOINTS).max(1);
        let depth_per_block = masks
            .iter()
            .map(|b| b[0].first().copied().unwrap_or(0) + b[1].first().copied().unwrap_or(0))
            .collect();
        GateSummary {
            kept_per_unit,
            effective_nonlinear_layers: kept as f64 / NUM_JOINTS as f64,
            density: kept as f64 / all as f64,
            masks,
            depth_per_block,
        }
    }
}

/// A gated unit around an inner activation: `gate * inner(x) + (1 - gate) * x`, with the
/// gate broadcast over N, C and T (one per joint).
#[derive(Debug)]
pub struct Gated<A> {
    pub gates: Gates,
    pub inner: A,
}

impl<A: Activation> Activation for Gated<A> {
    fn forward(&self, x: &Tensor, block: usize, unit: usize) -> Tensor {
        let g = per_node(&self.gates.gate(block, unit));
        // The spec's form (not x + g * (act - x)): exact for 0/1 gates, like the fuse reference.
        &g * self.inner.forward(x, block, unit) + (1.0 - &g) * x
    }
}
