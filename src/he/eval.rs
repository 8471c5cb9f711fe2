//! Encrypted evaluation of a fused circuit with the plan's `ChannelBlocks` layout.
//!
//! Every op consumes exactly the levels `fuse::depth` assigns (per node: a linear op lands at
//! `max over its sources + 1`, a square at `+1`, a scaled residual at `max(lhs, rhs + 1)`,
//! the pool at `max + 1`). Scales are kept *canonical* (`backend::canonical_scales`): a
//! plaintext multiply picks its plaintext scale `q * S_target / s_ct` so its rescaled result
//! carries exactly `S_target`, which lets values from different paths meet in additions.
//! Ciphertexts of one op are independent and processed in parallel with rayon.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use serde::Serialize;

use super::backend::{canonical_scales, Backend, Client, Evaluator, Result};
use super::error::HeError;
use super::layout::{
    best_baby_step, block_diagonals, chunk_channel, chunks, dilations, lane_slot, split,
};
use crate::fuse::eval::Input;
use crate::fuse::ir::{
    ActOp, AddOp, Circuit, LinearOp, NodeAct, Op, Pair, PoolOp, PoolTerm, ValueShape,
};
use crate::fuse::kernels::source_frame;
use crate::fuse::packing::{Layout, OpCounts};
use crate::fuse::plan::Plan;

/// One body's value: `[node][channel block]` ciphertexts.
pub type Value<C> = Vec<Vec<C>>;

/// What one op did.
#[derive(Clone, Debug, Serialize)]
pub struct LayerReport {
    pub label: String,
    pub kind: String,
    /// Levels consumed at the op's output: planned (max over nodes) and measured.
    pub planned_depth: u32,
    pub level: u32,
    pub ms: f64,
    pub counts: OpCounts,
    pub planned_counts: OpCounts,
}

/// The whole evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct EvalReport {
    pub layers: Vec<LayerReport>,
    pub total_ms: f64,
    pub output_level: u32,
    pub planned_depth: u32,
    pub counts: OpCounts,
    pub planned_counts: OpCounts,
}

