//! Slot geometry of the `ChannelBlocks` layout (see `fuse::packing`) and the diagonal/BSGS
//! schedule, recomputed here with the planner's exact rules so that evaluation performs
//! exactly the rotations and products the plan counts.

use std::collections::{BTreeMap, BTreeSet};

use super::backend::normalize_step;
use crate::fuse::packing::Layout;

/// Slot of (chunk `i`, lane `lane`, position `p` in the lane).
pub fn lane_slot(lay: &Layout, i: usize, lane: usize, p: usize) -> usize {
    i * lay.chunk + lane * lay.lane + p
}

/// Chunks per ciphertext.
pub fn chunks(lay: &Layout) -> usize {
    lay.slots / lay.chunk
}

/// Channel held by chunk `i` of block `blk`, if any (channels repeat with period P).
pub fn chunk_channel(lay: &Layout, blk: usize, i: usize, channels: usize) -> Option<usize> {
    let c = blk * lay.period + i % lay.period;
    (c < channels).then_some(c)
}

pub use crate::fuse::packing::{block_diagonals, dilations};

/// Baby step of diagonal `d` at tap offset `o`, and its giant step (both normalised).
pub fn split(lay: &Layout, g: usize, d: usize, o: i64) -> (i64, i64) {
    let tp = lay.chunk as i64;
    (
        normalize_step(((d % g) as i64) * tp + o, lay.slots),
        normalize_step(((d / g * g) as i64) * tp, lay.slots),
    )
}

/// Rotation count of baby step `g` (the planner's objective).
fn rotations(
    diag: &[Vec<BTreeSet<usize>>],
    g: usize,
    offsets: &[i64],
    lay: &Layout,
    srcs: u64,
    dsts: u64,
) -> u64 {
    let baby: u64 = diag
        .iter()
        .map(|row| {
            let s: BTreeSet<i64> = row
                .iter()
                .flatten()
                .flat_map(|&d| offsets.iter().map(move |&o| split(lay, g, d, o).0))
                .filter(|&r| r != 0)
                .collect();
            s.len() as u64
        })
        .sum();
    let outs = diag.first().map_or(0, |r| r.len());
    let giant: u64 = (0..outs)
        .map(|ob| {
            let s: BTreeSet<i64> = diag
                .iter()
                .flat_map(|row| &row[ob])
                .map(|&d| split(lay, g, d, 0).1)
                .filter(|&r| r != 0)
                .collect();
            s.len() as u64
        })
        .sum();
    srcs * baby + dsts * giant
}

/// The planner's baby step: powers of two up to P, first minimum wins.
pub fn best_baby_step(
    diag: &[Vec<BTreeSet<usize>>],
    offsets: &[i64],
    lay: &Layout,
    srcs: u64,
    dsts: u64,
) -> usize {
    let mut best: Option<(usize, u64)> = None;
    let mut g = 1;
    while g <= lay.period {
        let r = rotations(diag, g, offsets, lay, srcs, dsts);
        if best.is_none_or(|(_, b)| r < b) {
            best = Some((g, r));
        }
        g *= 2;
    }
    best.map_or(1, |(g, _)| g)
}

/// Groups work items by giant step (deterministic order).
pub type Groups<T> = BTreeMap<i64, Vec<T>>;
