//! Distillation losses on hand-made tensors and Lookahead on a one-parameter problem.

use lingcn::model::distill::{at_loss, attention, distill_loss, kd_loss, DistillConfig};
use lingcn::model::{Lookahead, LookaheadConfig};
use tch::{nn, nn::OptimizerConfig, Device, Kind, Tensor};

use super::common::torch_lock;

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6, "{a} vs {b}");
}

/// Teacher probabilities (3/4, 1/4) at T = 2, student uniform:
/// KD = T^2 * (3/4 ln(3/2) + 1/4 ln(1/2)), the same for every row, so the batch mean too.
#[test]
fn kd_matches_hand_computation() {
    let _g = torch_lock();
    let t = 2.0;
    let teacher = Tensor::from_slice(&[2.0 * 3f32.ln(), 0.0, 0.0, -2.0 * 3f32.ln()]).view([2, 2]);
    let student = Tensor::zeros([2, 2], (Kind::Float, Device::Cpu));
    let want = t * t * (0.75 * 1.5f64.ln() + 0.25 * 0.5f64.ln());
    close(kd_loss(&student, &teacher, t).double_value(&[]), want);
    close(kd_loss(&teacher, &teacher, 4.0).double_value(&[]), 0.0);
}

/// One sample, 2 channels, T = 1, V = 2. Student: x^2 channel mean (3, 4) -> (0.6, 0.8);
/// teacher: (1, 0). AT = mean((-0.4)^2, 0.8^2) = 0.4; a second, equal block adds 0.
#[test]
fn at_matches_hand_computation() {
    let _g = torch_lock();
    let s = Tensor::from_slice(&[3f32.sqrt(), 2.0, 3f32.sqrt(), 2.0]).view([1, 2, 1, 2]);
    let t = Tensor::from_slice(&[1.0f32, 0.0, -1.0, 0.0]).view([1, 2, 1, 2]);
    let map = Vec::<f32>::try_from(&attention(&s).flatten(0, -1)).unwrap();
    close(map[0] as f64, 0.6);
    close(map[1] as f64, 0.8);
    let at = at_loss(
        &[s.shallow_clone(), t.copy()],
        &[t.shallow_clone(), t.copy()],
    );
    close(at.double_value(&[]), 0.4);
    // All-zero features give a zero map, not NaN.
    let z = t.zeros_like();
    close(at_loss(&[z.shallow_clone()], &[t]).double_value(&[]), 0.5);
}

#[test]
fn distill_total_weights_the_parts() {
    let _g = torch_lock();
    let logits = Tensor::from_slice(&[1.0f32, -1.0, 0.5, 0.0]).view([2, 2]);
    let teacher = Tensor::from_slice(&[0.0f32, 2.0, 1.0, 1.0]).view([2, 2]);
    let labels = Tensor::from_slice(&[0i64, 1]);
    let fs = Tensor::from_slice(&[1.0f32, 2.0, 3.0, 4.0]).view([1, 1, 2, 2]);
    let ft = Tensor::from_slice(&[4.0f32, 3.0, 2.0, 1.0]).view([1, 1, 2, 2]);
    let cfg = DistillConfig::default();
    let p = distill_loss(&logits, &labels, &[fs], &teacher, &[ft], &cfg);
    assert!(p.kd > 0.0 && p.at > 0.0 && p.ce > 0.0);
    let want = 0.8 * p.ce + 0.2 * p.kd + 100.0 * p.at;
    // f32 sum of terms around 36: relative tolerance.
    close(p.total.double_value(&[]) / want, 1.0);
    let ce = logits.cross_entropy_for_logits(&labels).double_value(&[]);
    close(p.ce, ce);
}

/// loss = w (gradient 1), SGD lr 1, k = 2, alpha = 0.5:
/// fast 0 -> -1 -> -2, sync: slow = 0 + 0.5 * (-2 - 0) = -1, fast = -1;
/// fast -> -2 -> -3, sync: slow = -1 + 0.5 * (-3 + 1) = -2.
#[test]
fn lookahead_interpolates_every_k_steps() {
    let _g = torch_lock();
    let vs = nn::VarStore::new(Device::Cpu);
    let w = vs.root().zeros("w", &[1]);
    let sgd = nn::Sgd::default().build(&vs, 1.0).unwrap();
    let cfg = LookaheadConfig { k: 2, alpha: 0.5 };
    let mut opt = Lookahead::new(sgd, &vs, &cfg);
    let mut seen = Vec::new();
    for _ in 0..4 {
        opt.backward_step(&w.sum(Kind::Float), None);
        seen.push(w.double_value(&[0]));
    }
    assert_eq!(seen, vec![-1.0, -1.0, -2.0, -2.0]);
    assert_eq!(opt.steps(), 4);
    assert!(LookaheadConfig { k: 0, alpha: 0.5 }.validate().is_err());
    assert_eq!(
        LookaheadConfig::default(),
        LookaheadConfig { k: 5, alpha: 0.5 }
    );
}
