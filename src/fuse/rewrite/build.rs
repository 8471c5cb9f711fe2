//! Builds the circuit block by block with every inference-time fold applied:
//! BatchNorms into their convs, data BN into the first graph conv, edge importance into the
//! adjacency (done when reading weights), gates and polynomials into node ops plus producer
//! scales/shifts, activation constants into consumer biases, pooling + classifier into one map.
//! Weights are optional so the same code builds structural circuits for planning.

use super::super::error::FuseError;
use super::super::ir::{
    ActOp, AddOp, Circuit, LinearOp, Op, Pair, PoolOp, PoolTerm, ValueId, ValueShape,
};
use super::super::shape::{out_frames, ModelShape, Residual};
use super::super::weights::{Affine, BlockWeights, ModelWeights, ResidualWeights};
use super::act::FoldedAct;
use super::linear::{broadcast, push_const, push_const_pool, scale_in, scale_out};

/// What the builder needs: shape, optional weights, graph-conv node pairs and folded units.
pub struct Source<'a> {
    pub shape: &'a ModelShape,
    pub weights: Option<&'a ModelWeights>,
    /// Per block, sorted (src, dst) pairs with a nonzero adjacency entry.
    pub pairs: Vec<Vec<(usize, usize)>>,
    /// Per block, the two folded units.
    pub acts: Vec<[FoldedAct; 2]>,
}

/// A value plus the affine map still pending on it (data BN on the raw input, activation
/// constants on block outputs): the true value is `scale * x + konst`, per (c, v).
struct Pending {
    id: ValueId,
    scale: Option<Vec<f64>>,
    konst: Vec<f64>,
}

/// Builds the (unmerged) fused circuit.
pub fn build(src: &Source) -> Result<Circuit, FuseError> {
    let sh = src.shape;
    let mut ops = Vec::new();
    let mut x = input_pending(src);
    for i in 0..sh.blocks.len() {
        x = block(src, i, x, &mut ops)?;
    }
    ops.push(Op::Pool(pool(src, &x)?));
    let c = Circuit {
        input: ValueShape {
            channels: sh.in_channels,
            frames: sh.frames,
        },
        joints: sh.joints,
        bodies: sh.bodies,
        num_class: sh.num_class,
        structural: src.weights.is_none(),
        ops,
    };
    c.validate()?;
    Ok(c)
}

/// The raw input with the data BN pending (index v*C + c in the checkpoint, c*V + v here).
fn input_pending(src: &Source) -> Pending {
    let (c, v) = (src.shape.in_channels, src.shape.joints);
    let reorder = |x: &[f64]| (0..c * v).map(|i| x[(i % v) * c + i / v]).collect();
    match src.weights {
        Some(w) => Pending {
            id: 0,
            scale: Some(reorder(&w.data_bn.scale)),
            konst: reorder(&w.data_bn.shift),
        },
        None => Pending {
            id: 0,
            scale: None,
            konst: vec![0.0; c * v],
        },
    }
}

fn push(ops: &mut Vec<Op>, op: Op) -> ValueId {
    ops.push(op);
    ops.len()
}

