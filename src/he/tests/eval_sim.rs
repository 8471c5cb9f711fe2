//! The packing and index arithmetic on the exact slot simulator.

use super::checkpoint::{random_circuit, tiny_shape};
use crate::fuse::eval::evaluate as plain;
use crate::fuse::plan::{plan, PlanRequest};
use crate::he::backend::{Backend, Client, Evaluator};
use crate::he::eval::run;
use crate::he::sim::Sim;

/// Runs every clip in inferences of `layout.clips()` clips (lanes) and checks each clip's
/// logits, levels and op counts against the plaintext circuit and the plan.
fn check(widths: &[usize], frames: usize, classes: usize, bodies: usize, seed: u64, clips: usize) {
    let shape = tiny_shape(widths, frames, classes, bodies);
    let (c, input) = random_circuit(&shape, seed, clips);
    let p = plan(&c, &PlanRequest::default(), None).expect("plan");
    let want = plain(&c, &input).expect("plaintext");
    let all: Vec<usize> = (0..input.n).collect();
    for batch in all.chunks(p.layout.clips()) {
        let r = run::<Sim>(&c, &p, &input, batch).expect("sim run");
        assert_eq!(r.logits.len(), batch.len());
        for (&n, got) in batch.iter().zip(&r.logits) {
            let exp = &want[n * classes..(n + 1) * classes];
            let err = got
                .iter()
                .zip(exp)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            let mag = exp.iter().map(|x| x.abs()).fold(1.0, f64::max);
            assert!(
                err <= 1e-9 * mag,
                "seed {seed} sample {n}: max err {err:e}, logits {got:?} vs {exp:?}"
            );
            assert_eq!(
                r.report.output_level, p.depth.depth,
                "output level vs plan depth"
            );
            for l in &r.report.layers {
                assert_eq!(l.level, l.planned_depth, "layer {} level", l.label);
                assert_eq!(
                    l.counts.rotations, l.planned_counts.rotations,
                    "layer {} rotations",
                    l.label
                );
                assert_eq!(
                    l.counts.ct_ct_mul, l.planned_counts.ct_ct_mul,
                    "layer {} squares",
                    l.label
                );
                if l.kind == "add" {
                    // An unscaled branch at a lower level is lifted by a multiply by 1 (scales must
                    // match exactly): extra ct x pt + rescale, never an extra level.
                    assert_eq!(l.counts.add, l.planned_counts.add, "layer {} adds", l.label);
                    assert_eq!(
                        l.counts.rescale, l.counts.ct_pt_mul,
                        "layer {} lifts",
                        l.label
                    );
                    assert!(l.counts.rescale >= l.planned_counts.rescale);
                } else {
                    assert_eq!(
                        l.counts.rescale, l.planned_counts.rescale,
                        "layer {} rescales",
                        l.label
                    );
                    assert!(
                        l.counts.ct_pt_mul <= l.planned_counts.ct_pt_mul,
                        "layer {} ct x pt {} > planned {}",
                        l.label,
                        l.counts.ct_pt_mul,
                        l.planned_counts.ct_pt_mul
                    );
                }
            }
        }
    }
}

#[test]
fn simulator_matches_plaintext_two_blocks() {
    check(&[2, 3], 8, 3, 1, 1, 2);
}

#[test]
fn clips_share_ciphertexts_in_lanes_without_crosstalk() {
    // 2 + 4 channels, T = 8: 4 chunks of 8 lanes of 8 slots at N = 512 slots... the plan
    // picks the ring; whatever it is, 9 clips need more than one inference and every lane
    // must come out as its own clip (two bodies: a clip's bodies share its ciphertexts).
    let shape = tiny_shape(&[2, 4], 8, 3, 2);
    let (c, _) = random_circuit(&shape, 11, 1);
    let p = plan(&c, &PlanRequest::default(), None).expect("plan");
    assert!(p.layout.clips() >= 2, "lanes {:?}", p.layout);
    assert_eq!(p.layout.bodies_per_ct, 2);
    check(&[2, 4], 8, 3, 2, 11, 2 * p.layout.clips() + 1);
}

