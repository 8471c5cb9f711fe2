//! The NTU-RGB+D skeleton's hop-1 pattern, used to plan circuits without a checkpoint
//! (a checkpoint brings its own `A` buffer).

/// Bones of the NTU skeleton, 1-based (LINGCN.md section 2).
pub const NTU_BONES: [(usize, usize); 24] = [
    (1, 2),
    (2, 21),
    (3, 21),
    (4, 3),
    (5, 21),
    (6, 5),
    (7, 6),
    (8, 7),
    (9, 21),
    (10, 9),
    (11, 10),
    (12, 11),
    (13, 1),
    (14, 13),
    (15, 14),
    (16, 15),
    (17, 1),
    (18, 17),
    (19, 18),
    (20, 19),
    (22, 23),
    (23, 8),
    (24, 25),
    (25, 12),
];

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