fn block(src: &Source, i: usize, x: Pending, ops: &mut Vec<Op>) -> Result<Pending, FuseError> {
    let (sh, v) = (src.shape, src.shape.joints);
    let bs = &sh.blocks[i];
    let bw = src.weights.map(|w| &w.blocks[i]);
    let [a0, a1] = &src.acts[i];
    let t_in = sh.frames_in(i);
    let t_out = out_frames(t_in, bs.stride);

    let mut gc = graph_conv(src, i, x.id, t_in)?;
    push_const(&mut gc, &x.konst, v)?;
    if let Some(s) = &x.scale {
        scale_in(&mut gc, s, v);
    }
    scale_out(&mut gc, &a0.sigma, &a0.delta, v);
    let z = push(ops, Op::Linear(gc));
    let shape0 = ValueShape {
        channels: bs.cout,
        frames: t_in,
    };
    let a = push(
        ops,
        Op::Act(ActOp {
            label: format!("b{i}.act0"),
            input: z,
            shape: shape0,
            nodes: a0.nodes.clone(),
        }),
    );

    let mut tc = temporal_conv(sh, bw, i, a, t_in)?;
    push_const(&mut tc, &per_channel(&a0.konst, bs.cout), v)?;
    let shape1 = ValueShape {
        channels: bs.cout,
        frames: t_out,
    };
    let sum = match bs.residual {
        Residual::None => {
            scale_out(&mut tc, &a1.sigma, &a1.delta, v);
            push(ops, Op::Linear(tc))
        }
        Residual::Identity => {
            if x.scale.is_some() {
                return Err(FuseError::InvalidShape(
                    "identity residual on the raw input".into(),
                ));
            }
            // act1(tc + x + k_x): the residual's pending constant joins tc's bias.
            if let Some(b) = &mut tc.bias {
                b.iter_mut()
                    .zip(broadcast(&x.konst, bs.cout, t_out, v))
                    .for_each(|(b, k)| *b += k);
            }
            scale_out(&mut tc, &a1.sigma, &a1.delta, v);
            let lhs = push(ops, Op::Linear(tc));
            let add = AddOp {
                label: format!("b{i}.add"),
                lhs,
                rhs: x.id,
                shape: shape1,
                rhs_scale: a1.sigma.clone(),
            };
            push(ops, Op::Add(add))
        }
        Residual::Conv => {
            let mut r = residual_conv(sh, bw, i, x.id, t_in)?;
            push_const(&mut r, &x.konst, v)?;
            if let Some(s) = &x.scale {
                scale_in(&mut r, s, v);
            }
            scale_out(&mut r, &a1.sigma, &vec![0.0; v], v);
            scale_out(&mut tc, &a1.sigma, &a1.delta, v);
            let lhs = push(ops, Op::Linear(tc));
            let rhs = push(ops, Op::Linear(r));
            let add = AddOp {
                label: format!("b{i}.add"),
                lhs,
                rhs,
                shape: shape1,
                rhs_scale: vec![1.0; v],
            };
            push(ops, Op::Add(add))
        }
    };
    let out = push(
        ops,
        Op::Act(ActOp {
            label: format!("b{i}.act1"),
            input: sum,
            shape: shape1,
            nodes: a1.nodes.clone(),
        }),
    );
    Ok(Pending {
        id: out,
        scale: None,
        konst: per_channel(&a1.konst, bs.cout),
    })
}

/// A per-node constant [V] repeated for `c` channels, [C*V].
fn per_channel(k: &[f64], c: usize) -> Vec<f64> {
    k.repeat(c)
}

/// `bias[c, t, v] = f(c, v)` over `t` frames.
fn bias_map(c: usize, t: usize, v: usize, f: impl Fn(usize, usize) -> f64) -> Vec<f64> {
    (0..c * t * v).map(|i| f(i / (t * v), i % v)).collect()
}

/// y[c,t,w] = BN0(sum_k sum_v adj[k][v][w] (W_k x + b_k)[c,t,v]) as one op: the channel
/// mixing and the adjacency are merged per (v, w) pair so they cost one level.
fn graph_conv(src: &Source, i: usize, input: ValueId, t: usize) -> Result<LinearOp, FuseError> {
    let (sh, v) = (src.shape, src.shape.joints);
    let bs = &sh.blocks[i];
    let (cin, cout, kk) = (bs.cin, bs.cout, sh.partitions);
    let bw = src.weights.map(|w| &w.blocks[i]);
    let adj = |w: &BlockWeights, k: usize, a: usize, b: usize| w.adj[(k * v + a) * v + b];
    let pairs = src.pairs[i]
        .iter()
        .map(|&(s, d)| Pair {
            src: s,
            dst: d,
            weight: bw.map(|w| {
                (0..cout * cin)
                    .map(|e| {
                        let (c, ci) = (e / cin, e % cin);
                        let m: f64 = (0..kk)
                            .map(|k| adj(w, k, s, d) * w.gcn_w[(k * cout + c) * cin + ci])
                            .sum();
                        w.bn0.scale[c] * m
                    })
                    .collect()
            }),
        })
        .collect();
    let bias = bw.map(|w| {
        bias_map(cout, t, v, |c, d| {
            let b: f64 = (0..kk)
                .map(|k| w.gcn_b[k * cout + c] * (0..v).map(|s| adj(w, k, s, d)).sum::<f64>())
                .sum();
            w.bn0.scale[c] * b + w.bn0.shift[c]
        })
    });
    Ok(LinearOp {
        label: format!("b{i}.gcn"),
        input,
        cin,
        cout,
        kernel: 1,
        stride: 1,
        pad: 0,
        t_in: t,
        t_out: t,
        pairs,
        bias,
    })
}

