//! The NTU-RGB+D skeleton's hop-1 pattern, used to plan circuits without a checkpoint
//! (a checkpoint brings its own `A` buffer).

pub use crate::data::skeleton::NTU_BONES;

/// Nonzero (src, dst) entries of the hop-1 matrix with self loops, 0-based, sorted.
pub fn ntu_pairs() -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = (0..25).map(|v| (v, v)).collect();
    for &(a, b) in &NTU_BONES {
        pairs.push((a - 1, b - 1));
        pairs.push((b - 1, a - 1));
    }
    pairs.sort_unstable();
    pairs
}
