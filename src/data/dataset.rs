//! Conversion of a set of `.skeleton` files into split tensors:
//! `{train,val}_{data.npy,label.npy,names.json}`.
//!
//! Clips are sorted by name, parsed in parallel chunks and written in order,
//! so the output is deterministic and memory is bounded by the chunk size,
//! not by the data set.

use super::error::DataError;
use super::file_bytes::map_file;
use super::part_writer::{PartReport, PartWriter};
use super::skeleton::{parse_clip, Clip, ClipName, ReadOptions, NUM_COORDS, NUM_JOINTS};
use super::split::{parse_ignore_list, Benchmark, Part};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Clips parsed in parallel before being written in order.
const CHUNK: usize = 32;

/// What to do with a clip that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OnError {
    /// Stop at the first bad clip (its error is returned).
    #[default]
    Fail,
    /// Leave the clip out and list it in `ConvertReport::skipped`.
    Skip,
}

/// Parameters of `convert`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConvertConfig {
    pub benchmark: Benchmark,
    /// First frame of the output window (into the zero-padded clip).
    pub window_start: usize,
    /// Output T.
    pub window_len: usize,
    pub max_frame: usize,
    pub max_body: usize,
    pub on_error: OnError,
    /// Clip names to leave out (with or without `.skeleton`).
    pub ignore: Vec<String>,
}

impl Default for ConvertConfig {
    /// The paper's setting: xview, frames 22..278 of 300, 2 bodies.
    fn default() -> Self {
        ConvertConfig {
            benchmark: Benchmark::Xview,
            window_start: 22,
            window_len: 256,
            max_frame: 300,
            max_body: 2,
            on_error: OnError::Fail,
            ignore: Vec::new(),
        }
    }
}

impl ConvertConfig {
    /// Per-clip output shape `[C, T, V, M]`.
    pub fn item_shape(&self) -> [usize; 4] {
        [NUM_COORDS, self.window_len, NUM_JOINTS, self.max_body]
    }

    fn validate(&self) -> Result<(), DataError> {
        let bad = |m: String| Err(DataError::Config(m));
        if self.max_body == 0 || self.window_len == 0 {
            return bad("max_body and window_len must be at least 1".into());
        }
        if self.window_start + self.window_len > self.max_frame {
            return bad(format!(
                "window {}..{} exceeds max_frame {}",
                self.window_start,
                self.window_start + self.window_len,
                self.max_frame
            ));
        }
        Ok(())
    }
}

/// A clip left out under `on_error = skip`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedClip {
    pub file: String,
    pub reason: String,
}

/// What `convert` did, for stage metrics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConvertReport {
    pub benchmark: Benchmark,
    /// Per-clip shape `[C, T, V, M]` of the data tensors.
    pub item_shape: [usize; 4],
    pub train: PartReport,
    pub val: PartReport,
    pub skipped: Vec<SkippedClip>,
    /// Clips left out because their name is on the ignore list.
    pub ignored: usize,
    /// Clips that had more bodies than `max_body` (the extra ones are dropped).
    pub clips_with_extra_bodies: usize,
    pub bytes_read: u64,
}

struct Entry<'a> {
    name: ClipName,
    path: &'a Path,
}

/// Converts `files` into split tensors in `out_dir` (created if missing).
/// `progress(done, total)` is called after each chunk of clips.
pub fn convert(
    files: &[PathBuf],
    cfg: &ConvertConfig,
    out_dir: &Path,
    progress: &dyn Fn(usize, usize),
) -> Result<ConvertReport, DataError> {
    convert_cancellable(files, cfg, out_dir, progress, &AtomicBool::new(false))
}

