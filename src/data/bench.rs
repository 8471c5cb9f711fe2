//! Parse throughput measurement for `lingcn bench parse`: reads every
//! `.skeleton` file of a directory through the real reader on a local rayon
//! pool of a given size.

use super::dataset::list_skeleton_files;
use super::error::DataError;
use super::skeleton::{read_clip, ReadOptions};
use super::synthetic::{clip_text, generate, GenerateReport, SyntheticConfig};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// Timed passes over the corpus; the best is reported (the first warms caches).
const PASSES: usize = 3;

/// Result of one `parse_throughput` run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchResult {
    pub threads: usize,
    pub clips: usize,
    pub bytes: u64,
    /// Best pass.
    pub seconds: f64,
    pub mb_per_s: f64,
    pub clips_per_s: f64,
    /// Peak resident set of the process so far (VmHWM), if /proc is available.
    pub peak_rss_kib: Option<u64>,
}

/// Parses every clip in `dir` with `threads` threads, `PASSES` times.
pub fn parse_throughput(dir: &Path, threads: usize) -> Result<BenchResult, DataError> {
    let files = list_skeleton_files(dir)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| DataError::Config(format!("thread pool: {e}")))?;
    let opts = ReadOptions::default();
    let bytes: u64 = files.iter().map(|f| file_len(f)).sum();
    let mut best = f64::INFINITY;
    for _ in 0..PASSES {
        let start = Instant::now();
        pool.install(|| {
            files
                .par_iter()
                .try_for_each(|f| read_clip(f, &opts).map(drop))
        })?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(BenchResult {
        threads,
        clips: files.len(),
        bytes,
        seconds: best,
        mb_per_s: bytes as f64 / 1e6 / best,
        clips_per_s: files.len() as f64 / best,
        peak_rss_kib: peak_rss_kib(),
    })
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// VmHWM of this process in KiB (Linux only).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Generates at least `min_bytes` of synthetic clips (100..300 frames) in `dir`.
pub fn generate_corpus(dir: &Path, min_bytes: u64, seed: u64) -> std::io::Result<GenerateReport> {
    let mut cfg = SyntheticConfig {
        seed,
        classes: 15,
        subjects: 40,
        min_frames: 100,
        max_frames: 300,
        second_body_prob: 0.2,
        ..SyntheticConfig::default()
    };
    let sample = cfg.clip_names()[0];
    let probe = SyntheticConfig {
        min_frames: 200,
        max_frames: 200,
        ..cfg.clone()
    };
    let per_clip = clip_text(&probe, &sample).len() as u64;
    cfg.total_clips = Some((min_bytes / per_clip + 1) as usize * 11 / 10);
    generate(&cfg, dir)
}
