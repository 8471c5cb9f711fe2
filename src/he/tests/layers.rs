//! Every encrypted layer kind against its plaintext version, one op at a time: the op's inputs
//! are the exact plaintext values, encrypted at the levels and scales `he::eval::evaluate` would
//! give them (`fuse::depth::value_levels`, canonical scales), the op runs alone
//! (`evaluate_op`), and its decrypted output is compared slot by slot (every repeated chunk,
//! and zeros between the valid frames) with `fuse::eval::body_values`. Each op's output level
//! must equal the plan's, per node and per layer.
//!
//! Hand-built circuits on 5 joints and 8 frames keep the depth <= 3, so the planner picks
//! N = 8192 (the smallest ring with a 30-40 bit scale at 128-bit security) and each SEAL case
//! takes about a second.
//!
//! Tolerance on SEAL, from the scale. With `u = N / scale`, measured here at N = 8192 (max
//! over the 4096 slots of values in [-1, 1]): a fresh encryption (at any level) errs by about
//! 1 u, a multiply + rescale adds about 1.5 u, and a rotation adds 45-85 u: key-switching
//! noise, large because the special prime is no larger than the first prime. Relinearizing a
//! square and the giant-step rotations happen before a rescale (at scale ~ `q * scale`), so
//! their noise is negligible after it. Hence, for an op of gain `G` (the L1 norm of the
//! weights feeding one output, `2|a2| max|x| + |a1| + |a2|` for a square, `1 + |s|` for an
//! add) on inputs of magnitude `x`:
//!
//! ```text
//! tol = u * (8 (1 + G (1 + x)) + 128 (G [baby-step rotations: linear, pool] + (Tp - 1) [pool]))
//! ```
//!
//! where the pool's rotate-and-sum over a chunk of `Tp` slots adds `Tp - 1` key switches.
//! About 3-10x above the errors seen. The simulator is exact (1e-9).

use std::collections::BTreeSet;

use super::checkpoint::{random_circuit, tiny_shape, Rng};
use crate::fuse::depth::value_levels;
use crate::fuse::eval::{body_values, evaluate as plain_logits, Input};
use crate::fuse::ir::{
    ActOp, AddOp, Circuit, LinearOp, NodeAct, Op, Pair, PoolOp, PoolTerm, ValueShape,
};
use crate::fuse::plan::{plan, PlanRequest};
use crate::he::backend::{canonical_scales, Backend, Client, Evaluator};
use crate::he::eval::{
    decrypt_logits, encrypt_value, evaluate_op_capped, independent_chunks, OpOutput, MAX_ROTATED,
};
use crate::he::layout::{chunk_channel, chunks, dilations, lane_slot};
use crate::he::sim::Sim;

const V: usize = 5;
const T: usize = 8;

fn vals(rng: &mut Rng, n: usize, lo: f64, hi: f64) -> Vec<f64> {
    (0..n).map(|_| rng.uniform(lo, hi)).collect()
}

/// A linear op with random weights: `pairs` (src, dst), kernel, stride; centred padding.
#[allow(clippy::too_many_arguments)]
fn linear(
    rng: &mut Rng,
    label: &str,
    input: usize,
    cin: usize,
    cout: usize,
    kernel: usize,
    stride: usize,
    t_in: usize,
    pairs: &[(usize, usize)],
) -> Op {
    let t_out = (t_in - 1) / stride + 1;
    let fan = (cin * kernel * pairs.len().div_ceil(V)) as f64;
    let a = 1.5 / fan.sqrt();
    Op::Linear(LinearOp {
        label: label.into(),
        input,
        cin,
        cout,
        kernel,
        stride,
        pad: (kernel - 1) / 2,
        t_in,
        t_out,
        pairs: pairs
            .iter()
            .map(|&(src, dst)| Pair {
                src,
                dst,
                weight: Some(vals(rng, cout * cin * kernel, -a, a)),
            })
            .collect(),
        bias: Some(vals(rng, cout * t_out * V, -0.3, 0.3)),
    })
}

