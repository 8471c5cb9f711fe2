//! Ciphertext layout for the HE stage and the operation counts it implies.
//!
//! # Layout (default: `ChannelBlocks`)
//!
//! One ciphertext per (body group, joint v, channel block). Its `N/2` slots hold `P` chunks,
//! one per channel of the block, `P = min(N/2 / Tp, next_pow2(max channels))`, so that a
//! rotation by `d` chunks is a cyclic channel shift by `d` (mod P). A chunk holds `lanes =
//! N/2 / (P Tp)` lanes of `Tp = next_pow2(T)` slots; slot `t` of a lane is frame `t`. Each lane
//! is one (clip, body) series: the slots the channels leave over carry more clips instead of
//! copies, so one inference serves `lanes / bodies` clips (a clip's bodies share its
//! ciphertexts when the lanes allow; otherwise they take `body_groups` ciphertext groups):
//!
//! ```text
//!  ciphertext (v, block)   chunk 0 (channel c0)                 chunk 1 (c1)    ...  chunk P-1
//!  slots               [ lane 0: t0..tTp-1 | lane 1 | ... | lane 0 | lane 1 | ... | ... ]
//!  rotate by d*chunk + o  -> channel c+d (mod P), frame t+o of the same lane
//!                            (o = temporal tap offset; reads across a lane border are masked)
//! ```
//!
//! - Graph conv across joints: each nonzero adjacency pair (v -> w) multiplies ciphertexts of
//!   node v by plaintexts and adds them into node w (CryptoGCN's AMA idea): no rotation across
//!   nodes; only non-zero pairs cost. The channel mix inside a block is the diagonal method,
//!   with baby-step giant-step (BSGS): baby rotations `beta*chunk + o` are done once per input
//!   ciphertext and shared by all its output pairs; giant rotations `G*g*chunk` once per output
//!   ciphertext. One plaintext per (pair, block pair, diagonal, tap) carries the merged
//!   weight x adjacency x BN x zero-padding mask, so every linear op is one level.
//! - Temporal conv: taps are the rotation offsets `o = (j - pad) * dilation`; slots that
//!   would read across a lane border (or into frames >= T) get weight 0: the zero padding.
//! - Stride 2: the output stays where it is computed and only every second frame is valid
//!   ("dilated" layout, dilation 2); later taps step by 2 and the masks skip invalid frames.
//!   No extra level, no extra rotation; the price is half-empty chunks after the stride
//!   (compaction would cost a masking level and log2(T) rotations per ciphertext).
//! - Square: ct x ct + relinearize + rescale per ciphertext of a kept node.
//! - Pool + classifier: the classes x channels map by the diagonal method (taps and the time
//!   mask merged into its plaintexts), summed over nodes and body groups, then a rotate-and-sum
//!   over the `Tp` slots of each lane, and over the lanes of a clip's bodies, leaves logit k of
//!   a clip in the first slot of its first lane in chunk k.
//!
//! # Alternative (`PerChannel`): one ciphertext per (body, v, c) with `T` slots
//!
//! Channel mixing becomes pure ct x pt scalar products (no channel rotations), but nothing
//! shares the slots: ct x pt = pairs * Cout * Cin * taps (b times more than the default) and
//! the temporal taps need `taps - 1` rotations per *input channel* ciphertext. Computed by
//! this module (per sample, M = 2, all units kept, N = 32768 chosen by the depth):
//! small model 16/32/32, T = 64: 58 272 vs 1 319 264 ct x pt, 6 687 vs 32 060 rotations;
//! STGCN-3-256, T = 256: 1.32 M vs 83.2 M ct x pt, 32 121 vs 256 480 rotations, 1 000 vs
//! 64 000 squares. `ChannelBlocks` wins both; `plan` recomputes the comparison per circuit.
//! `PerChannel` is the `b = P = 1` special case of the same counting code.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::error::FuseError;
use super::ir::{Circuit, LinearOp, NodeAct, Op, PoolOp};

/// Which layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutKind {
    ChannelBlocks,
    PerChannel,
}

