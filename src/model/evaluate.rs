//! Evaluation of a model on a split: top-1, top-5, mean cross-entropy and the confusion
//! matrix, in inference mode without gradients.

use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use super::activation::Activation;
use super::dataset::Dataset;
use super::error::TrainError;
use super::stgcn::Stgcn;

/// Metrics of one evaluation. `confusion[true][predicted]` counts samples.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvalMetrics {
    pub samples: usize,
    pub top1: f64,
    pub top5: f64,
    pub loss: f64,
    pub confusion: Vec<Vec<u64>>,
}

/// Evaluates `net` (eval mode) on `data` in batches of `batch_size`.
pub fn evaluate(
    net: &Stgcn,
    act: &dyn Activation,
    data: &Dataset,
    batch_size: usize,
) -> Result<EvalMetrics, TrainError> {
    let num_class = net.config().num_class;
    data.check(num_class)?;
    let device = net.device();
    let k = num_class.min(5);
    let mut acc = Accumulator::new(num_class as usize);
    let order: Vec<i64> = (0..data.len() as i64).collect();
    for idx in order.chunks(batch_size.max(1)) {
        let (x, y) = data.batch(idx);
        let logits = tch::no_grad(|| net.forward_with(&x.to_device(device), false, act))?;
        acc.add(&logits.to_device(tch::Device::Cpu), &y, k)?;
    }
    Ok(acc.finish())
}

/// Running sums over batches.
struct Accumulator {
    samples: usize,
    top1: u64,
    top5: u64,
    loss_sum: f64,
    confusion: Vec<Vec<u64>>,
}

impl Accumulator {
    fn new(num_class: usize) -> Self {
        let confusion = vec![vec![0; num_class]; num_class];
        Accumulator {
            samples: 0,
            top1: 0,
            top5: 0,
            loss_sum: 0.0,
            confusion,
        }
    }

    fn add(&mut self, logits: &Tensor, labels: &Tensor, k: i64) -> Result<(), TrainError> {
        let loss = logits.log_softmax(-1, Kind::Float).nll_loss_nd(
            labels,
            None::<Tensor>,
            tch::Reduction::Sum,
            -100,
        );
        self.loss_sum += loss.double_value(&[]);
        let (_, topk) = logits.topk(k, -1, true, true);
        let hits = topk.eq_tensor(&labels.unsqueeze(1));
        self.top5 += hits.sum(Kind::Int64).int64_value(&[]) as u64;
        self.top1 += hits.narrow(1, 0, 1).sum(Kind::Int64).int64_value(&[]) as u64;
        let pred = Vec::<i64>::try_from(&topk.narrow(1, 0, 1).flatten(0, -1))?;
        let truth = Vec::<i64>::try_from(labels)?;
        for (t, p) in truth.iter().zip(&pred) {
            self.confusion[*t as usize][*p as usize] += 1;
        }
        self.samples += truth.len();
        Ok(())
    }

    fn finish(self) -> EvalMetrics {
        let n = self.samples.max(1) as f64;
        EvalMetrics {
            samples: self.samples,
            top1: self.top1 as f64 / n,
            top5: self.top5 as f64 / n,
            loss: self.loss_sum / n,
            confusion: self.confusion,
        }
    }
}