/// The pooled classifier over `terms` = (value, channels, frames, kernel), bias included.
fn pool(
    rng: &mut Rng,
    classes: usize,
    bodies: usize,
    terms: &[(usize, usize, usize, usize)],
) -> Op {
    Op::Pool(PoolOp {
        label: "pool".into(),
        classes,
        terms: terms
            .iter()
            .map(|&(input, channels, t_in, kernel)| {
                let a = 1.0 / (t_in * bodies * V) as f64;
                PoolTerm {
                    input,
                    channels,
                    kernel,
                    stride: 1,
                    pad: (kernel - 1) / 2,
                    t_in,
                    t_out: t_in,
                    weight: Some(vals(rng, classes * V * channels * kernel, -a, a)),
                }
            })
            .collect(),
        bias: Some(vals(rng, classes, -0.5, 0.5)),
    })
}

fn circuit(channels: usize, bodies: usize, classes: usize, ops: Vec<Op>) -> Circuit {
    let c = Circuit {
        input: ValueShape {
            channels,
            frames: T,
        },
        joints: V,
        bodies,
        num_class: classes,
        structural: false,
        ops,
    };
    c.validate().expect("valid test circuit");
    c
}

/// Graph edges on 5 joints: self loops plus a small directed skeleton (joint 4 has no inputs
/// but itself; joint 0 feeds three joints).
fn graph() -> Vec<(usize, usize)> {
    let mut p: Vec<(usize, usize)> = (0..V).map(|v| (v, v)).collect();
    p.extend([(0, 1), (1, 0), (0, 2), (2, 3), (3, 2), (0, 3), (4, 1)]);
    p.sort();
    p
}

fn self_loops() -> Vec<(usize, usize)> {
    (0..V).map(|v| (v, v)).collect()
}

/// Max over the op's outputs of the L1 norm of the weights feeding it (noise gain).
fn gain(c: &Circuit, j: usize, x_max: f64) -> f64 {
    let v = c.joints;
    let ones = |id: usize| {
        let s = c.value_shape(id).expect("shape");
        vec![1.0; s.channels * s.frames * v]
    };
    let max = |v: Vec<f64>| v.into_iter().fold(0.0, f64::max);
    match &c.ops[j] {
        Op::Linear(l) => {
            let mut abs = l.clone();
            for p in &mut abs.pairs {
                p.weight = p
                    .weight
                    .as_ref()
                    .map(|w| w.iter().map(|x| x.abs()).collect());
            }
            max(abs.apply_lin(&ones(l.input), v).expect("apply"))
        }
        Op::Act(a) => a
            .nodes
            .iter()
            .map(|n| match *n {
                NodeAct::Square { a2, a1 } => 2.0 * a2.abs() * x_max + a1.abs() + a2.abs(),
                _ => 1.0,
            })
            .fold(0.0, f64::max),
        Op::Add(a) => 1.0 + a.rhs_scale.iter().fold(0.0f64, |m, s| m.max(s.abs())),
        Op::Pool(p) => {
            let mut per_class = vec![0.0; p.classes];
            for t in &p.terms {
                let mut abs = t.clone();
                abs.weight = t
                    .weight
                    .as_ref()
                    .map(|w| w.iter().map(|x| x.abs()).collect());
                let part = abs.apply(&ones(t.input), v, p.classes).expect("apply");
                per_class.iter_mut().zip(part).for_each(|(a, b)| *a += b);
            }
            c.bodies as f64 * max(per_class)
        }
    }
}