/// Slot geometry of the ciphertexts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub kind: LayoutKind,
    pub ring_dim: usize,
    pub slots: usize,
    /// Slots per channel chunk: `lanes` lanes side by side.
    pub chunk: usize,
    /// Channels per ciphertext (cyclic period of the channel rotations).
    pub period: usize,
    /// Slots per lane (`next_pow2(T)`): one (clip, body) series.
    pub lane: usize,
    /// Lanes per chunk: the slots left over by the channels hold further
    /// series instead of copies, so one inference serves several clips.
    pub lanes: usize,
    /// Bodies of a clip in the lanes of one ciphertext (a divisor of the
    /// circuit's bodies); the rest go to further ciphertext groups.
    pub bodies_per_ct: usize,
    /// Ciphertext groups per clip: bodies / `bodies_per_ct`.
    pub body_groups: usize,
}

impl Layout {
    /// The layout of `kind` for `circuit` at ring dimension `ring_dim`.
    pub fn new(kind: LayoutKind, ring_dim: usize, circuit: &Circuit) -> Result<Self, FuseError> {
        let slots = ring_dim / 2;
        let chunk = circuit.input.frames.next_power_of_two();
        if chunk > slots {
            return Err(FuseError::InvalidShape(format!(
                "{chunk} frames do not fit {slots} slots"
            )));
        }
        let widest = circuit
            .ops
            .iter()
            .filter_map(|o| o.out_shape())
            .map(|s| s.channels);
        let widest = widest
            .chain([circuit.input.channels, circuit.num_class])
            .max()
            .unwrap_or(1);
        let period = match kind {
            LayoutKind::ChannelBlocks => (slots / chunk).min(widest.next_power_of_two()),
            LayoutKind::PerChannel => 1,
        };
        let lanes = slots / (period * chunk);
        let bodies = circuit.bodies.max(1);
        let bodies_per_ct = (1..=bodies.min(lanes))
            .rev()
            .find(|&b| bodies.is_multiple_of(b))
            .unwrap_or(1);
        Ok(Layout {
            kind,
            ring_dim,
            slots,
            chunk: lanes * chunk,
            period,
            lane: chunk,
            lanes,
            bodies_per_ct,
            body_groups: bodies / bodies_per_ct,
        })
    }

    /// Clips one inference serves (all their bodies).
    pub fn clips(&self) -> usize {
        self.lanes / self.bodies_per_ct
    }

    /// Ciphertexts per node for `c` channels.
    pub fn blocks(&self, c: usize) -> usize {
        c.div_ceil(self.period)
    }

    /// Rotation step normalised to (-slots/2, slots/2].
    fn step(&self, r: i64) -> i64 {
        let s = self.slots as i64;
        let m = r.rem_euclid(s);
        if m > s / 2 {
            m - s
        } else {
            m
        }
    }
}

/// HE operation counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpCounts {
    pub ct_pt_mul: u64,
    pub ct_ct_mul: u64,
    pub relin: u64,
    pub rotations: u64,
    pub add: u64,
    pub add_plain: u64,
    pub rescale: u64,
}

impl std::ops::AddAssign for OpCounts {
    fn add_assign(&mut self, o: Self) {
        self.ct_pt_mul += o.ct_pt_mul;
        self.ct_ct_mul += o.ct_ct_mul;
        self.relin += o.relin;
        self.rotations += o.rotations;
        self.add += o.add;
        self.add_plain += o.add_plain;
        self.rescale += o.rescale;
    }
}

impl OpCounts {
    /// All counts times `k`.
    pub fn times(self, k: u64) -> Self {
        OpCounts {
            ct_pt_mul: self.ct_pt_mul * k,
            ct_ct_mul: self.ct_ct_mul * k,
            relin: self.relin * k,
            rotations: self.rotations * k,
            add: self.add * k,
            add_plain: self.add_plain * k,
            rescale: self.rescale * k,
        }
    }
}

/// Counts of one op for one sample (all bodies), plus the rotation steps it uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerCounts {
    pub label: String,
    pub kind: String,
    pub counts: OpCounts,
    pub output_ciphertexts: usize,
    pub steps: BTreeSet<i64>,
    /// Baby-step size chosen for the diagonal method (1 = no giant steps).
    pub baby_step: Option<usize>,
}

