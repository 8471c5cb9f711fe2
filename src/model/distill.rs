//! Distillation losses from a ReLU teacher (LINGCN.md section 4): soft-label KD and
//! attention transfer (AT) on the blocks' outputs, and their weighted sum with CE.

use tch::{Kind, Reduction, Tensor};

pub use super::recipe::DistillConfig;

/// `T^2 * KL(softmax(teacher/T) || softmax(student/T))`, summed over classes, batch mean.
/// `T^2` keeps the gradient scale independent of T (Hinton et al.).
pub fn kd_loss(student: &Tensor, teacher: &Tensor, temperature: f64) -> Tensor {
    let log_s = (student / temperature).log_softmax(-1, Kind::Float);
    let log_t = (teacher.detach() / temperature).log_softmax(-1, Kind::Float);
    let n = student.size()[0].max(1) as f64;
    // kl_div(input = log q, target = log p, log_target) sums p * (log p - log q).
    log_s.kl_div(&log_t, Reduction::Sum, true) * (temperature * temperature / n)
}

/// Attention map of a block output [N*M, C, T, V]: channel mean of x^2, flattened over
/// T*V and L2-normalised per sample -> [N*M, T*V].
pub fn attention(x: &Tensor) -> Tensor {
    let a = x.square().mean_dim(1, false, Kind::Float).flatten(1, -1);
    let norm = a.norm_scalaropt_dim(2.0, [1i64].as_slice(), true);
    // F.normalize's eps: an all-zero map stays zero instead of NaN.
    a / norm.clamp_min(1e-12)
}

/// Sum over blocks of mean((attention(s) - attention(t))^2).
pub fn at_loss(student: &[Tensor], teacher: &[Tensor]) -> Tensor {
    student
        .iter()
        .zip(teacher)
        .map(|(s, t)| {
            (attention(s) - attention(&t.detach()))
                .square()
                .mean(Kind::Float)
        })
        .fold(Tensor::from(0.0f32), |acc, l| acc + l)
}

/// The parts of one batch's loss (the total is differentiable; the parts are detached).
#[derive(Debug)]
pub struct LossParts {
    pub total: Tensor,
    pub ce: f64,
    pub kd: f64,
    pub at: f64,
}

/// `(1 - eta) * CE + eta * KD + (varphi / 2) * AT`.
pub fn distill_loss(
    logits: &Tensor,
    labels: &Tensor,
    student_feats: &[Tensor],
    teacher_logits: &Tensor,
    teacher_feats: &[Tensor],
    cfg: &DistillConfig,
) -> LossParts {
    let ce = logits.cross_entropy_for_logits(labels);
    let kd = kd_loss(logits, teacher_logits, cfg.temperature);
    let at = at_loss(student_feats, teacher_feats).to_device(logits.device());
    let total = &ce * (1.0 - cfg.eta) + &kd * cfg.eta + &at * (cfg.varphi / 2.0);
    LossParts {
        total,
        ce: ce.double_value(&[]),
        kd: kd.double_value(&[]),
        at: at.double_value(&[]),
    }
}