/// Encrypts clips `clips` of `input` (client side; at most `lay.clips()`, one inference):
/// one ciphertext per (body group `g`, node, block), whose lane `c * bodies_per_ct + b`
/// holds body `g * bodies_per_ct + b` of clip `clips[c]`.
pub fn encrypt_clips<C: Client>(
    client: &C,
    circuit: &Circuit,
    lay: &Layout,
    input: &Input,
    clips: &[usize],
) -> Result<Vec<Value<C::Ct>>> {
    input.check(
        circuit.input.channels,
        circuit.input.frames,
        circuit.joints,
        circuit.bodies,
    )?;
    if clips.is_empty() || clips.len() > lay.clips() || clips.iter().any(|&n| n >= input.n) {
        return Err(HeError::PlanMismatch(format!(
            "clips {clips:?}: one inference takes 1 to {} of the {} clips",
            lay.clips(),
            input.n
        )));
    }
    let shape = circuit.input;
    let bpc = lay.bodies_per_ct;
    (0..lay.body_groups)
        .map(|g| {
            let series: Vec<Vec<f64>> = clips
                .iter()
                .flat_map(|&n| (0..bpc).map(move |b| input.body(n, g * bpc + b)))
                .collect();
            (0..input.v)
                .map(|node| {
                    (0..lay.blocks(shape.channels))
                        .map(|blk| {
                            client.encrypt(&pack(lay, &series, shape, input.v, node, 1, blk))
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Slots of channel block `blk` of `node` of `[C, T, V]` maps, `series[lane]` in its lane:
/// frame `t` of channel `c` at position `t * dil` of the lane, in every chunk holding `c`.
pub fn pack(
    lay: &Layout,
    series: &[Vec<f64>],
    shape: ValueShape,
    joints: usize,
    node: usize,
    dil: usize,
    blk: usize,
) -> Vec<f64> {
    let mut s = vec![0.0; lay.slots];
    for i in 0..chunks(lay) {
        let Some(ch) = chunk_channel(lay, blk, i, shape.channels) else {
            continue;
        };
        for (lane, x) in series.iter().enumerate() {
            for f in 0..shape.frames {
                s[lane_slot(lay, i, lane, f * dil)] = x[(ch * shape.frames + f) * joints + node];
            }
        }
    }
    s
}

/// Encrypts value `id` of `circuit` (one `[C, T, V]` map per body) in the state [`evaluate`]
/// leaves it: node `v` at `levels[v]` with the canonical scale `scales[levels[v]]`, frames
/// spread by the value's dilation. Lets a single op run on exact inputs.
#[allow(clippy::too_many_arguments)]
pub fn encrypt_value<C: Client>(
    client: &C,
    circuit: &Circuit,
    lay: &Layout,
    id: usize,
    bodies: &[Vec<f64>],
    levels: &[u32],
    scales: &[f64],
) -> Result<Vec<Value<C::Ct>>> {
    let shape = circuit
        .value_shape(id)
        .ok_or_else(|| HeError::PlanMismatch(format!("value {id} has no shape")))?;
    let dil = dilations(circuit)[id];
    bodies
        .chunks(lay.bodies_per_ct)
        .map(|series| {
            (0..circuit.joints)
                .map(|node| {
                    let l = levels[node];
                    (0..lay.blocks(shape.channels))
                        .map(|blk| {
                            let s = pack(lay, series, shape, circuit.joints, node, dil, blk);
                            client.encrypt_at(&s, l, scales[l as usize])
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Decrypts the pooled logits (client side), one vector per clip lane of the inference
/// (`lay.clips()`, empty lanes included): logit `k` of clip `c` is the first slot of lane
/// `c * bodies_per_ct` of chunk `k mod P` of output ciphertext `k / P`.
pub fn decrypt_logits<C: Client>(
    client: &C,
    lay: &Layout,
    classes: usize,
    cts: &[C::Ct],
) -> Result<Vec<Vec<f64>>> {
    let slots: Vec<Vec<f64>> = cts
        .iter()
        .map(|c| client.decrypt(c))
        .collect::<Result<_>>()?;
    let logit = |c: usize, k: usize| {
        slots[k / lay.period][lane_slot(lay, k % lay.period, c * lay.bodies_per_ct, 0)]
    };
    Ok((0..lay.clips())
        .map(|c| (0..classes).map(|k| logit(c, k)).collect())
        .collect())
}

/// Evaluation state shared by the ops.
struct Ctx<'a, E: Evaluator> {
    ev: &'a E,
    lay: Layout,
    scales: Vec<f64>,
    dil: Vec<usize>,
    joints: usize,
    /// Most baby-step rotations a linear op keeps alive at once ([`MAX_ROTATED`]).
    max_rotated: usize,
}

impl<E: Evaluator> Ctx<'_, E> {
    /// `ct * values` brought to `target - 1` with scale exactly `q * S_target` (unrescaled).
    fn mul_to(&self, ct: &E::Ct, values: &[f64], target: u32) -> Result<E::Ct> {
        let pt = self.plain_for(ct, values, target)?;
        self.mul_plain_to(ct, &pt, target)
    }

    /// The plaintext [`Self::mul_to`] multiplies `like` (and every ciphertext at its level
    /// and scale) by: encoded once, shared by the inferences of a pass.
    fn plain_for(&self, like: &E::Ct, values: &[f64], target: u32) -> Result<(E::Pt, f64)> {
        let from = self.ev.level(like)?;
        if target == 0 || target <= from {
            return Err(HeError::Level(format!(
                "multiply from level {from} to {target}"
            )));
        }
        let q = self.ev.prime(target - 1) as f64;
        let want = q * self.scales[target as usize];
        let pt = self
            .ev
            .encode(values, target - 1, want / self.ev.scale(like)?)?;
        Ok((pt, want))
    }

    /// `ct * pt` for a plaintext from [`Self::plain_for`].
    fn mul_plain_to(&self, ct: &E::Ct, (pt, want): &(E::Pt, f64), target: u32) -> Result<E::Ct> {
        let x = self.ev.mod_switch_to(ct, target - 1)?;
        let mut prod = self.ev.mul_plain(&x, pt)?;
        self.ev.set_scale(&mut prod, *want)?;
        Ok(prod)
    }

    /// Rescales an accumulated product to its canonical level scale.
    fn finish(&self, acc: &E::Ct) -> Result<E::Ct> {
        let mut out = self.ev.rescale(acc)?;
        let l = self.ev.level(&out)?;
        self.ev.set_scale(&mut out, self.scales[l as usize])?;
        Ok(out)
    }

    fn mul_const_to(&self, ct: &E::Ct, c: f64, target: u32) -> Result<E::Ct> {
        self.finish(&self.mul_to(ct, &vec![c; self.lay.slots], target)?)
    }

    /// Plaintext at the ciphertext's level and scale (for additions).
    fn add_values(&self, ct: &E::Ct, values: &[f64]) -> Result<E::Ct> {
        let pt = self
            .ev
            .encode(values, self.ev.level(ct)?, self.ev.scale(ct)?)?;
        self.ev.add_plain(ct, &pt)
    }

    /// Adds `ct` into the running sum at `key` (products are summed as they are made, so an
    /// op holds one accumulator per group instead of all its products).
    fn accumulate<K: Ord>(&self, sums: &mut BTreeMap<K, E::Ct>, key: K, ct: E::Ct) -> Result<()> {
        match sums.entry(key) {
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(ct);
            }
            std::collections::btree_map::Entry::Occupied(mut e) => {
                let s = self.ev.add(e.get(), &ct)?;
                *e.get_mut() = s;
            }
        }
        Ok(())
    }

    /// Adds per-giant-step sums, rotating each group once.
    fn sum_groups(&self, groups: BTreeMap<i64, E::Ct>) -> Result<Option<E::Ct>> {
        let mut total: Option<E::Ct> = None;
        for (g, mut acc) in groups {
            if g != 0 {
                acc = self.ev.rotate(&acc, g)?;
            }
            total = Some(match total {
                Some(t) => self.ev.add(&t, &acc)?,
                None => acc,
            });
        }
        Ok(total)
    }

    /// Pre-rotates plaintext slots by `-g` so that rotating the product by `g` lands them.
    fn pre_rotate(&self, mut v: Vec<f64>, g: i64) -> Vec<f64> {
        let k = g.rem_euclid(self.lay.slots as i64) as usize;
        v.rotate_right(k);
        v
    }
}

/// What one op produced: a value (every ciphertext group of the pass) or, for the pool, the
/// logit ciphertexts of each inference.
pub enum OpOutput<C> {
    Value(Vec<Value<C>>),
    Logits(Vec<Vec<C>>),
}

/// Values by id (`None`: not computed or already dropped), as [`evaluate_op`] reads them.
pub type Values<C> = [Option<Vec<Value<C>>>];

impl<'a, E: Evaluator> Ctx<'a, E> {
    fn new(ev: &'a E, circuit: &Circuit, plan: &Plan) -> Self {
        Ctx {
            ev,
            lay: plan.layout,
            scales: canonical_scales(ev),
            dil: dilations(circuit),
            joints: circuit.joints,
            max_rotated: MAX_ROTATED,
        }
    }
}

/// Runs op `j` of `circuit` on `values` (which must hold the op's inputs at the levels and
/// canonical scales [`evaluate`] would give them); returns its output and its level (max
/// over ciphertexts). [`evaluate`] is this in a loop; tests and benchmarks call it to run
/// one layer in isolation.
pub fn evaluate_op<E: Evaluator>(
    ev: &E,
    circuit: &Circuit,
    plan: &Plan,
    j: usize,
    values: &Values<E::Ct>,
) -> Result<(OpOutput<E::Ct>, u32)> {
    evaluate_op_capped(ev, circuit, plan, j, values, MAX_ROTATED)
}

/// [`evaluate_op`] keeping at most `max_rotated` baby-step rotations alive (tests run a
/// linear op in one chunk and in one chunk per independent node group).
pub fn evaluate_op_capped<E: Evaluator>(
    ev: &E,
    circuit: &Circuit,
    plan: &Plan,
    j: usize,
    values: &Values<E::Ct>,
    max_rotated: usize,
) -> Result<(OpOutput<E::Ct>, u32)> {
    check_plan(ev, circuit, plan)?;
    let op = circuit
        .ops
        .get(j)
        .ok_or_else(|| HeError::PlanMismatch(format!("no op {j}")))?;
    let cx = Ctx {
        max_rotated,
        ..Ctx::new(ev, circuit, plan)
    };
    op_output(&cx, op, values)
}

fn op_output<E: Evaluator>(
    cx: &Ctx<'_, E>,
    op: &Op,
    values: &Values<E::Ct>,
) -> Result<(OpOutput<E::Ct>, u32)> {
    let ev = cx.ev;
    let get = |id: usize| {
        values
            .get(id)
            .and_then(|v| v.as_ref())
            .ok_or_else(|| HeError::PlanMismatch(format!("value {id} dropped")))
    };
    let (out, level) = match op {
        Op::Linear(l) => {
            let out = linear(cx, l, get(l.input)?)?;
            let level = max_level(ev, &out)?;
            (out, level)
        }
        Op::Act(a) => per_body(cx, get(a.input)?, |x| act(cx, a, x))?,
        Op::Add(a) => {
            let (lhs, rhs) = (get(a.lhs)?, get(a.rhs)?);
            let outs = lhs
                .iter()
                .zip(rhs)
                .map(|(l, r)| add(cx, a, l, r))
                .collect::<Result<Vec<_>>>()?;
            let level = max_level(ev, &outs)?;
            (outs, level)
        }
        Op::Pool(p) => {
            let logits = pool(cx, p, values)?;
            let level = logits
                .iter()
                .flatten()
                .map(|c| ev.level(c))
                .try_fold(0, |m, l| l.map(|l| m.max(l)))?;
            return Ok((OpOutput::Logits(logits), level));
        }
    };
    Ok((OpOutput::Value(out), level))
}

/// Runs `circuit` on one encrypted inference (server side); returns the logit ciphertexts.
pub fn evaluate<E: Evaluator>(
    ev: &E,
    circuit: &Circuit,
    plan: &Plan,
    input: Vec<Value<E::Ct>>,
) -> Result<(Vec<E::Ct>, EvalReport)> {
    let (mut logits, report) = evaluate_pass(ev, circuit, plan, vec![input])?;
    Ok((logits.pop().unwrap_or_default(), report))
}

/// Runs `circuit` on several encrypted inferences in one pass: every plaintext is encoded
/// once for all of them (encoding is a third or more of a linear layer's cost), at the price
/// of their ciphertexts being alive together. Returns each inference's logit ciphertexts;
/// the report's counts are the pass's (planned counts times the inferences).
pub fn evaluate_pass<E: Evaluator>(
    ev: &E,
    circuit: &Circuit,
    plan: &Plan,
    inputs: Vec<Vec<Value<E::Ct>>>,
) -> Result<(Vec<Vec<E::Ct>>, EvalReport)> {
    check_plan(ev, circuit, plan)?;
    let cx = Ctx::new(ev, circuit, plan);
    let last_use = last_uses(circuit);
    let passes = inputs.len() as u64;
    if inputs.iter().any(|i| i.len() != plan.layout.body_groups) {
        return Err(HeError::PlanMismatch(format!(
            "an inference needs {} ciphertext groups",
            plan.layout.body_groups
        )));
    }
    let mut values: Vec<Option<Vec<Value<E::Ct>>>> = vec![Some(inputs.concat())];
    let mut layers = Vec::new();
    let start = Instant::now();
    let mut logits = Vec::new();
    for (j, op) in circuit.ops.iter().enumerate() {
        let t = Instant::now();
        let before = ev.counts();
        let (out, level) = op_output(&cx, op, &values)?;
        match out {
            OpOutput::Value(v) => values.push(Some(v)),
            OpOutput::Logits(l) => {
                logits = l;
                values.push(Some(Vec::new()));
            }
        }
        for (id, &lu) in last_use.iter().enumerate() {
            if lu == j {
                values[id] = None;
            }
        }
        let c = diff(ev.counts(), before);
        layers.push(LayerReport {
            label: op.label().to_string(),
            kind: op.kind().to_string(),
            planned_depth: plan.layers[j].depth,
            level,
            ms: t.elapsed().as_secs_f64() * 1e3,
            counts: c,
            planned_counts: plan.layers[j].counts.times(passes),
        });
    }
    let output_level = layers.last().map_or(0, |l| l.level);
    let report = EvalReport {
        total_ms: start.elapsed().as_secs_f64() * 1e3,
        output_level,
        planned_depth: plan.depth.depth,
        counts: layers.iter().fold(OpCounts::default(), |mut a, l| {
            a += l.counts;
            a
        }),
        planned_counts: plan.totals.times(passes),
        layers,
    };
    Ok((logits, report))
}

fn check_plan<E: Evaluator>(ev: &E, circuit: &Circuit, plan: &Plan) -> Result<()> {
    circuit.validate()?;
    if circuit.structural {
        return Err(HeError::Fuse(crate::fuse::FuseError::Structural));
    }
    if plan.layers.len() != circuit.ops.len()
        || plan.layout.slots != ev.slots()
        || plan.params.depth != ev.depth()
    {
        return Err(HeError::PlanMismatch(format!(
            "{} layers / {} slots / depth {} vs circuit {} ops, backend {} slots / depth {}",
            plan.layers.len(),
            plan.layout.slots,
            plan.params.depth,
            circuit.ops.len(),
            ev.slots(),
            ev.depth()
        )));
    }
    Ok(())
}

/// Index of the last op reading each value (values are dropped after it).
pub(crate) fn last_uses(c: &Circuit) -> Vec<usize> {
    let mut lu = vec![usize::MAX; c.ops.len() + 1];
    for (j, op) in c.ops.iter().enumerate() {
        for id in op.inputs() {
            lu[id] = j;
        }
    }
    lu
}

fn diff(a: OpCounts, b: OpCounts) -> OpCounts {
    OpCounts {
        ct_pt_mul: a.ct_pt_mul - b.ct_pt_mul,
        ct_ct_mul: a.ct_ct_mul - b.ct_ct_mul,
        relin: a.relin - b.relin,
        rotations: a.rotations - b.rotations,
        add: a.add - b.add,
        add_plain: a.add_plain - b.add_plain,
        rescale: a.rescale - b.rescale,
    }
}

fn max_level<E: Evaluator>(ev: &E, v: &[Value<E::Ct>]) -> Result<u32> {
    let mut m = 0;
    for ct in v.iter().flatten().flatten() {
        m = m.max(ev.level(ct)?);
    }
    Ok(m)
}

fn per_body<E: Evaluator>(
    cx: &Ctx<'_, E>,
    input: &[Value<E::Ct>],
    f: impl Fn(&Value<E::Ct>) -> Result<Value<E::Ct>>,
) -> Result<(Vec<Value<E::Ct>>, u32)> {
    let out = input.iter().map(f).collect::<Result<Vec<_>>>()?;
    let level = max_level(cx.ev, &out)?;
    Ok((out, level))
}

/// Plaintext of one (pair, input block, output block, diagonal, tap): weight x masks.
fn linear_mask<E: Evaluator>(
    cx: &Ctx<'_, E>,
    l: &LinearOp,
    w: &[f64],
    (ib, ob, d): (usize, usize, usize),
    j: usize,
    dout: usize,
) -> Vec<f64> {
    let (lay, p) = (&cx.lay, cx.lay.period);
    let mut s = vec![0.0; lay.slots];
    for i in 0..chunks(lay) {
        let co = ob * p + i % p;
        let ci = ib * p + (i % p + d) % p;
        if co >= l.cout || ci >= l.cin || (ci - ib * p) >= p {
            continue;
        }
        let wv = w[(co * l.cin + ci) * l.kernel + j];
        for t in (0..l.t_out).filter(|&t| l.source_frame(t, j).is_some()) {
            for lane in 0..lay.lanes {
                s[lane_slot(lay, i, lane, t * dout)] = wv;
            }
        }
    }
    s
}

/// Most baby-step rotations one linear op keeps alive at once (unless one group of nodes
/// that share sources needs more). A temporal convolution of STGCN-3-256 (T = 256) rotates
/// 12,800 ciphertexts per inference, 13 GB at its level; 2048 ciphertexts at N = 16384 are
/// 0.54 GB per prime left, 2-5 GB at the levels of a depth-9 chain.
pub const MAX_ROTATED: usize = 2048;

/// One linear op on every ciphertext group of a pass (the bodies of several inferences):
/// each plaintext is encoded once and multiplies the matching ciphertext of every group.
/// Output nodes are evaluated in chunks whose sources no other chunk reads (a temporal
/// convolution's nodes are independent), so a chunk's rotations are dropped before the next
/// chunk's are made and no rotation is done twice.
fn linear<E: Evaluator>(
    cx: &Ctx<'_, E>,
    l: &LinearOp,
    xs: &[Value<E::Ct>],
) -> Result<Vec<Value<E::Ct>>> {
    let lay = &cx.lay;
    let dil = cx.dil[l.input];
    let offsets: Vec<i64> = (0..l.kernel)
        .map(|j| (j as i64 - l.pad as i64) * dil as i64)
        .collect();
    let diag = block_diagonals(l.cin, l.cout, lay.period);
    let srcs: BTreeSet<usize> = l.pairs.iter().map(|q| q.src).collect();
    let dsts: BTreeSet<usize> = l.pairs.iter().map(|q| q.dst).collect();
    let g = best_baby_step(&diag, &offsets, lay, srcs.len() as u64, dsts.len() as u64);
    // The baby steps of each input block, shared by every source node and output.
    let steps: Vec<BTreeSet<i64>> = diag
        .iter()
        .map(|row| {
            row.iter()
                .flatten()
                .flat_map(|&d| offsets.iter().map(move |&o| split(lay, g, d, o).0))
                .collect()
        })
        .collect();
    let per_src = xs.len() * steps.iter().map(BTreeSet::len).sum::<usize>();
    let mut target = vec![0u32; cx.joints];
    for q in &l.pairs {
        target[q.dst] = target[q.dst].max(cx.ev.level(&xs[0][q.src][0])? + 1);
    }
    let shared = Shared {
        l,
        diag: &diag,
        offsets: &offsets,
        steps: &steps,
        g,
        target: &target,
        dout: dil * l.stride,
    };
    let mut out: Vec<Value<E::Ct>> = vec![vec![Vec::new(); cx.joints]; xs.len()];
    for (chunk_srcs, chunk_dsts) in independent_chunks(&l.pairs, per_src, cx.max_rotated) {
        let cts = linear_chunk(cx, &shared, xs, &chunk_srcs, &chunk_dsts)?;
        for ((dst, _), per_group) in cts {
            for (grp, ct) in per_group.into_iter().enumerate() {
                out[grp][dst].push(ct);
            }
        }
    }
    // Nodes that no pair writes to are absent from the op's output: the fused graph always
    // has self loops, so this is an invalid circuit for HE rather than a zero to encrypt.
    if out[0].iter().any(|v| v.is_empty()) {
        return Err(HeError::Unsupported(format!(
            "{}: a node receives no pair",
            l.label
        )));
    }
    Ok(out)
}

/// What every chunk of one linear op shares.
struct Shared<'a> {
    l: &'a LinearOp,
    diag: &'a [Vec<BTreeSet<usize>>],
    offsets: &'a [i64],
    steps: &'a [BTreeSet<i64>],
    g: usize,
    target: &'a [u32],
    dout: usize,
}

/// Output nodes grouped so that no source feeds two groups (the connected components of the
/// pairs), packed in destination order into chunks of at most `cap` rotated ciphertexts
/// (`per_src` per source node); a component over the cap is a chunk of its own. Returns
/// (sources, destinations) per chunk.
pub(super) fn independent_chunks(
    pairs: &[Pair],
    per_src: usize,
    cap: usize,
) -> Vec<(BTreeSet<usize>, BTreeSet<usize>)> {
    let nodes = pairs.iter().map(|q| q.src.max(q.dst) + 1).max();
    let mut sets = UnionFind::new(nodes.unwrap_or(0));
    for q in pairs {
        sets.union(q.src, q.dst);
    }
    let mut components: BTreeMap<usize, (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
    for q in pairs {
        let c = components.entry(sets.find_mut(q.dst)).or_default();
        c.0.insert(q.src);
        c.1.insert(q.dst);
    }
    let mut components: Vec<_> = components.into_values().collect();
    components.sort_by_key(|(_, dsts)| dsts.first().copied());
    let mut chunks: Vec<(BTreeSet<usize>, BTreeSet<usize>)> = Vec::new();
    for (srcs, dsts) in components {
        match chunks.last_mut() {
            Some(last) if (last.0.len() + srcs.len()) * per_src <= cap => {
                last.0.extend(srcs);
                last.1.extend(dsts);
            }
            _ => chunks.push((srcs, dsts)),
        }
    }
    chunks
}

/// Most baby-step rotations [`linear`] keeps alive at once for an op with these `pairs`
/// whose every source node makes `per_src` of them (memory estimates use it).
pub fn rotations_alive(pairs: &[Pair], per_src: usize) -> usize {
    independent_chunks(pairs, per_src, MAX_ROTATED)
        .iter()
        .map(|(srcs, _)| srcs.len() * per_src)
        .max()
        .unwrap_or(0)
}

/// One output (node, block) of a linear op: its ciphertext in every group.
type BlockOutput<C> = ((usize, usize), Vec<C>);

/// One chunk of a linear op: the baby rotations of its sources (once per group, source,
/// input block and step, shared by all outputs), then its outputs per (node, output block),
/// one ciphertext per group each.
fn linear_chunk<E: Evaluator>(
    cx: &Ctx<'_, E>,
    sh: &Shared<'_>,
    xs: &[Value<E::Ct>],
    srcs: &BTreeSet<usize>,
    dsts: &BTreeSet<usize>,
) -> Result<Vec<BlockOutput<E::Ct>>> {
    let (lay, l) = (&cx.lay, sh.l);
    let jobs: Vec<(usize, usize, usize, i64)> = srcs
        .iter()
        .flat_map(|&s| {
            sh.steps
                .iter()
                .enumerate()
                .flat_map(move |(ib, st)| st.iter().map(move |&b| (s, ib, b)))
        })
        .flat_map(|(s, ib, b)| (0..xs.len()).map(move |grp| (grp, s, ib, b)))
        .collect();
    let rotated: HashMap<(usize, usize, usize, i64), E::Ct> = jobs
        .par_iter()
        .map(|&(grp, s, ib, b)| {
            let x = &xs[grp][s][ib];
            let ct = if b == 0 {
                x.clone()
            } else {
                cx.ev.rotate(x, b)?
            };
            Ok(((grp, s, ib, b), ct))
        })
        .collect::<Result<_>>()?;
    let nob = l.cout.div_ceil(lay.period);
    let outs: Vec<(usize, usize)> = dsts
        .iter()
        .flat_map(|&d| (0..nob).map(move |ob| (d, ob)))
        .collect();
    outs.par_iter()
        .map(|&(dst, ob)| {
            let mut groups: Vec<BTreeMap<i64, E::Ct>> = vec![BTreeMap::new(); xs.len()];
            for q in l.pairs.iter().filter(|q| q.dst == dst) {
                let w = q
                    .weight
                    .as_ref()
                    .ok_or(crate::fuse::FuseError::Structural)?;
                for (ib, row) in sh.diag.iter().enumerate() {
                    for &d in &row[ob] {
                        for (j, &o) in sh.offsets.iter().enumerate() {
                            let (b, gs) = split(lay, sh.g, d, o);
                            let m = linear_mask(cx, l, w, (ib, ob, d), j, sh.dout);
                            if m.iter().all(|&v| v == 0.0) {
                                continue; // SEAL refuses transparent (all-zero) products
                            }
                            let like = &rotated[&(0, q.src, ib, b)];
                            let pt = cx.plain_for(like, &cx.pre_rotate(m, gs), sh.target[dst])?;
                            for (grp, sums) in groups.iter_mut().enumerate() {
                                let x = &rotated[&(grp, q.src, ib, b)];
                                let prod = cx.mul_plain_to(x, &pt, sh.target[dst])?;
                                cx.accumulate(sums, gs, prod)?;
                            }
                        }
                    }
                }
            }
            let bias = l
                .bias
                .as_ref()
                .map(|bias| linear_bias(cx, l, bias, dst, ob, sh.dout));
            let per_group = groups
                .into_iter()
                .map(|sums| {
                    let acc = cx.sum_groups(sums)?.ok_or_else(|| {
                        HeError::Unsupported(format!(
                            "{}: node {dst} block {ob} has only zero weights",
                            l.label
                        ))
                    })?;
                    let out = cx.finish(&acc)?;
                    match &bias {
                        Some(b) => cx.add_values(&out, b),
                        None => Ok(out),
                    }
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(((dst, ob), per_group))
        })
        .collect()
}

fn linear_bias<E: Evaluator>(
    cx: &Ctx<'_, E>,
    l: &LinearOp,
    bias: &[f64],
    dst: usize,
    ob: usize,
    dout: usize,
) -> Vec<f64> {
    let (lay, p) = (&cx.lay, cx.lay.period);
    let mut s = vec![0.0; lay.slots];
    for i in 0..chunks(lay) {
        let co = ob * p + i % p;
        if co >= l.cout {
            continue;
        }
        for t in 0..l.t_out {
            for lane in 0..lay.lanes {
                s[lane_slot(lay, i, lane, t * dout)] = bias[(co * l.t_out + t) * cx.joints + dst];
            }
        }
    }
    s
}

fn act<E: Evaluator>(cx: &Ctx<'_, E>, a: &ActOp, x: &Value<E::Ct>) -> Result<Value<E::Ct>> {
    x.par_iter()
        .enumerate()
        .map(|(v, blocks)| {
            blocks
                .iter()
                .map(|ct| node_act(cx, a.nodes[v], ct, &a.label))
                .collect()
        })
        .collect()
}

/// `a2 x^2 + a1 x` with the levels `fuse::depth` counts (`1 + [|a2| != 1]`).
fn node_act<E: Evaluator>(cx: &Ctx<'_, E>, n: NodeAct, x: &E::Ct, label: &str) -> Result<E::Ct> {
    let (a2, a1) = match n {
        NodeAct::Identity => return Ok(x.clone()),
        NodeAct::Relu { .. } => {
            return Err(HeError::Unsupported(format!(
                "{label}: ReLU (replace it by a polynomial)"
            )))
        }
        NodeAct::Square { a2, a1 } => (a2, a1),
    };
    let l = cx.ev.level(x)?;
    if a2 == 0.0 {
        return cx.mul_const_to(x, a1, l + 1);
    }
    let sq = cx.finish(&cx.ev.mul_relin(x, x)?)?;
    let base = match a2 {
        1.0 => sq,
        -1.0 => cx.ev.negate(&sq)?,
        _ => cx.mul_const_to(&sq, a2, l + 2)?,
    };
    if a1 == 0.0 {
        return Ok(base);
    }
    let lin = cx.mul_const_to(x, a1, cx.ev.level(&base)?)?;
    cx.ev.add(&base, &lin)
}

fn add<E: Evaluator>(
    cx: &Ctx<'_, E>,
    a: &AddOp,
    lhs: &Value<E::Ct>,
    rhs: &Value<E::Ct>,
) -> Result<Value<E::Ct>> {
    (0..cx.joints)
        .into_par_iter()
        .map(|v| {
            lhs[v]
                .iter()
                .zip(&rhs[v])
                .map(|(l, r)| add_one(cx, a.rhs_scale[v], l, r))
                .collect()
        })
        .collect()
}

/// `lhs + s * rhs` at level `max(lhs, rhs + [s != 1])`. A branch that must be lifted
/// without a planned multiply is multiplied by 1 (an extra ct x pt the plan does not count,
/// never an extra level).
fn add_one<E: Evaluator>(cx: &Ctx<'_, E>, s: f64, l: &E::Ct, r: &E::Ct) -> Result<E::Ct> {
    let (ll, rl) = (cx.ev.level(l)?, cx.ev.level(r)?);
    let t = ll.max(rl + u32::from(s != 1.0));
    let lift = |ct: &E::Ct, lvl: u32, c: f64| {
        if lvl == t && c == 1.0 {
            Ok(ct.clone())
        } else {
            cx.mul_const_to(ct, c, t)
        }
    };
    cx.ev.add(&lift(l, ll, 1.0)?, &lift(r, rl, s)?)
}

/// Plaintext of one (term, node, input block, output block, diagonal): classifier weights
/// with the taps and the time window folded in.
fn pool_mask<E: Evaluator>(
    cx: &Ctx<'_, E>,
    classes: usize,
    t: &PoolTerm,
    w: &[f64],
    node: usize,
    (ib, ob, d): (usize, usize, usize),
) -> Vec<f64> {
    let (lay, p) = (&cx.lay, cx.lay.period);
    let dil = cx.dil[t.input];
    let mut s = vec![0.0; lay.slots];
    for i in 0..chunks(lay) {
        let k = ob * p + i % p;
        let ci = ib * p + (i % p + d) % p;
        if k >= classes || ci >= t.channels {
            continue;
        }
        for j in 0..t.kernel {
            let wk = w[((k * cx.joints + node) * t.channels + ci) * t.kernel + j];
            for f in 0..t.t_out {
                if let Some(u) = source_frame(f, j, t.stride, t.pad, t.t_in) {
                    for lane in 0..lay.lanes {
                        s[lane_slot(lay, i, lane, u * dil)] += wk;
                    }
                }
            }
        }
    }
    s
}

/// The pooled classifier of every inference of the pass (its `body_groups` groups each).
fn pool<E: Evaluator>(
    cx: &Ctx<'_, E>,
    p: &PoolOp,
    values: &Values<E::Ct>,
) -> Result<Vec<Vec<E::Ct>>> {
    let bg = cx.lay.body_groups;
    let val = |id: usize| {
        values
            .get(id)
            .and_then(|v| v.as_ref())
            .ok_or_else(|| HeError::PlanMismatch(format!("value {id} dropped")))
    };
    let groups = val(p.terms[0].input)?.len();
    (0..groups / bg)
        .map(|i| pool_one(cx, p, &|id| Ok(&val(id)?[i * bg..(i + 1) * bg])))
        .collect()
}

/// The pooled classifier of one inference, whose values `val` gives.
fn pool_one<'v, E: Evaluator>(
    cx: &Ctx<'_, E>,
    p: &PoolOp,
    val: &dyn Fn(usize) -> Result<&'v [Value<E::Ct>]>,
) -> Result<Vec<E::Ct>>
where
    E::Ct: 'v,
{
    let lay = &cx.lay;
    let mut target = 0;
    for t in &p.terms {
        target = target.max(max_level(cx.ev, val(t.input)?)? + 1);
    }
    let nob = p.classes.div_ceil(lay.period);
    let mut groups: Vec<BTreeMap<i64, E::Ct>> = (0..nob).map(|_| BTreeMap::new()).collect();
    for t in &p.terms {
        let w = t
            .weight
            .as_ref()
            .ok_or(crate::fuse::FuseError::Structural)?;
        let x = val(t.input)?;
        let diag = block_diagonals(t.channels, p.classes, lay.period);
        let bodies = x.len() as u64;
        let g = best_baby_step(&diag, &[0], lay, bodies * cx.joints as u64, 1);
        let mut jobs: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
        for m in 0..x.len() {
            for v in 0..cx.joints {
                for (ib, row) in diag.iter().enumerate() {
                    for (ob, ds) in row.iter().enumerate() {
                        jobs.extend(ds.iter().map(|&d| (m, v, ib, ob, d)));
                    }
                }
            }
        }
        // Baby rotations per (body, node, block, step), shared by the output blocks.
        let babies: BTreeSet<(usize, usize, usize, i64)> = jobs
            .iter()
            .map(|&(m, v, ib, _, d)| (m, v, ib, split(lay, g, d, 0).0))
            .collect();
        let rotated: HashMap<(usize, usize, usize, i64), E::Ct> = babies
            .into_par_iter()
            .map(|(m, v, ib, b)| {
                let ct = if b == 0 {
                    x[m][v][ib].clone()
                } else {
                    cx.ev.rotate(&x[m][v][ib], b)?
                };
                Ok(((m, v, ib, b), ct))
            })
            .collect::<Result<_>>()?;
        // Products summed per (output block, giant step) as they are made (rayon fold), so
        // the working set is the accumulators, not every product.
        let sums: BTreeMap<(usize, i64), E::Ct> = jobs
            .par_iter()
            .try_fold(BTreeMap::new, |mut sums, &(m, v, ib, ob, d)| {
                let (b, gs) = split(lay, g, d, 0);
                let mask = pool_mask(cx, p.classes, t, w, v, (ib, ob, d));
                if mask.iter().any(|&z| z != 0.0) {
                    let prod =
                        cx.mul_to(&rotated[&(m, v, ib, b)], &cx.pre_rotate(mask, gs), target)?;
                    cx.accumulate(&mut sums, (ob, gs), prod)?;
                }
                Ok::<_, HeError>(sums)
            })
            .try_reduce(BTreeMap::new, |mut a, b| {
                for (k, ct) in b {
                    cx.accumulate(&mut a, k, ct)?;
                }
                Ok(a)
            })?;
        for ((ob, gs), ct) in sums {
            cx.accumulate(&mut groups[ob], gs, ct)?;
        }
    }
    groups
        .into_par_iter()
        .enumerate()
        .map(|(ob, gr)| {
            let acc = cx
                .sum_groups(gr)?
                .ok_or_else(|| HeError::Unsupported("pool with only zero weights".into()))?;
            let mut acc = cx.finish(&acc)?;
            // Rotate-and-sum the Tp frames of every lane into its first slot, then the
            // bodies' lanes of every clip into its first lane.
            let mut step = 1;
            while step < lay.lane {
                acc = cx.ev.add(&acc, &cx.ev.rotate(&acc, step as i64)?)?;
                step *= 2;
            }
            let frames = acc.clone();
            for b in 1..lay.bodies_per_ct {
                let r = cx.ev.rotate(&frames, (b * lay.lane) as i64)?;
                acc = cx.ev.add(&acc, &r)?;
            }
            match &p.bias {
                Some(bias) => {
                    let mut s = vec![0.0; lay.slots];
                    for k in (ob * lay.period..p.classes).take(lay.period) {
                        for c in 0..lay.clips() {
                            s[lane_slot(lay, k % lay.period, c * lay.bodies_per_ct, 0)] = bias[k];
                        }
                    }
                    cx.add_values(&acc, &s)
                }
                None => Ok(acc),
            }
        })
        .collect()
}

/// Decrypted logits (one vector per clip) and the server's report for one inference, end to
/// end in one process.
#[derive(Clone, Debug, Serialize)]
pub struct HeRun {
    pub logits: Vec<Vec<f64>>,
    pub report: EvalReport,
    pub keygen_ms: f64,
    pub encrypt_ms: f64,
    pub decrypt_ms: f64,
}

/// Keygen (Galois keys for the plan's steps only), encrypt, evaluate, decrypt `clips` (one
/// inference: at most `plan.layout.clips()`).
pub fn run<B: Backend>(
    circuit: &Circuit,
    plan: &Plan,
    input: &Input,
    clips: &[usize],
) -> Result<HeRun> {
    let t = Instant::now();
    let client = B::keygen(&plan.params, &plan.rotation_steps)?;
    let server = B::server(&plan.params, &client.eval_keys()?)?;
    let keygen_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let x = encrypt_clips(&client, circuit, &plan.layout, input, clips)?;
    let encrypt_ms = t.elapsed().as_secs_f64() * 1e3;
    let (cts, report) = evaluate(&server, circuit, plan, x)?;
    let t = Instant::now();
    let mut logits = decrypt_logits(&client, &plan.layout, circuit.num_class, &cts)?;
    logits.truncate(clips.len());
    Ok(HeRun {
        logits,
        report,
        keygen_ms,
        encrypt_ms,
        decrypt_ms: t.elapsed().as_secs_f64() * 1e3,
    })
}
