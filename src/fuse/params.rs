//! CKKS parameter selection: the smallest ring dimension whose 128-bit-secure modulus budget
//! (HomomorphicEncryption.org standard, ternary secret) holds the circuit's depth at a scale
//! inside the precision range, with enough slots for the packing.
//!
//! Chain (SEAL order): `[first, scale x depth, special]`. The first prime holds the final
//! values (`scale + int_bits`: the integer headroom of the logits; CKKS arithmetic is exact
//! modulo Q, so only what is decrypted must fit, not intermediate sums); the special prime is used
//! only by key switching and must be at least as large as any other prime, so it equals the
//! first; every rescale drops one `scale`-bit prime. `log Q = 2 * first + depth * scale`.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Ring dimensions considered and their max log2(Q) incl. the special prime at 128 bits.
pub const RING_DIMS: [(usize, u32); 4] = [(4096, 109), (8192, 218), (16384, 438), (32768, 881)];

/// Largest prime SEAL accepts, in bits.
pub const MAX_PRIME_BITS: u32 = 60;

/// Precision requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrecisionSpec {
    /// Scale bits tried from `scale_bits_max` down to `scale_bits_min` (more bits: more precision).
    pub scale_bits_min: u32,
    pub scale_bits_max: u32,
    /// Bits above the scale for the integer part of the results (first and special prime).
    /// `None`: sized by `fuse` from the logits it measured ([`int_bits_for`]), or
    /// [`DEFAULT_INT_BITS`] where nothing was measured (structural plans).
    pub int_bits: Option<u32>,
    /// Largest ring dimension the caller accepts.
    pub max_ring_dim: usize,
}

impl Default for PrecisionSpec {
    fn default() -> Self {
        PrecisionSpec {
            scale_bits_min: 25,
            scale_bits_max: 40,
            int_bits: None,
            max_ring_dim: 32768,
        }
    }
}

/// Integer bits when no logit range was measured.
pub const DEFAULT_INT_BITS: u32 = 20;

/// Headroom over the largest measured logit: 4 bits (16x) for clips the
/// measurement did not see and for the slots' partial sums.
pub const INT_MARGIN_BITS: u32 = 4;

/// Integer bits for results up to `max_abs` in magnitude: the sign, the
/// magnitude and [`INT_MARGIN_BITS`].
pub fn int_bits_for(max_abs: f64) -> u32 {
    1 + max_abs.max(1.0).log2().ceil() as u32 + INT_MARGIN_BITS
}

impl PrecisionSpec {
    /// The integer bits in effect.
    pub fn int_bits(&self) -> u32 {
        self.int_bits.unwrap_or(DEFAULT_INT_BITS)
    }
}

/// Chosen CKKS parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CkksParams {
    pub ring_dim: usize,
    pub slots: usize,
    pub scale_bits: u32,
    /// Prime sizes in SEAL order: first, `depth` scale primes, special.
    pub moduli_bits: Vec<u32>,
    pub depth: u32,
    pub log_q: u32,
    /// 128-bit bound at this ring dimension.
    pub max_log_q: u32,
}

impl CkksParams {
    /// Data primes of a fresh ciphertext: the first prime and `depth` scale primes.
    pub fn data_primes(&self) -> u32 {
        self.depth + 1
    }
}

/// Why no parameters fit.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ParamError {
    #[error("depth {depth} needs log Q = {need} > {bound} at N={ring_dim}; {hint}")]
    TooDeep {
        depth: u32,
        need: u32,
        bound: u32,
        ring_dim: usize,
        hint: String,
    },
    #[error("{slots} slots needed but N={max_ring_dim} gives {}", max_ring_dim / 2)]
    TooManySlots { slots: usize, max_ring_dim: usize },
    #[error("invalid precision spec: {0}")]
    Spec(String),
}

/// `log Q` of the chain for `depth` at `scale` bits.
pub fn log_q(depth: u32, scale: u32, int_bits: u32) -> u32 {
    2 * (scale + int_bits) + depth * scale
}

/// Smallest ring dimension (then the largest scale) that fits.
pub fn select(
    depth: u32,
    slots_needed: usize,
    spec: &PrecisionSpec,
) -> Result<CkksParams, ParamError> {
    check_spec(spec)?;
    let allowed = RING_DIMS
        .iter()
        .filter(|(n, _)| *n <= spec.max_ring_dim && n / 2 >= slots_needed);
    for &(n, bound) in allowed {
        for scale in (spec.scale_bits_min..=spec.scale_bits_max).rev() {
            let q = log_q(depth, scale, spec.int_bits());
            if q <= bound {
                let first = scale + spec.int_bits();
                let mut moduli_bits = vec![first];
                moduli_bits.extend(std::iter::repeat_n(scale, depth as usize));
                moduli_bits.push(first);
                return Ok(CkksParams {
                    ring_dim: n,
                    slots: n / 2,
                    scale_bits: scale,
                    moduli_bits,
                    depth,
                    log_q: q,
                    max_log_q: bound,
                });
            }
        }
    }
    Err(refusal(depth, slots_needed, spec))
}

fn check_spec(spec: &PrecisionSpec) -> Result<(), ParamError> {
    if spec.scale_bits_min == 0 || spec.scale_bits_min > spec.scale_bits_max {
        return Err(ParamError::Spec(format!(
            "scale bits {}..{}",
            spec.scale_bits_min, spec.scale_bits_max
        )));
    }
    if spec.scale_bits_min + spec.int_bits() > MAX_PRIME_BITS {
        return Err(ParamError::Spec(format!(
            "first prime {} bits > {MAX_PRIME_BITS}",
            spec.scale_bits_min + spec.int_bits()
        )));
    }
    Ok(())
}

/// The error naming what would fit: a larger N, or less depth.
fn refusal(depth: u32, slots: usize, spec: &PrecisionSpec) -> ParamError {
    let Some(&(n, bound)) = RING_DIMS
        .iter()
        .rev()
        .find(|(n, _)| *n <= spec.max_ring_dim)
    else {
        return ParamError::TooManySlots {
            slots,
            max_ring_dim: spec.max_ring_dim,
        };
    };
    if n / 2 < slots {
        return ParamError::TooManySlots {
            slots,
            max_ring_dim: n,
        };
    }
    let need = log_q(depth, spec.scale_bits_min, spec.int_bits());
    let fits_at = RING_DIMS
        .iter()
        .find(|(m, b)| *m > n && need <= *b)
        .map(|(m, _)| *m);
    let max_depth =
        bound.saturating_sub(2 * (spec.scale_bits_min + spec.int_bits())) / spec.scale_bits_min;
    let hint = match fits_at {
        Some(m) => format!("use N={m} or linearize more (lambda) to depth <= {max_depth}"),
        None => format!(
            "linearize more (lambda) to depth <= {max_depth} or lower the scale below 2^{}",
            spec.scale_bits_min
        ),
    };
    ParamError::TooDeep {
        depth,
        need,
        bound,
        ring_dim: n,
        hint,
    }
}
