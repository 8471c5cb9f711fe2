//! The CKKS backend interface: a client side that owns the secret key (encrypt, decrypt) and a
//! server side that only ever sees evaluation keys and ciphertexts (encode, add, multiply,
//! rescale, rotate). Levels are counted as *levels consumed* (0 = fresh, `depth` = last),
//! the convention of `fuse::depth` and `fuse::plan`.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::error::HeError;
use crate::fuse::packing::OpCounts;
use crate::fuse::params::{CkksParams, RING_DIMS};

pub type Result<T> = std::result::Result<T, HeError>;

/// Rejects parameters above the HomomorphicEncryption.org 128-bit bound for their ring
/// dimension (ternary secret; `log Q` includes the special prime), or malformed chains.
pub fn check_security(p: &CkksParams) -> Result<()> {
    let Some(&(_, bound)) = RING_DIMS.iter().find(|(n, _)| *n == p.ring_dim) else {
        return Err(HeError::Params(format!(
            "ring dimension {} not in the 128-bit table",
            p.ring_dim
        )));
    };
    let log_q: u32 = p.moduli_bits.iter().sum();
    if log_q > bound {
        return Err(HeError::Insecure {
            ring_dim: p.ring_dim,
            log_q,
            bound,
        });
    }
    if p.moduli_bits.len() != p.depth as usize + 2 || p.slots != p.ring_dim / 2 {
        return Err(HeError::Params(format!(
            "chain {:?} does not hold depth {} (first, depth x scale, special)",
            p.moduli_bits, p.depth
        )));
    }
    Ok(())
}

/// What the client hands the server: serialized public, relinearization and Galois keys
/// (never the secret key), plus the rotation steps the Galois keys cover.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct EvalKeys {
    pub backend: String,
    pub public: Vec<u8>,
    pub relin: Vec<u8>,
    pub galois: Vec<u8>,
    pub steps: Vec<i64>,
}

/// Client side: holds the secret key; encrypts inputs and decrypts results.
pub trait Client: Send + Sync {
    type Ct;
    /// Encrypts `values` (zero-padded to the slot count) at level 0 and the default scale.
    fn encrypt(&self, values: &[f64]) -> Result<Self::Ct>;
    /// Encrypts `values` directly at `level` (levels consumed) and `scale`: a ciphertext as
    /// if it had gone through `level` rescales. For tests and benchmarks of single layers.
    fn encrypt_at(&self, values: &[f64], level: u32, scale: f64) -> Result<Self::Ct>;
    /// Decrypts and decodes all slots.
    fn decrypt(&self, ct: &Self::Ct) -> Result<Vec<f64>>;
    /// The keys the server may have (serialized).
    fn eval_keys(&self) -> Result<EvalKeys>;
    /// The secret key's serialization (only for the leak test: never send it anywhere).
    fn secret_key_bytes(&self) -> Result<Vec<u8>>;
}

/// Server side: evaluation keys only.
pub trait Evaluator: Send + Sync {
    type Ct: Clone + Send + Sync;
    type Pt: Send + Sync;

    fn slots(&self) -> usize;
    /// Rescales available (the chain's depth).
    fn depth(&self) -> u32;
    /// The prime a rescale at `level` divides by.
    fn prime(&self, level: u32) -> u64;
    /// Scale of fresh ciphertexts (`2^scale_bits`).
    fn default_scale(&self) -> f64;
    /// Encodes `values` (zero-padded) as a plaintext at `level` and `scale`.
    fn encode(&self, values: &[f64], level: u32, scale: f64) -> Result<Self::Pt>;
    fn level(&self, ct: &Self::Ct) -> Result<u32>;
    fn scale(&self, ct: &Self::Ct) -> Result<f64>;
    /// Relabels the scale; only allowed for floating-point rounding (relative 1e-12), e.g.
    /// `s * (q t / s)` vs `q t` of two products that are meant to have the same scale.
    fn set_scale(&self, ct: &mut Self::Ct, scale: f64) -> Result<()>;
    fn add(&self, a: &Self::Ct, b: &Self::Ct) -> Result<Self::Ct>;
    fn sub(&self, a: &Self::Ct, b: &Self::Ct) -> Result<Self::Ct>;
    fn negate(&self, a: &Self::Ct) -> Result<Self::Ct>;
    fn add_plain(&self, a: &Self::Ct, p: &Self::Pt) -> Result<Self::Ct>;
    fn mul_plain(&self, a: &Self::Ct, p: &Self::Pt) -> Result<Self::Ct>;
    /// Ciphertext product followed by relinearization (no rescale).
    fn mul_relin(&self, a: &Self::Ct, b: &Self::Ct) -> Result<Self::Ct>;
    /// Divides by the level's last prime and drops it.
    fn rescale(&self, a: &Self::Ct) -> Result<Self::Ct>;
    /// Drops primes without dividing (scale unchanged) down to `level`.
    fn mod_switch_to(&self, a: &Self::Ct, level: u32) -> Result<Self::Ct>;
    /// Left rotation: `out[i] = a[(i + steps) mod slots]`; needs the Galois key of `steps`.
    fn rotate(&self, a: &Self::Ct, steps: i64) -> Result<Self::Ct>;
    fn serialize_ct(&self, ct: &Self::Ct) -> Result<Vec<u8>>;
    fn deserialize_ct(&self, bytes: &[u8]) -> Result<Self::Ct>;
    /// Operations performed so far (all threads).
    fn counts(&self) -> OpCounts;
}

