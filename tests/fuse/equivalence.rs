//! Fused circuit vs the unfused reference on random checkpoints.

use super::common::{random_input, write_checkpoint, Kind};
use lingcn::fuse::checkpoint::TensorMap;
use lingcn::fuse::eval::evaluate;
use lingcn::fuse::reference::forward;
use lingcn::fuse::rewrite::{fuse, FuseOptions};
use lingcn::fuse::shape::ModelShape;
use lingcn::fuse::weights::ModelWeights;

/// max |fused - unfused| / max |logit|.
fn rel_error(shape: &ModelShape, kind: Kind, seed: u64, opts: &FuseOptions) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ckpt.safetensors");
    write_checkpoint(&path, shape, kind, seed);
    let weights = ModelWeights::from_tensors(&TensorMap::load(&path).unwrap(), shape).unwrap();
    let input = random_input(shape, 2, seed + 100);
    let want = forward(shape, &weights, &input).unwrap();
    let circuit = fuse(shape, &weights, opts).unwrap();
    let got = evaluate(&circuit, &input).unwrap();
    let scale = want.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    assert!(scale > 1e-6, "degenerate logits");
    let err = want
        .iter()
        .zip(&got)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    eprintln!(
        "{kind:?} seed {seed} err {err:e} scale {scale:e} ops {}",
        circuit.ops.len()
    );
    err / scale
}

fn tiny(frames: usize) -> ModelShape {
    ModelShape::stgcn3([4, 6, 6], frames, 5)
}

#[test]
fn baseline_fused_matches_unfused() {
    for (t, seed) in [(8, 1), (13, 2)] {
        let e = rel_error(&tiny(t), Kind::Baseline, seed, &FuseOptions::default());
        assert!(e < 1e-4, "T={t}: {e}");
    }
}

#[test]
fn linearized_fused_matches_unfused() {
    for seed in 10..14 {
        let e = rel_error(&tiny(9), Kind::Linearized, seed, &FuseOptions::default());
        assert!(e < 1e-4, "seed {seed}: {e}");
    }
}

#[test]
fn polynomial_fused_matches_unfused_in_every_fold_mode() {
    for max_shift in [0.0, 4.0, f64::INFINITY] {
        for merge_linear in [false, true] {
            let opts = FuseOptions {
                max_shift,
                merge_linear,
            };
            for seed in 20..23 {
                let e = rel_error(&tiny(16), Kind::Poly, seed, &opts);
                assert!(e < 1e-4, "{opts:?} seed {seed}: {e}");
            }
        }
    }
}

#[test]
fn other_shapes_match() {
    let mut shape = ModelShape::stgcn3([5, 3, 3], 11, 4);
    shape.bodies = 1;
    shape.temporal_kernel = 3;
    for kind in [Kind::Baseline, Kind::Linearized, Kind::Poly] {
        let e = rel_error(&shape, kind, 30, &FuseOptions::default());
        assert!(e < 1e-4, "{kind:?}: {e}");
    }
}
