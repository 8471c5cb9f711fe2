//! Direct f64 implementation of the *unfused* STGCN, layer by layer as the PyTorch reference
//! computes it, so tests can check every fusion rewrite against it.

use rayon::prelude::*;

use super::error::FuseError;
use super::eval::Input;
use super::shape::{out_frames, ModelShape};
use super::weights::{Affine, BlockWeights, ModelWeights, ResidualWeights};

/// Activation map of one body: [C, T, V], index (c*T + t)*V + v.
#[derive(Clone, Debug)]
struct Map {
    c: usize,
    t: usize,
    v: usize,
    d: Vec<f64>,
}

impl Map {
    fn zeros(c: usize, t: usize, v: usize) -> Self {
        Map {
            c,
            t,
            v,
            d: vec![0.0; c * t * v],
        }
    }
    fn at(&self, c: usize, t: usize, v: usize) -> f64 {
        self.d[(c * self.t + t) * self.v + v]
    }
    fn at_mut(&mut self, c: usize, t: usize, v: usize) -> &mut f64 {
        &mut self.d[(c * self.t + t) * self.v + v]
    }
}

/// Logits [N, classes] of the unfused model.
pub fn forward(shape: &ModelShape, w: &ModelWeights, input: &Input) -> Result<Vec<f64>, FuseError> {
    input.check(shape.in_channels, shape.frames, shape.joints, shape.bodies)?;
    let logits: Vec<Vec<f64>> = (0..input.n)
        .into_par_iter()
        .map(|n| sample(shape, w, input, n))
        .collect();
    Ok(logits.concat())
}

fn sample(shape: &ModelShape, w: &ModelWeights, input: &Input, n: usize) -> Vec<f64> {
    let mut pooled = vec![0.0; shape.blocks.last().map_or(shape.in_channels, |b| b.cout)];
    for m in 0..input.m {
        let mut x = data_bn(&w.data_bn, input, n, m);
        for (i, bw) in w.blocks.iter().enumerate() {
            x = block(shape, i, bw, &x);
        }
        // Global average pool over (T, V), then mean over bodies.
        for (c, p) in pooled.iter_mut().enumerate() {
            let s: f64 = (0..x.t)
                .flat_map(|t| (0..x.v).map(move |v| (t, v)))
                .map(|(t, v)| x.at(c, t, v))
                .sum();
            *p += s / (x.t * x.v * input.m) as f64;
        }
    }
    (0..shape.num_class)
        .map(|k| {
            w.fc_b[k]
                + pooled
                    .iter()
                    .enumerate()
                    .map(|(c, p)| w.fc_w[k * pooled.len() + c] * p)
                    .sum::<f64>()
        })
        .collect()
}

fn data_bn(bn: &Affine, input: &Input, n: usize, m: usize) -> Map {
    let mut x = Map::zeros(input.c, input.t, input.v);
    for c in 0..input.c {
        for t in 0..input.t {
            for v in 0..input.v {
                let i = v * input.c + c;
                *x.at_mut(c, t, v) = bn.scale[i] * input.at(n, c, t, v, m) + bn.shift[i];
            }
        }
    }
    x
}

fn block(shape: &ModelShape, i: usize, w: &BlockWeights, x: &Map) -> Map {
    let s = shape.poly_scale;
    let bs = &shape.blocks[i];
    let mut z = gcn(shape, w, x, bs.cout);
    batch_norm(&mut z, &w.bn0);
    z.d.iter_mut()
        .enumerate()
        .for_each(|(j, e)| *e = w.acts[0].apply(*e, j % z.v, s));
    let mut h = conv_t(&z, &w.tcn_w, &w.tcn_b, shape.temporal_kernel, bs.stride);
    batch_norm(&mut h, &w.bn1);
    match &w.residual {
        ResidualWeights::None => {}
        ResidualWeights::Identity => h.d.iter_mut().zip(&x.d).for_each(|(h, x)| *h += x),
        ResidualWeights::Conv { w: rw, b, bn } => {
            let mut r = conv_t(x, rw, b, 1, bs.stride);
            batch_norm(&mut r, bn);
            h.d.iter_mut().zip(&r.d).for_each(|(h, r)| *h += r);
        }
    }
    h.d.iter_mut()
        .enumerate()
        .for_each(|(j, e)| *e = w.acts[1].apply(*e, j % h.v, s));
    h
}

/// 1x1 conv to K*Cout channels, then y[c,t,w] = sum_k sum_v y_k[c,t,v] * adj[k][v][w].
fn gcn(shape: &ModelShape, w: &BlockWeights, x: &Map, cout: usize) -> Map {
    let (k_n, vn) = (shape.partitions, x.v);
    let mut out = Map::zeros(cout, x.t, vn);
    for k in 0..k_n {
        let y = conv_t(
            x,
            &w.gcn_w[k * cout * x.c..(k + 1) * cout * x.c],
            &w.gcn_b[k * cout..(k + 1) * cout],
            1,
            1,
        );
        for c in 0..cout {
            for t in 0..x.t {
                for wj in 0..vn {
                    let s: f64 = (0..vn)
                        .map(|v| y.at(c, t, v) * w.adj[(k * vn + v) * vn + wj])
                        .sum();
                    *out.at_mut(c, t, wj) += s;
                }
            }
        }
    }
    out
}

/// Temporal conv, kernel kt (weights [Cout, Cin, kt]), centred zero padding, stride s.
fn conv_t(x: &Map, w: &[f64], b: &[f64], kt: usize, s: usize) -> Map {
    let cout = b.len();
    let (tout, pad) = (out_frames(x.t, s), (kt - 1) / 2);
    let mut out = Map::zeros(cout, tout, x.v);
    for c in 0..cout {
        for t in 0..tout {
            for v in 0..x.v {
                let mut acc = b[c];
                for ci in 0..x.c {
                    for j in 0..kt {
                        let ti = (s * t + j) as isize - pad as isize;
                        if ti >= 0 && (ti as usize) < x.t {
                            acc += w[(c * x.c + ci) * kt + j] * x.at(ci, ti as usize, v);
                        }
                    }
                }
                *out.at_mut(c, t, v) = acc;
            }
        }
    }
    out
}

fn batch_norm(x: &mut Map, bn: &Affine) {
    let per_c = x.t * x.v;
    x.d.iter_mut()
        .enumerate()
        .for_each(|(j, e)| *e = bn.scale[j / per_c] * *e + bn.shift[j / per_c]);
}
