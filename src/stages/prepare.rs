//! `kind = "prepare"`: skeleton clips (a real NTU-RGB+D download, or the
//! built-in synthetic set) to train/val tensors in `.npy`.
//!
//! Output `data` is a directory: `{train,val}_data.npy` (float32, N x 3 x T
//! x 25 x 2), `{train,val}_label.npy` (int64) and `{train,val}_names.json`.

use crate::data::dataset::convert_cancellable;
use crate::data::dataset::list_skeleton_files;
use crate::data::synthetic::{generate, SyntheticConfig};
use crate::data::{split, Benchmark, ConvertConfig, OnError};
use crate::engine::{Run, Stage, StageContext, StageError};
use crate::spec::StageDef;
use serde::Deserialize;
use serde_json::{json, Value as Json};
use std::path::PathBuf;

pub struct Prepare;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    #[default]
    Synthetic,
    Ntu,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepareConfig {
    #[serde(default)]
    pub source: Source,
    /// For `source = "ntu"`: the directory of `.skeleton` files (relative to
    /// the project root). It must also be listed in `deps`.
    pub path: Option<String>,
    /// For `source = "synthetic"`: the generator's parameters.
    #[serde(default)]
    pub synthetic: SyntheticConfig,
    #[serde(default)]
    pub benchmark: Benchmark,
    /// First frame of the window taken from the zero-padded clip.
    #[serde(default = "default_window_start")]
    pub window_start: usize,
    /// Frames in the window (T of the output tensors).
    #[serde(default = "default_window_len")]
    pub window_len: usize,
    #[serde(default = "default_max_frame")]
    pub max_frame: usize,
    #[serde(default = "default_max_body")]
    pub max_body: usize,
    #[serde(default)]
    pub on_error: OnError,
    /// A file of clip names to exclude, one a line (must be in `deps`).
    pub ignore_file: Option<String>,
    /// Exclude the 302 NTU-60 clips with missing skeletons (shipped list).
    #[serde(default)]
    pub ignore_ntu60_missing: bool,
}

fn default_window_start() -> usize {
    22
}
fn default_window_len() -> usize {
    256
}
fn default_max_frame() -> usize {
    300
}
fn default_max_body() -> usize {
    2
}

impl Stage for Prepare {
    type Config = PrepareConfig;
    const KIND: &'static str = "prepare";
    const VERSION: u32 = 1;
    const ABOUT: &'static str = "skeleton clips (NTU-RGB+D or synthetic) to train/val .npy tensors";

    fn outputs(config: &PrepareConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        let in_deps = |p: &str| {
            decl.deps
                .iter()
                .any(|d| d.trim_end_matches('/') == p.trim_end_matches('/'))
        };
        match (config.source, &config.path) {
            (Source::Ntu, None) => return Err("params.source = \"ntu\" needs params.path, the directory of .skeleton files".into()),
            (Source::Ntu, Some(p)) if !in_deps(p) => {
                return Err(format!("params.path = \"{p}\" must also be listed in deps, so that changed files re-run the stage"))
            }
            (Source::Synthetic, Some(_)) => return Err("params.path is only for source = \"ntu\"".into()),
            _ => {}
        }
        if let Some(f) = config.ignore_file.as_deref().filter(|f| !in_deps(f)) {
            return Err(format!(
                "params.ignore_file = \"{f}\" must also be listed in deps"
            ));
        }
        if config.source == Source::Synthetic {
            config.synthetic.check()?;
            if config.synthetic.max_frames > config.max_frame {
                return Err(format!(
                    "synthetic.max_frames = {} exceeds max_frame = {}",
                    config.synthetic.max_frames, config.max_frame
                ));
            }
        }
        if config.max_body == 0 {
            return Err("max_body must be at least 1".into());
        }
        if config.window_len == 0 || config.window_start + config.window_len > config.max_frame {
            return Err(format!(
                "frame window {}..{} does not fit in max_frame = {}",
                config.window_start,
                config.window_start + config.window_len,
                config.max_frame
            ));
        }
        Ok(vec!["data".into()])
    }
}

impl Run for Prepare {
    fn run(config: &PrepareConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let scratch = ctx.out_dir().join(".skeletons");
        let (files, generated) = match config.source {
            Source::Synthetic => {
                ctx.log(format!(
                    "generating synthetic clips into {}",
                    scratch.display()
                ));
                let report = generate(&config.synthetic, &scratch)?;
                (list_skeleton_files(&scratch).map_err(fail)?, Some(report))
            }
            Source::Ntu => ntu_files(config, ctx)?,
        };
        ctx.log(format!("converting {} clips", files.len()));
        let convert_config = convert_config(config, ctx)?;
        let data = ctx.output("data");
        let progress = |done: usize, total: usize| ctx.progress("clips", done as u64, total as u64);
        let report =
            convert_cancellable(&files, &convert_config, &data, &progress, ctx.cancel_flag())
                .map_err(fail)?;
        for skipped in &report.skipped {
            ctx.log(format!("skipped {}: {}", skipped.file, skipped.reason));
        }
        if report.train.clips == 0 || report.val.clips == 0 {
            return Err(StageError::Failed(format!(
                "empty split: {} train and {} val clips (check benchmark = {} and the data)",
                report.train.clips,
                report.val.clips,
                serde_json::to_string(&config.benchmark).expect("serializable")
            )));
        }
        std::fs::remove_dir_all(&scratch).or_else(|e| {
            if scratch.exists() {
                Err(e)
            } else {
                Ok(())
            }
        })?;
        Ok(json!({ "convert": report, "synthetic": generated }))
    }
}

fn ntu_files(
    config: &PrepareConfig,
    ctx: &StageContext,
) -> Result<(Vec<PathBuf>, Option<crate::data::synthetic::GenerateReport>), StageError> {
    let dir = ctx
        .root
        .join(config.path.as_deref().expect("checked when configured"));
    if !dir.is_dir() {
        return Err(StageError::Failed(format!(
            "NTU path {} is not a directory",
            dir.display()
        )));
    }
    let files = list_skeleton_files(&dir).map_err(fail)?;
    if files.is_empty() {
        return Err(StageError::Failed(format!(
            "no .skeleton files in {} (point params.path at the extracted nturgb+d_skeletons directory)",
            dir.display()
        )));
    }
    Ok((files, None))
}

fn convert_config(config: &PrepareConfig, ctx: &StageContext) -> Result<ConvertConfig, StageError> {
    let mut ignore = Vec::new();
    if let Some(f) = &config.ignore_file {
        ignore.extend(split::read_ignore_list(&ctx.root.join(f)).map_err(fail)?);
    }
    if config.ignore_ntu60_missing {
        ignore.extend(split::ntu60_missing_skeletons());
    }
    Ok(ConvertConfig {
        benchmark: config.benchmark,
        window_start: config.window_start,
        window_len: config.window_len,
        max_frame: config.max_frame,
        max_body: config.max_body,
        on_error: config.on_error,
        ignore,
    })
}

fn fail(e: crate::data::DataError) -> StageError {
    match e {
        crate::data::DataError::Cancelled => StageError::Cancelled,
        other => StageError::Failed(other.to_string()),
    }
}
