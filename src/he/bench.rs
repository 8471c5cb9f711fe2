//! Per-operation latency benchmark writing the `fuse::cost::CostModel` JSON.
//!
//! For each ring dimension, the chain is the one `fuse::params::select` picks for the
//! deepest circuit that fits (default precision, smallest scale), and the same chain cut
//! to half its primes: the cost model fits each op's growth in the primes through the two (a
//! layer deep in a circuit works on few primes). Operations run on fresh ciphertexts;
//! each is timed `reps` times and the median is kept.

use std::time::Instant;

use serde::Serialize;

use super::backend::{Backend, Client, Evaluator, Result};
use crate::fuse::cost::{CostModel, OpCosts};
use crate::fuse::params::{self, CkksParams, PrecisionSpec, RING_DIMS};

/// Medians in milliseconds at one ring dimension, including the ops `OpCosts` lacks.
#[derive(Clone, Debug, Serialize)]
pub struct BenchRow {
    pub ring_dim: usize,
    pub depth: u32,
    pub moduli_bits: Vec<u32>,
    pub encode: f64,
    pub encrypt: f64,
    pub ct_pt_mul: f64,
    pub add: f64,
    pub add_plain: f64,
    pub mul_relin: f64,
    pub rescale: f64,
    pub rotate: f64,
    pub decrypt: f64,
    pub keygen_ms: f64,
}

impl BenchRow {
    /// The costs the planner's latency model uses (relinearization is
    /// measured together with the multiplication).
    pub fn costs(&self) -> OpCosts {
        OpCosts {
            ct_pt_mul: self.ct_pt_mul,
            ct_ct_mul: self.mul_relin,
            relin: 0.0,
            rotate: self.rotate,
            add: self.add,
            add_plain: self.add_plain,
            rescale: self.rescale,
            encode: self.encode,
        }
    }
}

/// The deepest chain `params::select` accepts at `ring_dim` (default precision).
pub fn chain_for(ring_dim: usize) -> Option<CkksParams> {
    let spec = PrecisionSpec::default();
    let &(_, bound) = RING_DIMS.iter().find(|(n, _)| *n == ring_dim)?;
    let max =
        bound.saturating_sub(2 * (spec.scale_bits_min + spec.int_bits())) / spec.scale_bits_min;
    (0..=max)
        .rev()
        .filter_map(|d| params::select(d, 1, &spec).ok())
        .find(|p| p.ring_dim == ring_dim)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median ms of `reps` runs of `f`.
fn time<T>(reps: usize, mut f: impl FnMut() -> Result<T>) -> Result<f64> {
    let mut ms = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        std::hint::black_box(f()?);
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(median(ms))
}

/// Benchmarks backend `B` at `params`.
pub fn bench_one<B: Backend>(params: &CkksParams, reps: usize) -> Result<BenchRow> {
    let t = Instant::now();
    let client = B::keygen(params, &[1])?;
    let server = B::server(params, &client.eval_keys()?)?;
    let keygen_ms = t.elapsed().as_secs_f64() * 1e3;
    let slots = server.slots();
    let x: Vec<f64> = (0..slots).map(|i| ((i % 17) as f64 - 8.0) / 10.0).collect();
    let scale = server.default_scale();
    let a = client.encrypt(&x)?;
    let b = client.encrypt(&x)?;
    let pt = server.encode(&x, 0, scale)?;
    let prod = server.mul_plain(&a, &pt)?;
    Ok(BenchRow {
        ring_dim: params.ring_dim,
        depth: params.depth,
        moduli_bits: params.moduli_bits.clone(),
        encode: time(reps, || server.encode(&x, 0, scale))?,
        encrypt: time(reps, || client.encrypt(&x))?,
        ct_pt_mul: time(reps, || server.mul_plain(&a, &pt))?,
        add: time(reps, || server.add(&a, &b))?,
        add_plain: time(reps, || server.add_plain(&a, &pt))?,
        mul_relin: time(reps, || server.mul_relin(&a, &b))?,
        rescale: time(reps, || server.rescale(&prod))?,
        rotate: time(reps, || server.rotate(&a, 1))?,
        decrypt: time(reps, || client.decrypt(&a))?,
        keygen_ms,
    })
}

/// The chain of `full` cut to `depth` scale primes (same ring, first and special prime):
/// the same operations on fewer primes, as at a deeper level of the full chain.
pub fn shortened(full: &CkksParams, depth: u32) -> CkksParams {
    let depth = depth.min(full.depth);
    let bits = &full.moduli_bits;
    let mut moduli_bits = bits[..=depth as usize].to_vec();
    moduli_bits.push(*bits.last().expect("a chain has a special prime"));
    CkksParams {
        depth,
        log_q: moduli_bits.iter().sum(),
        moduli_bits,
        ..full.clone()
    }
}

/// Benchmarks every ring dimension in `dims` and returns the rows plus the cost model.
/// `ct_ct_mul` carries multiply + relinearize and `relin` is 0, because the backend
/// exposes them as one call (the plan counts both once per square: the sum is right).
///
/// Each ring dimension is measured twice: on its deepest chain and on that chain cut to
/// half its scale primes, so the model follows how each operation's cost grows with the
/// primes a ciphertext holds on this machine rather than by theory alone, over the range
/// plans at that ring dimension use.
pub fn run<B: Backend>(
    dims: &[usize],
    reps: usize,
    source: &str,
) -> Result<(Vec<BenchRow>, CostModel)> {
    let mut rows = Vec::new();
    let mut model = CostModel {
        source: source.to_string(),
        ..CostModel::default()
    };
    for &n in dims {
        let full = chain_for(n)
            .ok_or_else(|| super::HeError::Params(format!("no 128-bit chain at N={n}")))?;
        let short = shortened(&full, (full.depth / 2).max(1));
        let r = bench_one::<B>(&full, reps)?;
        model.per_ring_dim.insert(n, r.costs());
        model.primes.insert(n, full.data_primes());
        rows.push(r);
        if short.depth < full.depth {
            let r = bench_one::<B>(&short, reps)?;
            model
                .fewer_primes
                .insert(n, (short.data_primes(), r.costs()));
            rows.push(r);
        }
    }
    Ok((rows, model))
}

/// Writes the cost model as the JSON `CostModel::from_json` reads.
pub fn write_cost_model(model: &CostModel, path: &std::path::Path) -> Result<()> {
    let text = serde_json::to_string_pretty(model)?;
    std::fs::write(path, text).map_err(|source| super::HeError::Io {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shortened_chain_keeps_the_ring_and_the_special_prime() {
        let full = chain_for(16384).unwrap();
        assert_eq!(
            (full.depth, full.scale_bits),
            (13, 26),
            "the deepest chain at 16384"
        );
        let short = shortened(&full, full.depth / 2);
        assert_eq!(short.ring_dim, full.ring_dim);
        assert_eq!(short.data_primes(), full.depth / 2 + 1);
        assert_eq!(short.moduli_bits.len(), short.data_primes() as usize + 1);
        assert_eq!(short.moduli_bits.last(), full.moduli_bits.last());
        assert_eq!(short.log_q, short.moduli_bits.iter().sum::<u32>());
        assert!(short.log_q < full.log_q && short.log_q <= short.max_log_q);
    }
}