/// Per-op counts of the whole circuit under `layout`.
pub fn count(circuit: &Circuit, layout: &Layout) -> Vec<LayerCounts> {
    let dil = dilations(circuit);
    let m = layout.body_groups as u64;
    circuit
        .ops
        .iter()
        .map(|op| {
            let shape = op.out_shape();
            let cts = shape.map_or(layout.blocks(circuit.num_class), |s| {
                layout.blocks(s.channels) * circuit.joints
            });
            let mut l = LayerCounts {
                label: op.label().to_string(),
                kind: op.kind().to_string(),
                counts: OpCounts::default(),
                output_ciphertexts: cts,
                steps: BTreeSet::new(),
                baby_step: None,
            };
            match op {
                Op::Linear(op) => linear(op, layout, dil[op.input], &mut l),
                Op::Act(a) => l.counts = act(&a.nodes, layout.blocks(a.shape.channels)),
                Op::Add(a) => l.counts = add(&a.rhs_scale, layout.blocks(a.shape.channels)),
                Op::Pool(p) => pool(p, circuit, layout, &mut l),
            }
            if !matches!(op, Op::Pool(_)) {
                l.counts = l.counts.times(m);
                l.output_ciphertexts *= layout.body_groups;
            }
            l
        })
        .collect()
}

/// Time step (in slots) between valid frames of every value (stride-2
/// outputs stay in place, every second frame valid). The HE evaluator uses
/// the same rules, so plan and evaluation cannot drift apart.
pub fn dilations(c: &Circuit) -> Vec<usize> {
    let mut d = vec![1];
    for op in &c.ops {
        let x = match op {
            Op::Linear(l) => d[l.input] * l.stride,
            Op::Act(a) => d[a.input],
            Op::Add(a) => d[a.lhs],
            Op::Pool(_) => 1,
        };
        d.push(x);
    }
    d
}

/// Channel offsets `(ci - c) mod P` used by a `cout x cin` block pair.
fn diagonals(co: usize, ci: usize, p: usize) -> BTreeSet<usize> {
    (0..co)
        .flat_map(|c| (0..ci).map(move |i| (i + p - c % p) % p))
        .collect()
}

/// `diag[ib][ob]`: the diagonals of every (input block, output block).
pub fn block_diagonals(cin: usize, cout: usize, p: usize) -> Vec<Vec<BTreeSet<usize>>> {
    let size = |c: usize, b: usize| p.min(c - b * p);
    (0..cin.div_ceil(p))
        .map(|ib| {
            (0..cout.div_ceil(p))
                .map(|ob| diagonals(size(cout, ob), size(cin, ib), p))
                .collect()
        })
        .collect()
}

/// Baby amounts per input block and giant amounts per output block for baby step `g`.
fn bsgs(
    diag: &[Vec<BTreeSet<usize>>],
    g: usize,
    offsets: &[i64],
    lay: &Layout,
) -> (Vec<BTreeSet<i64>>, Vec<BTreeSet<i64>>) {
    let tp = lay.chunk as i64;
    let baby = diag
        .iter()
        .map(|row| {
            let ds = row.iter().flatten();
            ds.flat_map(|&d| offsets.iter().map(move |&o| ((d % g) as i64) * tp + o))
                .map(|r| lay.step(r))
                .filter(|&r| r != 0)
                .collect()
        })
        .collect();
    let outs = diag.first().map_or(0, |r| r.len());
    let giant = (0..outs)
        .map(|ob| {
            diag.iter()
                .flat_map(|row| &row[ob])
                .map(|&d| lay.step(((d / g * g) as i64) * tp))
                .filter(|&r| r != 0)
                .collect()
        })
        .collect();
    (baby, giant)
}

/// Picks the baby step minimising rotations; returns (g, baby, giant, rotation count).
fn best_bsgs(
    diag: &[Vec<BTreeSet<usize>>],
    offsets: &[i64],
    lay: &Layout,
    srcs: u64,
    dsts: u64,
) -> (usize, Vec<BTreeSet<i64>>, Vec<BTreeSet<i64>>, u64) {
    let mut best = None;
    let mut g = 1;
    while g <= lay.period {
        let (b, gi) = bsgs(diag, g, offsets, lay);
        let rot = srcs * b.iter().map(|s| s.len() as u64).sum::<u64>()
            + dsts * gi.iter().map(|s| s.len() as u64).sum::<u64>();
        if best.as_ref().is_none_or(|(_, _, _, r)| rot < *r) {
            best = Some((g, b, gi, rot));
        }
        g *= 2;
    }
    best.expect("period >= 1")
}

