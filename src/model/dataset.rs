//! A labelled split of skeleton clips: data [N, C, T, V, M] f32 and labels [N] i64, read
//! from `{split}_data.npy` / `{split}_label.npy`, plus batching and temporal-shift augmentation.

use std::path::Path;

use tch::{Kind, Tensor};

use super::error::DataError;
use super::graph::NUM_JOINTS;
use super::rng::SplitMix64;

/// One split held in memory.
#[derive(Debug)]
pub struct Dataset {
    pub name: String,
    pub data: Tensor,
    pub labels: Tensor,
}

impl Dataset {
    /// Checks shapes and converts data to f32 and labels to i64.
    pub fn new(name: &str, data: Tensor, labels: Tensor) -> Result<Self, DataError> {
        let shape_err = |what: &str, t: &Tensor, expected: &str| DataError::Shape {
            split: name.to_string(),
            what: what.to_string(),
            shape: t.size(),
            expected: expected.to_string(),
        };
        let (ds, ls) = (data.size(), labels.size());
        if ds.len() != 5 || ds[3] != NUM_JOINTS as i64 {
            return Err(shape_err("data", &data, "[N, C, T, 25, M]"));
        }
        if ls.len() != 1 {
            return Err(shape_err("labels", &labels, "[N]"));
        }
        if ds[0] != ls[0] {
            return Err(DataError::Count {
                split: name.into(),
                data: ds[0],
                labels: ls[0],
            });
        }
        let data = data.f_to_kind(Kind::Float)?;
        let labels = labels.f_to_kind(Kind::Int64)?;
        Ok(Dataset {
            name: name.to_string(),
            data,
            labels,
        })
    }

    /// Reads `{split}_data.npy` and `{split}_label.npy` from `dir`.
    pub fn load_split(dir: &Path, split: &str) -> Result<Self, DataError> {
        let read = |file: String| {
            let path = dir.join(file);
            Tensor::read_npy(&path).map_err(|source| DataError::Read { path, source })
        };
        let data = read(format!("{split}_data.npy"))?;
        let labels = read(format!("{split}_label.npy"))?;
        Self::new(split, data, labels)
    }

    pub fn len(&self) -> usize {
        self.labels.size()[0] as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Rejects an empty split and labels outside 0..num_class, naming the first bad sample.
    pub fn check(&self, num_class: i64) -> Result<(), DataError> {
        if self.is_empty() {
            return Err(DataError::Empty {
                split: self.name.clone(),
            });
        }
        let labels = Vec::<i64>::try_from(&self.labels)?;
        if let Some((index, &label)) = labels
            .iter()
            .enumerate()
            .find(|(_, &l)| l < 0 || l >= num_class)
        {
            return Err(DataError::LabelOutOfRange {
                split: self.name.clone(),
                index: index as i64,
                label,
                num_class,
            });
        }
        Ok(())
    }

    /// Rows `idx` of data and labels.
    pub fn batch(&self, idx: &[i64]) -> (Tensor, Tensor) {
        let idx = Tensor::from_slice(idx);
        (
            self.data.index_select(0, &idx),
            self.labels.index_select(0, &idx),
        )
    }
}

/// Moves each clip's non-empty frame range to a random start within T (ST-GCN's
/// `random_shift`), keeping zero padding elsewhere. x is [N, C, T, V, M].
pub fn random_shift(x: &Tensor, rng: &mut SplitMix64) -> Tensor {
    let t = x.size()[2];
    let out = x.zeros_like();
    for i in 0..x.size()[0] {
        let clip = x.get(i);
        let energy = clip
            .abs()
            .sum_dim_intlist(&[0i64, 2, 3][..], false, Kind::Float);
        let frames = Vec::<f32>::try_from(&energy).unwrap_or_default();
        let Some(begin) = frames.iter().position(|&e| e > 0.0) else {
            continue;
        };
        let end = frames.iter().rposition(|&e| e > 0.0).unwrap_or(begin) + 1;
        let size = (end - begin) as i64;
        let start = rng.below((t - size + 1) as u64) as i64;
        out.get(i)
            .narrow(1, start, size)
            .copy_(&clip.narrow(1, begin as i64, size));
    }
    out
}
