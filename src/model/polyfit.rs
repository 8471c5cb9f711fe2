//! The `relu-fit` initialisation of polynomial replacement: each node's quadratic starts as
//! the least-squares fit of ReLU on the pre-activations that node actually sees.
//!
//! The paper initialises every unit at `x * (s * 0.005 * x + 1)`, i.e. almost the identity,
//! so the freshly replaced network is nearly *linear* and training has to rebuild every
//! nonlinearity from there. Instead, one inference pass of the source (ReLU or gated ReLU)
//! network over training clips gathers, per unit and node, the power sums
//! `sum x^k` (k = 0..4) and `sum x^k relu(x)` (k = 0..2) of the unit's input, which are the
//! normal equations of `min sum (relu(x) - a x^2 - c1 x - c0)^2`. The solution (with `a` and
//! `c1` kept inside the coefficient clamp) becomes `w2 = a / s`, `w1 = c1`, `b = c0`.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use super::activation::{per_node, Activation};
use super::dataset::Dataset;
use super::error::TrainError;
use super::gated::Gates;
use super::graph::NUM_JOINTS;
use super::poly::Poly;
use super::rng::SplitMix64;
use super::stgcn::Stgcn;

pub use super::recipe::PolyInit;

/// Sufficient statistics of a least-squares quadratic fit of ReLU from samples x:
/// `s[k] = sum x^k` (k = 0..4) and `t[k] = sum x^k relu(x)` (k = 0..2).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReluMoments {
    pub s: [f64; 5],
    pub t: [f64; 3],
}

impl ReluMoments {
    /// The sums over `xs`.
    pub fn from_samples(xs: impl IntoIterator<Item = f64>) -> Self {
        let mut m = ReluMoments::default();
        for x in xs {
            let r = x.max(0.0);
            let mut p = 1.0;
            for k in 0..5 {
                m.s[k] += p;
                if k < 3 {
                    m.t[k] += p * r;
                }
                p *= x;
            }
        }
        m
    }

    /// Number of samples (s\[0\]).
    pub fn count(&self) -> f64 {
        self.s[0]
    }

    /// Mean squared error of `a x^2 + c1 x + c0` against ReLU over the samples, from the
    /// sums alone (`sum relu^2 = t[1]`). `coef` is `[a, c1, c0]`.
    pub fn mse(&self, coef: &[f64; 3]) -> f64 {
        let n = self.count();
        if n <= 0.0 {
            return 0.0;
        }
        let c = [coef[2], coef[1], coef[0]];
        let mut quad = 0.0;
        let mut lin = 0.0;
        for i in 0..3 {
            lin += c[i] * self.t[i];
            for j in 0..3 {
                quad += c[i] * c[j] * self.s[i + j];
            }
        }
        ((self.t[1] - 2.0 * lin + quad) / n).max(0.0)
    }

    /// Variance of relu(x) over the samples (the error of the best constant).
    pub fn relu_variance(&self) -> f64 {
        let n = self.count();
        if n <= 0.0 {
            return 0.0;
        }
        let mean = self.t[0] / n;
        (self.t[1] / n - mean * mean).max(0.0)
    }