fn linear(op: &LinearOp, lay: &Layout, dil: usize, l: &mut LayerCounts) {
    let diag = block_diagonals(op.cin, op.cout, lay.period);
    let offsets: Vec<i64> = (0..op.kernel)
        .map(|j| (j as i64 - op.pad as i64) * dil as i64)
        .collect();
    let srcs = op
        .pairs
        .iter()
        .map(|p| p.src)
        .collect::<BTreeSet<_>>()
        .len() as u64;
    let dsts = op
        .pairs
        .iter()
        .map(|p| p.dst)
        .collect::<BTreeSet<_>>()
        .len() as u64;
    let (g, baby, giant, rot) = best_bsgs(&diag, &offsets, lay, srcs, dsts);
    let per_pair: u64 =
        diag.iter().flatten().map(|d| d.len() as u64).sum::<u64>() * op.kernel as u64;
    let products = per_pair * op.pairs.len() as u64;
    let outputs = dsts * lay.blocks(op.cout) as u64;
    l.counts = OpCounts {
        ct_pt_mul: products,
        rotations: rot,
        add: products.saturating_sub(outputs),
        add_plain: outputs,
        rescale: outputs,
        ..Default::default()
    };
    l.steps = baby.into_iter().chain(giant).flatten().collect();
    l.baby_step = Some(g);
}

fn act(nodes: &[NodeAct], blocks: usize) -> OpCounts {
    let mut c = OpCounts::default();
    for n in nodes {
        let (a2, a1) = match *n {
            NodeAct::Identity => continue,
            NodeAct::Relu { .. } => (1.0, 0.0),
            NodeAct::Square { a2, a1 } => (a2, a1),
        };
        let extra = u64::from(a1 != 0.0) + u64::from(a2.abs() != 1.0 && a2 != 0.0);
        c += OpCounts {
            ct_ct_mul: 1,
            relin: 1,
            rescale: 1 + extra,
            ct_pt_mul: extra,
            add: u64::from(a1 != 0.0),
            ..Default::default()
        };
    }
    c.times(blocks as u64)
}

fn add(scale: &[f64], blocks: usize) -> OpCounts {
    let scaled = scale.iter().filter(|&&s| s != 1.0).count() as u64;
    OpCounts {
        add: scale.len() as u64,
        ct_pt_mul: scaled,
        rescale: scaled,
        ..Default::default()
    }
    .times(blocks as u64)
}

fn pool(p: &PoolOp, c: &Circuit, lay: &Layout, l: &mut LayerCounts) {
    let (m, v) = (lay.body_groups as u64, c.joints as u64);
    let outs = lay.blocks(p.classes) as u64;
    let mut counts = OpCounts::default();
    let mut steps = BTreeSet::new();
    let mut giants = vec![BTreeSet::new(); outs as usize];
    for t in &p.terms {
        let diag = block_diagonals(t.channels, p.classes, lay.period);
        // Taps and time masks are merged into the plaintexts: no temporal rotations here.
        let (g, baby, giant, _) = best_bsgs(&diag, &[0], lay, m * v, 1);
        let products = diag.iter().flatten().map(|d| d.len() as u64).sum::<u64>() * v * m;
        counts.ct_pt_mul += products;
        counts.add += products;
        counts.rotations += m * v * baby.iter().map(|b| b.len() as u64).sum::<u64>();
        steps.extend(baby.into_iter().flatten());
        giants.iter_mut().zip(giant).for_each(|(a, b)| a.extend(b));
        l.baby_step = Some(g);
    }
    // Terms are summed before the giant steps, which are shared.
    counts.rotations += giants.iter().map(|b| b.len() as u64).sum::<u64>();
    steps.extend(giants.into_iter().flatten());
    // Rotate-and-sum over the Tp frames of every lane, then over the bodies' lanes.
    let log_t = lay.lane.trailing_zeros() as u64;
    steps.extend((0..log_t).map(|i| 1i64 << i));
    steps.extend((1..lay.bodies_per_ct).map(|b| (b * lay.lane) as i64));
    let sums = log_t + lay.bodies_per_ct as u64 - 1;
    counts.rotations += outs * sums;
    counts.add = counts.add.saturating_sub(outs) + outs * sums;
    counts.add_plain += outs;
    counts.rescale += outs;
    l.counts = counts;
    l.steps = steps;
}
