//! Graph pass that drops all-identity activations and merges the linear ops around them
//! (see `compose` for the algebra), so a block whose gates are all 0 costs no level of its
//! own: its linear maps are absorbed into the next linear op (or the pooled classifier).
//!
//! Each all-identity activation is a *site* ([`sites`]); the caller says which sites to merge
//! across (`fuse` chooses them by the reference cost model), and the others stay in the
//! circuit as free barriers. A value with two readers is never merged into them: that would
//! copy its work into both (a shared producer is computed once).

use super::super::error::FuseError;
use super::super::ir::{Circuit, Op, PoolTerm, ValueId};
use super::compose::{composable, compose, identity, pool_after, sum, summable};
use super::linear::scale_out;

/// Indices of the ops that are all-identity activations: where merging can save a level.
pub fn sites(c: &Circuit) -> Vec<usize> {
    c.ops
        .iter()
        .enumerate()
        .filter(|(_, op)| matches!(op, Op::Act(a) if a.nodes.iter().all(|n| !n.is_nonlinear())))
        .map(|(j, _)| j)
        .collect()
}

/// Drops the activations at `chosen` (a subset of [`sites`]), applies the merge rules until
/// none fires, then removes dead ops and renumbers values.
pub fn merge_linear(c: &Circuit, chosen: &[usize]) -> Result<Circuit, FuseError> {
    let mut ops: Vec<Option<Op>> = c.ops.iter().cloned().map(Some).collect();
    for &j in chosen {
        match &ops[j] {
            Some(Op::Act(a)) if a.nodes.iter().all(|n| !n.is_nonlinear()) => {
                let input = a.input;
                rewire(&mut ops, j + 1, input);
                ops[j] = None;
            }
            _ => {
                return Err(FuseError::InvalidShape(format!(
                    "op {j} is not an all-identity activation"
                )))
            }
        }
    }
    while step(c, &mut ops)? {}
    Ok(compact(c, ops))
}

/// How many op inputs read value `id`.
fn readers(ops: &[Option<Op>], id: ValueId) -> usize {
    ops.iter()
        .flatten()
        .map(|op| op.inputs().into_iter().filter(|&i| i == id).count())
        .sum()
}

fn producer(ops: &[Option<Op>], id: ValueId) -> Option<&Op> {
    id.checked_sub(1).and_then(|j| ops[j].as_ref())
}

/// One rewrite, if any applies.
fn step(c: &Circuit, ops: &mut [Option<Op>]) -> Result<bool, FuseError> {
    for j in 0..ops.len() {
        let Some(op) = ops[j].clone() else { continue };
        let new = match &op {
            Op::Add(a) => merge_add(c, ops, a)?,
            Op::Linear(b) => match producer(ops, b.input) {
                Some(Op::Linear(a)) if composable(a, b) && readers(ops, b.input) == 1 => {
                    Some(Op::Linear(compose(a, b, c.joints)?))
                }
                _ => None,
            },
            Op::Pool(p) => merge_pool(c, ops, p)?.map(Op::Pool),
            Op::Act(_) => None,
        };
        if let Some(new) = new {
            ops[j] = Some(new);
            remove_dead(ops);
            return Ok(true);
        }
    }
    Ok(false)
}

/// `L(x) + s x` or `L(x) + R(x)` as one linear op.
fn merge_add(
    c: &Circuit,
    ops: &[Option<Op>],
    a: &super::super::ir::AddOp,
) -> Result<Option<Op>, FuseError> {
    let Some(Op::Linear(l)) = producer(ops, a.lhs) else {
        return Ok(None);
    };
    if a.lhs == a.rhs || readers(ops, a.lhs) != 1 {
        return Ok(None);
    }
    let r = match producer(ops, a.rhs) {
        _ if a.rhs == l.input && l.stride == 1 && l.cin == l.cout => {
            identity(a.rhs, l.cin, l.t_in, &a.rhs_scale, c.structural)
        }
        Some(Op::Linear(r)) if readers(ops, a.rhs) == 1 => {
            let mut r = r.clone();
            scale_out(&mut r, &a.rhs_scale, &vec![0.0; c.joints], c.joints);
            r
        }
        _ => return Ok(None),
    };
    Ok(summable(l, &r).then(|| Op::Linear(sum(l, &r))))
}

/// Splits pool terms over adds and composes them with the linear ops feeding them.
fn merge_pool(
    c: &Circuit,
    ops: &[Option<Op>],
    p: &super::super::ir::PoolOp,
) -> Result<Option<super::super::ir::PoolOp>, FuseError> {
    let mut out = p.clone();
    for (i, t) in p.terms.iter().enumerate() {
        if readers(ops, t.input) != 1 {
            continue;
        }
        match producer(ops, t.input) {
            Some(Op::Add(a)) => {
                let lhs = PoolTerm {
                    input: a.lhs,
                    ..t.clone()
                };
                let rhs = PoolTerm {
                    input: a.rhs,
                    weight: t.weight.as_ref().map(|w| scale_nodes(w, &a.rhs_scale, t)),
                    ..t.clone()
                };
                out.terms.splice(i..=i, [lhs, rhs]);
                return Ok(Some(out));
            }
            Some(Op::Linear(l)) if t.kernel == 1 && t.stride == 1 => {
                let (term, b) = pool_after(t, l, c.joints, p.classes)?;
                out.terms[i] = term;
                if let (Some(bias), Some(b)) = (&mut out.bias, b) {
                    bias.iter_mut()
                        .zip(b)
                        .for_each(|(x, y)| *x += c.bodies as f64 * y);
                }
                return Ok(Some(out));
            }
            _ => {}
        }
    }
    Ok(None)
}

/// Pool weights [classes, V, C, kernel] with node v scaled by `s[v]`.
fn scale_nodes(w: &[f64], s: &[f64], t: &PoolTerm) -> Vec<f64> {
    let per_node = t.channels * t.kernel;
    w.iter()
        .enumerate()
        .map(|(i, x)| x * s[(i / per_node) % s.len()])
        .collect()
}

fn rewire(ops: &mut [Option<Op>], from: ValueId, to: ValueId) {
    for op in ops.iter_mut().flatten() {
        for id in op.inputs_mut() {
            if *id == from {
                *id = to;
            }
        }
    }
}

/// Drops ops whose value nobody reads (the pool, last, is always live).
fn remove_dead(ops: &mut [Option<Op>]) {
    loop {
        let mut used = vec![false; ops.len() + 1];
        for op in ops.iter().flatten() {
            op.inputs().into_iter().for_each(|i| used[i] = true);
        }
        let last = ops.len() - 1;
        let dead: Vec<usize> = (0..last)
            .filter(|&j| ops[j].is_some() && !used[j + 1])
            .collect();
        if dead.is_empty() {
            return;
        }
        dead.into_iter().for_each(|j| ops[j] = None);
    }
}

/// Renumbers the surviving ops densely.
fn compact(c: &Circuit, ops: Vec<Option<Op>>) -> Circuit {
    let mut map = vec![0; ops.len() + 1];
    let mut out = Vec::new();
    for (j, op) in ops.into_iter().enumerate() {
        if let Some(mut op) = op {
            op.inputs_mut().into_iter().for_each(|id| *id = map[*id]);
            out.push(op);
            map[j + 1] = out.len();
        }
    }
    Circuit {
        ops: out,
        ..c.clone()
    }
}
