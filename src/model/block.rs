//! One ST-GCN block: graph conv -> BN -> act #1 -> temporal conv -> BN -> dropout
//! -> + residual -> act #2. Variable names follow the PyTorch reference (`gcn.conv`,
//! `tcn.0`, `tcn.2`, `tcn.3`, `residual.0`, `residual.1`).

use tch::{nn, nn::Module, Tensor};

use super::activation::{Activation, UNIT_GCN, UNIT_OUT};
use super::config::BlockSpec;
use super::graph::NUM_PARTITIONS;
use super::layers::{conv_1x1, conv_t1, BatchNorm};

#[derive(Debug)]
enum Residual {
    None,
    Identity,
    /// Boxed: the conv path is much larger than the other variants.
    Conv(Box<(nn::Conv2D, BatchNorm)>),
}

/// A block's layers; the adjacency (A * edge importance) is passed in at forward time.
#[derive(Debug)]
pub struct Block {
    index: usize,
    out: i64,
    dropout: f64,
    gcn: nn::Conv2D,
    bn_gcn: BatchNorm,
    tconv: nn::Conv2D,
    bn_tcn: BatchNorm,
    residual: Residual,
}

impl Block {
    /// Builds block `index` under `p` (= `st_gcn_networks.{index}`).
    pub fn new(
        p: &nn::Path,
        index: usize,
        c_in: i64,
        spec: &BlockSpec,
        kt: i64,
        dropout: f64,
    ) -> Self {
        let k = NUM_PARTITIONS as i64;
        let residual = match (spec.residual, c_in == spec.out && spec.stride == 1) {
            (false, _) => Residual::None,
            (true, true) => Residual::Identity,
            (true, false) => Residual::Conv(Box::new((
                conv_1x1(p / "residual" / "0", c_in, spec.out, spec.stride),
                BatchNorm::new_2d(p / "residual" / "1", spec.out),
            ))),
        };
        Block {
            index,
            out: spec.out,
            dropout,
            gcn: conv_1x1(p / "gcn" / "conv", c_in, k * spec.out, 1),
            bn_gcn: BatchNorm::new_2d(p / "tcn" / "0", spec.out),
            tconv: conv_t1(p / "tcn" / "2", spec.out, spec.out, kt, spec.stride),
            bn_tcn: BatchNorm::new_2d(p / "tcn" / "3", spec.out),
            residual,
        }
    }

    /// x [N, C_in, T, V] -> [N, C_out, T/stride, V]; `adj` is [K, V, V].
    pub fn forward(&self, x: &Tensor, adj: &Tensor, train: bool, act: &dyn Activation) -> Tensor {
        let y = self.graph_conv(x, adj);
        let y = self.bn_gcn.forward_t(&y, train);
        let y = act.forward(&y, self.index, UNIT_GCN);
        let y = self.tconv.forward(&y);
        let y = self
            .bn_tcn
            .forward_t(&y, train)
            .dropout(self.dropout, train);
        let y = match self.residual(x, train) {
            Some(r) => y + r,
            None => y,
        };
        act.forward(&y, self.index, UNIT_OUT)
    }

    /// y[n,c,t,w] = sum_k sum_v conv(x)[n, k*C_out + c, t, v] * adj[k, v, w].
    fn graph_conv(&self, x: &Tensor, adj: &Tensor) -> Tensor {
        let y = self.gcn.forward(x);
        let (n, _, t, v) = y.size4().expect("graph conv output is 4-D");
        let y = y.view([n, NUM_PARTITIONS as i64, self.out, t, v]);
        Tensor::einsum("nkctv,kvw->nctw", &[y, adj.shallow_clone()], None::<i64>)
    }

    fn residual(&self, x: &Tensor, train: bool) -> Option<Tensor> {
        match &self.residual {
            Residual::None => None,
            Residual::Identity => Some(x.shallow_clone()),
            Residual::Conv(layers) => {
                let (conv, bn) = layers.as_ref();
                Some(bn.forward_t(&conv.forward(x), train))
            }
        }
    }
}
