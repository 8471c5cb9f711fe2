//! The STGCN network (data BN, ST-GCN blocks, pooling, 1x1 classifier) and `StgcnModel`,
//! which owns the VarStore. Variable names equal the PyTorch reference's state_dict keys.

use tch::{nn, nn::Module, Device, Kind, Tensor};

use super::activation::{Activation, Relu};
use super::block::Block;
use super::config::StgcnConfig;
use super::error::ModelError;
use super::graph::{spatial_partition_flat, NUM_JOINTS, NUM_PARTITIONS};
use super::layers::{conv_1x1, BatchNorm};

/// Logits plus the output of every block, for attention-transfer distillation.
#[derive(Debug)]
pub struct Features {
    /// [N, num_class]
    pub logits: Tensor,
    /// Per block, [N*M, C_b, T_b, V] (bodies folded into the batch).
    pub blocks: Vec<Tensor>,
}

/// The STGCN layers; build under the root path of a VarStore so names match PyTorch.
#[derive(Debug)]
pub struct Stgcn {
    config: StgcnConfig,
    data_bn: BatchNorm,
    a: Tensor,
    edge_importance: Vec<Tensor>,
    blocks: Vec<Block>,
    fcn: nn::Conv2D,
}

impl Stgcn {
    /// Builds the network under `p` after validating `config`.
    pub fn new(p: &nn::Path, config: &StgcnConfig) -> Result<Self, ModelError> {
        config.validate()?;
        let v = NUM_JOINTS as i64;
        let k = NUM_PARTITIONS as i64;
        let a = p.add("A", adjacency(p.device()), false);
        let edge_importance = match config.edge_importance {
            true => (0..config.blocks.len())
                .map(|i| p.sub("edge_importance").ones(&i.to_string(), &[k, v, v]))
                .collect(),
            false => Vec::new(),
        };
        let blocks = config.blocks.iter().enumerate().map(|(i, spec)| {
            let dropout = if i == 0 { 0.0 } else { config.dropout };
            let bp = p / "st_gcn_networks" / i;
            Block::new(
                &bp,
                i,
                config.block_in(i),
                spec,
                config.temporal_kernel,
                dropout,
            )
        });
        let blocks = blocks.collect();
        let last = config.blocks.last().map_or(config.in_channels, |b| b.out);
        Ok(Stgcn {
            config: config.clone(),
            data_bn: BatchNorm::new_1d(p / "data_bn", v * config.in_channels),
            a,
            edge_importance,
            blocks,
            fcn: conv_1x1(p / "fcn", last, config.num_class, 1),
        })
    }

    pub fn config(&self) -> &StgcnConfig {
        &self.config
    }

    pub fn device(&self) -> Device {
        self.a.device()
    }

    /// Logits [N, num_class] for x [N, C, T, V, M] with the given activation.
    pub fn forward_with(
        &self,
        x: &Tensor,
        train: bool,
        act: &dyn Activation,
    ) -> Result<Tensor, ModelError> {
        Ok(self.forward_features(x, train, act)?.logits)
    }

    /// Logits and per-block features for x [N, C, T, V, M].
    pub fn forward_features(
        &self,
        x: &Tensor,
        train: bool,
        act: &dyn Activation,
    ) -> Result<Features, ModelError> {
        let (n, m) = self.check_input(x)?;
        let mut h = self.normalize_input(x, train);
        let mut feats = Vec::with_capacity(self.blocks.len());
        for (i, block) in self.blocks.iter().enumerate() {
            h = block.forward(&h, &self.block_adjacency(i), train, act);
            feats.push(h.shallow_clone());
        }
        let c = h.size()[1];
        // Average over (T, V), then over bodies, then the 1x1-conv classifier.
        let pooled = h.mean_dim(&[2i64, 3][..], false, Kind::Float);
        let pooled = pooled.view([n, m, c]).mean_dim(1, false, Kind::Float);
        let logits = self.fcn.forward(&pooled.view([n, c, 1, 1])).view([n, -1]);
        Ok(Features {
            logits,
            blocks: feats,
        })
    }

    /// [N, C, T, V, M] -> data BN over channel v*C + c per body -> [N*M, C, T, V].
    fn normalize_input(&self, x: &Tensor, train: bool) -> Tensor {
        let (n, c, t, v, m) = x.size5().expect("checked 5-D input");
        let h = x
            .permute([0, 4, 3, 1, 2])
            .contiguous()
            .view([n * m, v * c, t]);
        let h = self.data_bn.forward_t(&h, train);
        h.view([n, m, v, c, t])
            .permute([0, 1, 3, 4, 2])
            .contiguous()
            .view([n * m, c, t, v])
    }

    fn block_adjacency(&self, i: usize) -> Tensor {
        match self.edge_importance.get(i) {
            Some(e) => &self.a * e,
            None => self.a.shallow_clone(),
        }
    }

    /// Returns (N, M) or a shape error.
    fn check_input(&self, x: &Tensor) -> Result<(i64, i64), ModelError> {
        let s = x.size();
        let ok = s.len() == 5 && s[1] == self.config.in_channels && s[3] == NUM_JOINTS as i64;
        if !ok || s.iter().any(|&d| d < 1) {
            let expected = format!("[N, {}, T, {NUM_JOINTS}, M]", self.config.in_channels);
            return Err(ModelError::InputShape { found: s, expected });
        }
        Ok((s[0], s[4]))
    }
}

impl nn::ModuleT for Stgcn {
    /// The baseline (ReLU) forward; panics on a wrong input shape like other tch modules.
    fn forward_t(&self, x: &Tensor, train: bool) -> Tensor {
        self.forward_with(x, train, &Relu)
            .expect("STGCN input shape")
    }
}

/// The spatial-partition adjacency as a [K, V, V] float tensor.
pub fn adjacency(device: Device) -> Tensor {
    let v = NUM_JOINTS as i64;
    Tensor::from_slice(&spatial_partition_flat())
        .view([NUM_PARTITIONS as i64, v, v])
        .to_device(device)
}

/// A VarStore together with the network built in it.
#[derive(Debug)]
pub struct StgcnModel {
    pub vs: nn::VarStore,
    pub net: Stgcn,
}

impl StgcnModel {
    /// A freshly initialised model; seed torch's global RNG first for reproducible weights.
    pub fn new(config: &StgcnConfig, device: Device) -> Result<Self, ModelError> {
        let vs = nn::VarStore::new(device);
        let net = Stgcn::new(&vs.root(), config)?;
        Ok(StgcnModel { vs, net })
    }

    pub fn config(&self) -> &StgcnConfig {
        self.net.config()
    }

    pub fn device(&self) -> Device {
        self.vs.device()
    }
}
