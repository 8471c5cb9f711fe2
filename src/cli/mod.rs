//! The command line: clap arguments, logging set-up, exit codes. The only
//! module that knows clap, anyhow and tracing-subscriber.

mod commands;
mod failure;
mod progress;
mod report;

pub use commands::worker_path;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Exit codes (documented in `lingcn --help`).
pub mod exit {
    /// A stage failed (its log tail is printed).
    pub const STAGE_FAILED: i32 = 1;
    /// Bad input: pipeline, parameters, arguments.
    pub const INVALID: i32 = 2;
    /// Another run holds the project lock.
    pub const LOCKED: i32 = 3;
    /// `verify` found corrupt blobs.
    pub const CORRUPT: i32 = 4;
    /// An I/O or internal failure (a full disk, an unreadable database):
    /// the OS error is printed with what to do.
    pub const IO: i32 = 5;
    /// Interrupted (Ctrl-C).
    pub const INTERRUPTED: i32 = 130;
}

#[derive(Parser, Debug)]
#[command(
    name = "lingcn",
    version,
    about = "A declarative, content-addressed pipeline runner that reproduces LinGCN end to end",
    long_about = "lingcn runs the stages declared in a pipeline.toml, caches every stage by the hash of its \
                  kind, parameters, inputs and deps, and re-runs only what changed.\n\n\
                  State lives next to pipeline.toml: cache/ (records), artifacts/ (content-addressed \
                  outputs), out/<stage>/ (each stage's current outputs, read-only links).",
    after_help = "Exit codes: 0 success, 1 a stage failed, 2 invalid input, 3 project locked by another run, \
                  4 corrupt blobs found, 5 an I/O or internal failure (full disk, unreadable \
                  database), 130 interrupted.\n\
                  Docs: docs/pipeline.md (pipeline.toml reference)."
)]
pub struct Cli {
    /// More log output (-v: debug, -vv: trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the pipeline: bring the named stages (default: all) up to date.
    Run(RunArgs),
    /// Show every stage as up to date, stale, never run or failed, and why.
    Status(StatusArgs),
    /// Print the stage graph (text, or Graphviz with --dot).
    Dag(DagArgs),
    /// Show a stage's last run (with -S, its cached run under those
    /// overrides): key, timings, outputs, metrics.
    Show(ShowArgs),
    /// Print a stage's log from its last run.
    Log(StageArgs),
    /// Copy a stage's output out of the store (e.g. a checkpoint for PyTorch).
    Export(ExportArgs),
    /// Delete blobs that no record refers to.
    Gc(GcArgs),
    /// Re-hash every blob and report corrupt ones.
    Verify(ProjectArgs),
    /// List the stage kinds this binary knows.
    Kinds,
    /// Write the results table and figures from the stage records (runs nothing).
    Report(ReportArgs),
    /// Stop the running `lingcn run` of this project and cancel its Slurm jobs.
    Cancel(ProjectArgs),
    /// Run one stage into a work directory (what a Slurm job and a local
    /// stage that needs its own process execute).
    #[command(hide = true)]
    Worker(WorkerArgs),
    /// Benchmarks that print numbers.
    Bench(BenchArgs),
}

#[derive(Args, Debug)]
pub struct WorkerArgs {
    /// The stage's work directory, holding the runner's work order.
    #[arg(long)]
    pub work_dir: PathBuf,
    /// The stage key the runner computed; the order must hash to it.
    #[arg(long)]
    pub key: crate::store::StageKey,
    /// Threads for the stage (default: its `resources.cpus`, else all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print progress as JSON lines on stdout (for the parent runner).
    #[arg(long)]
    pub progress: bool,
    /// The build of the runner that started this worker; a worker built from
    /// other sources refuses the stage instead of computing something else.
    #[arg(long)]
    pub build_id: Option<String>,
}

/// `-S STAGE.params.KEY=VALUE`, shared by the commands that key stages.
#[derive(Args, Debug, Default)]
pub struct SetArgs {
    /// Override a parameter for this command only (repeatable; a later one
    /// wins): STAGE is a [stages.NAME] table (all its instances) or one
    /// instance (`lin[lambda=0.5]`), KEY a dotted path into its params,
    /// VALUE TOML (a bare word is a string). Part of the stage key; see
    /// docs/pipeline.md.
    #[arg(
        short = 'S',
        long = "set",
        value_name = "STAGE.params.KEY=VALUE",
        value_parser = crate::spec::Override::parse
    )]
    pub set: Vec<crate::spec::Override>,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// `[PIPELINE.toml] [STAGE...]`: the pipeline file (default pipeline.toml) and stages to run
    /// (instance names like `lin[lambda=0.5]`, or a base name for all its instances).
    #[arg(value_name = "PIPELINE|STAGE")]
    args: Vec<String>,
    /// Re-run this stage even if cached (repeatable).
    #[arg(long, value_name = "STAGE")]
    force: Vec<String>,
    /// Print what would run and why, without running anything.
    #[arg(short = 'n', long)]
    dry_run: bool,
    /// Stages run at once (default: number of cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// After a failure, keep running stages that do not depend on it.
    #[arg(short, long)]
    keep_going: bool,
    #[command(flatten)]
    set: SetArgs,
}

