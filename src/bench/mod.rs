//! `lingcn bench ...`: benchmarks that print numbers (never assertions).

#[cfg(feature = "seal")]
pub mod he;
pub mod kill;
#[cfg(feature = "ml")]
pub mod linearize;
mod parse;
#[cfg(feature = "ml")]
pub mod train;

pub use parse::parse;

use crate::store::{hash_file, hash_file_single, Store};
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runner overhead on generated `cmd` pipelines, then hashing throughput.
/// Every time is the wall time of a whole process, as a user starts it; with
/// `compare`, the same chain also runs under snakemake and dvc if on PATH.
pub fn runner(sizes: &[usize], hash_mib: usize, compare: bool, runs: usize) -> Result<()> {
    let exe = std::env::current_exe().context("locating the lingcn binary")?;
    let runs = runs.max(1);
    let version = median(runs, || timed(&exe, Path::new("."), &["--version"]))?;
    println!(
        "lingcn --version: {} (whole process, median of {runs})\n",
        ms(version)
    );
    println!("runner overhead: wall time of whole `lingcn` processes (median of {runs} for the no-op rows)");
    println!(
        "{:<8} {:>6} {:>11} {:>10} {:>12} {:>12} {:>15}",
        "shape", "stages", "first run", "per stage", "no-op status", "no-op run", "status 1 change"
    );
    for &n in sizes {
        for shape in [Shape::Chain, Shape::Diamond] {
            let dir = tempfile::tempdir()?;
            std::fs::write(dir.path().join("pipeline.toml"), shape.pipeline(n.max(3)))?;
            let first = timed(&exe, dir.path(), &["run", "-q", "-j1"])?;
            let status = median(runs, || timed(&exe, dir.path(), &["status"]))?;
            let noop = median(runs, || timed(&exe, dir.path(), &["run", "-q"]))?;
            let toml = std::fs::read_to_string(dir.path().join("pipeline.toml"))?;
            std::fs::write(
                dir.path().join("pipeline.toml"),
                toml.replace("mark = 0", "mark = 1"),
            )?;
            let changed = median(runs, || timed(&exe, dir.path(), &["status"]))?;
            println!(
                "{:<8} {:>6} {:>11} {:>10} {:>12} {:>12} {:>15}",
                shape.name(),
                n,
                ms(first),
                ms(first / n.max(3) as u32),
                ms(status),
                ms(noop),
                ms(changed)
            );
        }
    }
    if compare {
        others(&exe, sizes, runs)?;
    }
    if hash_mib > 0 {
        hashing(hash_mib)?;
    }
    Ok(())
}

