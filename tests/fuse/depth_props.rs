//! Property: with structural gates (each node keeps the same number of units per block),
//! every node needs the same depth, and the depth only depends on the per-block counts.

use lingcn::fuse::depth::analyze;
use lingcn::fuse::rewrite::{structural, FuseOptions, KeptPattern};
use lingcn::fuse::shape::ModelShape;
use proptest::prelude::*;

fn pattern(per_block: &[(usize, Vec<bool>)]) -> KeptPattern {
    let blocks = per_block
        .iter()
        .map(|(n, first)| match n {
            0 => [vec![false; 25], vec![false; 25]],
            2 => [vec![true; 25], vec![true; 25]],
            _ => [first.clone(), first.iter().map(|k| !k).collect()],
        })
        .collect();
    KeptPattern { blocks }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn structural_gates_give_uniform_depth(
        blocks in proptest::collection::vec((0usize..3, proptest::collection::vec(any::<bool>(), 25)), 3),
        merge_linear in any::<bool>(),
    ) {
        let shape = ModelShape::stgcn3([4, 6, 6], 16, 5);
        let kept = pattern(&blocks);
        prop_assert!(kept.is_structural());
        let opts = FuseOptions { merge_linear, ..Default::default() };
        let d = analyze(&structural(&shape, &kept, None, &opts).unwrap());
        prop_assert!(d.uniform(), "{:?}", d.node_depth);
        // Unmerged, depth depends only on the per-block counts, not on which unit each node
        // keeps. (Merging depends on placement: an all-identity unit lets neighbours merge.)
        if !merge_linear {
            let aligned: Vec<_> = blocks.iter().map(|(n, _)| (*n, vec![true; 25])).collect();
            let d2 = analyze(&structural(&shape, &pattern(&aligned), None, &opts).unwrap());
            prop_assert_eq!(d.depth, d2.depth);
            let want: usize = 1 + blocks.iter().map(|(n, _)| 2 + n).sum::<usize>();
            prop_assert_eq!(d.depth as usize, want);
        }
    }
}