/// [`convert`], stopping with [`DataError::Cancelled`] between chunks once
/// `cancel` is set.
pub fn convert_cancellable(
    files: &[PathBuf],
    cfg: &ConvertConfig,
    out_dir: &Path,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<ConvertReport, DataError> {
    cfg.validate()?;
    std::fs::create_dir_all(out_dir).map_err(|e| DataError::io(out_dir, e))?;
    let mut report = ConvertReport {
        benchmark: cfg.benchmark,
        item_shape: cfg.item_shape(),
        train: PartReport::default(),
        val: PartReport::default(),
        skipped: Vec::new(),
        ignored: 0,
        clips_with_extra_bodies: 0,
        bytes_read: 0,
    };
    let entries = select(files, cfg, &mut report)?;
    let mut train = PartWriter::create(out_dir, Part::Train, &cfg.item_shape())?;
    let mut val = PartWriter::create(out_dir, Part::Val, &cfg.item_shape())?;
    let opts = ReadOptions {
        max_frame: cfg.max_frame,
        max_body: cfg.max_body,
    };
    let mut done = 0;
    for chunk in entries.chunks(CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            return Err(DataError::Cancelled);
        }
        let parsed: Vec<_> = chunk.par_iter().map(|e| load(e, &opts, cfg)).collect();
        for (entry, (bytes, result)) in chunk.iter().zip(parsed) {
            report.bytes_read += bytes;
            match result {
                Ok((tensor, extra_bodies)) => {
                    report.clips_with_extra_bodies += usize::from(extra_bodies);
                    let writer = match cfg.benchmark.part(&entry.name) {
                        Part::Train => &mut train,
                        Part::Val => &mut val,
                    };
                    writer.push(&entry.name.to_string(), entry.name.label(), &tensor)?;
                }
                Err(e) => skip_or_fail(cfg, &mut report, entry.path, e)?,
            }
        }
        done += chunk.len();
        progress(done, entries.len());
    }
    report.train = train.finish()?;
    report.val = val.finish()?;
    Ok(report)
}

/// Names, ignore list, bad names and order: the clips to convert, sorted.
fn select<'a>(
    files: &'a [PathBuf],
    cfg: &ConvertConfig,
    report: &mut ConvertReport,
) -> Result<Vec<Entry<'a>>, DataError> {
    let ignore = parse_ignore_list(&cfg.ignore.join("\n"));
    let mut entries = Vec::with_capacity(files.len());
    for path in files {
        match ClipName::parse(&path.to_string_lossy()) {
            Ok(name) if ignore.contains(&name.to_string()) => report.ignored += 1,
            Ok(name) => entries.push(Entry { name, path }),
            Err(e) => skip_or_fail(cfg, report, path, e.into())?,
        }
    }
    entries.sort_by_key(|e| e.name);
    if let Some(w) = entries.windows(2).find(|w| w[0].name == w[1].name) {
        return Err(DataError::Config(format!(
            "clip {} appears twice: {} and {}",
            w[0].name,
            w[0].path.display(),
            w[1].path.display()
        )));
    }
    Ok(entries)
}

fn skip_or_fail(
    cfg: &ConvertConfig,
    report: &mut ConvertReport,
    path: &Path,
    err: DataError,
) -> Result<(), DataError> {
    match cfg.on_error {
        OnError::Fail => Err(err),
        OnError::Skip => {
            report.skipped.push(SkippedClip {
                file: path.display().to_string(),
                reason: reason(&err),
            });
            Ok(())
        }
    }
}

/// Why a clip was skipped, without repeating its file name.
fn reason(err: &DataError) -> String {
    match err {
        DataError::Parse(super::error::ParseError::Syntax {
            line,
            expected,
            found,
            ..
        }) => {
            format!("line {line}: expected {expected}, found {found}")
        }
        DataError::Parse(super::error::ParseError::BadName { .. }) => {
            "the name is not SsssCcccPpppRrrrAaaa".into()
        }
        other => other.to_string(),
    }
}

/// Reads and parses one clip and cuts the window: (bytes read, tensor or error).
#[allow(clippy::type_complexity)]
fn load(
    entry: &Entry,
    opts: &ReadOptions,
    cfg: &ConvertConfig,
) -> (u64, Result<(Vec<f32>, bool), DataError>) {
    let bytes = match map_file(entry.path) {
        Ok(b) => b,
        Err(e) => return (0, Err(e)),
    };
    let parsed = parse_clip(&bytes, &entry.path.to_string_lossy(), opts);
    let result = parsed.map_err(DataError::from).map(|clip| {
        let extra = clip.max_bodies_seen > opts.max_body;
        (window(&clip, cfg.window_start, cfg.window_len), extra)
    });
    (bytes.len() as u64, result)
}

/// Frames `start..start+len` of each coordinate plane (contiguous in C,T,V,M).
pub fn window(clip: &Clip, start: usize, len: usize) -> Vec<f32> {
    let frame = NUM_JOINTS * clip.opts.max_body;
    let mut out = Vec::with_capacity(NUM_COORDS * len * frame);
    for c in 0..NUM_COORDS {
        let from = clip.index(c, start, 0, 0);
        out.extend_from_slice(&clip.data[from..from + len * frame]);
    }
    out
}

/// The `*.skeleton` files directly in `dir`, sorted.
pub fn list_skeleton_files(dir: &Path) -> Result<Vec<PathBuf>, DataError> {
    let io = |e| DataError::io(dir, e);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "skeleton") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
