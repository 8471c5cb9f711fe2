//! The `checkpoint` output shared by the model stages: a directory holding
//! `model.safetensors` (PyTorch state_dict names, plus the LinGCN gate and
//! polynomial tensors), `model.json` (the architecture) and, for linearized
//! and polynomial models, `activation.json`; so any later stage can rebuild
//! the network.

use crate::engine::StageError;
use crate::model::{
    checkpoint, ActivationConfig, ActivationKind, LinModel, StgcnConfig, StgcnModel,
};
use std::path::Path;

pub const WEIGHTS: &str = "model.safetensors";
pub const ARCHITECTURE: &str = "model.json";

/// Writes a baseline (ReLU) model into `dir` (created).
pub fn write(dir: &Path, model: &StgcnModel) -> Result<(), StageError> {
    write_architecture(dir, model.config())?;
    checkpoint::save(&model.vs, &dir.join(WEIGHTS)).map_err(failed)
}

/// Writes a model with its activation (gated or polynomial) into `dir`.
pub fn write_lin(dir: &Path, model: &LinModel) -> Result<(), StageError> {
    write_architecture(dir, model.model.config())?;
    model.act_config.write_dir(dir).map_err(failed)?;
    model.save(&dir.join(WEIGHTS)).map_err(failed)
}

fn write_architecture(dir: &Path, config: &StgcnConfig) -> Result<(), StageError> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(config).expect("serializable");
    std::fs::write(dir.join(ARCHITECTURE), json)?;
    Ok(())
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

/// The activation stored in a checkpoint directory (ReLU when absent).
pub fn activation(dir: &Path) -> Result<ActivationConfig, StageError> {
    ActivationConfig::read_dir(dir).map_err(failed)
}

/// Rebuilds any model stored in `dir` on `device`, checking every tensor.
pub fn read(dir: &Path, device: tch::Device) -> Result<LinModel, StageError> {
    let config = architecture(dir)?;
    let act = activation(dir)?;
    LinModel::load(&config, &act, &dir.join(WEIGHTS), device).map_err(failed)
}

/// Rebuilds the ReLU baseline stored in `dir` (a teacher, say).
pub fn read_baseline(dir: &Path, device: tch::Device) -> Result<StgcnModel, StageError> {
    if activation(dir)?.kind != ActivationKind::Relu {
        return Err(StageError::Failed(format!(
            "{} holds a linearized or polynomial model; a ReLU baseline (a `train` output) is needed here",
            dir.display()
        )));
    }
    let config = architecture(dir)?;
    let mut model = StgcnModel::new(&config, device).map_err(failed)?;
    checkpoint::load(&mut model.vs, &dir.join(WEIGHTS)).map_err(failed)?;
    Ok(model)
}

pub fn failed(e: impl std::fmt::Display) -> StageError {
    StageError::Failed(e.to_string())
}
