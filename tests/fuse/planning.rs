//! Depth, packing counts, parameter selection and plans.

use lingcn::fuse::cost::CostModel;
use lingcn::fuse::depth::analyze;
use lingcn::fuse::ir::{ActOp, Circuit, LinearOp, NodeAct, Op, Pair, PoolOp, PoolTerm, ValueShape};
use lingcn::fuse::packing::{count, Layout, LayoutKind};
use lingcn::fuse::params::{int_bits_for, select, ParamError, PrecisionSpec};
use lingcn::fuse::plan::{compare, plan, PlanRequest};
use lingcn::fuse::rewrite::{fuse_checkpoint, structural, FuseOptions, KeptPattern};
use lingcn::fuse::shape::{BlockShape, ModelShape, Residual};

fn one_block() -> ModelShape {
    let mut s = ModelShape::stgcn3([4, 4, 4], 8, 3);
    s.blocks = vec![BlockShape {
        cin: 3,
        cout: 4,
        stride: 1,
        residual: Residual::None,
    }];
    s
}

fn depth_of(shape: &ModelShape, counts: &[usize], merge_linear: bool) -> u32 {
    let kept = KeptPattern::from_counts(shape, counts).unwrap();
    let opts = FuseOptions {
        merge_linear,
        ..Default::default()
    };
    analyze(&structural(shape, &kept, None, &opts).unwrap()).depth
}

#[test]
fn hand_counted_depths() {
    // gcn 1 + square 1 + tcn 1 + square 1 + pool 1.
    assert_eq!(depth_of(&one_block(), &[25, 25], true), 5);
    // One unit per node: gcn, tcn, one square, pool.
    assert_eq!(depth_of(&one_block(), &[10, 15], true), 4);
    let s = ModelShape::stgcn3([4, 6, 6], 16, 5);
    assert_eq!(depth_of(&s, &[25; 6], true), 13);
    assert_eq!(depth_of(&s, &[10, 15, 25, 25, 25, 0], true), 10);
    // Without merging, the all-linear last unit still leaves tcn and pool as two levels.
    assert_eq!(depth_of(&s, &[10, 15, 25, 25, 25, 0], false), 11);
    // One unit kept: block 0 once (it feeds block 1's graph conv and residual), block 1's
    // convs and residual summed into one op, the square, block 2 inside the pool.
    assert_eq!(depth_of(&s, &[0, 0, 0, 25, 0, 0], true), 4);
}

#[test]
fn an_all_zero_block_adds_no_depth() {
    let s = ModelShape::stgcn3([4, 6, 6], 16, 5);
    for b in 0..3 {
        let mut counts = [25; 6];
        (counts[2 * b], counts[2 * b + 1]) = (0, 0);
        // The merged block 0 (or 1) feeds the next block's graph conv and its residual:
        // merged into both it would be computed twice, so it keeps a level of its own.
        let merged = if b < 2 { 10 } else { 9 };
        assert_eq!(depth_of(&s, &counts, true), merged, "block {b}");
        // Unmerged, its graph conv and temporal conv still cost two levels.
        assert_eq!(depth_of(&s, &counts, false), 11, "block {b}");
    }
    // Fully linear: two temporal convs cannot merge exactly (zero padding in between), so
    // the three blocks collapse to three linear levels, the last one inside the pool.
    assert_eq!(depth_of(&s, &[0; 6], true), 3);
}

#[test]
fn non_structural_gates_give_non_uniform_depth() {
    let s = ModelShape::stgcn3([4, 6, 6], 16, 5);
    let mut kept = KeptPattern::from_counts(&s, &[25, 25, 25, 25, 25, 0]).unwrap();
    kept.blocks[2][1][3] = true;
    assert!(!kept.is_structural());
    let d = analyze(&structural(&s, &kept, None, &FuseOptions::default()).unwrap());
    assert!(!d.uniform());
    // Node 3 keeps block 2's last unit: tcn, residual add, square and pool stay separate
    // (13); the others skip the square (12).
    assert_eq!(d.depth, 13);
    assert_eq!(d.node_depth.iter().filter(|&&x| x == 13).count(), 1);
    assert_eq!(d.node_depth.iter().filter(|&&x| x == 12).count(), 24);
}

