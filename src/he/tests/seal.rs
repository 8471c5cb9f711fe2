//! SEAL end to end on a tiny model, and the secret-key leak check.

use super::checkpoint::{random_circuit, tiny_shape};
use crate::fuse::eval::evaluate as plain;
use crate::fuse::params::PrecisionSpec;
use crate::fuse::plan::{plan, PlanRequest};
use crate::he::backend::{Backend, Client, Evaluator};
use crate::he::eval::{encrypt_clips, evaluate, run};
use crate::he::primes::ckks_primes;
use crate::he::seal::Seal;

fn argmax(v: &[f64]) -> usize {
    (0..v.len())
        .max_by(|&a, &b| v[a].total_cmp(&v[b]))
        .unwrap_or(0)
}

#[test]
fn seal_tiny_model_matches_plaintext() {
    let classes = 3;
    let shape = tiny_shape(&[2, 3], 8, classes, 1);
    let (c, input) = random_circuit(&shape, 1, 5);
    // The 1e-3 bound below is for scales of 2^30 and more.
    let precision = PrecisionSpec {
        scale_bits_min: 30,
        ..Default::default()
    };
    let req = PlanRequest {
        precision,
        ..Default::default()
    };
    let p = plan(&c, &req, None).expect("plan");
    let want = plain(&c, &input).expect("plaintext");
    let mut worst = 0.0f64;
    let mut agree = 0;
    let all: Vec<usize> = (0..input.n).collect();
    for batch in all.chunks(p.layout.clips()) {
        let r = run::<Seal>(&c, &p, &input, batch).expect("seal run");
        for (&n, got) in batch.iter().zip(&r.logits) {
            let exp = &want[n * classes..(n + 1) * classes];
            let err = got
                .iter()
                .zip(exp)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            worst = worst.max(err);
            agree += usize::from(argmax(got) == argmax(exp));
            assert_eq!(r.report.output_level, p.depth.depth);
            eprintln!(
            "N={} depth={} sample {n}: max |he - plain| = {err:.3e}; logits {:?} vs {:?}; eval {:.0} ms, keygen {:.0} ms",
            p.params.ring_dim, p.depth.depth, got, exp, r.report.total_ms, r.keygen_ms
        );
            for l in &r.report.layers {
                eprintln!(
                    "  {:<14} level {} (plan {}) {:>8.1} ms",
                    l.label, l.level, l.planned_depth, l.ms
                );
                assert_eq!(l.level, l.planned_depth, "layer {} level vs plan", l.label);
            }
        }
    }
    assert!(worst < 1e-3, "max error {worst:e}");
    assert_eq!(agree, input.n, "top-1 agreement");
}

#[test]
fn simulator_primes_are_seals_primes() {
    let shape = tiny_shape(&[2], 8, 2, 1);
    let (c, _) = random_circuit(&shape, 3, 1);
    let p = plan(&c, &PlanRequest::default(), None).expect("plan");
    let client = Seal::keygen(&p.params, &[]).expect("keygen");
    let server = Seal::server(&p.params, &client.eval_keys().expect("keys")).expect("server");
    let ours = ckks_primes(p.params.ring_dim, &p.params.moduli_bits);
    for l in 0..server.depth() {
        assert_eq!(server.prime(l), ours[(server.depth() - l) as usize]);
    }
}

/// Whether `needle` occurs in `hay` (windows; keys are a few MB at most here).
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn secret_key_never_in_server_side_bytes() {
    let shape = tiny_shape(&[2], 8, 2, 1);
    let (c, input) = random_circuit(&shape, 5, 1);
    let p = plan(&c, &PlanRequest::default(), None).expect("plan");
    let client = Seal::keygen(&p.params, &p.rotation_steps).expect("keygen");
    let keys = client.eval_keys().expect("keys");
    let sk = client.secret_key_bytes().expect("sk");
    // Skip SEAL's 16-byte serialization header (shared by every object) and look for a
    // 64-byte window of the key's coefficient data at several offsets.
    let probes: Vec<&[u8]> = (0..4)
        .map(|i| &sk[16 + 64 * 97 * i..16 + 64 * 97 * i + 64])
        .collect();
    let server = Seal::server(&p.params, &keys).expect("server");
    let x = encrypt_clips(&client, &c, &p.layout, &input, &[0]).expect("encrypt");
    let fresh = server.serialize_ct(&x[0][0][0]).expect("ser");
    let (out, _) = evaluate(&server, &c, &p, x).expect("eval");
    let result = server.serialize_ct(&out[0]).expect("ser");
    let keys_json = serde_json::to_vec(&keys).expect("json");
    for blob in [
        &keys.public,
        &keys.relin,
        &keys.galois,
        &fresh,
        &result,
        &keys_json,
    ] {
        for probe in &probes {
            assert!(
                !contains(blob, probe),
                "secret key bytes found in server-side data"
            );
        }
    }
    // The probe itself works: it finds the key in its own serialization.
    assert!(contains(&sk, probes[1]));
}
