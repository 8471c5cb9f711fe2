//! What a circuit's operations cost, level by level.
//!
//! Two models price the same per-layer op counts:
//! - [`reference_layer_ms`], a fixed table in this file: what `fuse` decides with
//!   (layout, merging) and what `he-eval`'s time budget checks. It never
//!   changes with the machine, so the plan, and every column made from it,
//!   is the same everywhere.
//! - [`CostModel`], the per-op medians that `he-bench` measured on this
//!   machine: only for the estimated-latency column (marked † as measured).
//!
//! Both are level-aware. An op on a ciphertext that still holds `l` data
//! primes does work that grows with the ring dimension `N` and `l` (SEAL's
//! RNS representation): element-wise ops as `N l`; rescale and encode as `l`
//! NTTs, `N log N l`; key switching (rotation, relinearization) as `l + 1`
//! NTTs for each of `l` digits, `N log N l (l + 1)`. Every ct x pt product
//! and every plaintext addition also pays one encode, because plaintexts
//! are encoded per product, at the operand's level.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::FuseError;
use super::packing::OpCounts;

/// Milliseconds per operation at one ring dimension.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpCosts {
    pub ct_pt_mul: f64,
    /// ct x ct multiply without relinearization.
    pub ct_ct_mul: f64,
    pub relin: f64,
    pub rotate: f64,
    pub add: f64,
    pub add_plain: f64,
    pub rescale: f64,
    /// Encoding one plaintext at the operand's level.
    #[serde(default)]
    pub encode: f64,
}

/// The reference table: milliseconds per unit of work (see the module
/// docs for the unit of each op). Fitted once to the per-op medians of
/// SEAL 4.0 in docs/he.md (one thread, N = 8192, 16384 and 32768 at 3, 8
/// and 20 data primes; the fit is within ±35 % of every one of them).
/// ct x ct carries relinearization, as `he-bench` measures them together.
pub const REFERENCE: OpCosts = OpCosts {
    ct_pt_mul: 4.8e-6,
    ct_ct_mul: 1.35e-6,
    relin: 0.0,
    rotate: 1.25e-6,
    add: 2.0e-6,
    add_plain: 1.2e-6,
    rescale: 1.5e-6,
    encode: 1.2e-6,
};

/// One layer's ops and the data primes its operands hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerWork {
    pub counts: OpCounts,
    pub primes: u32,
}

/// Work units of each op at ring dimension `n` with `l` data primes, in
/// the order of `OpCosts`' fields.
fn units(n: usize, l: u32) -> OpCosts {
    let (n, l) = (n as f64, f64::from(l.max(1)));
    let elementwise = n * l;
    let ntt = n * n.log2() * l;
    let key_switch = ntt * (l + 1.0);
    OpCosts {
        ct_pt_mul: elementwise,
        ct_ct_mul: key_switch,
        relin: key_switch,
        rotate: key_switch,
        add: elementwise,
        add_plain: elementwise,
        rescale: ntt,
        encode: ntt,
    }
}

/// Milliseconds of `counts` at per-op costs `ms`.
fn price(c: &OpCounts, ms: &OpCosts) -> f64 {
    c.ct_pt_mul as f64 * (ms.ct_pt_mul + ms.encode)
        + c.ct_ct_mul as f64 * ms.ct_ct_mul
        + c.relin as f64 * ms.relin
        + c.rotations as f64 * ms.rotate
        + c.add as f64 * ms.add
        + c.add_plain as f64 * (ms.add_plain + ms.encode)
        + c.rescale as f64 * ms.rescale
}

fn scaled(a: &OpCosts, b: &OpCosts, f: impl Fn(f64, f64) -> f64) -> OpCosts {
    OpCosts {
        ct_pt_mul: f(a.ct_pt_mul, b.ct_pt_mul),
        ct_ct_mul: f(a.ct_ct_mul, b.ct_ct_mul),
        relin: f(a.relin, b.relin),
        rotate: f(a.rotate, b.rotate),
        add: f(a.add, b.add),
        add_plain: f(a.add_plain, b.add_plain),
        rescale: f(a.rescale, b.rescale),
        encode: f(a.encode, b.encode),
    }
}

