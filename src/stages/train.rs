//! `kind = "train"`: the baseline STGCN, trained with SGD on a prepared data
//! set (input `data`), best epoch kept. Output `checkpoint`.

use crate::engine::Stage;
use crate::model::{StgcnConfig, TrainConfig};
use crate::spec::StageDef;
use serde::Deserialize;
#[cfg(feature = "ml")]
use {
    super::checkpoint_dir,
    crate::engine::{Run, StageContext, StageError},
    crate::model::rng::SplitMix64,
    crate::model::train::{init_model, train},
    crate::model::{Dataset, TrainError},
    serde_json::{json, Value as Json},
    std::time::Instant,
};

pub struct Train;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainStageConfig {
    /// The architecture (default: the small CPU preset, 16/32/32).
    #[serde(default)]
    pub model: StgcnConfig,
    /// The optimisation recipe (default: the paper's baseline recipe).
    #[serde(default)]
    pub train: TrainConfig,
}

impl Stage for Train {
    type Config = TrainStageConfig;
    const KIND: &'static str = "train";
    const VERSION: u32 = 1;
    const ABOUT: &'static str = "train the baseline STGCN (SGD, step schedule, best epoch kept)";
    const OWN_PROCESS: bool = true; // libtorch's seed and threads are process-global
    const PINNED_ENV: &'static [(&'static str, &'static str)] = super::TORCH_NUMERICS;

    fn outputs(config: &TrainStageConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        config
            .model
            .validate()
            .map_err(|e| format!("params.model: {e}"))?;
        config
            .train
            .validate()
            .map_err(|e| format!("params.train: {e}"))?;
        require_inputs(decl, &["data"])?;
        Ok(vec!["checkpoint".into()])
    }
}

#[cfg(feature = "ml")]
impl Run for Train {
    fn run(config: &TrainStageConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let data = ctx.input("data")?.to_path_buf();
        let (train_set, val_set) = load_splits(&data)?;
        let mut recipe = config.train.clone();
        recipe.seed = stage_seed(recipe.seed, ctx.seed);
        ctx.log(format!(
            "training {} blocks on {} train / {} val clips, seed {}",
            config.model.blocks.len(),
            train_set.len(),
            val_set.len(),
            recipe.seed
        ));
        let mut model = init_model(&config.model, &recipe).map_err(train_error)?;
        let started = Instant::now();
        let progress = |msg: &str, pos: u64, len: u64| ctx.progress(msg, pos, len);
        let report = train(
            &mut model,
            &recipe,
            &train_set,
            &val_set,
            &progress,
            ctx.cancel_flag(),
        )
        .map_err(train_error)?;
        let seconds = started.elapsed().as_secs_f64();
        for e in &report.history {
            ctx.log(format!(
                "epoch {:3}  lr {:.4}  train loss {:.4} top1 {:.4}  val loss {:.4} top1 {:.4} top5 {:.4}  {:.1} s",
                e.epoch + 1,
                e.lr,
                e.train_loss,
                e.train_top1,
                e.val_loss,
                e.val_top1,
                e.val_top5,
                e.seconds
            ));
        }
        checkpoint_dir::write(&ctx.output("checkpoint"), &model)?;
        Ok(json!({
            "top1": report.best.top1,
            "top5": report.best.top5,
            "best_epoch": report.best_epoch,
            "train_seconds": seconds,
            "seed": recipe.seed,
            "report": report,
        }))
    }
}

#[cfg(feature = "ml")]
/// The training seed: the recipe's, mixed with the stage's, so that both
/// `train.seed` and the pipeline/stage `seed` change the run.
pub fn stage_seed(recipe_seed: u64, stage_seed: u64) -> u64 {
    SplitMix64::derive(recipe_seed, stage_seed).next_u64() >> 1
}

#[cfg(feature = "ml")]
pub fn load_splits(dir: &std::path::Path) -> Result<(Dataset, Dataset), StageError> {
    let train = Dataset::load_split(dir, "train").map_err(checkpoint_dir::failed)?;
    let val = Dataset::load_split(dir, "val").map_err(checkpoint_dir::failed)?;
    Ok((train, val))
}

#[cfg(feature = "ml")]
pub fn train_error(e: TrainError) -> StageError {
    match e {
        TrainError::Cancelled { .. } => StageError::Cancelled,
        other => StageError::Failed(other.to_string()),
    }
}

/// Fails configuration when an input the kind needs is not declared.
pub fn require_inputs(decl: &StageDef, names: &[&str]) -> Result<(), String> {
    for name in names {
        if !decl.inputs.contains_key(*name) {
            return Err(format!(
                "needs input `{name}` (e.g. inputs = {{ {name} = \"STAGE.OUTPUT\" }}); declared: [{}]",
                decl.inputs.keys().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    Ok(())
}