/// Runs every op of `c` alone on backend `B` and checks values and levels; returns the
/// largest error / tolerance ratio seen.
fn check_layers<B: Backend>(name: &str, c: &Circuit, seed: u64, exact: bool) -> f64 {
    let p = plan(c, &PlanRequest::default(), None).expect("plan");
    let client = B::keygen(&p.params, &p.rotation_steps).expect("keygen");
    let server = B::server(&p.params, &client.eval_keys().expect("keys")).expect("server");
    let scales = canonical_scales(&server);
    let levels = value_levels(c);
    let dil = dilations(c);
    let lay = p.layout;
    let mut rng = Rng::new(seed);
    let (t, v) = (c.input.frames, c.joints);
    let input = Input::new(
        [1, c.input.channels, t, v, c.bodies],
        vals(&mut rng, c.input.channels * t * v * c.bodies, -1.0, 1.0),
    )
    .expect("input");
    // plain[m][id]: every value of body m.
    let plain: Vec<Vec<Vec<f64>>> = (0..c.bodies)
        .map(|m| body_values(c, input.body(0, m)).expect("plaintext"))
        .collect();
    let unit = p.params.ring_dim as f64 / 2f64.powi(p.params.scale_bits as i32);
    let mut worst = 0.0f64;
    for (j, op) in c.ops.iter().enumerate() {
        let mut values = vec![None; j + 1];
        let mut x_max = 0.0f64;
        for id in op.inputs() {
            let bodies: Vec<Vec<f64>> = plain.iter().map(|b| b[id].clone()).collect();
            x_max = bodies.iter().flatten().fold(x_max, |m, x| m.max(x.abs()));
            let enc = encrypt_value(&client, c, &lay, id, &bodies, &levels[id], &scales)
                .expect("encrypt input");
            values[id] = Some(enc);
        }
        let g = gain(c, j, x_max);
        let key_switches = match op {
            Op::Linear(_) => g,
            Op::Pool(_) => g + (lay.lane + lay.bodies_per_ct - 2) as f64,
            Op::Act(_) | Op::Add(_) => 0.0,
        };
        let tol = if exact {
            1e-9 * (1.0 + x_max)
        } else {
            unit * (8.0 * (1.0 + g * (1.0 + x_max)) + 128.0 * key_switches)
        };
        // Once with every rotation of a linear op alive together, once in chunks of one
        // independent node group: the same values from the same number of rotations.
        let mut rotations = Vec::new();
        for cap in [MAX_ROTATED, 1] {
            let before = server.counts();
            let (out, level) =
                evaluate_op_capped(&server, c, &p, j, &values, cap).expect("evaluate op");
            rotations.push(server.counts().rotations - before.rotations);
            assert_eq!(
                level,
                p.layers[j].depth,
                "{name}: op {j} ({}) level vs plan",
                op.label()
            );
            let mut err = 0.0f64;
            match out {
                OpOutput::Value(out) => {
                    let shape = op.out_shape().expect("value op");
                    let d = dil[j + 1];
                    let bpc = lay.bodies_per_ct;
                    for (m, (group, lane)) in
                        (0..c.bodies).map(|m| (&out[m / bpc], m % bpc)).enumerate()
                    {
                        let want = &plain[m][j + 1];
                        for (node, cts) in group.iter().enumerate() {
                            for (blk, ct) in cts.iter().enumerate() {
                                assert_eq!(
                                    server.level(ct).expect("level"),
                                    levels[j + 1][node],
                                    "{name}: op {j} node {node} level"
                                );
                                let s = client.decrypt(ct).expect("decrypt");
                                for i in 0..chunks(&lay) {
                                    let ch = chunk_channel(&lay, blk, i, shape.channels);
                                    for pos in 0..lay.lane {
                                        let exp = match ch {
                                            Some(ch) if pos % d == 0 && pos / d < shape.frames => {
                                                want[(ch * shape.frames + pos / d) * v + node]
                                            }
                                            _ => 0.0,
                                        };
                                        err =
                                            err.max((s[lane_slot(&lay, i, lane, pos)] - exp).abs());
                                    }
                                }
                            }
                        }
                    }
                }
                OpOutput::Logits(cts) => {
                    let got = decrypt_logits(&client, &lay, c.num_class, &cts[0]).expect("decrypt");
                    let want = plain_logits(c, &input).expect("plaintext logits");
                    for (g, w) in got[0].iter().zip(&want) {
                        err = err.max((g - w).abs());
                    }
                }
            }
            eprintln!(
                "{name}: op {j} {:<6} {:<10} (at most {cap} rotations alive) level {level} N={} scale 2^{}: gain {g:.2}, max err {err:.2e} = {:.1} N/scale, tol {tol:.2e}",
                op.kind(),
                op.label(),
                p.params.ring_dim,
                p.params.scale_bits,
                err / unit
            );
            assert!(
                err <= tol,
                "{name}: op {j} ({}) max error {err:e} > {tol:e}",
                op.label()
            );
            worst = worst.max(err / tol);
        }
        assert_eq!(
            rotations[0], rotations[1],
            "{name}: op {j}: chunks repeated rotations"
        );
    }
    worst
}