#[derive(Args, Debug)]
struct StatusArgs {
    /// `[PIPELINE.toml] [STAGE...]`.
    #[arg(value_name = "PIPELINE|STAGE")]
    args: Vec<String>,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    set: SetArgs,
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// The pipeline file.
    #[arg(default_value = "pipeline.toml")]
    pipeline: PathBuf,
    /// Where to write results.md, results.csv and img/ (relative to the
    /// current directory).
    #[arg(long, default_value = "docs")]
    out: PathBuf,
    /// Write nothing; compare the deterministic columns with OUT/results.csv
    /// and exit 1 if any differs.
    #[arg(long)]
    check: bool,
    /// Also replace the table between `<!-- results:begin -->` and
    /// `<!-- results:end -->` in this file (e.g. README.md).
    #[arg(long, value_name = "FILE")]
    readme: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct DagArgs {
    /// The pipeline file.
    #[arg(default_value = "pipeline.toml")]
    pipeline: PathBuf,
    /// Graphviz dot output.
    #[arg(long)]
    dot: bool,
}

#[derive(Args, Debug)]
struct StageArgs {
    /// Stage instance name.
    stage: String,
    /// The pipeline file whose project to read.
    #[arg(short, long, default_value = "pipeline.toml")]
    pipeline: PathBuf,
    /// Print the whole record as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct ShowArgs {
    /// Stage instance name.
    stage: String,
    /// The pipeline file whose project to read.
    #[arg(short, long, default_value = "pipeline.toml")]
    pipeline: PathBuf,
    /// Print the whole record as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    set: SetArgs,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// Stage instance name.
    stage: String,
    /// `[OUTPUT] DEST`: the output to copy (optional when the stage has one) and where to.
    #[arg(num_args = 1..=2, required = true, value_name = "OUTPUT] [DEST")]
    args: Vec<String>,
    /// The pipeline file whose project to read.
    #[arg(short, long, default_value = "pipeline.toml")]
    pipeline: PathBuf,
    /// Replace DEST if it exists.
    #[arg(short, long)]
    force: bool,
}

#[derive(Args, Debug)]
struct ProjectArgs {
    /// The pipeline file whose project to use.
    #[arg(default_value = "pipeline.toml")]
    pipeline: PathBuf,
}

#[derive(Args, Debug)]
struct GcArgs {
    #[arg(default_value = "pipeline.toml")]
    pipeline: PathBuf,
    /// Also forget records that are not the latest run of some stage.
    #[arg(long)]
    prune_records: bool,
    /// Only say what would be deleted.
    #[arg(short = 'n', long)]
    dry_run: bool,
}

#[derive(Args, Debug)]
struct BenchArgs {
    #[command(subcommand)]
    which: BenchWhich,
}

#[derive(Subcommand, Debug)]
enum BenchWhich {
    /// Runner overhead on generated pipelines of `cmd` stages, and hashing throughput.
    ///
    /// Every number is the wall time of whole processes, started the way a user
    /// starts them (`lingcn run`, `lingcn status`, ...). When `snakemake` or `dvc`
    /// is on PATH, the same chain runs with them too, and the table shows the ratios.
    Runner {
        /// Pipeline sizes (stages).
        #[arg(long, value_delimiter = ',', default_values_t = [20, 200, 1000])]
        sizes: Vec<usize>,
        /// Size of the file for the hashing benchmark, in MiB (0 skips it).
        #[arg(long, default_value_t = 1024)]
        hash_mib: usize,
        /// Also run the chains with snakemake and dvc when they are on PATH.
        #[arg(long, default_value = "auto", value_parser = ["auto", "never"])]
        compare: String,
        /// Repetitions of each short measurement (the median is shown).
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
    /// kill -9 of `lingcn run` at seeded random moments of a small real pipeline (train,
    /// polyreplace, fuse, he-eval in worker processes), with what must hold after each kill.
    ///
    /// After each kill: every record's blobs present and intact (the store, then `lingcn
    /// verify`), no process of the run alive, and the next plain `lingcn run` completes with
    /// outputs equal to an uninterrupted run's. Exits 1 if any check fails.
    Kill {
        /// Number of kills (targets go round the stages).
        #[arg(long, default_value_t = 20)]
        kills: usize,
        /// Seed of the kill moments.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How long the run's processes may take to exit after the kill, in ms.
        #[arg(long, default_value_t = 5000)]
        grace_ms: u64,
        /// Keep the projects in this directory (default: a temporary one, removed).
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// STGCN train-step throughput and peak memory, lingcn (tch) vs the PyTorch reference.
    Train {
        #[arg(long, default_value_t = 16)]
        batch: i64,
        #[arg(long, default_value_t = 2)]
        threads: i32,
        /// Timed steps per case (after one warm-up step).
        #[arg(long, default_value_t = 5)]
        steps: usize,
        /// Skip the PyTorch side (no venv needed).
        #[arg(long)]
        no_python: bool,
    },
    /// Seconds per epoch of linearize and polyreplace next to a plain training epoch, at
    /// the default pipeline's settings (and per step at the paper's STGCN-3-256, T = 256).
    Linearize {
        /// Torch thread counts to measure.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 2])]
        threads: Vec<i32>,
        /// Timed rounds (one epoch of each stage) after a short warm-up; 0 skips the default
        /// pipeline's model.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Timed steps per stage at the paper preset (after 1 warm-up step); 0 skips it.
        #[arg(long, default_value_t = 2)]
        paper_steps: usize,
        /// Batch size at the paper preset.
        #[arg(long, default_value_t = 16)]
        paper_batch: i64,
    },
    /// One lingcn train-step measurement as a JSON line (used by `bench train`).
    #[command(hide = true)]
    TrainStep {
        #[arg(long)]
        preset: String,
        #[arg(long)]
        frames: i64,
        #[arg(long)]
        batch: i64,
        #[arg(long)]
        threads: i32,
        #[arg(long)]
        steps: usize,
    },
    /// CKKS: per-op latency of our SEAL backend vs SEAL in C++, and encrypted inference
    /// latency per sample at 1 and 2 threads (small model and STGCN-3-256, baseline and
    /// linearized).
    He {
        /// Ring dimensions of the per-op table.
        #[arg(long, value_delimiter = ',', default_values_t = [8192, 16384, 32768])]
        ring_dims: Vec<usize>,
        /// Repetitions per op (the median is kept).
        #[arg(long, default_value_t = 11)]
        reps: usize,
        /// Rounds of the per-op table (ours and C++ alternate; ranges are over rounds).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// C++ compiler for the SEAL C++ reference.
        #[arg(long, default_value = "g++")]
        cxx: String,
        /// Skip the C++ reference.
        #[arg(long)]
        no_cpp: bool,
        /// Only the per-op table.
        #[arg(long, conflicts_with = "latency_only")]
        ops_only: bool,
        /// Only the inference latency (op costs for the estimates are measured briefly).
        #[arg(long)]
        latency_only: bool,
        /// Models for the latency part.
        #[arg(long, value_delimiter = ',', default_values_t = ["small".to_string(), "stgcn-3-256".to_string()])]
        models: Vec<String>,
        /// Rayon pool sizes.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 2])]
        threads: Vec<usize>,
        /// Circuits estimated above this many seconds per sample (per pool size) are measured
        /// on fewer joints and extrapolated.
        #[arg(long, default_value_t = 300.0)]
        budget_s: f64,
        /// Memory budget (keys + ciphertexts, estimated) in GB; also never more than the
        /// machine's available memory minus 6 GB. Layers over it are not run but estimated.
        #[arg(long, default_value_t = 8.0)]
        max_mem_gb: f64,
        /// Kept nodes (of 25) per unit of the linearized variant, two per block.
        #[arg(long, value_delimiter = ',', default_values_t = [25, 25, 25, 25, 0, 0])]
        linearized: Vec<usize>,
        /// Variants of each model for the latency part.
        #[arg(long, value_delimiter = ',', value_parser = ["baseline", "linearized"],
              default_values_t = ["baseline".to_string(), "linearized".to_string()])]
        variants: Vec<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Instead of measuring: every row of this pipeline's last run, its two models'
        /// estimates against the latency its `he-eval` measured (from the records).
        #[arg(long, value_name = "PIPELINE")]
        rows: Option<PathBuf>,
    },
    /// NTU skeleton reader throughput (1 thread and all cores) and conversion memory.
    Parse {
        /// Megabytes of generated clips to parse.
        #[arg(long, default_value_t = 100)]
        mb: u64,
    },
}

/// Parses arguments, runs the command, returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    match commands::execute(cli.command, cli.quiet) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            if let Some(advice) = failure::advice(&e) {
                eprintln!("  = help: {advice}");
            }
            failure::exit_code(&e)
        }
    }
}

fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "info",
        (false, 1) => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("LINGCN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("lingcn={level}")));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

/// Splits `[PIPELINE.toml] [STAGE...]`: the first word is the pipeline if it
/// names a `.toml` file or an existing file.
fn pipeline_and_stages(args: &[String]) -> (PathBuf, Vec<String>) {
    match args.split_first() {
        Some((first, rest))
            if first.ends_with(".toml") || std::path::Path::new(first).is_file() =>
        {
            (PathBuf::from(first), rest.to_vec())
        }
        _ => (PathBuf::from("pipeline.toml"), args.to_vec()),
    }
}
