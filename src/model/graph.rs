//! NTU-RGB+D skeleton graph and its "spatial" partition into K = 3 adjacency kernels
//! (LINGCN.md section 2). Pure Rust, no tensors: `stgcn` turns the result into the `A` buffer.

/// Joints of the NTU-RGB+D skeleton.
pub const NUM_JOINTS: usize = 25;
/// Number of adjacency kernels of the spatial partition.
pub const NUM_PARTITIONS: usize = 3;
/// Centre joint, 0-based (joint 21 in the 1-based NTU numbering).
pub const CENTER: usize = 20;
pub use crate::data::skeleton::NTU_BONES;

/// A 25 x 25 matrix, row index j (input joint), column index i (output joint).
pub type JointMatrix = [[f32; NUM_JOINTS]; NUM_JOINTS];

/// The 0/1 hop <= 1 matrix: bones in both directions plus self loops.
pub fn hop1_matrix() -> JointMatrix {
    let mut m = [[0.0; NUM_JOINTS]; NUM_JOINTS];
    for (j, row) in m.iter_mut().enumerate() {
        row[j] = 1.0;
    }
    for &(a, b) in &NTU_BONES {
        m[a - 1][b - 1] = 1.0;
        m[b - 1][a - 1] = 1.0;
    }
    m
}

/// Hop distance of every joint to `CENTER` along the bones (breadth-first search).
pub fn hops_to_center() -> [usize; NUM_JOINTS] {
    hops_from(CENTER)
}

/// Hop distance of every joint to `source`; the skeleton is connected, so all are finite.
pub fn hops_from(source: usize) -> [usize; NUM_JOINTS] {
    let adj = hop1_matrix();
    let mut dist = [usize::MAX; NUM_JOINTS];
    dist[source] = 0;
    let mut queue = std::collections::VecDeque::from([source]);
    while let Some(j) = queue.pop_front() {
        for i in 0..NUM_JOINTS {
            if adj[j][i] > 0.0 && dist[i] == usize::MAX {
                dist[i] = dist[j] + 1;
                queue.push_back(i);
            }
        }
    }
    dist
}

/// Column normalisation A * D^-1 with D the column sums, so every column sums to 1.
pub fn normalize_columns(m: &JointMatrix) -> JointMatrix {
    let mut out = *m;
    for i in 0..NUM_JOINTS {
        let sum: f32 = (0..NUM_JOINTS).map(|j| m[j][i]).sum();
        if sum > 0.0 {
            for row in out.iter_mut() {
                row[i] /= sum;
            }
        }
    }
    out
}

/// The spatial partition: k0 = both joints equally far from the centre (self loops),
/// k1 = input joint j nearer the centre than output joint i, k2 = j farther.
///
/// Uses true hop distances to the centre, as LINGCN.md specifies (the original ST-GCN code
/// compares distances capped at max_hop and orders its kernels differently).
pub fn spatial_partition() -> [JointMatrix; NUM_PARTITIONS] {
    let norm = normalize_columns(&hop1_matrix());
    let hop = hops_to_center();
    let mut parts = [[[0.0; NUM_JOINTS]; NUM_JOINTS]; NUM_PARTITIONS];
    for j in 0..NUM_JOINTS {
        for i in 0..NUM_JOINTS {
            if norm[j][i] == 0.0 {
                continue;
            }
            let k = match hop[j].cmp(&hop[i]) {
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Less => 1,
                std::cmp::Ordering::Greater => 2,
            };
            parts[k][j][i] = norm[j][i];
        }
    }
    parts
}

/// The partition flattened row-major as [K, V, V] for building a tensor.
pub fn spatial_partition_flat() -> Vec<f32> {
    spatial_partition()
        .iter()
        .flat_map(|k| k.iter().flat_map(|row| row.iter().copied()))
        .collect()
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)] // index loops over matrices read clearer here
mod tests {
    use super::*;

    /// 1-based joint pair to the kernel index holding entry [j, i], if any.
    fn kernel_of(j1: usize, i1: usize) -> Option<usize> {
        let parts = spatial_partition();
        (0..NUM_PARTITIONS).find(|&k| parts[k][j1 - 1][i1 - 1] != 0.0)
    }

    #[test]
    fn columns_of_the_kernel_sum_are_one() {
        let parts = spatial_partition();
        for i in 0..NUM_JOINTS {
            let sum: f32 = (0..NUM_PARTITIONS)
                .flat_map(|k| (0..NUM_JOINTS).map(move |j| (k, j)))
                .map(|(k, j)| parts[k][j][i])
                .sum();
            assert!((sum - 1.0).abs() < 1e-6, "column {i} sums to {sum}");
        }
    }

    #[test]
    fn named_pairs_land_in_the_right_kernel() {
        // Self loops, including the centre, are equally far from the centre.
        assert_eq!(kernel_of(21, 21), Some(0));
        assert_eq!(kernel_of(4, 4), Some(0));
        // Bone 2-21: 21 is the centre, so seen from joint 2 the input 21 is nearer.
        assert_eq!(kernel_of(21, 2), Some(1));
        assert_eq!(kernel_of(2, 21), Some(2));
        // Bone 3-4 (neck-head): 3 is one hop from the centre, 4 two hops.
        assert_eq!(kernel_of(3, 4), Some(1));
        assert_eq!(kernel_of(4, 3), Some(2));
        // Hand tip 24 hangs off 25, which hangs off 12.
        assert_eq!(kernel_of(25, 24), Some(1));
        assert_eq!(kernel_of(24, 25), Some(2));
        // Not neighbours: no kernel.
        assert_eq!(kernel_of(1, 21), None);
        assert_eq!(kernel_of(4, 24), None);
    }

    #[test]
    fn hop_distances_are_symmetric() {
        let all: Vec<_> = (0..NUM_JOINTS).map(hops_from).collect();
        for a in 0..NUM_JOINTS {
            for b in 0..NUM_JOINTS {
                assert_eq!(all[a][b], all[b][a], "hop({a},{b})");
            }
        }
        let hop = hops_to_center();
        assert_eq!(hop[CENTER], 0);
        assert_eq!(hop[0], 2); // spine base: 1-2-21
        assert_eq!(hop[23], 6); // hand tip 24: 24-25-12-11-10-9-21
    }

    #[test]
    fn kernel_entries_cover_the_hop1_matrix_once() {
        let adj = hop1_matrix();
        let parts = spatial_partition();
        for j in 0..NUM_JOINTS {
            for i in 0..NUM_JOINTS {
                let nonzero = (0..NUM_PARTITIONS)
                    .filter(|&k| parts[k][j][i] != 0.0)
                    .count();
                assert_eq!(nonzero, adj[j][i] as usize, "entry [{j},{i}]");
            }
        }
        let edges: f32 = adj.iter().flatten().sum();
        assert_eq!(edges, (NUM_JOINTS + 2 * NTU_BONES.len()) as f32);
    }
}
