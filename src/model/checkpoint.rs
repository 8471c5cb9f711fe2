//! Safetensors checkpoints named like the PyTorch reference's state_dict. Loading checks
//! every name, shape and dtype first and reports all mismatches at once, then copies.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tch::{nn::VarStore, Tensor};

use super::error::{CheckpointError, Mismatch};

/// Writes every variable of `vs` (parameters and buffers) to `path` as safetensors,
/// through a temporary file so a crash never leaves a truncated checkpoint.
pub fn save(vs: &VarStore, path: &Path) -> Result<(), CheckpointError> {
    let named: BTreeMap<String, Tensor> = vs.variables().into_iter().collect();
    let tmp = tmp_path(path);
    let list: Vec<(&String, &Tensor)> = named.iter().collect();
    Tensor::write_safetensors(&list, &tmp).map_err(|source| CheckpointError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    std::fs::rename(&tmp, path).map_err(|source| CheckpointError::Rename {
        path: path.to_path_buf(),
        source,
    })
}

/// Loads `path` into `vs`. Nothing is changed unless every tensor fits.
pub fn load(vs: &mut VarStore, path: &Path) -> Result<(), CheckpointError> {
    let file = read(path)?;
    let mismatches = compare(&vs.variables(), &file);
    if !mismatches.is_empty() {
        return Err(CheckpointError::Mismatch {
            path: path.to_path_buf(),
            mismatches,
        });
    }
    for (name, mut var) in vs.variables() {
        let src = file[&name].to_device(var.device());
        tch::no_grad(|| var.f_copy_(&src)).map_err(|source| CheckpointError::Copy {
            path: path.to_path_buf(),
            name: name.clone(),
            source,
        })?;
    }
    Ok(())
}

/// Reads all tensors of a safetensors file by name.
pub fn read(path: &Path) -> Result<HashMap<String, Tensor>, CheckpointError> {
    let list = Tensor::read_safetensors(path).map_err(|source| CheckpointError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(list.into_iter().collect())
}

/// Every difference between the model's variables and a file's tensors, sorted by name.
pub fn compare(model: &HashMap<String, Tensor>, file: &HashMap<String, Tensor>) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for (name, var) in model {
        match file.get(name) {
            None => out.push(Mismatch::Missing {
                name: name.clone(),
                shape: var.size(),
            }),
            Some(t) if t.size() != var.size() => out.push(Mismatch::Shape {
                name: name.clone(),
                model: var.size(),
                file: t.size(),
            }),
            Some(t) if t.kind() != var.kind() => out.push(Mismatch::Kind {
                name: name.clone(),
                model: format!("{:?}", var.kind()),
                file: format!("{:?}", t.kind()),
            }),
            Some(_) => {}
        }
    }
    for (name, t) in file {
        if !model.contains_key(name) {
            out.push(Mismatch::Unexpected {
                name: name.clone(),
                shape: t.size(),
            });
        }
    }
    out.sort_by(|a, b| mismatch_name(a).cmp(mismatch_name(b)));
    out
}

fn mismatch_name(m: &Mismatch) -> &str {
    match m {
        Mismatch::Missing { name, .. }
        | Mismatch::Unexpected { name, .. }
        | Mismatch::Shape { name, .. }
        | Mismatch::Kind { name, .. } => name,
    }
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}