#[test]
fn simulator_matches_plaintext_three_blocks_two_bodies() {
    for seed in [2, 3] {
        check(&[2, 4, 4], 8, 5, 2, seed, 2);
    }
}

#[test]
fn simulator_matches_plaintext_partial_blocks_and_odd_frames() {
    // 3 and 5 channels do not fill power-of-two periods; T = 7 pads chunks; 6 classes.
    check(&[3, 5], 7, 6, 1, 4, 2);
}

#[test]
fn simulator_refuses_missing_galois_key_and_level_overflow() {
    let shape = tiny_shape(&[2], 8, 2, 1);
    let (c, _) = random_circuit(&shape, 9, 1);
    let p = plan(&c, &PlanRequest::default(), None).expect("plan");
    let client = Sim::keygen(&p.params, &[1]).expect("keygen");
    let server = Sim::server(&p.params, &client.eval_keys().expect("keys")).expect("server");
    let ct = client.encrypt(&[1.0, 2.0]).expect("encrypt");
    assert!(server.rotate(&ct, 3).is_err());
    assert!(server.rotate(&ct, 1).is_ok());
    let mut x = ct;
    for _ in 0..p.params.depth {
        x = server
            .rescale(&server.mul_relin(&x, &x).expect("mul"))
            .expect("rescale");
    }
    assert!(server.rescale(&x).is_err(), "no level left");
}

#[test]
fn insecure_parameters_are_refused() {
    let shape = tiny_shape(&[2], 8, 2, 1);
    let (c, _) = random_circuit(&shape, 9, 1);
    let mut p = plan(&c, &PlanRequest::default(), None)
        .expect("plan")
        .params;
    p.moduli_bits = vec![60; 5];
    p.depth = 3;
    p.ring_dim = 4096;
    p.slots = 2048;
    assert!(matches!(
        Sim::keygen(&p, &[]),
        Err(crate::he::HeError::Insecure { .. })
    ));
}

#[test]
fn a_pass_of_several_inferences_equals_each_alone() {
    use crate::he::eval::{decrypt_logits, encrypt_clips, evaluate_pass};
    let shape = tiny_shape(&[2, 4], 8, 3, 2);
    let (c, input) = random_circuit(&shape, 12, 3);
    let p = plan(&c, &PlanRequest::default(), None).expect("plan");
    let client = Sim::keygen(&p.params, &p.rotation_steps).expect("keygen");
    let server = Sim::server(&p.params, &client.eval_keys().expect("keys")).expect("server");
    let enc = |n: usize| encrypt_clips(&client, &c, &p.layout, &input, &[n]).expect("encrypt");
    let (together, report) =
        evaluate_pass(&server, &c, &p, (0..3).map(enc).collect()).expect("pass");
    assert_eq!(report.counts.rotations, 3 * p.totals.rotations);
    let want = plain(&c, &input).expect("plaintext");
    for (n, cts) in together.iter().enumerate() {
        let got = &decrypt_logits(&client, &p.layout, 3, cts).expect("decrypt")[0];
        let exp = &want[n * 3..(n + 1) * 3];
        for (a, b) in got.iter().zip(exp) {
            assert!(
                (a - b).abs() <= 1e-9 * (1.0 + b.abs()),
                "clip {n}: {got:?} vs {exp:?}"
            );
        }
    }
}

#[test]
fn canonical_scales_stay_near_the_requested_scale_over_a_deep_chain() {
    use crate::fuse::params::{select, PrecisionSpec};
    use crate::he::backend::canonical_scales;
    // 26-bit primes at N = 16384 sit up to ~0.3 % from 2^26; squaring doubles the offset
    // every level, so a fresh scale of exactly 2^26 overflows by level 13.
    let spec = PrecisionSpec {
        scale_bits_min: 26,
        scale_bits_max: 26,
        int_bits: Some(10),
        ..Default::default()
    };
    let p = select(13, 128, &spec).expect("params");
    let client = Sim::keygen(&p, &[]).expect("keygen");
    let server = Sim::server(&p, &client.eval_keys().expect("keys")).expect("server");
    for (l, s) in canonical_scales(&server).iter().enumerate() {
        let off = s.log2() - 26.0;
        assert!(off.abs() < 0.1, "level {l}: scale 2^{:.3}", s.log2());
    }
}
