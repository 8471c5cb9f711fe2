//! `lingcn bench linearize`: what LinGCN's two training stages cost per epoch next to a
//! plain (baseline) training epoch, through the real `train`, `linearize` and
//! `polyreplace` loops.
//!
//! - The default pipeline's settings, compiled in from `stages/{prepare,baseline,
//!   linearize,polyreplace}.toml` (16/32/32 channels, T = 64, batch 16, the synthetic
//!   data set): whole epochs (training steps + the validation pass, as the stages record
//!   them), in rounds of plain -> linearize -> polyreplace so that load changes on a busy
//!   machine hit the three alike; per-round ratios to the plain epoch.
//! - The paper's STGCN-3-256 at T = 256: a whole epoch takes far too long on a CPU, so a
//!   few steps on random clips, timed per step.
//!
//! Step times come from the loops' progress callback (called after every batch), so they
//! cover exactly one step each: forward, loss, backward, optimizer (Lookahead), gates.
//! Next to wall time, the process's CPU time per step: on a machine shared with other
//! work, wall time mostly measures the neighbours, CPU time much less so (at 2 threads it
//! includes the torch worker's spinning).

use std::cell::RefCell;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::{Context, Result};
use tch::{Device, Kind, Tensor};

use crate::data::synthetic::generate;
use crate::data::{convert, ConvertConfig};
use crate::model::dataset::Dataset;
use crate::model::{
    linearize, linearize_student, poly_student, polyreplace, train, LinModel, LinearizeConfig,
    PolyConfig, StgcnConfig, StgcnModel, TrainConfig,
};
use crate::stages::prepare::PrepareConfig;
use crate::stages::train::TrainStageConfig;

const PREPARE_TOML: &str = include_str!("../../stages/prepare.toml");
const BASELINE_TOML: &str = include_str!("../../stages/baseline.toml");
const LINEARIZE_TOML: &str = include_str!("../../stages/linearize.toml");
const POLYREPLACE_TOML: &str = include_str!("../../stages/polyreplace.toml");

/// What to measure.
#[derive(Clone, Debug)]
pub struct Options {
    /// Torch thread counts, measured one after the other.
    pub threads: Vec<i32>,
    /// Timed rounds (plain, linearize, polyreplace epoch each) after a short warm-up.
    pub rounds: usize,
    /// Timed steps of each stage at the paper preset (after one warm-up step); 0 skips it.
    pub paper_steps: usize,
    pub paper_batch: i64,
}

/// The three loops in one process, sharing a model: the plain one trains the teacher.
struct Trio {
    base: TrainConfig,
    lin: LinearizeConfig,
    poly: PolyConfig,
    teacher: StgcnModel,
    student: LinModel,
    poly_student: LinModel,
}

/// One call's timings.
#[derive(Clone, Debug, Default)]
struct Timing {
    /// Seconds of the epoch as the loop records it (steps + validation).
    epoch: f64,
    /// Wall seconds of every step.
    steps: Vec<f64>,
    /// CPU seconds (user + system, whole process) of every step.
    cpu: Vec<f64>,
}

/// User + system CPU seconds of this process so far.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct we pass.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return f64::NAN;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(u.ru_utime) + secs(u.ru_stime)
}

/// (wall, cpu, batches done) at a progress call.
type Mark = (Instant, f64, u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Plain,
    Linearize,
    Poly,
}

const ALL: [Which; 3] = [Which::Plain, Which::Linearize, Which::Poly];

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Plain => "plain",
            Which::Linearize => "linearize",
            Which::Poly => "polyreplace",
        }
    }
}

pub fn run(opts: &Options) -> Result<()> {
    let (model, base, lin, poly, prepare) = pipeline_configs()?;
    if opts.rounds > 0 {
        default_pipeline(opts, &model, &base, &lin, &poly, &prepare)?;
    }
    if opts.paper_steps > 0 {
        paper(opts, &base, &lin, &poly)?;
    }
    Ok(())
}