/// Two joints, 2 channels, 4 frames: node 0 <- {0, 1} by a 3-tap conv, then a square at node 0.
fn tiny_circuit() -> Circuit {
    let lin = LinearOp {
        label: "conv".into(),
        input: 0,
        cin: 2,
        cout: 2,
        kernel: 3,
        stride: 1,
        pad: 1,
        t_in: 4,
        t_out: 4,
        pairs: vec![
            Pair {
                src: 0,
                dst: 0,
                weight: None,
            },
            Pair {
                src: 1,
                dst: 0,
                weight: None,
            },
        ],
        bias: None,
    };
    let shape = ValueShape {
        channels: 2,
        frames: 4,
    };
    let act = ActOp {
        label: "sq".into(),
        input: 1,
        shape,
        nodes: vec![NodeAct::Square { a2: 1.0, a1: 0.5 }, NodeAct::Identity],
    };
    let term = PoolTerm {
        input: 2,
        channels: 2,
        kernel: 1,
        stride: 1,
        pad: 0,
        t_in: 4,
        t_out: 4,
        weight: None,
    };
    let pool = PoolOp {
        label: "pool".into(),
        classes: 2,
        terms: vec![term],
        bias: None,
    };
    Circuit {
        input: shape,
        joints: 2,
        bodies: 1,
        num_class: 2,
        structural: true,
        ops: vec![Op::Linear(lin), Op::Act(act), Op::Pool(pool)],
    }
}

#[test]
fn tiny_layer_counts_by_hand() {
    let c = tiny_circuit();
    // 8 slots = 2 chunks of 4 frames: 2 channels per ciphertext, one ciphertext per node.
    let layout = Layout::new(LayoutKind::ChannelBlocks, 16, &c).unwrap();
    assert_eq!((layout.slots, layout.chunk, layout.period), (8, 4, 2));
    let l = count(&c, &layout);
    let conv = &l[0].counts;
    // 2 pairs x 2 diagonals x 3 taps.
    assert_eq!(conv.ct_pt_mul, 12);
    // Baby steps {-1, +1} per input ciphertext (2 inputs) + giant step 4 at the one output.
    assert_eq!(conv.rotations, 5);
    assert_eq!(
        l[0].steps.iter().copied().collect::<Vec<_>>(),
        vec![-1, 1, 4]
    );
    assert_eq!((conv.add, conv.add_plain, conv.rescale), (11, 1, 1));
    // Square with a linear term at node 0 only: mul + relin + 2 rescales + 1 ct x pt + 1 add.
    let sq = &l[1].counts;
    assert_eq!(
        (sq.ct_ct_mul, sq.relin, sq.ct_pt_mul, sq.rescale, sq.add),
        (1, 1, 1, 2, 1)
    );
    // PerChannel: one ciphertext per (node, channel), 2 x 2 x 2 x 3 scalar products,
    // rotations -1 and +1 for each of the 4 input ciphertexts.
    let pc = count(&c, &Layout::new(LayoutKind::PerChannel, 16, &c).unwrap());
    assert_eq!((pc[0].counts.ct_pt_mul, pc[0].counts.rotations), (24, 8));
    let d = analyze(&c);
    assert_eq!((d.node_depth.clone(), d.depth), (vec![3, 1], 3));
}

#[test]
fn parameter_table() {
    let spec = fixed_spec();
    let p = select(4, 256, &spec).unwrap();
    // 2*(40+20) + 4*40 = 280 > 218, 2*(30+20) + 4*30 = 220 > 218 -> N=16384 at scale 40.
    assert_eq!((p.ring_dim, p.scale_bits, p.log_q), (16384, 40, 280));
    assert_eq!(p.moduli_bits, vec![60, 40, 40, 40, 40, 60]);
    // 2*(35+20) + 3*35 = 215 <= 218.
    let p = select(3, 256, &spec).unwrap();
    assert_eq!((p.ring_dim, p.scale_bits, p.log_q), (8192, 35, 215));
    let p = select(10, 128, &spec).unwrap();
    assert_eq!((p.ring_dim, p.scale_bits, p.log_q), (16384, 33, 436));
    let p = select(13, 128, &spec).unwrap();
    assert_eq!((p.ring_dim, p.scale_bits), (32768, 40));
    // Slots force a larger ring even when the depth is tiny.
    assert_eq!(select(1, 4096, &spec).unwrap().ring_dim, 8192);
}