/// The chain under lingcn, snakemake and dvc (those on PATH), side by side:
/// first run (`-j1` / `--cores 1`), no-op run, and the dry run / status.
fn others(exe: &Path, sizes: &[usize], runs: usize) -> Result<()> {
    let tools: Vec<Tool> = [Tool::Snakemake, Tool::Dvc]
        .into_iter()
        .filter(|t| t.available())
        .collect();
    if tools.is_empty() {
        println!("\n(snakemake and dvc are not on PATH: no comparison)");
        return Ok(());
    }
    println!("\nthe same chain under other runners (whole processes; ratio = theirs / lingcn's)");
    println!(
        "{:<28} {:>6} {:>17} {:>17} {:>17}",
        "runner", "stages", "first run", "no-op run", "status / dry run"
    );
    for &n in sizes {
        let n = n.max(3);
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("pipeline.toml"), Shape::Chain.pipeline(n))?;
        let ours = [
            timed(exe, dir.path(), &["run", "-q", "-j1"])?,
            median(runs, || timed(exe, dir.path(), &["run", "-q"]))?,
            median(runs, || timed(exe, dir.path(), &["status"]))?,
        ];
        println!(
            "{:<28} {n:>6} {:>17} {:>17} {:>17}",
            "lingcn",
            ms(ours[0]),
            ms(ours[1]),
            ms(ours[2])
        );
        for tool in &tools {
            let dir = tempfile::tempdir()?;
            let theirs = tool.measure(dir.path(), n, runs)?;
            let cell = |i: usize| {
                format!(
                    "{} {:>5.1}x",
                    ms(theirs[i]),
                    theirs[i].as_secs_f64() / ours[i].as_secs_f64()
                )
            };
            println!(
                "{:<28} {n:>6} {:>17} {:>17} {:>17}",
                tool.version(),
                cell(0),
                cell(1),
                cell(2)
            );
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Tool {
    Snakemake,
    Dvc,
}

impl Tool {
    fn program(self) -> &'static str {
        match self {
            Tool::Snakemake => "snakemake",
            Tool::Dvc => "dvc",
        }
    }

    fn available(self) -> bool {
        Command::new(self.program())
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn version(self) -> String {
        let out = Command::new(self.program()).arg("--version").output();
        let v = out.map_or(String::new(), |o| {
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        });
        format!("{} {v}", self.program())
    }

    /// First run, no-op run, dry run or status of an `n`-stage chain in `dir`.
    fn measure(self, dir: &Path, n: usize, runs: usize) -> Result<[Duration; 3]> {
        let run =
            |args: &[&str]| -> Result<Duration> { timed(Path::new(self.program()), dir, args) };
        match self {
            Tool::Snakemake => {
                std::fs::write(dir.join("Snakefile"), snakefile(n))?;
                let go = ["--cores", "1", "--quiet", "all"];
                Ok([
                    run(&go)?,
                    median(runs, || run(&go))?,
                    median(runs, || run(&["-n", "--quiet", "all"]))?,
                ])
            }
            Tool::Dvc => {
                std::fs::write(dir.join("dvc.yaml"), dvc_yaml(n))?;
                run(&["init", "--no-scm", "-q"])?;
                Ok([
                    run(&["repro", "-q"])?,
                    median(runs, || run(&["repro", "-q"]))?,
                    median(runs, || run(&["status", "-q"]))?,
                ])
            }
        }
    }
}

/// The chain of [`Shape::Chain`] as a Snakefile.
fn snakefile(n: usize) -> String {
    let mut t = format!("rule all:\n    input: \"o/s{}\"\n\n", n - 1);
    for i in 0..n {
        if i == 0 {
            let _ = writeln!(
                t,
                "rule s0:\n    output: \"o/s0\"\n    shell: \"echo 0 > {{output}}\"\n"
            );
        } else {
            let _ = writeln!(
                t,
                "rule s{i}:\n    input: \"o/s{}\"\n    output: \"o/s{i}\"\n    shell: \"cat {{input}} > {{output}}; echo {i} >> {{output}}\"\n",
                i - 1
            );
        }
    }
    t
}

/// The chain of [`Shape::Chain`] as a dvc.yaml.
fn dvc_yaml(n: usize) -> String {
    let mut t = String::from("stages:\n");
    for i in 0..n {
        if i == 0 {
            let _ = writeln!(
                t,
                "  s0:\n    cmd: mkdir -p o && echo 0 > o/s0\n    outs: [o/s0]"
            );
        } else {
            let _ = writeln!(
                t,
                "  s{i}:\n    cmd: cat o/s{p} > o/s{i}; echo {i} >> o/s{i}\n    deps: [o/s{p}]\n    outs: [o/s{i}]",
                p = i - 1
            );
        }
    }
    t
}

#[derive(Clone, Copy)]
enum Shape {
    Chain,
    Diamond,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Chain => "chain",
            Shape::Diamond => "diamond",
        }
    }

    /// `n` stages. The stage carrying `mark = 0` is the one the benchmark
    /// changes: the middle of the chain, the source of the diamond.
    fn pipeline(self, n: usize) -> String {
        let mut t = String::new();
        match self {
            Shape::Chain => {
                for i in 0..n {
                    let _ = writeln!(t, "[stages.s{i}]\nkind = \"cmd\"\nouts = [\"o\"]");
                    let mark = if i == n / 2 { "mark = 0, " } else { "" };
                    if i == 0 {
                        let _ = writeln!(t, "params = {{ {mark}i = {i} }}\ncmd = \"echo {{params.i}} > {{out.o}}\"\n");
                    } else {
                        let _ = writeln!(
                            t,
                            "params = {{ {mark}i = {i} }}\ninputs = {{ x = \"s{}.o\" }}\ncmd = \"cat {{in.x}} > {{out.o}}; echo {{params.i}} >> {{out.o}}\"\n",
                            i - 1
                        );
                    }
                }
            }
            Shape::Diamond => {
                let mids: Vec<String> = (0..n - 2).map(|i| i.to_string()).collect();
                let _ = writeln!(
                    t,
                    "[stages.src]\nkind = \"cmd\"\nouts = [\"o\"]\nparams = {{ mark = 0 }}\ncmd = \"echo {{params.mark}} > {{out.o}}\"\n\n\
                     [stages.mid]\nkind = \"cmd\"\nouts = [\"o\"]\ninputs = {{ x = \"src.o\" }}\nmatrix = {{ i = [{}] }}\n\
                     cmd = \"cat {{in.x}} > {{out.o}}; echo {{params.i}} >> {{out.o}}\"\n\n\
                     [stages.sink]\nkind = \"cmd\"\nouts = [\"o\"]\ninputs = {{ xs = \"mid.o\" }}\ncmd = \"cat {{in.xs}} | wc -l > {{out.o}}\"",
                    mids.join(", ")
                );
            }
        }
        t
    }
}

