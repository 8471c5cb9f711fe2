//! Exact "slot simulator" backend: ciphertexts are plain `Vec<f64>` slots with the level and
//! scale bookkeeping SEAL does (same primes, same scale checks, same level limits), no noise,
//! and every operation counted. It checks packing and index arithmetic independently of noise.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::backend::{
    check_security, normalize_step, scales_close, stable_scale, Backend, Client, Counter, EvalKeys,
    Evaluator, Result,
};
use super::error::HeError;
use super::primes::ckks_primes;
use crate::fuse::packing::OpCounts;
use crate::fuse::params::CkksParams;

/// A simulated ciphertext (or plaintext): slots, level consumed, scale.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SimCt {
    pub slots: Vec<f64>,
    pub level: u32,
    pub scale: f64,
}

/// Chain facts shared by the simulated client and server.
#[derive(Debug)]
struct Chain {
    slots: usize,
    depth: u32,
    /// Data primes in SEAL order (first .. last scale prime).
    primes: Vec<u64>,
    scale: f64,
    /// Bits of the modulus left at each level (SEAL refuses scales that do not fit).
    bits_at: Vec<u32>,
}

impl Chain {
    fn new(p: &CkksParams) -> Result<Self> {
        check_security(p)?;
        let all = ckks_primes(p.ring_dim, &p.moduli_bits);
        let primes = all[..all.len() - 1].to_vec();
        let data_bits = &p.moduli_bits[..p.moduli_bits.len() - 1];
        let bits_at = (0..=p.depth)
            .map(|l| data_bits[..data_bits.len() - l as usize].iter().sum())
            .collect();
        Ok(Chain {
            slots: p.slots,
            depth: p.depth,
            scale: stable_scale(p.scale_bits, &primes),
            primes,
            bits_at,
        })
    }

    fn pad(&self, values: &[f64]) -> Result<Vec<f64>> {
        if values.len() > self.slots {
            return Err(HeError::TooManyValues {
                got: values.len(),
                slots: self.slots,
            });
        }
        let mut v = values.to_vec();
        v.resize(self.slots, 0.0);
        Ok(v)
    }

    /// SEAL's "scale out of bounds" check.
    fn check_scale(&self, level: u32, scale: f64) -> Result<()> {
        if scale.log2() >= self.bits_at[level as usize] as f64 || scale <= 0.0 {
            return Err(HeError::Level(format!(
                "scale 2^{:.1} does not fit the {} bits left at level {level}",
                scale.log2(),
                self.bits_at[level as usize]
            )));
        }
        Ok(())
    }
}

/// Simulated client ("secret key" = a random tag, so the leak test has something to find).
pub struct SimClient {
    chain: Arc<Chain>,
    steps: Vec<i64>,
    secret: Vec<u8>,
}

/// Simulated server.
pub struct SimServer {
    chain: Arc<Chain>,
    steps: BTreeSet<i64>,
    counter: Counter,
}

/// The simulator backend.
pub struct Sim;

impl Backend for Sim {
    type Ct = SimCt;
    type Client = SimClient;
    type Server = SimServer;

    fn keygen(params: &CkksParams, steps: &[i64]) -> Result<SimClient> {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Ok(SimClient {
            chain: Arc::new(Chain::new(params)?),
            steps: steps.to_vec(),
            secret: (0..64u64)
                .map(|i| {
                    (seed
                        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                        .rotate_left(i as u32)
                        >> 7) as u8
                })
                .collect(),
        })
    }

    fn server(params: &CkksParams, keys: &EvalKeys) -> Result<SimServer> {
        Ok(SimServer {
            chain: Arc::new(Chain::new(params)?),
            steps: keys.steps.iter().copied().collect(),
            counter: Counter::default(),
        })
    }
}

impl Client for SimClient {
    type Ct = SimCt;

    fn encrypt(&self, values: &[f64]) -> Result<SimCt> {
        Ok(SimCt {
            slots: self.chain.pad(values)?,
            level: 0,
            scale: self.chain.scale,
        })
    }

    fn encrypt_at(&self, values: &[f64], level: u32, scale: f64) -> Result<SimCt> {
        if level > self.chain.depth {
            return Err(HeError::Level(format!(
                "encrypt at level {level} > depth {}",
                self.chain.depth
            )));
        }
        self.chain.check_scale(level, scale)?;
        Ok(SimCt {
            slots: self.chain.pad(values)?,
            level,
            scale,
        })
    }

    fn decrypt(&self, ct: &SimCt) -> Result<Vec<f64>> {
        Ok(ct.slots.clone())
    }

    fn eval_keys(&self) -> Result<EvalKeys> {
        Ok(EvalKeys {
            backend: "sim".into(),
            steps: self.steps.clone(),
            ..Default::default()
        })
    }

    fn secret_key_bytes(&self) -> Result<Vec<u8>> {
        Ok(self.secret.clone())
    }
}

impl SimServer {
    fn same_level_scale(&self, a: &SimCt, b: &SimCt) -> Result<()> {
        if a.level != b.level {
            return Err(HeError::Level(format!(
                "operands at levels {} and {}",
                a.level, b.level
            )));
        }
        if !scales_close(a.scale, b.scale) {
            return Err(HeError::Scale {
                a: a.scale,
                b: b.scale,
            });
        }
        Ok(())
    }

