//! The checkpoint's tensors, parsed per block into plain f64 vectors (PyTorch layouts).

use super::checkpoint::TensorMap;
use super::error::FuseError;
use super::shape::{ModelShape, Residual};

/// BatchNorm in inference form: y = scale * x + shift, per channel.
#[derive(Clone, Debug)]
pub struct Affine {
    pub scale: Vec<f64>,
    pub shift: Vec<f64>,
}

/// What an activation unit computes at a node before gating.
#[derive(Clone, Debug)]
pub enum ActKind {
    Relu,
    /// `x * (s * w2[v] * x + w1[v]) + b[v]`.
    Poly {
        w2: Vec<f64>,
        w1: Vec<f64>,
        b: Vec<f64>,
    },
}

/// One activation unit: `out = gate[v] * act(x) + (1 - gate[v]) * x`.
#[derive(Clone, Debug)]
pub struct ActWeights {
    pub gate: Vec<f64>,
    pub kind: ActKind,
}

/// Residual path weights.
#[derive(Clone, Debug)]
pub enum ResidualWeights {
    None,
    Identity,
    /// weight `[Cout, Cin]`, bias `[Cout]`, then BatchNorm.
    Conv {
        w: Vec<f64>,
        b: Vec<f64>,
        bn: Affine,
    },
}

/// One block's weights.
#[derive(Clone, Debug)]
pub struct BlockWeights {
    /// [K*Cout, Cin]; output channel k*Cout + c is partition k.
    pub gcn_w: Vec<f64>,
    pub gcn_b: Vec<f64>,
    /// `A[k] * E` (edge importance folded), `[K, V, V]`, entry `[k][v][w]`.
    pub adj: Vec<f64>,
    pub bn0: Affine,
    /// [Cout, Cout, kt].
    pub tcn_w: Vec<f64>,
    pub tcn_b: Vec<f64>,
    pub bn1: Affine,
    pub residual: ResidualWeights,
    pub acts: [ActWeights; 2],
}

/// The whole network.
#[derive(Clone, Debug)]
pub struct ModelWeights {
    /// Per (v, c), index v*C + c.
    pub data_bn: Affine,
    pub blocks: Vec<BlockWeights>,
    /// [classes, C_last].
    pub fc_w: Vec<f64>,
    pub fc_b: Vec<f64>,
}

impl ModelWeights {
    /// Parses all tensors the shape needs; activation tensors absent mean ReLU / all-ones gate.
    pub fn from_tensors(t: &TensorMap, shape: &ModelShape) -> Result<Self, FuseError> {
        shape.validate()?;
        let data_bn = bn(t, "data_bn", shape.joints * shape.in_channels, shape.bn_eps)?;
        let blocks = (0..shape.blocks.len())
            .map(|i| block(t, shape, i))
            .collect::<Result<_, _>>()?;
        let c = shape.blocks.last().map_or(shape.in_channels, |b| b.cout);
        let k = shape.num_class;
        Ok(ModelWeights {
            data_bn,
            blocks,
            fc_w: t.get("fcn.weight", &[k, c, 1, 1])?.to_vec(),
            fc_b: t.get("fcn.bias", &[k])?.to_vec(),
        })
    }
}

fn bn(t: &TensorMap, prefix: &str, c: usize, eps: f64) -> Result<Affine, FuseError> {
    let get = |n: &str| t.get(&format!("{prefix}.{n}"), &[c]);
    let (w, b, m, var) = (
        get("weight")?,
        get("bias")?,
        get("running_mean")?,
        get("running_var")?,
    );
    let scale: Vec<f64> = (0..c).map(|i| w[i] / (var[i] + eps).sqrt()).collect();
    let shift = (0..c).map(|i| b[i] - m[i] * scale[i]).collect();
    Ok(Affine { scale, shift })
}

fn block(t: &TensorMap, shape: &ModelShape, i: usize) -> Result<BlockWeights, FuseError> {
    let bs = &shape.blocks[i];
    let (k, v, kt) = (shape.partitions, shape.joints, shape.temporal_kernel);
    let p = format!("st_gcn_networks.{i}");
    let eps = shape.bn_eps;
    let a = t.get("A", &[k, v, v])?;
    let adj = match t.optional(&format!("edge_importance.{i}"), &[k, v, v])? {
        Some(e) => a.iter().zip(e).map(|(a, e)| a * e).collect(),
        None => a.to_vec(),
    };
    let residual = match bs.residual {
        Residual::None => ResidualWeights::None,
        Residual::Identity => ResidualWeights::Identity,
        Residual::Conv => ResidualWeights::Conv {
            w: t.get(&format!("{p}.residual.0.weight"), &[bs.cout, bs.cin, 1, 1])?
                .to_vec(),
            b: t.get(&format!("{p}.residual.0.bias"), &[bs.cout])?.to_vec(),
            bn: bn(t, &format!("{p}.residual.1"), bs.cout, eps)?,
        },
    };
    Ok(BlockWeights {
        gcn_w: t
            .get(
                &format!("{p}.gcn.conv.weight"),
                &[k * bs.cout, bs.cin, 1, 1],
            )?
            .to_vec(),
        gcn_b: t
            .get(&format!("{p}.gcn.conv.bias"), &[k * bs.cout])?
            .to_vec(),
        adj,
        bn0: bn(t, &format!("{p}.tcn.0"), bs.cout, eps)?,
        tcn_w: t
            .get(&format!("{p}.tcn.2.weight"), &[bs.cout, bs.cout, kt, 1])?
            .to_vec(),
        tcn_b: t.get(&format!("{p}.tcn.2.bias"), &[bs.cout])?.to_vec(),
        bn1: bn(t, &format!("{p}.tcn.3"), bs.cout, eps)?,
        residual,
        acts: [act(t, &p, 0, v)?, act(t, &p, 1, v)?],
    })
}

fn act(t: &TensorMap, p: &str, u: usize, v: usize) -> Result<ActWeights, FuseError> {
    let name = |n: &str| format!("{p}.act{u}.{n}");
    let gate = t
        .optional(&name("gate"), &[v])?
        .map_or_else(|| vec![1.0; v], <[f64]>::to_vec);
    let kind = match t.optional(&name("w2"), &[v])? {
        None => ActKind::Relu,
        Some(w2) => ActKind::Poly {
            w2: w2.to_vec(),
            w1: t.get(&name("w1"), &[v])?.to_vec(),
            b: t.get(&name("b"), &[v])?.to_vec(),
        },
    };
    Ok(ActWeights { gate, kind })
}

impl ActWeights {
    /// Plain-text value of the unit at node `v` (the reference semantics).
    pub fn apply(&self, x: f64, v: usize, s: f64) -> f64 {
        let act = match &self.kind {
            ActKind::Relu => x.max(0.0),
            ActKind::Poly { w2, w1, b } => x * (s * w2[v] * x + w1[v]) + b[v],
        };
        self.gate[v] * act + (1.0 - self.gate[v]) * x
    }
}
