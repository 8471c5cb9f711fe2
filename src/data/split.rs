//! Train/validation splits of NTU-RGB+D (cross-view, cross-subject) and the
//! ignore list of clips with missing skeletons.

use super::error::DataError;
use super::skeleton::ClipName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

/// Training subjects of the cross-subject benchmark.
pub const XSUB_TRAIN_SUBJECTS: [u16; 20] = [
    1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34, 35, 38,
];

/// Training cameras of the cross-view benchmark (camera 1 is validation).
pub const XVIEW_TRAIN_CAMERAS: [u16; 2] = [2, 3];

/// The 302 NTU-60 clips with missing skeletons, one name a line (ships with the crate).
pub const NTU60_MISSING_SKELETONS: &str = include_str!("../../data/ntu60_missing_skeletons.txt");

/// Which split rule to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Benchmark {
    /// Cross-view: train = cameras 2 and 3, val = camera 1.
    #[default]
    Xview,
    /// Cross-subject: train = `XSUB_TRAIN_SUBJECTS`.
    Xsub,
}

/// One side of a split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Train,
    Val,
}

impl Part {
    /// File name prefix of the part's outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Train => "train",
            Part::Val => "val",
        }
    }
}

impl Benchmark {
    /// Which part `clip` belongs to.
    pub fn part(self, clip: &ClipName) -> Part {
        let train = match self {
            Benchmark::Xview => XVIEW_TRAIN_CAMERAS.contains(&clip.camera),
            Benchmark::Xsub => XSUB_TRAIN_SUBJECTS.contains(&clip.subject),
        };
        if train {
            Part::Train
        } else {
            Part::Val
        }
    }
}

/// Normalises ignore-list entries: trims blanks, drops empty lines and `#`
/// comments and a `.skeleton` extension.
pub fn parse_ignore_list(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.strip_suffix(".skeleton").unwrap_or(l).to_string())
        .collect()
}

/// Reads an ignore-list file (clip names, one a line).
pub fn read_ignore_list(path: &Path) -> Result<Vec<String>, DataError> {
    let text = std::fs::read_to_string(path).map_err(|e| DataError::io(path, e))?;
    Ok(parse_ignore_list(&text).into_iter().collect())
}

/// The shipped NTU-60 missing-skeleton list.
pub fn ntu60_missing_skeletons() -> Vec<String> {
    parse_ignore_list(NTU60_MISSING_SKELETONS)
        .into_iter()
        .collect()
}