    /// Least-squares `relu(x) ~= a x^2 + c1 x + c0` with `|a| <= a_max` and
    /// `|c1| <= c1_max`; returns `[a, c1, c0]`. Without samples: the identity `[0, 1, 0]`
    /// (clamped).
    ///
    /// A convex quadratic under box constraints: every candidate that fixes each
    /// constrained coefficient either free or at one of its bounds is solved, and the
    /// feasible one with the least error wins (the optimum is one of them).
    pub fn fit(&self, a_max: f64, c1_max: f64) -> [f64; 3] {
        let n = self.count();
        if n <= 0.0 {
            return [0.0, 1.0f64.clamp(-c1_max, c1_max), 0.0];
        }
        // Means, in power order c = [c0, c1, a].
        let s: Vec<f64> = self.s.iter().map(|v| v / n).collect();
        let t: Vec<f64> = self.t.iter().map(|v| v / n).collect();
        let gram = |i: usize, j: usize| s[i + j];
        let choices = |limit: f64| [None, Some(-limit), Some(limit)];
        let mut best: Option<(f64, [f64; 3])> = None;
        for fa in choices(a_max) {
            for fc1 in choices(c1_max) {
                let fixed = [None, fc1, fa];
                let Some(c) = solve_fixed(&gram, &t, fixed) else {
                    continue;
                };
                let feasible =
                    c[2].abs() <= a_max * (1.0 + 1e-12) && c[1].abs() <= c1_max * (1.0 + 1e-12);
                if !feasible {
                    continue;
                }
                let coef = [c[2], c[1], c[0]];
                let err = self.mse(&coef);
                if best.is_none_or(|(e, _)| err < e) {
                    best = Some((err, coef));
                }
            }
        }
        // Always some candidate: both at a bound leaves only c0, solvable when n > 0.
        best.map_or([0.0, 1.0f64.clamp(-c1_max, c1_max), 0.0], |(_, c)| c)
    }
}

/// Solves the normal equations `G c = t` (G[i][j] = gram(i, j), powers 0..2) for the
/// coefficients not fixed; None if that subsystem is singular.
fn solve_fixed(
    gram: &dyn Fn(usize, usize) -> f64,
    t: &[f64],
    fixed: [Option<f64>; 3],
) -> Option<[f64; 3]> {
    let free: Vec<usize> = (0..3).filter(|&i| fixed[i].is_none()).collect();
    let mut c = [0.0; 3];
    for i in 0..3 {
        if let Some(v) = fixed[i] {
            c[i] = v;
        }
    }
    let m = free.len();
    // Augmented matrix [A | rhs] of the free block.
    let mut a = vec![vec![0.0; m + 1]; m];
    for (r, &i) in free.iter().enumerate() {
        for (col, &j) in free.iter().enumerate() {
            a[r][col] = gram(i, j);
        }
        let known: f64 = (0..3)
            .filter_map(|j| fixed[j].map(|v| gram(i, j) * v))
            .sum();
        a[r][m] = t[i] - known;
    }
    let scale = (0..m).map(|r| a[r][r].abs()).fold(0.0, f64::max);
    for col in 0..m {
        let pivot = (col..m).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))?;
        if a[pivot][col].abs() <= 1e-12 * scale.max(f64::MIN_POSITIVE) {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate().take(m) {
            if r != col {
                let f = row[col] / pivot_row[col];
                for (x, p) in row.iter_mut().zip(&pivot_row).skip(col).take(m + 1 - col) {
                    *x -= f * p;
                }
            }
        }
    }
    for (r, &i) in free.iter().enumerate() {
        c[i] = a[r][m] / a[r][r];
    }
    c.iter().all(|v| v.is_finite()).then_some(c)
}

/// The fit of one unit, summarised over its 25 nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitFit {
    pub block: usize,
    pub unit: usize,
    /// Mean of the pre-activations over the unit's nodes' samples, and their std.
    pub input_mean: f64,
    pub input_std: f64,
    /// Mean over nodes of a (= s * w2), c1 (= w1), c0 (= b).
    pub mean_coef: [f64; 3],
    /// Nodes whose a or c1 sits at the clamp.
    pub clamped_nodes: usize,
    /// Mean over nodes of the fit's RMSE divided by the std of relu(x) (0 = exact; the
    /// identity map scores about 1 on a centred input).
    pub rel_rmse: f64,
}

/// What the relu-fit initialisation did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolyFitReport {
    pub samples: usize,
    pub units: Vec<UnitFit>,
}

/// Which units' inputs a pass of the fit gathers sums of (flat index `block * 2 + unit`);
/// a pass that only re-estimates the BatchNorm statistics gathers nothing.
#[derive(Clone, Copy, Debug)]
enum Gather {
    All,
    Unit(usize),
    Nothing,
}

