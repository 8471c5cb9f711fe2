//! Deterministic synthetic data set in the NTU `.skeleton` format.
//!
//! Clips are action classes performed by a kinematic NTU 25-joint body
//! (bone lengths, joint hierarchy) with per-subject size and style, per-clip
//! speed, amplitude, phase and timing, three camera views, sensor noise and
//! sometimes an idle second person. Files are named `SsssCcccPpppRrrrAaaa.skeleton`
//! so the real reader, splits and ignore lists apply unchanged. A clip depends
//! only on the seed and its name, so generation is parallel and reproducible.

mod actions;
mod body;
mod render;
pub(crate) mod rng;
pub(crate) mod scene;

pub use actions::{ACTIONS, MAX_CLASSES};

use crate::data::skeleton::ClipName;
use rayon::prelude::*;
use rng::Rng;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;

/// Parameters of the synthetic data set. Clips are all combinations of
/// setups x cameras x subjects x replications x classes, or a seeded random
/// subset of `total_clips` of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyntheticConfig {
    pub seed: u64,
    /// Number of classes, 1..=[`MAX_CLASSES`]: the first `classes` of
    /// [`ACTIONS`], then their variants (mirrored, quicker).
    pub classes: usize,
    pub subjects: u16,
    /// 1..=3 (camera 1 = validation view of xview).
    pub cameras: u16,
    pub setups: u16,
    pub replications: u16,
    pub total_clips: Option<usize>,
    /// Clip length is uniform in `min_frames..=max_frames`.
    pub min_frames: usize,
    pub max_frames: usize,
    /// Sensor noise standard deviation in metres.
    pub noise: f32,
    pub second_body_prob: f64,
}

impl Default for SyntheticConfig {
    fn default() -> Self {
        SyntheticConfig {
            seed: 0,
            classes: 10,
            subjects: 10,
            cameras: 3,
            setups: 1,
            replications: 2,
            total_clips: None,
            min_frames: 60,
            max_frames: 150,
            noise: 0.01,
            second_body_prob: 0.1,
        }
    }
}

/// What `generate` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GenerateReport {
    pub clips: usize,
    pub bytes: u64,
    pub frames: u64,
    pub two_body_clips: usize,
    /// Clips per label.
    pub per_class: Vec<usize>,
}

impl SyntheticConfig {
    /// Checks the parameters, naming the first one out of range.
    pub fn check(&self) -> Result<(), String> {
        let rules: [(bool, String); 8] = [
            (
                (1..=MAX_CLASSES).contains(&self.classes),
                format!("classes must be 1..={MAX_CLASSES}"),
            ),
            (
                (1..=3).contains(&self.cameras),
                "cameras must be 1..=3".into(),
            ),
            (
                (1..1000).contains(&self.subjects),
                "subjects must be 1..=999".into(),
            ),
            (
                (1..1000).contains(&self.setups),
                "setups must be 1..=999".into(),
            ),
            (
                (1..1000).contains(&self.replications),
                "replications must be 1..=999".into(),
            ),
            (
                (1..=self.max_frames).contains(&self.min_frames),
                "min_frames must be 1..=max_frames".into(),
            ),
            (self.noise >= 0.0, "noise must be >= 0".into()),
            (
                (0.0..=1.0).contains(&self.second_body_prob),
                "second_body_prob must be in 0..=1".into(),
            ),
        ];
        match rules.into_iter().find(|(ok, _)| !ok) {
            Some((_, rule)) => Err(format!("synthetic.{rule}")),
            None => Ok(()),
        }
    }

    fn validate(&self) -> io::Result<()> {
        self.check()
            .map_err(|msg| io::Error::new(io::ErrorKind::InvalidInput, msg))
    }

    /// The clip names this config generates, sorted.
    pub fn clip_names(&self) -> Vec<ClipName> {
        let mut all = Vec::new();
        for setup in 1..=self.setups {
            for camera in 1..=self.cameras {
                for subject in 1..=self.subjects {
                    for replication in 1..=self.replications {
                        for action in 1..=self.classes as u16 {
                            all.push(ClipName {
                                setup,
                                camera,
                                subject,
                                replication,
                                action,
                            });
                        }
                    }
                }
            }
        }
        if let Some(n) = self.total_clips.filter(|&n| n < all.len()) {
            shuffle(&mut all, &mut Rng::from_keys(&[self.seed, 0x5e1ec7]));
            all.truncate(n);
            all.sort();
        }
        all
    }
}

fn shuffle<T>(v: &mut [T], r: &mut Rng) {
    for i in (1..v.len()).rev() {
        v.swap(i, r.int(0, i));
    }
}

/// The text of one clip's `.skeleton` file.
pub fn clip_text(cfg: &SyntheticConfig, name: &ClipName) -> String {
    render::render(&scene::synthesize(cfg, name))
}

/// Writes every clip of `cfg` into `dir` (created if missing), in parallel.
pub fn generate(cfg: &SyntheticConfig, dir: &Path) -> io::Result<GenerateReport> {
    cfg.validate()?;
    std::fs::create_dir_all(dir)?;
    let names = cfg.clip_names();
    let written: Vec<(u64, u64, bool)> = names
        .par_iter()
        .map(|name| {
            let clip = scene::synthesize(cfg, name);
            let text = render::render(&clip);
            std::fs::write(dir.join(format!("{name}.skeleton")), &text)?;
            let two = clip.frames.iter().any(|f| f.len() > 1);
            Ok((text.len() as u64, clip.frames.len() as u64, two))
        })
        .collect::<io::Result<_>>()?;
    let mut report = GenerateReport {
        per_class: vec![0; cfg.classes],
        ..Default::default()
    };
    for (name, (bytes, frames, two)) in names.iter().zip(written) {
        report.clips += 1;
        report.bytes += bytes;
        report.frames += frames;
        report.two_body_clips += usize::from(two);
        report.per_class[usize::from(name.action - 1)] += 1;
    }
    Ok(report)
}