/// Integer bits for measured logits: sign, magnitude, 4 bits of margin.
#[test]
fn integer_bits_follow_the_measured_range() {
    assert_eq!(int_bits_for(0.3), 5); // below 1: no magnitude bit
    assert_eq!(int_bits_for(12.0), 1 + 4 + 4);
    assert_eq!(int_bits_for(16.0), 1 + 4 + 4);
    assert_eq!(int_bits_for(16.5), 1 + 5 + 4);
    // Ten integer bits give depth 13 at N = 16384 a 27-bit scale, one bit more
    // than the unmeasured default of 20 leaves.
    let measured = PrecisionSpec {
        int_bits: Some(10),
        ..Default::default()
    };
    let p = select(13, 128, &measured).unwrap();
    assert_eq!((p.ring_dim, p.scale_bits, p.log_q), (16384, 27, 425));
    assert_eq!(p.moduli_bits.first(), Some(&37));
    let p = select(13, 128, &PrecisionSpec::default()).unwrap();
    assert_eq!((p.ring_dim, p.scale_bits), (16384, 26));
}

/// The precision the hand-computed tables below were written for.
fn fixed_spec() -> PrecisionSpec {
    PrecisionSpec {
        scale_bits_min: 30,
        scale_bits_max: 40,
        int_bits: Some(20),
        max_ring_dim: 32768,
    }
}

#[test]
fn refusals_say_what_would_fit() {
    let capped = PrecisionSpec {
        max_ring_dim: 16384,
        ..fixed_spec()
    };
    let e = select(14, 256, &capped).unwrap_err();
    assert!(
        matches!(
            e,
            ParamError::TooDeep {
                need: 520,
                bound: 438,
                ring_dim: 16384,
                ..
            }
        ),
        "{e}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("depth 14 needs log Q = 520 > 438 at N=16384")
            && msg.contains("N=32768")
            && msg.contains("depth <= 11"),
        "{msg}"
    );
    let e = select(40, 256, &fixed_spec()).unwrap_err().to_string();
    assert!(
        e.contains("> 881 at N=32768") && e.contains("linearize more"),
        "{e}"
    );
    assert!(matches!(
        select(1, 1 << 15, &fixed_spec()),
        Err(ParamError::TooManySlots { .. })
    ));
    let bad = PrecisionSpec {
        scale_bits_min: 50,
        scale_bits_max: 50,
        ..Default::default()
    };
    assert!(matches!(select(1, 8, &bad), Err(ParamError::Spec(_))));
}

fn synthetic_costs() -> CostModel {
    let row = |k: f64| {
        format!(
            r#"{{"ct_pt_mul": {}, "ct_ct_mul": {}, "relin": {}, "rotate": {}, "add": {}, "add_plain": {}, "rescale": {}}}"#,
            k,
            4.0 * k,
            4.0 * k,
            5.0 * k,
            0.1 * k,
            0.1 * k,
            0.5 * k
        )
    };
    let text = format!(
        r#"{{"source": "synthetic (test)", "per_ring_dim": {{"8192": {}, "16384": {}, "32768": {}}}}}"#,
        row(1.0),
        row(2.0),
        row(4.0)
    );
    CostModel::from_json(&text).unwrap()
}