/// Key generation and server construction for one backend.
pub trait Backend {
    type Ct: Clone + Send + Sync;
    type Client: Client<Ct = Self::Ct>;
    type Server: Evaluator<Ct = Self::Ct>;
    /// Client with fresh keys; Galois keys only for `steps`.
    fn keygen(params: &CkksParams, steps: &[i64]) -> Result<Self::Client>;
    /// A server from the parameters and the client's evaluation keys.
    fn server(params: &CkksParams, keys: &EvalKeys) -> Result<Self::Server>;
}

/// The fresh scale: close to `2^scale_bits`, chosen so that the canonical scales (a square
/// maps `S_l` to `S_l^2 / q_l`) stay close to it at every level. Starting at exactly
/// `2^scale_bits`, `log S` would drift by `(2^l - 1)` times the primes' offset from
/// `2^scale_bits` (half a percent for 26-bit primes at N = 16384 is a factor of e^40 after
/// 13 levels). This start gives `log2 S_l = sum_(k >= l) log2 q_k / 2^(k - l + 1) + 2^(l - L)
/// scale_bits`, an average of the primes still to be dropped. `data_primes` in SEAL order
/// (first .. last scale prime; level 0 drops the last).
pub fn stable_scale(scale_bits: u32, data_primes: &[u64]) -> f64 {
    let mut log = 0.0;
    let mut weight = 0.5;
    for &q in data_primes[1..].iter().rev() {
        log += weight * (q as f64).log2();
        weight /= 2.0;
    }
    2f64.powf(log + 2.0 * weight * f64::from(scale_bits))
}

/// The scale every ciphertext at `level` carries in `eval::evaluate`: fresh inputs are at
/// [`stable_scale`], a square maps `S_l` to `S_l^2 / q_l`, and plaintext multiplies pick their
/// plaintext scale to land exactly here, so values meeting at a level can always be added.
pub fn canonical_scales<E: Evaluator + ?Sized>(ev: &E) -> Vec<f64> {
    let mut s = vec![ev.default_scale()];
    for l in 0..ev.depth() {
        let last = s[l as usize];
        // Same operation order as SEAL (multiply, then rescale divides) for identical bits.
        s.push(last * last / ev.prime(l) as f64);
    }
    s
}

/// SEAL's `are_close`: equal up to one unit of rounding.
pub fn scales_close(a: f64, b: f64) -> bool {
    (a - b).abs() < f64::EPSILON * a.abs().max(b.abs()).max(1.0)
}

/// Thread-safe operation counters shared by the backends.
#[derive(Debug, Default)]
pub struct Counter {
    pub ct_pt_mul: AtomicU64,
    pub ct_ct_mul: AtomicU64,
    pub rotations: AtomicU64,
    pub add: AtomicU64,
    pub add_plain: AtomicU64,
    pub rescale: AtomicU64,
}

impl Counter {
    pub fn bump(c: &AtomicU64) {
        c.fetch_add(1, Ordering::Relaxed);
    }

    /// Snapshot (relinearizations equal ciphertext products: `mul_relin` does both).
    pub fn snapshot(&self) -> OpCounts {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        OpCounts {
            ct_pt_mul: g(&self.ct_pt_mul),
            ct_ct_mul: g(&self.ct_ct_mul),
            relin: g(&self.ct_ct_mul),
            rotations: g(&self.rotations),
            add: g(&self.add),
            add_plain: g(&self.add_plain),
            rescale: g(&self.rescale),
        }
    }
}

/// Rotation step normalised to (-slots/2, slots/2] (as `fuse::packing` lists them).
pub fn normalize_step(r: i64, slots: usize) -> i64 {
    let s = slots as i64;
    let m = r.rem_euclid(s);
    if m > s / 2 {
        m - s
    } else {
        m
    }
}