/// The wall time of `exe args` in `dir`, from spawn to exit (output discarded).
fn timed(exe: &Path, dir: &Path, args: &[&str]) -> Result<Duration> {
    let started = Instant::now();
    let out = Command::new(exe)
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .output()
        .with_context(|| format!("starting {}", exe.display()))?;
    let took = started.elapsed();
    anyhow::ensure!(
        out.status.success(),
        "{} {args:?} failed: {}",
        exe.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(took)
}

fn median(times: usize, mut f: impl FnMut() -> Result<Duration>) -> Result<Duration> {
    let mut v = (0..times).map(|_| f()).collect::<Result<Vec<_>>>()?;
    v.sort();
    Ok(v[v.len() / 2])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// blake3 throughput on a big file: one thread, all cores, and the
/// (size, mtime, inode) shortcut that skips re-hashing.
fn hashing(mib: usize) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("big.bin");
    write_file(&path, mib)?;
    let bytes = (mib << 20) as f64;
    let gbps = |d: Duration| bytes / d.as_secs_f64() / 1e9;
    println!(
        "\nhashing a {mib} MiB file (in the page cache), {} threads available",
        rayon::current_num_threads()
    );
    let t = Instant::now();
    hash_file_single(&path)?;
    let single = t.elapsed();
    let t = Instant::now();
    hash_file(&path)?;
    let multi = t.elapsed();
    println!(
        "  blake3 mmap, 1 thread         {:>8}  {:.2} GB/s",
        ms(single),
        gbps(single)
    );
    println!(
        "  blake3 mmap + rayon           {:>8}  {:.2} GB/s",
        ms(multi),
        gbps(multi)
    );
    // Age the file past the racy window so its stamp can be trusted.
    let old = std::time::SystemTime::now() - Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&path)?
        .set_modified(old)?;
    let store = Store::new(dir.path());
    let db = store.open_db()?;
    let t = Instant::now();
    store.hash_path(&db, &path)?;
    let first = t.elapsed();
    let t = Instant::now();
    store.hash_path(&db, &path)?;
    let again = t.elapsed();
    println!(
        "  dep hash, first time          {:>8}  {:.2} GB/s",
        ms(first),
        gbps(first)
    );
    println!(
        "  dep hash, unchanged (stamp)   {:>8}",
        format!("{:.3} ms", again.as_secs_f64() * 1e3)
    );
    Ok(())
}

/// Writes `mib` MiB of incompressible-looking bytes.
fn write_file(path: &Path, mib: usize) -> Result<()> {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut chunk = vec![0u8; 1 << 20];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..mib {
        for b in chunk.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b.copy_from_slice(&x.to_le_bytes()[..b.len()]);
        }
        f.write_all(&chunk)?;
    }
    f.flush()?;
    Ok(())
}