#[test]
fn plan_compares_with_the_unlinearized_circuit() {
    let s = ModelShape::stgcn3([16, 32, 32], 64, 10);
    let opts = FuseOptions::default();
    let cost = synthetic_costs();
    let req = PlanRequest {
        precision: fixed_spec(),
        ..Default::default()
    };
    let lin = structural(
        &s,
        &KeptPattern::from_counts(&s, &[10, 15, 25, 25, 25, 0]).unwrap(),
        None,
        &opts,
    )
    .unwrap();
    let base = structural(&s, &KeptPattern::all(&s), None, &opts).unwrap();
    let (p, b) = (
        plan(&lin, &req, Some(&cost)).unwrap(),
        plan(&base, &req, Some(&cost)).unwrap(),
    );
    let cmp = compare(&p, &b);
    assert_eq!(
        (cmp.depth, cmp.baseline_depth, cmp.depth_reduction),
        (10, 13, 3)
    );
    assert_eq!((cmp.ring_dim, cmp.baseline_ring_dim), (16384, 32768));
    assert!(cmp.squares < cmp.baseline_squares);
    assert!(cmp.latency_speedup.unwrap() > 1.0);
    let total: f64 = p.layers.iter().map(|l| l.latency_ms.unwrap()).sum();
    assert!((total - p.latency_ms.unwrap()).abs() < 1e-6 * total);
    assert_eq!(p.layout.kind, LayoutKind::ChannelBlocks);
    assert_eq!(p.galois_keys, p.rotation_steps.len());
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains("rotation_steps"));
    // A cost table without the chosen ring dimension gives no latency rather than a guess.
    let partial = CostModel {
        per_ring_dim: cost
            .per_ring_dim
            .clone()
            .into_iter()
            .filter(|(n, _)| *n != 16384)
            .collect(),
        ..cost
    };
    assert_eq!(plan(&lin, &req, Some(&partial)).unwrap().latency_ms, None);
    assert!(CostModel::from_json(
        r#"{"source": "x", "per_ring_dim": {"8192": {"ct_pt_mul": -1}}}"#
    )
    .is_err());
}

#[test]
fn fused_checkpoint_has_the_structural_plan_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.safetensors");
    let s = ModelShape::stgcn3([4, 6, 6], 12, 5);
    let gates = super::common::write_checkpoint(&path, &s, super::common::Kind::Poly, 7);
    let opts = FuseOptions {
        max_shift: f64::INFINITY,
        merge_linear: true,
    };
    let fused = fuse_checkpoint(&path, &s, &opts).unwrap();
    let kept = KeptPattern {
        blocks: gates
            .iter()
            .map(|[a, b]| {
                [
                    a.iter().map(|&g| g != 0.0).collect(),
                    b.iter().map(|&g| g != 0.0).collect(),
                ]
            })
            .collect(),
    };
    let skel = structural(&s, &kept, None, &opts).unwrap();
    // Same ops, pairs and depths (w2 = 0 nodes become linear, so compare depth as an upper bound).
    let (df, ds) = (analyze(&fused), analyze(&skel));
    assert!(df.depth <= ds.depth);
    assert_eq!(fused.summary().ops.len(), skel.summary().ops.len());
    let file = dir.path().join("c.json");
    fused.save(&file).unwrap();
    assert_eq!(Circuit::load(&file).unwrap(), fused);
}

/// A circuit too deep for the allowed ring unless its linearized units are
/// merged gets the merged plan, not the unmerged plan's refusal.
#[test]
fn merging_is_chosen_when_only_the_merged_circuit_fits() {
    use lingcn::fuse::choose::cheapest_sites;
    use lingcn::fuse::rewrite::merge::sites;
    let s = ModelShape::stgcn3([4, 6, 6], 16, 5);
    let kept = KeptPattern::from_counts(&s, &[0, 0, 0, 25, 0, 0]).unwrap();
    let opts = FuseOptions {
        merge_linear: false,
        ..Default::default()
    };
    let unmerged = structural(&s, &kept, None, &opts).unwrap();
    // At N <= 8192 and a 30-bit scale: 2 (30 + 10) + 8 x 30 = 320 > 218 unmerged,
    // 2 (30 + 10) + 4 x 30 = 200 fits merged.
    let req = PlanRequest {
        precision: PrecisionSpec {
            scale_bits_min: 30,
            scale_bits_max: 30,
            int_bits: Some(10),
            max_ring_dim: 8192,
        },
        ..Default::default()
    };
    assert!(plan(&unmerged, &req, None).is_err());
    let (chosen, options) = cheapest_sites(&unmerged, &req).unwrap();
    assert!(!chosen.is_empty() && chosen.len() <= sites(&unmerged).len());
    assert!(options.iter().all(|o| o.ring_dim == 8192));
}
