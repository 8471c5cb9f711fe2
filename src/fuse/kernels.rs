//! Numeric kernels of the IR ops on one body's [C, T, V] map (shared by evaluation and by the
//! rewrites, which push constants through linear ops to fold them into biases).

use super::error::FuseError;
use super::ir::{AddOp, LinearOp, PoolTerm};

impl LinearOp {
    /// The op without its bias: sum over pairs of the per-pair temporal conv.
    pub fn apply_lin(&self, x: &[f64], joints: usize) -> Result<Vec<f64>, FuseError> {
        let mut out = vec![0.0; self.cout * self.t_out * joints];
        for p in &self.pairs {
            let w = p.weight.as_ref().ok_or(FuseError::Structural)?;
            for t in 0..self.t_out {
                for j in 0..self.kernel {
                    let Some(ti) = self.source_frame(t, j) else {
                        continue;
                    };
                    for c in 0..self.cout {
                        let row = &w[c * self.cin * self.kernel..(c + 1) * self.cin * self.kernel];
                        let acc: f64 = (0..self.cin)
                            .map(|ci| {
                                row[ci * self.kernel + j]
                                    * x[(ci * self.t_in + ti) * joints + p.src]
                            })
                            .sum();
                        out[(c * self.t_out + t) * joints + p.dst] += acc;
                    }
                }
            }
        }
        Ok(out)
    }

    /// The full affine op.
    pub fn apply(&self, x: &[f64], joints: usize) -> Result<Vec<f64>, FuseError> {
        let mut out = self.apply_lin(x, joints)?;
        let b = self.bias.as_ref().ok_or(FuseError::Structural)?;
        out.iter_mut().zip(b).for_each(|(o, b)| *o += b);
        Ok(out)
    }

    /// Input frame read by output frame `t` at tap `j`, `None` inside the zero padding.
    pub fn source_frame(&self, t: usize, j: usize) -> Option<usize> {
        source_frame(t, j, self.stride, self.pad, self.t_in)
    }
}

/// `stride*t + j - pad` if it lies in `0..t_in`.
pub fn source_frame(t: usize, j: usize, stride: usize, pad: usize, t_in: usize) -> Option<usize> {
    (stride * t + j).checked_sub(pad).filter(|&ti| ti < t_in)
}

impl PoolTerm {
    /// This term's contribution to the logits of one body.
    pub fn apply(&self, x: &[f64], joints: usize, classes: usize) -> Result<Vec<f64>, FuseError> {
        let w = self.weight.as_ref().ok_or(FuseError::Structural)?;
        let sums = self.window_sums(x, joints);
        Ok((0..classes)
            .map(|k| {
                let wk = &w[k * sums.len()..(k + 1) * sums.len()];
                wk.iter().zip(&sums).map(|(a, b)| a * b).sum()
            })
            .collect())
    }

    /// `S[v, c, j] = sum_{t < t_out} x[c, stride*t + j - pad, v]`.
    fn window_sums(&self, x: &[f64], joints: usize) -> Vec<f64> {
        let mut s = vec![0.0; joints * self.channels * self.kernel];
        for v in 0..joints {
            for c in 0..self.channels {
                for j in 0..self.kernel {
                    s[(v * self.channels + c) * self.kernel + j] = (0..self.t_out)
                        .filter_map(|t| source_frame(t, j, self.stride, self.pad, self.t_in))
                        .map(|ti| x[(c * self.t_in + ti) * joints + v])
                        .sum();
                }
            }
        }
        s
    }
}

impl AddOp {
    /// `lhs + rhs_scale[v] * rhs`.
    pub fn apply(&self, lhs: &[f64], rhs: &[f64], joints: usize) -> Vec<f64> {
        lhs.iter()
            .zip(rhs)
            .enumerate()
            .map(|(i, (l, r))| l + self.rhs_scale[i % joints] * r)
            .collect()
    }
}