/// Graph conv (kernel 1 over a directed graph, 3 -> 5 channels: a partial channel block).
fn graph_conv(rng: &mut Rng) -> Circuit {
    let ops = vec![
        linear(rng, "gcn", 0, 3, 5, 1, 1, T, &graph()),
        pool(rng, 4, 1, &[(1, 5, T, 1)]),
    ];
    circuit(3, 1, 4, ops)
}

/// Temporal convs: stride 1, then stride 2 (dilated output), then stride 1 on the dilated
/// value (taps step by 2); pool with a merged kernel-3 term.
fn temporal(rng: &mut Rng) -> Circuit {
    let t2 = (T - 1) / 2 + 1;
    let ops = vec![
        linear(rng, "tcn.s1", 0, 3, 4, 3, 1, T, &self_loops()),
        linear(rng, "tcn.s2", 1, 4, 4, 5, 2, T, &self_loops()),
        pool(rng, 3, 1, &[(2, 4, t2, 3)]),
    ];
    circuit(3, 1, 3, ops)
}

fn temporal_dilated(rng: &mut Rng) -> Circuit {
    let t2 = (T - 1) / 2 + 1;
    let ops = vec![
        linear(rng, "tcn.s2", 0, 3, 4, 3, 2, T, &self_loops()),
        linear(rng, "tcn.d2", 1, 4, 4, 3, 1, t2, &self_loops()),
        pool(rng, 3, 1, &[(2, 4, t2, 1)]),
    ];
    circuit(3, 1, 3, ops)
}

/// Node-wise activations: x^2, a linear-only node, a general polynomial (2 levels),
/// -x^2 + a1 x and an identity, on fresh inputs; pooled over two bodies.
fn activation(rng: &mut Rng) -> Circuit {
    let nodes = vec![
        NodeAct::Square { a2: 1.0, a1: 0.0 },
        NodeAct::Square { a2: 0.0, a1: 0.8 },
        NodeAct::Square { a2: 0.6, a1: 0.25 },
        NodeAct::Square { a2: -1.0, a1: 0.7 },
        NodeAct::Identity,
    ];
    let ops = vec![
        Op::Act(ActOp {
            label: "act".into(),
            input: 0,
            shape: ValueShape {
                channels: 3,
                frames: T,
            },
            nodes,
        }),
        pool(rng, 5, 2, &[(1, 3, T, 1)]),
    ];
    circuit(3, 2, 5, ops)
}

/// Identity residual: `x + s * f(x)` where the unscaled branch (the input) sits two levels
/// below the other (lifted by a multiply by 1); per-node scales 1 or not.
fn identity_residual(rng: &mut Rng) -> Circuit {
    let shape = |channels, frames| ValueShape { channels, frames };
    let ops = vec![
        linear(rng, "gcn", 0, 3, 3, 1, 1, T, &graph()),
        linear(rng, "tcn", 1, 3, 3, 3, 1, T, &self_loops()),
        Op::Add(AddOp {
            label: "add.id".into(),
            lhs: 2,
            rhs: 0,
            shape: shape(3, T),
            rhs_scale: vec![1.0, 1.0, 0.5, 1.0, -1.0],
        }),
        pool(rng, 3, 2, &[(3, 3, T, 1)]),
    ];
    circuit(3, 2, 3, ops)
}

/// Conv residual: both branches stride 2, per-node residual scale 1 or not.
fn conv_residual(rng: &mut Rng) -> Circuit {
    let t2 = (T - 1) / 2 + 1;
    let ops = vec![
        linear(rng, "tcn", 0, 3, 4, 3, 2, T, &self_loops()),
        linear(rng, "res", 0, 3, 4, 1, 2, T, &self_loops()),
        Op::Add(AddOp {
            label: "add.conv".into(),
            lhs: 1,
            rhs: 2,
            shape: ValueShape {
                channels: 4,
                frames: t2,
            },
            rhs_scale: vec![1.0, 0.5, 1.0, -2.0, 1.0],
        }),
        pool(rng, 3, 2, &[(3, 4, t2, 1)]),
    ];
    circuit(3, 2, 3, ops)
}

