//! LinGCN gates and units: structural polarization, the straight-through estimator, and the
//! identities between gated / polynomial / ReLU / linear models.

use lingcn::model::gated::{polarize, straight_through};
use lingcn::model::{
    Activation, ActivationConfig, Gates, Granularity, LinModel, Linear, Relu, StgcnModel,
};
use proptest::prelude::*;
use tch::{nn, Device, Kind, Tensor};

use super::common::{max_abs_diff, torch_lock};
use super::linear_train::micro_config;

/// Reference polarization in plain Rust: kept count per node of a block with score rows
/// a, b; `None` when a sorted row sums to within rounding of 0 (summation order decides).
fn expected_kept(a: &[f32], b: &[f32]) -> Option<usize> {
    let low: f64 = a.iter().zip(b).map(|(x, y)| x.min(*y) as f64).sum();
    let high: f64 = a.iter().zip(b).map(|(x, y)| x.max(*y) as f64).sum();
    if low.abs() < 1e-4 || high.abs() < 1e-4 {
        return None;
    }
    Some(usize::from(low > 0.0) + usize::from(high > 0.0))
}

fn scores_strategy(len: usize) -> impl Strategy<Value = Vec<Vec<f32>>> {
    prop::collection::vec(prop::collection::vec(-1.0f32..1.0, len), 6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Through `Gates` on 3 blocks: each node keeps the same number of gates (0, 1 or 2, as
    /// the row sums decide), and a single kept gate sits at the node's larger score.
    #[test]
    fn polarization_is_depth_aligned(scores in scores_strategy(25), layer in scores_strategy(1)) {
        let _g = torch_lock();
        for (gran, s) in [(Granularity::Node, &scores), (Granularity::Layer, &layer)] {
            let vs = nn::VarStore::new(Device::Cpu);
            let gates = Gates::new(&vs.root(), 3, gran, true, 0);
            for (k, row) in s.iter().enumerate() {
                gates.set_scores(k / 2, k % 2, row);
            }
            for (i, m) in gates.masks().iter().enumerate() {
                let (a, b) = (&s[2 * i], &s[2 * i + 1]);
                let Some(want) = expected_kept(a, b) else { continue };
                for v in 0..25 {
                    let (sa, sb) = (a[v % a.len()], b[v % b.len()]);
                    prop_assert_eq!((m[0][v] + m[1][v]) as usize, want, "block {} node {}", i, v);
                    if want == 1 && sa != sb {
                        prop_assert_eq!(m[1][v] == 1, sb > sa, "block {} node {}", i, v);
                    }
                }
            }
        }
    }
}

#[test]
fn polarize_keeps_rows_by_sorted_sums() {
    let _g = torch_lock();
    // Node 0 prefers unit 1, node 1 prefers unit 0; low row sums to -0.5 (dropped), high
    // row to 0.5 (kept).
    let s = Tensor::from_slice(&[-0.5f32, 0.3, 0.2, 0.0]).view([2, 2]);
    let hard = Vec::<f32>::try_from(&polarize(&s).flatten(0, -1)).unwrap();
    assert_eq!(hard, vec![0.0, 1.0, 1.0, 0.0]);
}

/// d(sum(w * gate))/d aux = softplus(aux) * w, and the gate's value is exactly the hard gate.
#[test]
fn straight_through_gradient_is_softplus() {
    let _g = torch_lock();
    let vals = [0.3f64, -1.2, 2.0, 0.0005, -0.0007];
    let aux = Tensor::from_slice(&vals).set_requires_grad(true);
    let hard = Tensor::from_slice(&[1.0f64, 0.0, 1.0, 1.0, 0.0]);
    let upstream = Tensor::from_slice(&[0.5f64, -2.0, 1.5, 3.0, 1.0]);
    let gate = straight_through(&hard, &aux);
    assert_eq!(max_abs_diff(&gate, &hard), 0.0);
    (&gate * &upstream).sum(Kind::Double).backward();
    let grad = Vec::<f64>::try_from(&aux.grad()).unwrap();
    let up = Vec::<f64>::try_from(&upstream).unwrap();
    for ((g, a), u) in grad.iter().zip(vals).zip(up) {
        let softplus = (1.0 + a.exp()).ln();
        assert!((g - softplus * u).abs() < 1e-12, "{g} vs {}", softplus * u);
    }
}

/// The density penalty reaches every score through the estimator: d density / d aux =
/// softplus(aux) / (number of gates).
#[test]
fn density_gradient_reaches_scores() {
    let _g = torch_lock();
    let vs = nn::VarStore::new(Device::Cpu);
    let gates = Gates::new(&vs.root(), 3, Granularity::Node, true, 5);
    gates.density().backward();
    let aux = gates.aux(1, 0).unwrap();
    let want = aux.softplus() / 150.0;
    assert!(max_abs_diff(&aux.grad(), &want) < 1e-9);
    assert_eq!(gates.density().double_value(&[]), 1.0);
    // Layer-wise: one score stands for 25 gates.
    let vs = nn::VarStore::new(Device::Cpu);
    let gates = Gates::new(&vs.root(), 3, Granularity::Layer, true, 5);
    gates.density().backward();
    let aux = gates.aux(2, 1).unwrap();
    assert!(max_abs_diff(&aux.grad(), &(aux.softplus() * 25.0 / 150.0)) < 1e-7);
}

fn baseline_and_input() -> (StgcnModel, Tensor) {
    tch::manual_seed(21);
    let base = StgcnModel::new(&micro_config(5), Device::Cpu).unwrap();
    let x = Tensor::randn([2, 3, 12, 25, 2], (Kind::Float, Device::Cpu));
    (base, x)
}

fn logits(m: &LinModel, x: &Tensor) -> Tensor {
    m.forward_features(x, false).unwrap().logits
}

#[test]
fn gated_all_ones_is_relu_and_all_zeros_is_linear() {
    let _g = torch_lock();
    let (base, x) = baseline_and_input();
    let cfg = ActivationConfig::gated(Granularity::Node);
    let m = LinModel::derive_from(&base.vs, base.config(), &cfg, Device::Cpu).unwrap();
    let relu = base.net.forward_with(&x, false, &Relu).unwrap();
    let linear = base.net.forward_with(&x, false, &Linear).unwrap();
    assert!(
        max_abs_diff(&relu, &linear) > 1e-4,
        "test needs ReLU to matter"
    );
    // Fresh scores are positive: every gate kept.
    assert_eq!(m.act.gates().unwrap().summary().kept_per_unit, vec![25; 6]);
    assert_eq!(max_abs_diff(&logits(&m, &x), &relu), 0.0);
    let gates = m.act.gates().unwrap();
    for (i, u) in (0..3).flat_map(|i| [(i, 0), (i, 1)]) {
        gates.set_scores(i, u, &[-0.001; 25]);
    }
    assert_eq!(gates.summary().effective_nonlinear_layers, 0.0);
    assert_eq!(max_abs_diff(&logits(&m, &x), &linear), 0.0);
}

/// Block 0 keeps only unit 1 at every node (layer-wise): the model then equals a hand-made
/// activation that is linear exactly at block 0 unit 0.
#[test]
fn layer_gates_select_units() {
    let _g = torch_lock();
    let (base, x) = baseline_and_input();
    let cfg = ActivationConfig::gated(Granularity::Layer);
    let m = LinModel::derive_from(&base.vs, base.config(), &cfg, Device::Cpu).unwrap();
    let gates = m.act.gates().unwrap();
    gates.set_scores(0, 0, &[-0.5]);
    gates.set_scores(0, 1, &[0.7]);
    assert_eq!(gates.summary().kept_per_unit, vec![0, 25, 25, 25, 25, 25]);
    assert_eq!(gates.summary().depth_per_block, vec![1, 2, 2]);
    struct SkipFirst;
    impl Activation for SkipFirst {
        fn forward(&self, x: &Tensor, block: usize, unit: usize) -> Tensor {
            match (block, unit) {
                (0, 0) => x.shallow_clone(),
                _ => x.relu(),
            }
        }
    }
    let want = base.net.forward_with(&x, false, &SkipFirst).unwrap();
    assert_eq!(max_abs_diff(&logits(&m, &x), &want), 0.0);
}

#[test]
fn poly_identities() {
    let _g = torch_lock();
    let (base, x) = baseline_and_input();
    let cfg = ActivationConfig::poly(0.01);
    let m = LinModel::derive_from(&base.vs, base.config(), &cfg, Device::Cpu).unwrap();
    let linear = base.net.forward_with(&x, false, &Linear).unwrap();
    let poly = m.act.poly().unwrap();
    // Paper init (w2 = 0.005) is close to, but not exactly, the identity.
    let init_gap = max_abs_diff(&logits(&m, &x), &linear);
    assert!(init_gap > 0.0 && init_gap < 0.05, "{init_gap}");
    // w2 = 0, w1 = 1, b = 0 is exactly the identity, whatever the gates.
    poly.reset(0.0, 1.0);
    assert_eq!(max_abs_diff(&logits(&m, &x), &linear), 0.0);
    // A real quadratic at every unit equals the formula applied by a hand-made activation.
    poly.reset(1.5, 0.5);
    struct Quad;
    impl Activation for Quad {
        fn forward(&self, x: &Tensor, _: usize, _: usize) -> Tensor {
            x * (x * (0.01 * 1.5) + 0.5)
        }
    }
    let want = base.net.forward_with(&x, false, &Quad).unwrap();
    assert!(max_abs_diff(&logits(&m, &x), &want) < 1e-5);
}

/// A polynomial model whose gates are all 0 is linear whatever its coefficients.
#[test]
fn poly_with_closed_gates_is_linear() {
    let _g = torch_lock();
    let (base, x) = baseline_and_input();
    let gated = ActivationConfig::gated(Granularity::Node);
    let lin = LinModel::derive_from(&base.vs, base.config(), &gated, Device::Cpu).unwrap();
    for (i, u) in (0..3).flat_map(|i| [(i, 0), (i, 1)]) {
        lin.act.gates().unwrap().set_scores(i, u, &[-1.0; 25]);
    }
    let cfg = ActivationConfig::poly(0.01);
    let m = LinModel::derive_from(&lin.model.vs, base.config(), &cfg, Device::Cpu).unwrap();
    m.act.poly().unwrap().reset(2.0, -2.0);
    let linear = base.net.forward_with(&x, false, &Linear).unwrap();
    assert_eq!(max_abs_diff(&logits(&m, &x), &linear), 0.0);
}
