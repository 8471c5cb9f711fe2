//! The stage's output: CKKS parameters, layout, depth, per-layer op counts, rotation keys and
//! (given a measured [`CostModel`]) estimated latency, plus the comparison with the
//! unlinearized circuit.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::cost::CostModel;
use super::depth::{analyze, DepthReport};
use super::error::FuseError;
use super::ir::Circuit;
use super::packing::{count, Layout, LayoutKind, OpCounts};
use super::params::{select, CkksParams, PrecisionSpec};

/// What the caller asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    pub precision: PrecisionSpec,
    /// `None`: the cheaper layout (by the cost model, else by the ranking proxy).
    pub layout: Option<LayoutKind>,
}

/// One op of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerPlan {
    pub label: String,
    pub kind: String,
    /// Levels consumed when this op's output is ready (max over nodes).
    pub depth: u32,
    pub counts: OpCounts,
    pub output_ciphertexts: usize,
    pub baby_step: Option<usize>,
    pub latency_ms: Option<f64>,
}

/// A layout considered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutOption {
    pub kind: LayoutKind,
    pub totals: OpCounts,
    pub galois_keys: usize,
    pub score: f64,
    /// "cost model" or "proxy".
    pub score_basis: String,
}

/// Everything he-eval needs to set up and run the circuit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub params: CkksParams,
    pub layout: Layout,
    pub depth: DepthReport,
    pub layers: Vec<LayerPlan>,
    /// Per sample (all bodies).
    pub totals: OpCounts,
    pub rotation_steps: Vec<i64>,
    pub galois_keys: usize,
    pub input_ciphertexts: usize,
    pub output_ciphertexts: usize,
    pub latency_ms: Option<f64>,
    pub cost_source: Option<String>,
    pub layouts_compared: Vec<LayoutOption>,
}

impl Plan {
    /// The chosen layout's score: estimated milliseconds with a cost model,
    /// else the ranking proxy; comparable between plans made alike.
    pub fn score(&self) -> f64 {
        self.layouts_compared
            .iter()
            .map(|o| o.score)
            .fold(f64::INFINITY, f64::min)
    }
}

/// Ranking proxy used only to choose a layout without a cost model: relative weights from
/// the SEAL N=16384 medians in /work/shared/HE.md (ct x pt 1.2, mul+relin+rescale 38,
/// rotation 27.5, add 0.4). Not a latency estimate.
fn proxy_score(c: &OpCounts) -> f64 {
    1.2 * c.ct_pt_mul as f64
        + 38.0 * c.ct_ct_mul as f64
        + 27.5 * c.rotations as f64
        + 0.4 * (c.add + c.add_plain) as f64
}

/// Plans `circuit`.
pub fn plan(
    circuit: &Circuit,
    req: &PlanRequest,
    cost: Option<&CostModel>,
) -> Result<Plan, FuseError> {
    circuit.validate()?;
    let depth = analyze(circuit);
    let chunk = circuit.input.frames.next_power_of_two();
    let params = select(depth.depth, chunk, &req.precision)?;
    let kinds = match req.layout {
        Some(k) => vec![k],
        None => vec![LayoutKind::ChannelBlocks, LayoutKind::PerChannel],
    };
    let mut options = Vec::new();
    for kind in kinds {
        let layout = Layout::new(kind, params.ring_dim, circuit)?;
        let layers = count(circuit, &layout);
        let mut totals = OpCounts::default();
        layers.iter().for_each(|l| totals += l.counts);
        let steps: BTreeSet<i64> = layers
            .iter()
            .flat_map(|l| l.steps.iter().copied())
            .collect();
        let (score, basis) = match cost.and_then(|c| c.estimate(params.ring_dim, &totals)) {
            Some(ms) => (ms, "cost model"),
            None => (proxy_score(&totals), "proxy"),
        };
        let opt = LayoutOption {
            kind,
            totals,
            galois_keys: steps.len(),
            score,
            score_basis: basis.into(),
        };
        options.push((opt, layout, layers, steps));
    }
    let best = options
        .iter()
        .enumerate()
        .min_by(|a, b| a.1 .0.score.total_cmp(&b.1 .0.score))
        .map(|(i, _)| i)
        .expect("one layout");
    let compared = options.iter().map(|o| o.0.clone()).collect();
    let (opt, layout, layers, steps) = options.swap_remove(best);
    let layers: Vec<LayerPlan> = layers
        .into_iter()
        .zip(&depth.per_op)
        .map(|(l, d)| LayerPlan {
            latency_ms: cost.and_then(|c| c.estimate(params.ring_dim, &l.counts)),
            label: l.label,
            kind: l.kind,
            depth: d.max,
            counts: l.counts,
            output_ciphertexts: l.output_ciphertexts,
            baby_step: l.baby_step,
        })
        .collect();
    Ok(Plan {
        latency_ms: cost.and_then(|c| c.estimate(params.ring_dim, &opt.totals)),
        cost_source: cost.map(|c| c.source.clone()),
        input_ciphertexts: circuit.joints * layout.blocks(circuit.input.channels) * circuit.bodies,
        output_ciphertexts: layout.blocks(circuit.num_class),
        totals: opt.totals,
        galois_keys: steps.len(),
        rotation_steps: steps.into_iter().collect(),
        params,
        layout,
        depth,
        layers,
        layouts_compared: compared,
    })
}

/// A linearized plan against the unlinearized one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub depth: u32,
    pub baseline_depth: u32,
    pub depth_reduction: i64,
    pub ring_dim: usize,
    pub baseline_ring_dim: usize,
    pub squares: u64,
    pub baseline_squares: u64,
    pub rotations: u64,
    pub baseline_rotations: u64,
    pub ct_pt_mul: u64,
    pub baseline_ct_pt_mul: u64,
    /// baseline latency / latency, when both plans have a latency.
    pub latency_speedup: Option<f64>,
}

/// Compares `plan` with `baseline` (same model, every nonlinearity kept).
pub fn compare(plan: &Plan, baseline: &Plan) -> Comparison {
    Comparison {
        depth: plan.depth.depth,
        baseline_depth: baseline.depth.depth,
        depth_reduction: baseline.depth.depth as i64 - plan.depth.depth as i64,
        ring_dim: plan.params.ring_dim,
        baseline_ring_dim: baseline.params.ring_dim,
        squares: plan.totals.ct_ct_mul,
        baseline_squares: baseline.totals.ct_ct_mul,
        rotations: plan.totals.rotations,
        baseline_rotations: baseline.totals.rotations,
        ct_pt_mul: plan.totals.ct_pt_mul,
        baseline_ct_pt_mul: baseline.totals.ct_pt_mul,
        latency_speedup: plan.latency_ms.zip(baseline.latency_ms).map(|(l, b)| b / l),
    }
}