/// Whole epochs at the default pipeline's settings on its synthetic data.
fn default_pipeline(
    opts: &Options,
    model: &StgcnConfig,
    base: &TrainConfig,
    lin: &LinearizeConfig,
    poly: &PolyConfig,
    prepare: &PrepareConfig,
) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    let (train_set, val_set) = synthetic_splits(prepare, dir.path())?;
    let batch = base.batch_size;
    println!(
        "default pipeline (stages/*.toml): model {}, T = {}, batch {batch}, {} train / {} val synthetic clips (made in {:.1} s)",
        widths(model),
        train_set.data.size()[2],
        train_set.len(),
        val_set.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "whole epochs (steps + validation pass), {} rounds of plain -> linearize -> polyreplace after a warm-up;",
        opts.rounds
    );
    println!(
        "s/epoch: median [min - max] over rounds; ratio: epoch / the same round's plain epoch,"
    );
    println!("  median [min - max] over rounds; best: fastest epoch / fastest plain epoch");
    println!(
        "ms/step: wall time of a training step, median and 10th percentile (the least disturbed"
    );
    println!("  steps); cpu: the process's CPU time per step, median; ratios to the plain step");
    println!(
        "{:>7}  {:<11} {:>20} {:>20} {:>5} {:>8} {:>6} {:>6} {:>6} {:>8} {:>6}",
        "threads",
        "stage",
        "s/epoch",
        "epoch ratio",
        "best",
        "ms/step",
        "ratio",
        "p10",
        "ratio",
        "cpu ms",
        "ratio"
    );
    for &threads in &opts.threads {
        let mut trio = Trio::new(model, base, lin, poly, threads)?;
        // Warm-up: a few batches through each loop (allocator, thread pool, lazy init).
        let few = subset(&train_set, 3 * batch);
        let val_few = subset(&val_set, batch);
        for w in ALL {
            trio.epoch(w, &few, &val_few)?;
        }
        let mut timings: Vec<[Timing; 3]> = Vec::new();
        for _ in 0..opts.rounds {
            let mut round: [Timing; 3] = Default::default();
            for (k, w) in ALL.into_iter().enumerate() {
                round[k] = trio.epoch(w, &train_set, &val_set)?;
            }
            timings.push(round);
        }
        print_rows(threads, &timings);
    }
    Ok(())
}

/// STGCN-3-256 at T = 256, per step on random clips (60 classes).
fn paper(
    opts: &Options,
    base: &TrainConfig,
    lin: &LinearizeConfig,
    poly: &PolyConfig,
) -> Result<()> {
    let model = StgcnConfig::stgcn_3_256();
    let (t, b) = (256, opts.paper_batch);
    let n = (opts.paper_steps as i64 + 1) * b;
    println!(
        "\npaper preset STGCN-3-256 ({}), T = {t}, batch {b}: {} timed steps per stage after 1 warm-up step, random clips",
        widths(&model),
        opts.paper_steps
    );
    println!(
        "{:>7}  {:<11} {:>22} {:>6} {:>12} {:>6}",
        "threads", "stage", "s/step median [range]", "ratio", "cpu s/step", "ratio"
    );
    tch::manual_seed(5);
    let x = Tensor::randn([n, 3, t, 25, 2], (Kind::Float, Device::Cpu));
    let y = Tensor::randint(model.num_class, [n], (Kind::Int64, Device::Cpu));
    let train_set = Dataset::new("train", x, y)?;
    let val_set = subset(&train_set, b as usize);
    let (mut base, mut lin, mut poly) = (base.clone(), lin.clone(), poly.clone());
    base.batch_size = b as usize;
    lin.batch_size = b as usize;
    poly.batch_size = b as usize;
    for &threads in &opts.threads {
        let mut trio = Trio::new(&model, &base, &lin, &poly, threads)?;
        // The first step of each loop is its warm-up.
        let mut runs: [Timing; 3] = Default::default();
        for (k, w) in ALL.into_iter().enumerate() {
            let t = trio.epoch(w, &train_set, &val_set)?;
            runs[k] = Timing {
                epoch: t.epoch,
                steps: t.steps[1..].to_vec(),
                cpu: t.cpu[1..].to_vec(),
            };
        }
        let (plain, plain_cpu) = (median(&runs[0].steps), median(&runs[0].cpu));
        for (k, w) in ALL.into_iter().enumerate() {
            let r = &runs[k];
            println!(
                "{threads:>7}  {:<11} {:>22} {:>5.2}x {:>12.2} {:>5.2}x",
                w.name(),
                format!("{:.2} [{}]", median(&r.steps), range(&r.steps, 2)),
                median(&r.steps) / plain,
                median(&r.cpu),
                median(&r.cpu) / plain_cpu
            );
        }
    }
    Ok(())
}