/// A conv applied node by node (pairs (v, v)) with BatchNorm folded:
/// `bn(W x + b) = (scale W) x + (scale b + shift)`.
fn nodewise_conv(
    label: String,
    v: usize,
    input: ValueId,
    (cin, cout, kernel, stride): (usize, usize, usize, usize),
    t_in: usize,
    wb: Option<(&[f64], &[f64], &Affine)>,
) -> LinearOp {
    let t_out = out_frames(t_in, stride);
    let folded = wb.map(|(w, _, bn)| {
        (0..w.len())
            .map(|e| bn.scale[e / (cin * kernel)] * w[e])
            .collect::<Vec<f64>>()
    });
    LinearOp {
        label,
        input,
        cin,
        cout,
        kernel,
        stride,
        pad: (kernel - 1) / 2,
        t_in,
        t_out,
        pairs: (0..v)
            .map(|n| Pair {
                src: n,
                dst: n,
                weight: folded.clone(),
            })
            .collect(),
        bias: wb
            .map(|(_, b, bn)| bias_map(cout, t_out, v, |c, _| bn.scale[c] * b[c] + bn.shift[c])),
    }
}

fn temporal_conv(
    sh: &ModelShape,
    bw: Option<&BlockWeights>,
    i: usize,
    input: ValueId,
    t: usize,
) -> Result<LinearOp, FuseError> {
    let bs = &sh.blocks[i];
    let dims = (bs.cout, bs.cout, sh.temporal_kernel, bs.stride);
    let wb = bw.map(|w| (&w.tcn_w[..], &w.tcn_b[..], &w.bn1));
    Ok(nodewise_conv(
        format!("b{i}.tcn"),
        sh.joints,
        input,
        dims,
        t,
        wb,
    ))
}

fn residual_conv(
    sh: &ModelShape,
    bw: Option<&BlockWeights>,
    i: usize,
    input: ValueId,
    t: usize,
) -> Result<LinearOp, FuseError> {
    let bs = &sh.blocks[i];
    let wb = match bw.map(|w| &w.residual) {
        Some(ResidualWeights::Conv { w, b, bn }) => Some((&w[..], &b[..], bn)),
        Some(_) => {
            return Err(FuseError::InvalidShape(format!(
                "block {i}: residual weights do not match the shape"
            )))
        }
        None => None,
    };
    Ok(nodewise_conv(
        format!("b{i}.res"),
        sh.joints,
        input,
        (bs.cin, bs.cout, 1, bs.stride),
        t,
        wb,
    ))
}

/// Average pool over (T, V), mean over bodies and the classifier as one map:
/// `logits[k] = b[k] + sum_{m,c,t,v} W[k,c] / (T V M) * x_m[c,t,v]`.
fn pool(src: &Source, x: &Pending) -> Result<PoolOp, FuseError> {
    let sh = src.shape;
    let c = sh.blocks.last().map_or(sh.in_channels, |b| b.cout);
    let (t, v, k, m) = (sh.frames_out(), sh.joints, sh.num_class, sh.bodies);
    let norm = (t * v * m) as f64;
    let weight = src.weights.map(|w| {
        (0..k * v * c)
            .map(|e| w.fc_w[(e / (v * c)) * c + e % c] / norm)
            .collect()
    });
    let term = PoolTerm {
        input: x.id,
        channels: c,
        kernel: 1,
        stride: 1,
        pad: 0,
        t_in: t,
        t_out: t,
        weight,
    };
    let mut bias = src.weights.map(|w| w.fc_b.clone());
    push_const_pool(&term, &mut bias, &x.konst, v, k, m)?;
    Ok(PoolOp {
        label: "pool_dense".into(),
        classes: k,
        terms: vec![term],
        bias,
    })
}
