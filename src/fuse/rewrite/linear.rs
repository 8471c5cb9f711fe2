//! Affine folds on a [`LinearOp`], each exact by linearity:
//!
//! ```text
//! scale_out:  sigma[w] * (W x + b)[w] + delta[w]  ==  (sigma W) x + (sigma b + delta)
//! scale_in:   W (s[c,v] * x)                     ==  (W diag(s)) x     (per pair column scale)
//! push_const: W (x + k) + b                      ==  W x + (b + W k)   (W k with the op's padding)
//! ```

use super::super::error::FuseError;
use super::super::ir::{LinearOp, PoolTerm};

/// Broadcasts a per-(c, v) constant `[C*V]` over `t` frames to a `[C, T, V]` map.
pub fn broadcast(konst: &[f64], c: usize, t: usize, v: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(c * t * v);
    for ci in 0..c {
        for _ in 0..t {
            out.extend_from_slice(&konst[ci * v..(ci + 1) * v]);
        }
    }
    out
}

/// Scales the output at node `dst` by `sigma[dst]` and adds `delta[dst]` to it.
pub fn scale_out(op: &mut LinearOp, sigma: &[f64], delta: &[f64], joints: usize) {
    for p in &mut op.pairs {
        if let Some(w) = &mut p.weight {
            w.iter_mut().for_each(|x| *x *= sigma[p.dst]);
        }
    }
    if let Some(b) = &mut op.bias {
        for (i, x) in b.iter_mut().enumerate() {
            let v = i % joints;
            *x = sigma[v] * *x + delta[v];
        }
    }
}

/// Scales input channel `ci` at node `src` by `s[ci * joints + src]`.
pub fn scale_in(op: &mut LinearOp, s: &[f64], joints: usize) {
    let (cin, k) = (op.cin, op.kernel);
    for p in &mut op.pairs {
        if let Some(w) = &mut p.weight {
            for (i, x) in w.iter_mut().enumerate() {
                *x *= s[((i / k) % cin) * joints + p.src];
            }
        }
    }
}

/// Folds a constant `[Cin*V]` added to the input into the bias.
pub fn push_const(op: &mut LinearOp, konst: &[f64], joints: usize) -> Result<(), FuseError> {
    if op.bias.is_none() || konst.iter().all(|&k| k == 0.0) {
        return Ok(());
    }
    let shifted = op.apply_lin(&broadcast(konst, op.cin, op.t_in, joints), joints)?;
    if let Some(b) = &mut op.bias {
        b.iter_mut().zip(shifted).for_each(|(b, s)| *b += s);
    }
    Ok(())
}

/// Folds a constant `[C*V]` added to a pool term's input into the pool bias (`bodies` copies).
pub fn push_const_pool(
    term: &PoolTerm,
    bias: &mut Option<Vec<f64>>,
    konst: &[f64],
    joints: usize,
    classes: usize,
    bodies: usize,
) -> Result<(), FuseError> {
    let Some(b) = bias else { return Ok(()) };
    if konst.iter().all(|&k| k == 0.0) {
        return Ok(());
    }
    let x = broadcast(konst, term.channels, term.t_in, joints);
    let part = term.apply(&x, joints, classes)?;
    b.iter_mut()
        .zip(part)
        .for_each(|(b, p)| *b += bodies as f64 * p);
    Ok(())
}
