//! `kind = "he-bench"`: measures the CKKS backend's cost per operation at
//! each ring dimension and writes `costs.json`, the table the `fuse` stage
//! (input `costs`) turns op counts into estimated latency with.

use crate::engine::Stage;
use crate::he::bench;
use crate::spec::StageDef;
use serde::Deserialize;
#[cfg(all(feature = "ml", feature = "seal"))]
use {super::checkpoint_dir::failed, serde_json::json};
#[cfg(feature = "ml")]
use {
    crate::engine::{Run, StageContext, StageError},
    serde_json::Value as Json,
};

pub struct HeBench;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeBenchConfig {
    /// Ring dimensions to measure.
    #[serde(default = "default_dims")]
    pub ring_dims: Vec<usize>,
    /// Repetitions per operation (the median is kept).
    #[serde(default = "default_reps")]
    pub reps: usize,
}

fn default_dims() -> Vec<usize> {
    vec![8192, 16384, 32768]
}
fn default_reps() -> usize {
    11
}

impl Stage for HeBench {
    type Config = HeBenchConfig;
    const KIND: &'static str = "he-bench";
    // 2: encode costs and the level measured at, in costs.json.
    // 3: a second measurement per ring dimension on a quarter of the primes.
    const VERSION: u32 = 3;
    const ABOUT: &'static str = "measure CKKS per-operation costs (the fuse stage's latency model)";

    fn outputs(config: &HeBenchConfig, _decl: &StageDef) -> Result<Vec<String>, String> {
        if let Some(n) = config
            .ring_dims
            .iter()
            .find(|n| bench::chain_for(**n).is_none())
        {
            return Err(format!(
                "params.ring_dims: {n} is not one of 4096, 8192, 16384, 32768"
            ));
        }
        // The light executable leaves this to the worker, which is built with SEAL by default.
        if cfg!(all(feature = "ml", not(feature = "seal"))) {
            return Err(
                "he-bench measures SEAL: build lingcn-worker with the `seal` feature".into(),
            );
        }
        Ok(vec!["costs.json".into()])
    }
}

#[cfg(feature = "ml")]
impl Run for HeBench {
    #[cfg(feature = "seal")]
    fn run(config: &HeBenchConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let source = format!("SEAL 4.0 (vendored) via lingcn he-bench, median of {}, {cores} cores, single-threaded ops", config.reps);
        let (rows, model) =
            bench::run::<crate::he::seal::Seal>(&config.ring_dims, config.reps, &source)
                .map_err(failed)?;
        for row in &rows {
            ctx.log(serde_json::to_string(row).expect("serializable"));
        }
        bench::write_cost_model(&model, &ctx.output("costs.json")).map_err(failed)?;
        Ok(json!({ "rows": rows }))
    }

    #[cfg(not(feature = "seal"))]
    fn run(_config: &HeBenchConfig, _ctx: &mut StageContext) -> Result<Json, StageError> {
        unreachable!("refused when configured")
    }
}