/// Pool + classifier reading two values (one of them through a kernel-3 term), two bodies.
fn pooling(rng: &mut Rng) -> Circuit {
    let ops = vec![
        linear(rng, "gcn", 0, 3, 4, 1, 1, T, &graph()),
        pool(rng, 6, 2, &[(1, 4, T, 3), (0, 3, T, 1)]),
    ];
    circuit(3, 2, 6, ops)
}

type Build = fn(&mut Rng) -> Circuit;

const CASES: [(&str, Build); 7] = [
    ("graph conv", graph_conv),
    ("temporal conv stride 1 and 2", temporal),
    ("temporal conv on a dilated value", temporal_dilated),
    ("square and polynomial activations", activation),
    ("conv residual add", conv_residual),
    ("identity residual add across levels", identity_residual),
    ("pooling + classifier", pooling),
];

fn run_case<B: Backend>(k: usize, exact: bool) {
    let (name, build) = CASES[k];
    let c = build(&mut Rng::new(100 + k as u64));
    check_layers::<B>(name, &c, 7 + k as u64, exact);
}

#[test]
fn simulator_layers_match_plaintext() {
    for k in 0..CASES.len() {
        run_case::<Sim>(k, true);
    }
    // Fused circuits of random gated checkpoints (merged linear ops, residuals, pool terms).
    for seed in [1, 2, 3] {
        let shape = tiny_shape(&[2, 3, 3], 8, 3, 2);
        let (c, _) = random_circuit(&shape, seed, 1);
        check_layers::<Sim>("fused tiny model", &c, seed, true);
    }
}

#[test]
fn layer_circuits_fit_n8192() {
    for (name, build) in CASES {
        let c = build(&mut Rng::new(1));
        let p = plan(&c, &PlanRequest::default(), None).expect("plan");
        assert_eq!(p.params.ring_dim, 8192, "{name}: depth {}", p.depth.depth);
    }
}

#[test]
fn linear_chunks_are_independent_node_groups_under_the_cap() {
    let pair = |src, dst| Pair {
        src,
        dst,
        weight: None,
    };
    // Components {0}, {1, 2} (1 feeds 2) and {3}, 10 rotations per source node.
    let pairs = [pair(0, 0), pair(1, 1), pair(2, 2), pair(1, 2), pair(3, 3)];
    let set = |v: &[usize]| v.iter().copied().collect::<BTreeSet<usize>>();
    let chunks = |cap| independent_chunks(&pairs, 10, cap);
    assert_eq!(
        chunks(20),
        vec![
            (set(&[0]), set(&[0])),
            (set(&[1, 2]), set(&[1, 2])),
            (set(&[3]), set(&[3]))
        ]
    );
    assert_eq!(
        chunks(30),
        vec![(set(&[0, 1, 2]), set(&[0, 1, 2])), (set(&[3]), set(&[3]))]
    );
    assert_eq!(chunks(40), vec![(set(&[0, 1, 2, 3]), set(&[0, 1, 2, 3]))]);
    // A component over the cap is still one chunk: its nodes share sources.
    assert_eq!(chunks(1).len(), 3);
    // A source read by two nodes joins them even when it feeds them in another order.
    let joined = [pair(2, 0), pair(0, 0), pair(2, 2)];
    assert_eq!(
        independent_chunks(&joined, 10, 1),
        vec![(set(&[0, 2]), set(&[0, 2]))]
    );
}

#[cfg(feature = "seal")]
mod seal {
    use super::run_case;
    use crate::he::seal::Seal;

    #[test]
    fn seal_graph_conv() {
        run_case::<Seal>(0, false);
    }

    #[test]
    fn seal_temporal_conv_stride_1_and_2() {
        run_case::<Seal>(1, false);
        run_case::<Seal>(2, false);
    }

    #[test]
    fn seal_square_and_polynomial_activation() {
        run_case::<Seal>(3, false);
    }

    #[test]
    fn seal_residual_add() {
        run_case::<Seal>(4, false);
        run_case::<Seal>(5, false);
    }

    #[test]
    fn seal_pooling_and_classifier() {
        run_case::<Seal>(6, false);
    }
}