/// The reference estimate of one layer, in milliseconds.
pub fn reference_layer_ms(ring_dim: usize, work: &LayerWork) -> f64 {
    let ms = scaled(&REFERENCE, &units(ring_dim, work.primes), |k, u| k * u);
    price(&work.counts, &ms)
}

/// Costs per ring dimension, measured at a known number of data primes,
/// plus where they came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    /// Provenance, e.g. "SEAL 4.0 via sealy, 2 vCPU, median of 20".
    pub source: String,
    /// Keyed by ring dimension.
    pub per_ring_dim: BTreeMap<usize, OpCosts>,
    /// Data primes of the ciphertexts each row was measured on (default:
    /// priced as measured, whatever the level).
    #[serde(default)]
    pub primes: BTreeMap<usize, u32>,
    /// A second measurement per ring dimension on fewer data primes: each
    /// op's cost is then a power law in the primes through the two points
    /// (default: grown by the reference model's theory from the one point).
    #[serde(default)]
    pub fewer_primes: BTreeMap<usize, (u32, OpCosts)>,
}

impl CostModel {
    /// Parses `{"source": "...", "per_ring_dim": {"8192": {"ct_pt_mul": 0.2, ...}, ...}}`.
    pub fn from_json(text: &str) -> Result<Self, FuseError> {
        let m: CostModel =
            serde_json::from_str(text).map_err(|e| FuseError::CostModel(e.to_string()))?;
        let bad = m.per_ring_dim.values().flat_map(|c| {
            [
                c.ct_pt_mul,
                c.ct_ct_mul,
                c.relin,
                c.rotate,
                c.add,
                c.add_plain,
                c.rescale,
                c.encode,
            ]
        });
        if bad.into_iter().any(|x| !x.is_finite() || x < 0.0) {
            return Err(FuseError::CostModel("costs must be finite and >= 0".into()));
        }
        Ok(m)
    }

    /// Estimated milliseconds of one layer at `ring_dim`, `None` if the
    /// table lacks it: the measured costs, moved from the primes they were
    /// measured on to the layer's along the growth fitted through the two
    /// measurements, or, with one, along the reference model's growth.
    pub fn layer_ms(&self, ring_dim: usize, work: &LayerWork) -> Option<f64> {
        let measured = self.per_ring_dim.get(&ring_dim)?;
        let ms = match (self.primes.get(&ring_dim), self.fewer_primes.get(&ring_dim)) {
            (Some(&at), Some(&(low, ref low_ms))) if low < at => {
                power_law(measured, at, low_ms, low, work.primes)
            }
            (Some(&at), _) => {
                let ratio = scaled(
                    &units(ring_dim, work.primes),
                    &units(ring_dim, at),
                    |u, v| u / v,
                );
                scaled(measured, &ratio, |m, r| m * r)
            }
            (None, _) => *measured,
        };
        Some(price(&work.counts, &ms))
    }
}

