//! The model description the module receives: widths, strides, residual kinds, frames.

use serde::{Deserialize, Serialize};

use super::error::FuseError;

/// Residual path of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Residual {
    None,
    Identity,
    /// 1x1 conv with the block's temporal stride, then BatchNorm.
    Conv,
}

/// One ST-GCN block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockShape {
    pub cin: usize,
    pub cout: usize,
    pub stride: usize,
    pub residual: Residual,
}

/// Everything about the network that is not a weight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelShape {
    pub in_channels: usize,
    pub num_class: usize,
    pub blocks: Vec<BlockShape>,
    pub temporal_kernel: usize,
    /// Frames T of the input.
    pub frames: usize,
    /// Joints V (25 for NTU).
    pub joints: usize,
    /// Bodies M, folded into the batch and averaged before the classifier.
    pub bodies: usize,
    /// Adjacency partitions K (3 for the spatial partition).
    pub partitions: usize,
    /// Scale s of the polynomial `x * (s * w2 * x + w1) + b`.
    pub poly_scale: f64,
    /// BatchNorm epsilon (PyTorch default 1e-5).
    pub bn_eps: f64,
}

impl ModelShape {
    /// The STGCN-3 layout (no residual; stride 2 + conv residual; identity residual).
    pub fn stgcn3(widths: [usize; 3], frames: usize, num_class: usize) -> Self {
        let b = |cin, cout, stride, residual| BlockShape {
            cin,
            cout,
            stride,
            residual,
        };
        ModelShape {
            in_channels: 3,
            num_class,
            blocks: vec![
                b(3, widths[0], 1, Residual::None),
                b(widths[0], widths[1], 2, Residual::Conv),
                b(widths[1], widths[2], 1, Residual::Identity),
            ],
            temporal_kernel: 9,
            frames,
            joints: 25,
            bodies: 2,
            partitions: 3,
            poly_scale: 0.01,
            bn_eps: 1e-5,
        }
    }

    /// Temporal padding of every temporal conv.
    pub fn pad(&self) -> usize {
        (self.temporal_kernel - 1) / 2
    }

    /// Frames entering block `i`.
    pub fn frames_in(&self, i: usize) -> usize {
        (0..i).fold(self.frames, |t, j| out_frames(t, self.blocks[j].stride))
    }

    /// Frames leaving the last block.
    pub fn frames_out(&self) -> usize {
        self.frames_in(self.blocks.len())
    }

    /// Checks consistency; the error names the offending field.
    pub fn validate(&self) -> Result<(), FuseError> {
        let bad = |s: String| Err(FuseError::InvalidShape(s));
        if self.temporal_kernel.is_multiple_of(2) {
            return bad(format!("temporal_kernel {} is even", self.temporal_kernel));
        }
        if self.blocks.is_empty() || self.frames == 0 || self.joints == 0 || self.bodies == 0 {
            return bad("blocks, frames, joints and bodies must be non-empty".into());
        }
        let mut c = self.in_channels;
        for (i, b) in self.blocks.iter().enumerate() {
            if b.cin != c || b.cout == 0 || b.stride == 0 {
                return bad(format!(
                    "blocks[{i}]: cin {} (expected {c}), cout {}, stride {}",
                    b.cin, b.cout, b.stride
                ));
            }
            if b.residual == Residual::Identity && (b.cin != b.cout || b.stride != 1) {
                return bad(format!(
                    "blocks[{i}]: identity residual needs cin == cout and stride 1"
                ));
            }
            c = b.cout;
        }
        Ok(())
    }
}

/// Output frames of a temporal conv with odd kernel, centred padding and stride `s`.
pub fn out_frames(t: usize, s: usize) -> usize {
    (t - 1) / s + 1
}
