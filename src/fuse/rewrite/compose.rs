//! Algebra of merging linear ops (all exact, including zero padding):
//!
//! - `compose(A, B)` = B after A, when A is time-local (kernel 1, stride 1: it commutes with
//!   B's zero padding) or B has kernel 1 (it reads A's output only at valid frames):
//!   `W[v->w][j] = sum_u W_B[u->w][j_B] W_A[v->u][j_A]`, bias `b_B + B(b_A)`.
//! - `sum(A, B)` on the same input with equal strides: pairs united, a kernel-1 op enters
//!   at the centre tap `pad` (it reads frame `s t`, like tap `pad` of the wider op).
//! - `pool_after(P, A)`: `sum_t P x_A(t) = sum_t P W_A x(s t + j - pad)`, a pool term with
//!   A's taps, `Q[k,v,ci,j] = sum_{v->w} sum_c P[k,w,c] W_A[v->w][c,ci,j]`.

use std::collections::BTreeMap;

use super::super::error::FuseError;
use super::super::ir::{LinearOp, Pair, PoolTerm};

/// Whether `compose(a, b)` is exact.
pub fn composable(a: &LinearOp, b: &LinearOp) -> bool {
    (a.kernel == 1 && a.stride == 1) || b.kernel == 1
}

/// B after A as one op reading A's input.
pub fn compose(a: &LinearOp, b: &LinearOp, joints: usize) -> Result<LinearOp, FuseError> {
    let a_local = a.kernel == 1 && a.stride == 1;
    let (kernel, stride, pad) = if a_local {
        (b.kernel, b.stride, b.pad)
    } else {
        (a.kernel, a.stride * b.stride, a.pad)
    };
    let structural = a.pairs.iter().chain(&b.pairs).any(|p| p.weight.is_none());
    let mut acc: BTreeMap<(usize, usize), Option<Vec<f64>>> = BTreeMap::new();
    for pa in &a.pairs {
        for pb in b.pairs.iter().filter(|pb| pb.src == pa.dst) {
            let e = acc
                .entry((pa.src, pb.dst))
                .or_insert_with(|| (!structural).then(|| vec![0.0; b.cout * a.cin * kernel]));
            if let (Some(m), Some(wa), Some(wb)) = (e.as_mut(), &pa.weight, &pb.weight) {
                for j in 0..kernel {
                    let (ja, jb) = if a_local { (0, j) } else { (j, 0) };
                    matmul_acc(
                        m,
                        wb,
                        wa,
                        (b.cout, b.cin, a.cin),
                        (kernel, b.kernel, a.kernel),
                        (j, jb, ja),
                    );
                }
            }
        }
    }
    let pairs = acc
        .into_iter()
        .map(|((src, dst), weight)| Pair { src, dst, weight })
        .collect();
    let bias = match (&a.bias, &b.bias) {
        (Some(ba), Some(bb)) => {
            let pushed = b.apply_lin(ba, joints)?;
            Some(bb.iter().zip(pushed).map(|(x, y)| x + y).collect())
        }
        _ => None,
    };
    Ok(LinearOp {
        label: format!("{}+{}", a.label, b.label),
        input: a.input,
        cin: a.cin,
        cout: b.cout,
        kernel,
        stride,
        pad,
        t_in: a.t_in,
        t_out: b.t_out,
        pairs,
        bias,
    })
}

/// `out[:, :, jo] += x[:, :, jx] * y[:, :, jy]` for [n, m, kx] x [m, p, ky] -> [n, p, ko].
fn matmul_acc(
    out: &mut [f64],
    x: &[f64],
    y: &[f64],
    (n, m, p): (usize, usize, usize),
    (ko, kx, ky): (usize, usize, usize),
    (jo, jx, jy): (usize, usize, usize),
) {
    for r in 0..n {
        for q in 0..m {
            let xv = x[(r * m + q) * kx + jx];
            if xv == 0.0 {
                continue;
            }
            for c in 0..p {
                out[(r * p + c) * ko + jo] += xv * y[(q * p + c) * ky + jy];
            }
        }
    }
}