/// Each op's cost at `l` primes from `a` (at `la` primes) and `b` (at `lb`):
/// `a * (l / la)^k` with `k` fitted through both points (an op too cheap to
/// time at one of them keeps `a`).
fn power_law(a: &OpCosts, la: u32, b: &OpCosts, lb: u32, l: u32) -> OpCosts {
    let (la, lb, l) = (f64::from(la), f64::from(lb), f64::from(l.max(1)));
    scaled(a, b, |ca, cb| {
        if ca > 0.0 && cb > 0.0 {
            let k = (ca / cb).ln() / (la / lb).ln();
            ca * (l / la).powf(k)
        } else {
            ca
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(f: impl Fn(&mut OpCounts)) -> OpCounts {
        let mut c = OpCounts::default();
        f(&mut c);
        c
    }

    /// The reference table against the SEAL medians it was fitted to
    /// (docs/he.md; N, data primes, op, ms).
    #[test]
    fn reference_is_within_35_percent_of_the_measured_medians() {
        let rows: [(usize, u32, OpCounts, f64); 9] = [
            (8192, 3, one(|c| c.rotations = 1), 1.53),
            (16384, 8, one(|c| c.rotations = 1), 23.1),
            (32768, 20, one(|c| c.rotations = 1), 231.0),
            (16384, 8, one(|c| c.ct_ct_mul = 1), 24.4),
            (32768, 20, one(|c| c.ct_ct_mul = 1), 241.0),
            (16384, 8, one(|c| c.rescale = 1), 2.32),
            (16384, 8, one(|c| c.add = 1), 0.221),
            (32768, 20, one(|c| c.add_plain = 1), 0.845 + 14.1),
            (16384, 8, one(|c| c.ct_pt_mul = 1), 0.602 + 1.82),
        ];
        for (n, primes, counts, measured) in rows {
            let est = reference_layer_ms(n, &LayerWork { counts, primes });
            let ratio = est / measured;
            assert!(
                (0.65..1.35).contains(&ratio),
                "N={n} l={primes} {counts:?}: {est} vs {measured}"
            );
        }
    }

    #[test]
    fn fewer_primes_cost_less_and_key_switching_falls_fastest() {
        let rot = one(|c| c.rotations = 1);
        let add = one(|c| c.add = 1);
        let at = |c, l| {
            reference_layer_ms(
                16384,
                &LayerWork {
                    counts: c,
                    primes: l,
                },
            )
        };
        assert!(at(rot, 4) < at(rot, 8) && at(add, 4) < at(add, 8));
        assert!(at(rot, 8) / at(rot, 4) > at(add, 8) / at(add, 4));
    }

    #[test]
    fn measured_costs_move_to_the_layer_level() {
        let mut m = CostModel {
            source: "test".into(),
            per_ring_dim: BTreeMap::from([(
                16384,
                OpCosts {
                    rotate: 10.0,
                    ..REFERENCE
                },
            )]),
            primes: BTreeMap::new(),
            ..CostModel::default()
        };
        let rot = LayerWork {
            counts: one(|c| c.rotations = 2),
            primes: 4,
        };
        assert_eq!(m.layer_ms(16384, &rot), Some(20.0));
        m.primes.insert(16384, 8);
        let expected = 20.0 * (4.0 * 5.0) / (8.0 * 9.0);
        assert!((m.layer_ms(16384, &rot).unwrap() - expected).abs() < 1e-9);
        assert_eq!(m.layer_ms(8192, &rot), None);
    }

    #[test]
    fn two_measurements_fit_each_ops_growth_in_the_primes() {
        let at = |rotate: f64| OpCosts {
            rotate,
            ..REFERENCE
        };
        // Rotation measured 16 ms at 16 primes and 4 ms at 4: cost grows as l^1 here,
        // slower than the theory's l (l + 1).
        let m = CostModel {
            source: "test".into(),
            per_ring_dim: BTreeMap::from([(16384, at(16.0))]),
            primes: BTreeMap::from([(16384, 16)]),
            fewer_primes: BTreeMap::from([(16384, (4, at(4.0)))]),
        };
        let rot = |primes| LayerWork {
            counts: one(|c| c.rotations = 1),
            primes,
        };
        for (l, ms) in [(16, 16.0), (4, 4.0), (8, 8.0), (2, 2.0)] {
            let got = m.layer_ms(16384, &rot(l)).unwrap();
            assert!((got - ms).abs() < 1e-9, "{l} primes: {got} ms, not {ms}");
        }
        // An op measured as free at one point is priced as measured at the other.
        let free = OpCosts {
            add: 0.0,
            ..REFERENCE
        };
        assert_eq!(power_law(&REFERENCE, 16, &free, 4, 8).add, REFERENCE.add);
    }
}