impl Trio {
    fn new(
        model: &StgcnConfig,
        base: &TrainConfig,
        lin: &LinearizeConfig,
        poly: &PolyConfig,
        threads: i32,
    ) -> Result<Self> {
        let t = threads.max(1) as usize;
        let base = TrainConfig {
            epochs: 1,
            threads: t,
            device: crate::model::train::DeviceChoice::Cpu,
            ..base.clone()
        };
        let lin = LinearizeConfig {
            epochs: 1,
            threads: t,
            device: crate::model::train::DeviceChoice::Cpu,
            ..lin.clone()
        };
        let poly = PolyConfig {
            epochs: 1,
            threads: t,
            device: crate::model::train::DeviceChoice::Cpu,
            ..poly.clone()
        };
        tch::set_num_threads(threads.max(1));
        tch::manual_seed(base.seed as i64);
        let teacher = StgcnModel::new(model, Device::Cpu)?;
        let student = linearize_student(&teacher, &lin)?;
        let poly_student = poly_student(&student.model.vs, model, &poly, Device::Cpu)?;
        Ok(Trio {
            base,
            lin,
            poly,
            teacher,
            student,
            poly_student,
        })
    }

    /// One epoch of `which` over `data`, validated on `val`.
    fn epoch(&mut self, which: Which, data: &Dataset, val: &Dataset) -> Result<Timing> {
        let marks: RefCell<Vec<Mark>> = RefCell::new(vec![(Instant::now(), cpu_seconds(), 0)]);
        let progress = |_: &str, done: u64, _: u64| {
            marks
                .borrow_mut()
                .push((Instant::now(), cpu_seconds(), done));
        };
        let cancel = AtomicBool::new(false);
        let epoch = match which {
            Which::Plain => {
                let r = train(&mut self.teacher, &self.base, data, val, &progress, &cancel)?;
                r.history[0].seconds
            }
            Which::Linearize => {
                let r = linearize(
                    &mut self.student,
                    &self.teacher,
                    &self.lin,
                    data,
                    val,
                    &progress,
                    &cancel,
                )?;
                r.history[0].seconds
            }
            Which::Poly => {
                let r = polyreplace(
                    &mut self.poly_student,
                    &self.teacher,
                    &self.poly,
                    data,
                    val,
                    &progress,
                    &cancel,
                )?;
                r.history[0].seconds
            }
        };
        // A step ends at a progress call that counts one more batch; the end-of-epoch call
        // (same count, after validation) is not a step.
        let marks = marks.into_inner();
        let steps: Vec<&[Mark]> = marks.windows(2).filter(|w| w[1].2 > w[0].2).collect();
        Ok(Timing {
            epoch,
            steps: steps
                .iter()
                .map(|w| (w[1].0 - w[0].0).as_secs_f64())
                .collect(),
            cpu: steps.iter().map(|w| w[1].1 - w[0].1).collect(),
        })
    }
}

