//! The `checkpoint` output shared by the model stages: a directory holding
//! `model.safetensors` (PyTorch state_dict names) and `model.json` (the
//! architecture), so that any later stage can rebuild the network.

use crate::engine::StageError;
use crate::model::{checkpoint, StgcnConfig, StgcnModel};
use std::path::Path;

pub const WEIGHTS: &str = "model.safetensors";
pub const ARCHITECTURE: &str = "model.json";

/// Writes a model into `dir` (created).
pub fn write(dir: &Path, model: &StgcnModel) -> Result<(), StageError> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(model.config()).expect("serializable");
    std::fs::write(dir.join(ARCHITECTURE), json)?;
    checkpoint::save(&model.vs, &dir.join(WEIGHTS)).map_err(failed)
}

/// The architecture stored in a checkpoint directory.
pub fn architecture(dir: &Path) -> Result<StgcnConfig, StageError> {
    let path = dir.join(ARCHITECTURE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        StageError::Failed(format!(
            "{}: {e} (is this a checkpoint directory?)",
            path.display()
        ))
    })?;
    let config: StgcnConfig = serde_json::from_str(&text)
        .map_err(|e| StageError::Failed(format!("{}: {e}", path.display())))?;
    config.validate().map_err(failed)?;
    Ok(config)
}

/// Rebuilds the model stored in `dir` on `device`, checking every tensor.
pub fn read(dir: &Path, device: tch::Device) -> Result<StgcnModel, StageError> {
    let config = architecture(dir)?;
    let mut model = StgcnModel::new(&config, device).map_err(failed)?;
    checkpoint::load(&mut model.vs, &dir.join(WEIGHTS)).map_err(failed)?;
    Ok(model)
}

pub fn failed(e: impl std::fmt::Display) -> StageError {
    StageError::Failed(e.to_string())
}
