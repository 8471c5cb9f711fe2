//! The NTT-friendly primes SEAL's `CoeffModulus::Create` picks, computed in Rust so the slot
//! simulator uses the very same modulus chain (and hence the same scales) as SEAL.

/// Primes for `bits` (SEAL order) at ring dimension `n`: per bit size, the `count` largest
/// primes `p = 1 mod 2n` below `2^bits`, handed out smallest first as that size reappears
/// (SEAL's `CoeffModulus::Create` pops them off the back of a decreasing list).
pub fn ckks_primes(n: usize, bits: &[u32]) -> Vec<u64> {
    let mut table: std::collections::BTreeMap<u32, Vec<u64>> = Default::default();
    for &b in bits {
        let list = table.entry(b).or_default();
        let next = next_prime_below(n, b, list.last().copied());
        list.push(next);
    }
    bits.iter()
        .map(|b| {
            table
                .get_mut(b)
                .and_then(|l| l.pop())
                .expect("one prime per entry")
        })
        .collect()
}

/// Largest prime `= 1 mod 2n` with `b` bits below `before` (or below `2^b`).
fn next_prime_below(n: usize, b: u32, before: Option<u64>) -> u64 {
    let factor = 2 * n as u64;
    let mut v = match before {
        Some(p) => p - factor,
        None => ((1u64 << b) - 1) / factor * factor + 1,
    };
    while !is_prime(v) {
        v -= factor;
    }
    v
}

fn mul_mod(a: u64, b: u64, m: u64) -> u64 {
    ((a as u128 * b as u128) % m as u128) as u64
}

fn pow_mod(mut a: u64, mut e: u64, m: u64) -> u64 {
    let mut r = 1;
    while e > 0 {
        if e & 1 == 1 {
            r = mul_mod(r, a, m);
        }
        a = mul_mod(a, a, m);
        e >>= 1;
    }
    r
}

/// Deterministic Miller-Rabin for 64-bit integers (these bases are exact below 2^64).
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    const BASES: [u64; 12] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    if let Some(&p) = BASES.iter().find(|&&p| n.is_multiple_of(p)) {
        return n == p;
    }
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    BASES.iter().all(|&a| {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            return true;
        }
        (1..s).any(|_| {
            x = mul_mod(x, x, n);
            x == n - 1
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primes_are_ntt_friendly_distinct_and_sized() {
        let p = ckks_primes(8192, &[60, 40, 40, 60]);
        assert_eq!(p.len(), 4);
        assert_ne!(p[0], p[3]);
        assert_ne!(p[1], p[2]);
        for (&q, &b) in p.iter().zip(&[60u32, 40, 40, 60]) {
            assert!(is_prime(q));
            assert_eq!(q % 16384, 1);
            assert_eq!(64 - q.leading_zeros(), b);
        }
        assert!(p[1] < p[2], "handed out smallest first, as SEAL does");
    }

    #[test]
    fn miller_rabin_agrees_with_trial_division() {
        for n in 0..5000u64 {
            let slow = n >= 2 && (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0);
            assert_eq!(is_prime(n), slow, "{n}");
        }
    }
}