/// The network's activation during a fit: units before `fitted` (flat index
/// `block * 2 + unit`) compute their polynomial, the others are the source's
/// `gate * relu(x) + (1 - gate) * x`; the units `gather` names gather the per-node sums
/// of their input, [8, V] f64: s0..s4, t0..t2.
struct Recorder<'a> {
    gates: &'a Gates,
    poly: &'a Poly,
    fitted: usize,
    gather: Gather,
    sums: RefCell<Vec<[Option<Tensor>; 2]>>,
}

impl Recorder<'_> {
    fn new<'a>(gates: &'a Gates, poly: &'a Poly, fitted: usize, gather: Gather) -> Recorder<'a> {
        Recorder {
            gates,
            poly,
            fitted,
            gather,
            sums: RefCell::new((0..gates.num_blocks()).map(|_| [None, None]).collect()),
        }
    }

    fn add(&self, x: &Tensor, block: usize, unit: usize) {
        let dims = [0i64, 1, 2];
        let sum = |t: &Tensor| t.sum_dim_intlist(&dims[..], false, Kind::Double);
        let xd = x.to_kind(Kind::Double);
        let r = xd.relu();
        let x2 = &xd * &xd;
        let count = Tensor::full(
            [NUM_JOINTS as i64],
            (xd.numel() / NUM_JOINTS) as f64,
            (Kind::Double, xd.device()),
        );
        let rows = [
            count,
            sum(&xd),
            sum(&x2),
            sum(&(&x2 * &xd)),
            sum(&(&x2 * &x2)),
            sum(&r),
            sum(&(&r * &xd)),
            sum(&(&r * &x2)),
        ];
        let batch = Tensor::stack(&rows, 0);
        let mut sums = self.sums.borrow_mut();
        let slot = &mut sums[block][unit];
        *slot = Some(match slot.take() {
            Some(acc) => acc + batch,
            None => batch,
        });
    }
}

impl Activation for Recorder<'_> {
    fn forward(&self, x: &Tensor, block: usize, unit: usize) -> Tensor {
        let flat = block * 2 + unit;
        let g = per_node(&self.gates.gate(block, unit));
        if flat < self.fitted {
            return &g * self.poly.forward(x, block, unit) + (1.0 - &g) * x;
        }
        let gathers = match self.gather {
            Gather::All => true,
            Gather::Unit(u) => u == flat,
            Gather::Nothing => false,
        };
        if gathers {
            self.add(x, block, unit);
        }
        &g * x.relu() + (1.0 - &g) * x
    }
}

/// Fits every node's polynomial of `poly` to ReLU on the pre-activations of the source
/// network (`net` with `gates` around ReLU, inference mode) over `samples` training clips
/// (0 = all; a seeded random subset otherwise), keeping `s * w2` and `w1` inside
/// `[-clamp, clamp]` (w2's clamp is on w2, so `|a| <= s * clamp`).
///
/// `layerwise` (see [`PolyInit::ReluFitLayerwise`]): unit by unit, each on the network
/// with the earlier units replaced, after re-estimating the BatchNorm statistics of that
/// network (training-mode passes, no gradient; dropout should be off). Otherwise every
/// unit from one pass of the source network.
#[allow(clippy::too_many_arguments)]
pub fn fit_relu_init(
    net: &Stgcn,
    gates: &Gates,
    poly: &Poly,
    clamp: f64,
    data: &Dataset,
    samples: usize,
    batch_size: usize,
    seed: u64,
    layerwise: bool,
) -> Result<PolyFitReport, TrainError> {
    let n = match samples {
        0 => data.len(),
        k => k.min(data.len()),
    };
    let order: Vec<i64> = if n == data.len() {
        (0..n as i64).collect()
    } else {
        let mut perm = SplitMix64::derive(seed, 0xF17).permutation(data.len());
        perm.truncate(n);
        perm
    };
    let pass = |rec: &Recorder, train: bool| -> Result<(), TrainError> {
        for idx in order.chunks(batch_size.max(1)) {
            let (x, _) = data.batch(idx);
            tch::no_grad(|| net.forward_features(&x.to_device(net.device()), train, rec))?;
        }
        Ok(())
    };
    let units = 2 * gates.num_blocks();
    let mut fits = Vec::with_capacity(units);
    if layerwise {
        for k in 0..units {
            pass(&Recorder::new(gates, poly, k, Gather::Nothing), true)?;
            let rec = Recorder::new(gates, poly, k, Gather::Unit(k));
            pass(&rec, false)?;
            fits.extend(fit_recorded(rec, poly, clamp)?);
        }
        pass(&Recorder::new(gates, poly, units, Gather::Nothing), true)?;
    } else {
        let rec = Recorder::new(gates, poly, 0, Gather::All);
        pass(&rec, false)?;
        fits = fit_recorded(rec, poly, clamp)?;
    }
    Ok(PolyFitReport {
        samples: n,
        units: fits,
    })
}

