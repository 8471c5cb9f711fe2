//! The stage's output: CKKS parameters, layout, depth, per-layer op counts, rotation keys, the
//! fixed reference cost that every choice is made by and (given a measured [`CostModel`]) an
//! estimated latency, plus the comparison with the unlinearized circuit.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::cost::{reference_layer_ms, CostModel, LayerWork};
use super::depth::{analyze, DepthReport};
use super::error::FuseError;
use super::ir::Circuit;
use super::packing::{count, Layout, LayoutKind, OpCounts};
use super::params::{select, CkksParams, PrecisionSpec};

/// What the caller asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    pub precision: PrecisionSpec,
    /// `None`: the cheaper layout by the reference cost model.
    pub layout: Option<LayoutKind>,
}

/// One op of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerPlan {
    pub label: String,
    pub kind: String,
    /// Levels consumed when this op's output is ready (max over nodes).
    pub depth: u32,
    /// Data primes of the ciphertexts the op works on.
    pub primes: u32,
    pub counts: OpCounts,
    pub output_ciphertexts: usize,
    pub baby_step: Option<usize>,
    /// The reference cost model's milliseconds (machine-independent).
    pub reference_ms: f64,
    /// Estimated from costs measured on this machine, if given.
    pub latency_ms: Option<f64>,
}

/// A layout considered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutOption {
    pub kind: LayoutKind,
    pub totals: OpCounts,
    pub galois_keys: usize,
    /// The reference cost model's milliseconds.
    pub reference_ms: f64,
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
    /// The reference cost model's milliseconds per sample: what plans are
    /// compared by (machine-independent).
    pub reference_ms: f64,
    /// Estimated from costs measured on this machine, if given.
    pub latency_ms: Option<f64>,
    pub cost_source: Option<String>,
    pub layouts_compared: Vec<LayoutOption>,
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
        let work: Vec<LayerWork> = layers
            .iter()
            .zip(&depth.per_op)
            .map(|(l, d)| LayerWork {
                counts: l.counts,
                primes: primes_at(&params, d.max, &l.counts),
            })
            .collect();
        let mut totals = OpCounts::default();
        layers.iter().for_each(|l| totals += l.counts);
        let steps: BTreeSet<i64> = layers
            .iter()
            .flat_map(|l| l.steps.iter().copied())
            .collect();
        let reference: Vec<f64> = work
            .iter()
            .map(|w| reference_layer_ms(params.ring_dim, w))
            .collect();
        let opt = LayoutOption {
            kind,
            totals,
            galois_keys: steps.len(),
            reference_ms: reference.iter().sum(),
        };
        options.push((opt, layout, layers, work, reference, steps));
    }
    let best = options
        .iter()
        .enumerate()
        .min_by(|a, b| a.1 .0.reference_ms.total_cmp(&b.1 .0.reference_ms))
        .map(|(i, _)| i)
        .expect("one layout");
    let compared = options.iter().map(|o| o.0.clone()).collect();
    let (opt, layout, layers, work, reference, steps) = options.swap_remove(best);
    let layers: Vec<LayerPlan> = layers
        .into_iter()
        .zip(&depth.per_op)
        .zip(work.iter().zip(reference))
        .map(|((l, d), (w, reference_ms))| LayerPlan {
            reference_ms,
            latency_ms: cost.and_then(|c| c.layer_ms(params.ring_dim, w)),
            label: l.label,
            kind: l.kind,
            depth: d.max,
            primes: w.primes,
            counts: l.counts,
            output_ciphertexts: l.output_ciphertexts,
            baby_step: l.baby_step,
        })
        .collect();
    Ok(Plan {
        reference_ms: opt.reference_ms,
        latency_ms: layers.iter().map(|l| l.latency_ms).sum(),
        cost_source: cost.map(|c| c.source.clone()),
        input_ciphertexts: circuit.joints
            * layout.blocks(circuit.input.channels)
            * layout.body_groups,
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

/// Data primes of the operands of an op whose output has used `levels` of
/// the chain: one more than its output holds if it rescales.
fn primes_at(params: &CkksParams, levels: u32, counts: &OpCounts) -> u32 {
    let input_levels = levels.saturating_sub(u32::from(counts.rescale > 0));
    params.data_primes().saturating_sub(input_levels).max(1)
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
    /// baseline / this plan, by the reference cost model.
    pub reference_speedup: f64,
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
        reference_speedup: baseline.reference_ms / plan.reference_ms,
        latency_speedup: plan.latency_ms.zip(baseline.latency_ms).map(|(l, b)| b / l),
    }
}
