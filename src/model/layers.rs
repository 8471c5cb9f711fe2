//! Layer builders with PyTorch's default initialisation and state_dict layout: convs with
//! U(-1/sqrt(fan_in), 1/sqrt(fan_in)) weights and biases, and a BatchNorm that carries
//! `num_batches_tracked` so a checkpoint loads into PyTorch with strict=True.

use tch::{nn, Kind, Tensor};

/// BatchNorm (1d or 2d) with the int64 `num_batches_tracked` counter of PyTorch.
#[derive(Debug)]
pub struct BatchNorm {
    inner: nn::BatchNorm,
    num_batches_tracked: Tensor,
}

impl BatchNorm {
    /// BatchNorm1d over `dim` channels (input [N, C] or [N, C, L]).
    pub fn new_1d(p: nn::Path, dim: i64) -> Self {
        Self::wrap(nn::batch_norm1d(&p, dim, bn_config()), &p)
    }

    /// BatchNorm2d over `dim` channels (input [N, C, H, W]).
    pub fn new_2d(p: nn::Path, dim: i64) -> Self {
        Self::wrap(nn::batch_norm2d(&p, dim, bn_config()), &p)
    }

    fn wrap(inner: nn::BatchNorm, p: &nn::Path) -> Self {
        let counter = Tensor::zeros([], (Kind::Int64, p.device()));
        let num_batches_tracked = p.add("num_batches_tracked", counter, false);
        BatchNorm {
            inner,
            num_batches_tracked,
        }
    }

    /// Normalises `x`; in training mode also updates the running statistics and the counter.
    pub fn forward_t(&self, x: &Tensor, train: bool) -> Tensor {
        if train {
            let mut counter = self.num_batches_tracked.shallow_clone();
            tch::no_grad(|| {
                let _ = counter.g_add_scalar_(1);
            });
        }
        nn::ModuleT::forward_t(&self.inner, x, train)
    }
}

/// PyTorch's BatchNorm defaults: weight 1, bias 0, momentum 0.1, eps 1e-5.
fn bn_config() -> nn::BatchNormConfig {
    nn::BatchNormConfig {
        ws_init: nn::Init::Const(1.0),
        ..Default::default()
    }
}

/// A 2-D convolution with kernel [kt, 1], temporal stride and padding, PyTorch-initialised.
pub fn conv_t1(p: nn::Path, c_in: i64, c_out: i64, kt: i64, stride: i64) -> nn::Conv2D {
    let bound = 1.0 / ((c_in * kt) as f64).sqrt();
    let init = nn::Init::Uniform {
        lo: -bound,
        up: bound,
    };
    let cfg = nn::ConvConfigND::<[i64; 2]> {
        stride: [stride, 1],
        padding: [(kt - 1) / 2, 0],
        ws_init: init,
        bs_init: init,
        ..Default::default()
    };
    nn::conv(&p, c_in, c_out, [kt, 1], cfg)
}

/// A 1x1 convolution with temporal stride, PyTorch-initialised.
pub fn conv_1x1(p: nn::Path, c_in: i64, c_out: i64, stride: i64) -> nn::Conv2D {
    conv_t1(p, c_in, c_out, 1, stride)
}