/// Whether `sum(a, b)` is exact (same input and output grid).
pub fn summable(a: &LinearOp, b: &LinearOp) -> bool {
    a.input == b.input
        && a.stride == b.stride
        && a.t_out == b.t_out
        && a.cout == b.cout
        && (a.kernel == b.kernel || a.kernel == 1 || b.kernel == 1)
}

/// `a + b` as one op.
pub fn sum(a: &LinearOp, b: &LinearOp) -> LinearOp {
    let (wide, narrow) = if a.kernel >= b.kernel { (a, b) } else { (b, a) };
    let mut acc: BTreeMap<(usize, usize), Option<Vec<f64>>> = BTreeMap::new();
    for p in &wide.pairs {
        acc.insert((p.src, p.dst), p.weight.clone());
    }
    for p in &narrow.pairs {
        let e = acc.entry((p.src, p.dst)).or_insert_with(|| {
            p.weight
                .as_ref()
                .map(|_| vec![0.0; wide.cout * wide.cin * wide.kernel])
        });
        if let (Some(w), Some(pw)) = (e.as_mut(), &p.weight) {
            let tap = if narrow.kernel == wide.kernel {
                None
            } else {
                Some(wide.pad)
            };
            for (i, x) in pw.iter().enumerate() {
                let dst = tap.map_or(i, |t| i * wide.kernel + t);
                w[dst] += x;
            }
        }
    }
    let bias = match (&a.bias, &b.bias) {
        (Some(x), Some(y)) => Some(x.iter().zip(y).map(|(x, y)| x + y).collect()),
        _ => None,
    };
    let pairs = acc
        .into_iter()
        .map(|((src, dst), weight)| Pair { src, dst, weight })
        .collect();
    LinearOp {
        label: format!("{}+{}", a.label, b.label),
        pairs,
        bias,
        ..wide.clone()
    }
}

/// `scale[v] * x` as a linear op (the identity residual), kernel 1.
pub fn identity(input: usize, c: usize, t: usize, scale: &[f64], structural: bool) -> LinearOp {
    let eye = |s: f64| {
        (0..c * c)
            .map(|e| if e / c == e % c { s } else { 0.0 })
            .collect()
    };
    LinearOp {
        label: "identity".into(),
        input,
        cin: c,
        cout: c,
        kernel: 1,
        stride: 1,
        pad: 0,
        t_in: t,
        t_out: t,
        pairs: scale
            .iter()
            .enumerate()
            .map(|(v, &s)| Pair {
                src: v,
                dst: v,
                weight: (!structural).then(|| eye(s)),
            })
            .collect(),
        bias: (!structural).then(|| vec![0.0; c * t * scale.len()]),
    }
}

/// Pool term (kernel 1) after `a`, plus the bias contribution per body.
pub fn pool_after(
    term: &PoolTerm,
    a: &LinearOp,
    joints: usize,
    classes: usize,
) -> Result<(PoolTerm, Option<Vec<f64>>), FuseError> {
    let (c, ci, k) = (a.cout, a.cin, a.kernel);
    let weight = match &term.weight {
        Some(q) if a.pairs.iter().all(|p| p.weight.is_some()) => {
            let mut out = vec![0.0; classes * joints * ci * k];
            for p in &a.pairs {
                let w = p.weight.as_ref().expect("checked");
                for cls in 0..classes {
                    let q_row = &q[(cls * joints + p.dst) * c..(cls * joints + p.dst + 1) * c];
                    let o = &mut out
                        [(cls * joints + p.src) * ci * k..(cls * joints + p.src + 1) * ci * k];
                    for (cc, qv) in q_row.iter().enumerate() {
                        o.iter_mut()
                            .zip(&w[cc * ci * k..(cc + 1) * ci * k])
                            .for_each(|(o, w)| *o += qv * w);
                    }
                }
            }
            Some(out)
        }
        _ => None,
    };
    let bias = match (&a.bias, term.weight.is_some()) {
        (Some(b), true) => Some(term.apply(b, joints, classes)?),
        _ => None,
    };
    let new = PoolTerm {
        input: a.input,
        channels: ci,
        kernel: k,
        stride: a.stride,
        pad: a.pad,
        t_in: a.t_in,
        t_out: a.t_out,
        weight,
    };
    Ok((new, bias))
}
