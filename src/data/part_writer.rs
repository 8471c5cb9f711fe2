//! The three output files of one split part: `<part>_data.npy` (f32,
//! N x C x T x V x M), `<part>_label.npy` (i64, N) and `<part>_names.json`
//! (a JSON list of clip names). All are streamed; nothing grows with N
//! except the per-class counts.

use super::error::DataError;
use super::npy::{Dtype, NpyWriter};
use super::split::Part;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Counts of one written part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PartReport {
    pub clips: usize,
    /// Clips per label (action - 1).
    pub per_class: BTreeMap<i64, usize>,
}

pub(super) struct PartWriter {
    data: NpyWriter<BufWriter<File>>,
    labels: NpyWriter<BufWriter<File>>,
    names: BufWriter<File>,
    data_path: PathBuf,
    label_path: PathBuf,
    names_path: PathBuf,
    report: PartReport,
}

fn path_of(dir: &Path, part: Part, suffix: &str) -> PathBuf {
    dir.join(format!("{}_{suffix}", part.as_str()))
}

impl PartWriter {
    pub(super) fn create(dir: &Path, part: Part, item_shape: &[usize]) -> Result<Self, DataError> {
        let data_path = path_of(dir, part, "data.npy");
        let label_path = path_of(dir, part, "label.npy");
        let names_path = path_of(dir, part, "names.json");
        let data = NpyWriter::create(&data_path, Dtype::F32, item_shape)
            .map_err(|e| DataError::io(&data_path, e))?;
        let labels = NpyWriter::create(&label_path, Dtype::I64, &[])
            .map_err(|e| DataError::io(&label_path, e))?;
        let mut names = File::create(&names_path)
            .map(BufWriter::new)
            .map_err(|e| DataError::io(&names_path, e))?;
        names
            .write_all(b"[")
            .map_err(|e| DataError::io(&names_path, e))?;
        Ok(PartWriter {
            data,
            labels,
            names,
            data_path,
            label_path,
            names_path,
            report: PartReport::default(),
        })
    }

    /// Appends one clip (already windowed to the item shape).
    pub(super) fn push(&mut self, name: &str, label: i64, tensor: &[f32]) -> Result<(), DataError> {
        self.data
            .write_f32(tensor)
            .map_err(|e| DataError::io(&self.data_path, e))?;
        self.labels
            .write_i64(&[label])
            .map_err(|e| DataError::io(&self.label_path, e))?;
        let sep = if self.report.clips == 0 {
            "\n  "
        } else {
            ",\n  "
        };
        let quoted = serde_json::to_string(name).expect("a str always serializes");
        write!(self.names, "{sep}{quoted}").map_err(|e| DataError::io(&self.names_path, e))?;
        self.report.clips += 1;
        *self.report.per_class.entry(label).or_default() += 1;
        Ok(())
    }

    /// Patches the headers, closes the JSON list and returns the counts.
    pub(super) fn finish(mut self) -> Result<PartReport, DataError> {
        let data_path = &self.data_path;
        self.data
            .finish()
            .map_err(|e| DataError::io(data_path, e))?;
        let label_path = &self.label_path;
        self.labels
            .finish()
            .map_err(|e| DataError::io(label_path, e))?;
        let names_path = &self.names_path;
        let io = |e| DataError::io(names_path, e);
        self.names.write_all(b"\n]\n").map_err(io)?;
        self.names.flush().map_err(io)?;
        Ok(self.report)
    }
}
