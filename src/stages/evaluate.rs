//! `kind = "evaluate"`: top-1/top-5, loss and a confusion matrix for any
//! checkpoint (input `checkpoint`) on any prepared split (input `data`).

use super::train::require_inputs;
use crate::engine::Stage;
use crate::spec::StageDef;
use serde::Deserialize;
#[cfg(feature = "ml")]
use {
    super::checkpoint_dir,
    crate::engine::{Run, StageContext, StageError},
    crate::model::{evaluate, Dataset},
    serde_json::{json, Value as Json},
};

pub struct Evaluate;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    #[default]
    Val,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluateConfig {
    #[serde(default)]
    pub split: Split,
    #[serde(default = "default_batch")]
    pub batch_size: usize,
}

fn default_batch() -> usize {
    64
}

impl Stage for Evaluate {
    type Config = EvaluateConfig;
    const KIND: &'static str = "evaluate";
    const VERSION: u32 = 1;
    const ABOUT: &'static str =
        "top-1/top-5 and a confusion matrix of a checkpoint on a prepared split";
    const OWN_PROCESS: bool = true; // libtorch's seed and threads are process-global
    const PINNED_ENV: &'static [(&'static str, &'static str)] = super::TORCH_NUMERICS;

    fn outputs(config: &EvaluateConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        if config.batch_size == 0 {
            return Err("params.batch_size must be at least 1".into());
        }
        require_inputs(decl, &["checkpoint", "data"])?;
        Ok(vec!["confusion.json".into()])
    }
}

#[cfg(feature = "ml")]
impl Run for Evaluate {
    fn run(config: &EvaluateConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let model = checkpoint_dir::read(ctx.input("checkpoint")?, tch::Device::Cpu)?;
        let split = match config.split {
            Split::Train => "train",
            Split::Val => "val",
        };
        let data =
            Dataset::load_split(ctx.input("data")?, split).map_err(checkpoint_dir::failed)?;
        data.check(model.model.config().num_class)
            .map_err(checkpoint_dir::failed)?;
        let metrics = evaluate(&model.model.net, &model.act, &data, config.batch_size)
            .map_err(checkpoint_dir::failed)?;
        ctx.log(format!(
            "{split}: top1 {:.4} top5 {:.4} loss {:.4} on {} clips",
            metrics.top1, metrics.top5, metrics.loss, metrics.samples
        ));
        let confusion = serde_json::to_string(&metrics.confusion).expect("serializable");
        std::fs::write(ctx.output("confusion.json"), confusion)?;
        Ok(
            json!({ "split": split, "top1": metrics.top1, "top5": metrics.top5, "loss": metrics.loss, "samples": metrics.samples }),
        )
    }
}
