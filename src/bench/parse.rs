//! `lingcn bench parse`: the NTU reader's throughput and memory.

use anyhow::Result;
use std::time::Instant;

/// NTU reader throughput on at least `mb` MB of generated clips: 1 thread
/// and all cores, then a whole conversion with its peak memory.
pub fn parse(mb: u64) -> Result<()> {
    use crate::data::bench::{generate_corpus, parse_throughput, peak_rss_kib};
    use crate::data::dataset::{convert, list_skeleton_files, ConvertConfig};
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    let generated = generate_corpus(dir.path(), mb * 1_000_000, 1)?;
    println!(
        "generated {} clips ({:.1} MB, {} frames) in {:.1} s; peak RSS {} KiB",
        generated.clips,
        generated.bytes as f64 / 1e6,
        generated.frames,
        started.elapsed().as_secs_f64(),
        peak_rss_kib().unwrap_or(0)
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in if cores > 1 { vec![1, cores] } else { vec![1] } {
        let r = parse_throughput(dir.path(), threads)?;
        println!(
            "parse, {} thread(s): {:>7.0} MB/s {:>7.0} clips/s (best of 3 passes, {:.3} s)",
            r.threads, r.mb_per_s, r.clips_per_s, r.seconds
        );
    }
    let out = tempfile::tempdir()?;
    let files = list_skeleton_files(dir.path())?;
    let started = Instant::now();
    let report = convert(&files, &ConvertConfig::default(), out.path(), &|_, _| {})?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "convert (parse + window + streamed .npy): {} train / {} val clips in {:.2} s, {:.0} MB/s; peak RSS {} KiB",
        report.train.clips,
        report.val.clips,
        secs,
        report.bytes_read as f64 / 1e6 / secs,
        peak_rss_kib().unwrap_or(0)
    );
    Ok(())
}