fn print_rows(threads: i32, rounds: &[[Timing; 3]]) {
    let all = |k: usize, f: fn(&Timing) -> &Vec<f64>| -> Vec<f64> {
        rounds.iter().flat_map(|r| f(&r[k]).clone()).collect()
    };
    let epochs = |k: usize| -> Vec<f64> { rounds.iter().map(|r| r[k].epoch).collect() };
    let best = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let plain_best = best(&epochs(0));
    let plain_steps = all(0, |t| &t.steps);
    let (plain_med, plain_p10) = (median(&plain_steps), quantile(&plain_steps, 0.1));
    let plain_cpu = median(&all(0, |t| &t.cpu));
    for (k, w) in ALL.into_iter().enumerate() {
        let e = epochs(k);
        let ratios: Vec<f64> = rounds.iter().map(|r| r[k].epoch / r[0].epoch).collect();
        let steps = all(k, |t| &t.steps);
        let (med, p10) = (median(&steps), quantile(&steps, 0.1));
        let cpu = median(&all(k, |t| &t.cpu));
        println!(
            "{threads:>7}  {:<11} {:>20} {:>20} {:>4.2}x {:>8.1} {:>5.2}x {:>6.1} {:>5.2}x {:>8.1} {:>5.2}x",
            w.name(),
            format!("{:.2} [{}]", median(&e), range(&e, 2)),
            format!("{:.2}x [{}]", median(&ratios), range(&ratios, 2)),
            best(&e) / plain_best,
            med * 1e3,
            med / plain_med,
            p10 * 1e3,
            p10 / plain_p10,
            cpu * 1e3,
            cpu / plain_cpu,
        );
    }
}

/// The default pipeline's model, recipes and data preparation.
fn pipeline_configs() -> Result<(
    StgcnConfig,
    TrainConfig,
    LinearizeConfig,
    PolyConfig,
    PrepareConfig,
)> {
    let base: TrainStageConfig = toml::from_str(BASELINE_TOML).context("stages/baseline.toml")?;
    let lin: LinearizeConfig = toml::from_str(LINEARIZE_TOML).context("stages/linearize.toml")?;
    let poly: PolyConfig = toml::from_str(POLYREPLACE_TOML).context("stages/polyreplace.toml")?;
    let prepare: PrepareConfig = toml::from_str(PREPARE_TOML).context("stages/prepare.toml")?;
    Ok((base.model, base.train, lin, poly, prepare))
}

/// Generates the synthetic clips of `prepare` under `dir` and converts them like the
/// prepare stage; returns (train, val).
fn synthetic_splits(prepare: &PrepareConfig, dir: &Path) -> Result<(Dataset, Dataset)> {
    let clips = dir.join("clips");
    generate(&prepare.synthetic, &clips).context("generating synthetic clips")?;
    let files = crate::data::dataset::list_skeleton_files(&clips)?;
    let cfg = ConvertConfig {
        benchmark: prepare.benchmark,
        window_start: prepare.window_start,
        window_len: prepare.window_len,
        max_frame: prepare.max_frame,
        max_body: prepare.max_body,
        ..Default::default()
    };
    let data = dir.join("data");
    convert(&files, &cfg, &data, &|_, _| {})?;
    Ok((
        Dataset::load_split(&data, "train")?,
        Dataset::load_split(&data, "val")?,
    ))
}

/// The first `n` clips of `d`.
fn subset(d: &Dataset, n: usize) -> Dataset {
    let n = n.min(d.len()) as i64;
    Dataset {
        name: d.name.clone(),
        data: d.data.narrow(0, 0, n),
        labels: d.labels.narrow(0, 0, n),
    }
}

fn widths(m: &StgcnConfig) -> String {
    let w: Vec<String> = m.blocks.iter().map(|b| b.out.to_string()).collect();
    w.join("/")
}

fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    if s.len() % 2 == 1 {
        s[m]
    } else {
        (s[m - 1] + s[m]) / 2.0
    }
}

/// The `q` quantile (nearest rank) of `v`.
fn quantile(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[((s.len() - 1) as f64 * q).round() as usize]
}

fn range(v: &[f64], digits: usize) -> String {
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{lo:.digits$} - {hi:.digits$}")
}
