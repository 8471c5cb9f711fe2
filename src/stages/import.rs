//! `kind = "import"`: a safetensors file written by PyTorch (state_dict names
//! of the reference STGCN) into a `checkpoint` the other stages can use.
//! Every tensor is checked against the declared architecture.

use crate::engine::Stage;
use crate::model::StgcnConfig;
use crate::spec::StageDef;
use serde::Deserialize;
#[cfg(feature = "ml")]
use {
    super::checkpoint_dir,
    crate::engine::{Run, StageContext, StageError},
    crate::model::{checkpoint, StgcnModel},
    serde_json::{json, Value as Json},
};

pub struct Import;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// The `.safetensors` file, relative to the project root; also list it in `deps`.
    pub path: String,
    /// The architecture the file holds.
    #[serde(default)]
    pub model: StgcnConfig,
}

impl Stage for Import {
    type Config = ImportConfig;
    const KIND: &'static str = "import";
    const VERSION: u32 = 1;
    const ABOUT: &'static str = "import a PyTorch safetensors STGCN checkpoint";
    const OWN_PROCESS: bool = true; // libtorch's seed and threads are process-global
    const PINNED_ENV: &'static [(&'static str, &'static str)] = super::TORCH_NUMERICS;

    fn outputs(config: &ImportConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        config
            .model
            .validate()
            .map_err(|e| format!("params.model: {e}"))?;
        if !decl.deps.contains(&config.path) {
            return Err(format!(
                "params.path = \"{}\" must also be listed in deps",
                config.path
            ));
        }
        Ok(vec!["checkpoint".into()])
    }
}

#[cfg(feature = "ml")]
impl Run for Import {
    fn run(config: &ImportConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let mut model =
            StgcnModel::new(&config.model, tch::Device::Cpu).map_err(checkpoint_dir::failed)?;
        let path = ctx.root.join(&config.path);
        checkpoint::load(&mut model.vs, &path).map_err(checkpoint_dir::failed)?;
        checkpoint_dir::write(&ctx.output("checkpoint"), &model)?;
        let tensors = model.vs.variables().len();
        ctx.log(format!(
            "imported {tensors} tensors from {}",
            path.display()
        ));
        Ok(json!({ "tensors": tensors }))
    }
}