    fn zip(&self, a: &SimCt, b: &SimCt, f: impl Fn(f64, f64) -> f64) -> SimCt {
        SimCt {
            slots: a
                .slots
                .iter()
                .zip(&b.slots)
                .map(|(x, y)| f(*x, *y))
                .collect(),
            level: a.level,
            scale: a.scale,
        }
    }

    fn product(&self, a: &SimCt, b: &SimCt) -> Result<SimCt> {
        if a.level != b.level {
            return Err(HeError::Level(format!(
                "multiply at levels {} and {}",
                a.level, b.level
            )));
        }
        let scale = a.scale * b.scale;
        self.chain.check_scale(a.level, scale)?;
        let mut out = self.zip(a, b, |x, y| x * y);
        out.scale = scale;
        Ok(out)
    }
}

impl Evaluator for SimServer {
    type Ct = SimCt;
    type Pt = SimCt;

    fn slots(&self) -> usize {
        self.chain.slots
    }

    fn depth(&self) -> u32 {
        self.chain.depth
    }

    fn prime(&self, level: u32) -> u64 {
        self.chain.primes[(self.chain.depth - level) as usize]
    }

    fn default_scale(&self) -> f64 {
        self.chain.scale
    }

    fn encode(&self, values: &[f64], level: u32, scale: f64) -> Result<SimCt> {
        if level > self.chain.depth {
            return Err(HeError::Level(format!("encode at level {level}")));
        }
        self.chain.check_scale(level, scale)?;
        Ok(SimCt {
            slots: self.chain.pad(values)?,
            level,
            scale,
        })
    }

    fn level(&self, ct: &SimCt) -> Result<u32> {
        Ok(ct.level)
    }

    fn scale(&self, ct: &SimCt) -> Result<f64> {
        Ok(ct.scale)
    }

    fn set_scale(&self, ct: &mut SimCt, scale: f64) -> Result<()> {
        if ((ct.scale - scale) / scale).abs() > 1e-12 {
            return Err(HeError::Scale {
                a: ct.scale,
                b: scale,
            });
        }
        ct.scale = scale;
        Ok(())
    }

    fn add(&self, a: &SimCt, b: &SimCt) -> Result<SimCt> {
        self.same_level_scale(a, b)?;
        Counter::bump(&self.counter.add);
        Ok(self.zip(a, b, |x, y| x + y))
    }

    fn sub(&self, a: &SimCt, b: &SimCt) -> Result<SimCt> {
        self.same_level_scale(a, b)?;
        Counter::bump(&self.counter.add);
        Ok(self.zip(a, b, |x, y| x - y))
    }

    fn negate(&self, a: &SimCt) -> Result<SimCt> {
        Ok(SimCt {
            slots: a.slots.iter().map(|x| -x).collect(),
            ..a.clone()
        })
    }

    fn add_plain(&self, a: &SimCt, p: &SimCt) -> Result<SimCt> {
        self.same_level_scale(a, p)?;
        Counter::bump(&self.counter.add_plain);
        Ok(self.zip(a, p, |x, y| x + y))
    }

    fn mul_plain(&self, a: &SimCt, p: &SimCt) -> Result<SimCt> {
        Counter::bump(&self.counter.ct_pt_mul);
        self.product(a, p)
    }

    fn mul_relin(&self, a: &SimCt, b: &SimCt) -> Result<SimCt> {
        Counter::bump(&self.counter.ct_ct_mul);
        self.product(a, b)
    }

    fn rescale(&self, a: &SimCt) -> Result<SimCt> {
        if a.level >= self.chain.depth {
            return Err(HeError::Level(format!(
                "rescale at the last level {}",
                a.level
            )));
        }
        Counter::bump(&self.counter.rescale);
        Ok(SimCt {
            slots: a.slots.clone(),
            level: a.level + 1,
            scale: a.scale / self.prime(a.level) as f64,
        })
    }

    fn mod_switch_to(&self, a: &SimCt, level: u32) -> Result<SimCt> {
        if level < a.level || level > self.chain.depth {
            return Err(HeError::Level(format!(
                "mod switch from {} to {level}",
                a.level
            )));
        }
        self.chain.check_scale(level, a.scale)?;
        Ok(SimCt { level, ..a.clone() })
    }

    fn rotate(&self, a: &SimCt, steps: i64) -> Result<SimCt> {
        let n = self.chain.slots;
        let s = normalize_step(steps, n);
        if !self.steps.contains(&s) {
            return Err(HeError::MissingGaloisKey(s));
        }
        Counter::bump(&self.counter.rotations);
        let k = s.rem_euclid(n as i64) as usize;
        let mut slots = a.slots.clone();
        slots.rotate_left(k);
        Ok(SimCt { slots, ..a.clone() })
    }

    fn serialize_ct(&self, ct: &SimCt) -> Result<Vec<u8>> {
        Ok(serde_json::to_vec(ct)?)
    }

    fn deserialize_ct(&self, bytes: &[u8]) -> Result<SimCt> {
        Ok(serde_json::from_slice(bytes)?)
    }

    fn counts(&self) -> OpCounts {
        self.counter.snapshot()
    }
}