/// Fits and sets the polynomial of every unit `rec` gathered sums for.
fn fit_recorded(rec: Recorder, poly: &Poly, clamp: f64) -> Result<Vec<UnitFit>, TrainError> {
    let mut units = Vec::new();
    for (block, per_unit) in rec.sums.into_inner().into_iter().enumerate() {
        for (unit, acc) in per_unit.into_iter().enumerate() {
            let Some(acc) = acc else { continue };
            let acc = Vec::<f64>::try_from(&acc.to_device(tch::Device::Cpu).flatten(0, -1))?;
            units.push(fit_unit(&acc, poly, block, unit, clamp));
        }
    }
    Ok(units)
}

/// Fits the 25 nodes of one unit from its gathered sums `acc` ([8, V] row-major).
fn fit_unit(acc: &[f64], poly: &Poly, block: usize, unit: usize, clamp: f64) -> UnitFit {
    let s = poly.scale();
    let v = NUM_JOINTS;
    let node = |j: usize| ReluMoments {
        s: [0, 1, 2, 3, 4].map(|k| acc[k * v + j]),
        t: [5, 6, 7].map(|k| acc[k * v + j]),
    };
    let mut w = [vec![0f32; v], vec![0f32; v], vec![0f32; v]];
    let (mut total, mut clamped, mut rel) = (ReluMoments::default(), 0, 0.0);
    let mut mean_coef = [0.0; 3];
    #[allow(clippy::needless_range_loop)] // j indexes nodes in acc and the three rows of w
    for j in 0..v {
        let m = node(j);
        for k in 0..5 {
            total.s[k] += m.s[k];
        }
        let coef = m.fit(s * clamp, clamp);
        let at_bound = |c: f64, lim: f64| (c.abs() - lim).abs() <= 1e-9 * lim;
        if at_bound(coef[0], s * clamp) || at_bound(coef[1], clamp) {
            clamped += 1;
        }
        let sd = m.relu_variance().sqrt();
        rel += if sd > 0.0 {
            m.mse(&coef).sqrt() / sd
        } else {
            0.0
        };
        for k in 0..3 {
            mean_coef[k] += coef[k] / v as f64;
        }
        w[0][j] = (coef[0] / s) as f32;
        w[1][j] = coef[1] as f32;
        w[2][j] = coef[2] as f32;
    }
    poly.set_coefficients(block, unit, &w[0], &w[1], &w[2]);
    let cnt = total.count().max(1.0);
    let mean = total.s[1] / cnt;
    UnitFit {
        block,
        unit,
        input_mean: mean,
        input_std: (total.s[2] / cnt - mean * mean).max(0.0).sqrt(),
        mean_coef,
        clamped_nodes: clamped,
        rel_rmse: rel / v as f64,
    }
}
