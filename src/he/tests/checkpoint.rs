//! Random checkpoints in the PyTorch state_dict layout (mirrors tests/fuse/common.rs).
// Index loops mirror the tensor layouts being generated.
#![allow(clippy::needless_range_loop)]

use std::path::Path;

use crate::fuse::checkpoint::{write, Data};
use crate::fuse::eval::Input;
use crate::fuse::graph::ntu_pairs;
use crate::fuse::ir::Circuit;
use crate::fuse::rewrite::{fuse_checkpoint, FuseOptions};
use crate::fuse::shape::{BlockShape, ModelShape, Residual};

/// SplitMix64.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn vec(&mut self, n: usize, lo: f64, hi: f64) -> Vec<f32> {
        (0..n).map(|_| self.uniform(lo, hi) as f32).collect()
    }
}

struct W(Vec<(String, Vec<usize>, Data)>);

impl W {
    fn f(&mut self, name: &str, shape: &[usize], data: Vec<f32>) {
        self.0.push((name.into(), shape.to_vec(), Data::F32(data)));
    }
    fn bn(&mut self, rng: &mut Rng, prefix: &str, c: usize) {
        self.f(&format!("{prefix}.weight"), &[c], rng.vec(c, 0.5, 1.5));
        self.f(&format!("{prefix}.bias"), &[c], rng.vec(c, -0.5, 0.5));
        self.f(
            &format!("{prefix}.running_mean"),
            &[c],
            rng.vec(c, -0.5, 0.5),
        );
        self.f(&format!("{prefix}.running_var"), &[c], rng.vec(c, 0.5, 2.0));
        let n = format!("{prefix}.num_batches_tracked");
        self.0.push((n, vec![], Data::I64(vec![7])));
    }
    fn conv(&mut self, rng: &mut Rng, prefix: &str, cout: usize, cin: usize, kt: usize) {
        let a = 1.0 / ((cin * kt) as f64).sqrt();
        let w = rng.vec(cout * cin * kt, -a, a);
        self.f(&format!("{prefix}.weight"), &[cout, cin, kt, 1], w);
        self.f(&format!("{prefix}.bias"), &[cout], rng.vec(cout, -0.2, 0.2));
    }
}

/// Structural gates: per block each node keeps 0, 1 or 2 units, the same count for all.
fn gates(rng: &mut Rng, blocks: usize, v: usize) -> Vec<[Vec<f32>; 2]> {
    (0..blocks)
        .map(|_| {
            let n = rng.below(3);
            let mut g = [vec![0.0; v], vec![0.0; v]];
            for node in 0..v {
                match n {
                    2 => (g[0][node], g[1][node]) = (1.0, 1.0),
                    1 => g[rng.below(2)][node] = 1.0,
                    _ => {}
                }
            }
            g
        })
        .collect()
}

/// Writes a random checkpoint with gates and node-wise polynomials (no ReLU left).
pub fn write_poly_checkpoint(path: &Path, shape: &ModelShape, seed: u64) {
    let mut rng = Rng::new(seed);
    let (v, k) = (shape.joints, shape.partitions);
    let mut w = W(Vec::new());
    w.bn(&mut rng, "data_bn", v * shape.in_channels);
    let mut a = vec![0.0f32; k * v * v];
    for (s, d) in ntu_pairs() {
        a[(rng.below(k) * v + s) * v + d] = rng.uniform(0.1, 0.6) as f32;
    }
    w.f("A", &[k, v, v], a);
    let g = gates(&mut rng, shape.blocks.len(), v);
    for (i, b) in shape.blocks.iter().enumerate() {
        let p = format!("st_gcn_networks.{i}");
        w.conv(&mut rng, &format!("{p}.gcn.conv"), k * b.cout, b.cin, 1);
        w.bn(&mut rng, &format!("{p}.tcn.0"), b.cout);
        let kt = shape.temporal_kernel;
        w.conv(&mut rng, &format!("{p}.tcn.2"), b.cout, b.cout, kt);
        w.bn(&mut rng, &format!("{p}.tcn.3"), b.cout);
        if b.residual == Residual::Conv {
            w.conv(&mut rng, &format!("{p}.residual.0"), b.cout, b.cin, 1);
            w.bn(&mut rng, &format!("{p}.residual.1"), b.cout);
        }
        w.f(
            &format!("edge_importance.{i}"),
            &[k, v, v],
            rng.vec(k * v * v, 0.5, 1.5),
        );
        for u in 0..2 {
            w.f(&format!("{p}.act{u}.gate"), &[v], g[i][u].clone());
            let w2 = (0..v)
                .map(|n| {
                    if n % 7 == 3 {
                        0.0
                    } else {
                        rng.uniform(-2.0, 2.0) as f32
                    }
                })
                .collect();
            w.f(&format!("{p}.act{u}.w2"), &[v], w2);
            w.f(&format!("{p}.act{u}.w1"), &[v], rng.vec(v, 0.5, 1.5));
            w.f(&format!("{p}.act{u}.b"), &[v], rng.vec(v, -0.2, 0.2));
        }
    }
    let c = shape.blocks.last().expect("blocks").cout;
    w.conv(&mut rng, "fcn", shape.num_class, c, 1);
    write(path, &w.0).expect("write checkpoint");
}

/// A small model: `widths` per block (block 1 stride 2 + conv residual, block 2 identity).
pub fn tiny_shape(widths: &[usize], frames: usize, classes: usize, bodies: usize) -> ModelShape {
    let mut blocks = Vec::new();
    let mut cin = 3;
    for (i, &w) in widths.iter().enumerate() {
        let (stride, residual) = match i {
            0 => (1, Residual::None),
            1 => (2, Residual::Conv),
            _ if cin == w => (1, Residual::Identity),
            _ => (1, Residual::Conv),
        };
        blocks.push(BlockShape {
            cin,
            cout: w,
            stride,
            residual,
        });
        cin = w;
    }
    let mut s = ModelShape::stgcn3([4, 4, 4], frames, classes);
    s.blocks = blocks;
    s.temporal_kernel = 3;
    s.bodies = bodies;
    s
}

/// A random fused circuit and input batch.
pub fn random_circuit(shape: &ModelShape, seed: u64, n: usize) -> (Circuit, Input) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("model.safetensors");
    write_poly_checkpoint(&path, shape, seed);
    let c = fuse_checkpoint(&path, shape, &FuseOptions::default()).expect("fuse");
    let mut rng = Rng::new(seed ^ 0xABCD);
    let dims = [
        n,
        shape.in_channels,
        shape.frames,
        shape.joints,
        shape.bodies,
    ];
    let len = dims.iter().product();
    let input =
        Input::new(dims, (0..len).map(|_| rng.uniform(-1.0, 1.0)).collect()).expect("input");
    (c, input)
}
