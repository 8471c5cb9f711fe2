//! Reading (and, for tests and tools, writing) safetensors checkpoints as f64 tensors.

use std::collections::HashMap;
use std::path::Path;

use safetensors::{Dtype, SafeTensors};

use super::error::FuseError;

/// A dense tensor widened to f64.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub shape: Vec<usize>,
    pub data: Vec<f64>,
}

/// All tensors of a checkpoint by state_dict name.
#[derive(Clone, Debug, Default)]
pub struct TensorMap {
    pub tensors: HashMap<String, Tensor>,
}

impl TensorMap {
    /// Reads a safetensors file; f32, f64 and i64 tensors are widened to f64.
    pub fn load(path: &Path) -> Result<Self, FuseError> {
        let bytes = std::fs::read(path).map_err(|source| FuseError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_bytes(&bytes).map_err(|e| FuseError::InFile {
            path: path.display().to_string(),
            inner: Box::new(e),
        })
    }

    /// Parses safetensors bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, FuseError> {
        let st =
            SafeTensors::deserialize(bytes).map_err(|e| FuseError::Safetensors(e.to_string()))?;
        let mut tensors = HashMap::new();
        for (name, view) in st.tensors() {
            let data = widen(&name, view.dtype(), view.data())?;
            tensors.insert(
                name,
                Tensor {
                    shape: view.shape().to_vec(),
                    data,
                },
            );
        }
        Ok(TensorMap { tensors })
    }

    /// The tensor `name` if present, checked to hold `numel` elements.
    pub fn optional(&self, name: &str, want: &[usize]) -> Result<Option<&[f64]>, FuseError> {
        let Some(t) = self.tensors.get(name) else {
            return Ok(None);
        };
        // Trailing unit dims (1x1 kernels) are not significant.
        if strip_ones(&t.shape) != strip_ones(want) {
            return Err(FuseError::Shape {
                name: name.into(),
                got: t.shape.clone(),
                want: want.to_vec(),
            });
        }
        Ok(Some(&t.data))
    }

    /// The tensor `name`, required.
    pub fn get(&self, name: &str, want: &[usize]) -> Result<&[f64], FuseError> {
        self.optional(name, want)?
            .ok_or_else(|| FuseError::Missing(name.into()))
    }
}

fn strip_ones(s: &[usize]) -> &[usize] {
    let end = s.iter().rposition(|&d| d != 1).map_or(0, |i| i + 1);
    &s[..end]
}

fn widen(name: &str, dtype: Dtype, bytes: &[u8]) -> Result<Vec<f64>, FuseError> {
    let chunks = |n: usize| bytes.chunks_exact(n);
    Ok(match dtype {
        Dtype::F32 => chunks(4)
            .map(|b| f32::from_le_bytes(b.try_into().unwrap()) as f64)
            .collect(),
        Dtype::F64 => chunks(8)
            .map(|b| f64::from_le_bytes(b.try_into().unwrap()))
            .collect(),
        Dtype::I64 => chunks(8)
            .map(|b| i64::from_le_bytes(b.try_into().unwrap()) as f64)
            .collect(),
        other => {
            return Err(FuseError::Dtype {
                name: name.into(),
                dtype: format!("{other:?}"),
            })
        }
    })
}

/// Values of a tensor to write.
#[derive(Clone, Debug)]
pub enum Data {
    F32(Vec<f32>),
    I64(Vec<i64>),
}

/// Writes tensors `(name, shape, values)` as safetensors (tests and tools).
pub fn write(path: &Path, tensors: &[(String, Vec<usize>, Data)]) -> Result<(), FuseError> {
    let bytes: Vec<(String, Dtype, Vec<u8>, Vec<usize>)> = tensors
        .iter()
        .map(|(n, s, d)| match d {
            Data::F32(v) => (
                n.clone(),
                Dtype::F32,
                v.iter().flat_map(|x| x.to_le_bytes()).collect(),
                s.clone(),
            ),
            Data::I64(v) => (
                n.clone(),
                Dtype::I64,
                v.iter().flat_map(|x| x.to_le_bytes()).collect(),
                s.clone(),
            ),
        })
        .collect();
    let views = bytes
        .iter()
        .map(|(n, dt, b, s)| {
            let view = safetensors::tensor::TensorView::new(*dt, s.clone(), b)
                .map_err(|e| FuseError::Safetensors(e.to_string()))?;
            Ok((n.clone(), view))
        })
        .collect::<Result<Vec<_>, FuseError>>()?;
    let out =
        safetensors::serialize(views, None).map_err(|e| FuseError::Safetensors(e.to_string()))?;
    std::fs::write(path, out).map_err(|source| FuseError::Io {
        path: path.display().to_string(),
        source,
    })
}
