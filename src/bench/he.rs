//! `lingcn bench he`: CKKS costs on this machine.
//!
//! 1. Per-operation medians of our SEAL backend (Rust, through our FFI over SEAL's C API)
//!    next to the same operations written directly in C++ against the same SEAL build
//!    (`benches/seal_ops.cpp`, compiled with the system C++ compiler at run time), in
//!    alternating rounds so both see the same machine load.
//! 2. Encrypted inference latency per sample at each rayon pool size, for the default small
//!    model (T = 32) and STGCN-3-256 (T = 256), each unlinearized (every unit a polynomial)
//!    and linearized (fewer nonlinear layers), with random weights. A circuit whose
//!    cost-model estimate exceeds the time or memory budget is measured on a reduced circuit
//!    (the same layers on fewer joints, one body: same ring, chain, levels and per-ciphertext
//!    work, fewer ciphertexts), and the full latency is extrapolated as
//!    `estimate(full) x measured(reduced) / estimate(reduced)`: printed as an estimate.
//!
//! Numbers are printed, never asserted.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::fuse::cost::{CostModel, OpCosts};
use crate::fuse::depth::value_levels;
use crate::fuse::eval::{evaluate as evaluate_plain, Input};
use crate::fuse::graph::ntu_pairs;
use crate::fuse::ir::{Circuit, Op};
use crate::fuse::plan::{plan, Plan, PlanRequest};
use crate::fuse::rewrite::{structural, FuseOptions, KeptPattern};
use crate::fuse::shape::ModelShape;
use crate::he::backend::{Backend, Client};
use crate::he::bench::{bench_one, chain_for, BenchRow};
use crate::he::eval::{self, decrypt_logits, encrypt_clips, evaluate, last_uses};
use crate::he::seal::Seal;

/// What to run.
#[derive(Clone, Debug)]
pub struct Options {
    pub ring_dims: Vec<usize>,
    pub reps: usize,
    pub rounds: usize,
    /// C++ compiler for the reference program; `None`: skip the C++ side.
    pub cxx: Option<String>,
    pub ops: bool,
    pub latency: bool,
    pub models: Vec<String>,
    pub threads: Vec<usize>,
    /// Largest estimated latency (s) run as a whole; beyond it a reduced circuit is measured.
    pub budget_s: f64,
    /// Largest estimated ciphertext memory (GB) of a run, same rule.
    pub max_mem_gb: f64,
    /// Kept nodes per unit of the linearized variant (`2 x blocks` counts out of 25).
    pub linearized: Vec<usize>,
    /// Which of `baseline` and `linearized` to run per model.
    pub variants: Vec<String>,
    pub seed: u64,
}

/// Reads one operation's time from a row.
type OpTime = fn(&BenchRow) -> f64;

/// The operations of part 1, as printed.
const OPS: [(&str, OpTime); 9] = [
    ("encode", |r| r.encode),
    ("encrypt (encode+encrypt)", |r| r.encrypt),
    ("add", |r| r.add),
    ("add_plain", |r| r.add_plain),
    ("multiply_plain", |r| r.ct_pt_mul),
    ("multiply+relinearize", |r| r.mul_relin),
    ("rescale", |r| r.rescale),
    ("rotate (1 step)", |r| r.rotate),
    ("decrypt (decrypt+decode)", |r| r.decrypt),
];

pub fn run(opts: &Options) -> Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "lingcn bench he: SEAL 4.0 (vendored, Release), {cores} cores available, load average {}",
        load_average()
    );
    let mut cost = if opts.ops {
        Some(op_table(opts)?)
    } else {
        None
    };
    if opts.latency {
        latency(opts, &mut cost)?;
    }
    Ok(())
}

/// Memory left for this benchmark: `MemAvailable` minus a reserve for the other processes of
/// a shared machine (a run never takes the machine's last gigabytes). The estimates it is
/// compared with are upper bounds (13-28 % over the measured peaks), so 2 GB is enough.
const RESERVE_GB: f64 = 2.0;

fn mem_available_gb() -> f64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("MemAvailable:"))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1e6)
        })
        .unwrap_or(f64::INFINITY)
}

/// Whether `gb` fits the budget and the machine's free memory.
fn fits_memory(gb: f64, opts: &Options) -> bool {
    // (checked against the machine each time: other jobs come and go)
    gb <= opts.max_mem_gb && gb <= mem_available_gb() - RESERVE_GB
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn range(v: &[f64]) -> (f64, f64) {
    v.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        })
}

/// `median [min-max]` of `v` with `prec` decimals.
fn spread(v: &[f64], prec: usize) -> String {
    if v.is_empty() {
        return "-".into();
    }
    let (lo, hi) = range(v);
    if v.len() == 1 {
        return format!("{:.prec$}", v[0]);
    }
    format!("{:.prec$} [{lo:.prec$}-{hi:.prec$}]", median(v))
}

/// Part 1; returns our medians as the cost model for part 2.
fn op_table(opts: &Options) -> Result<CostModel> {
    let cpp = match &opts.cxx {
        Some(cxx) => match build_cpp(cxx) {
            Ok((exe, secs)) => {
                println!("C++ reference: benches/seal_ops.cpp compiled with {cxx} in {secs:.1} s");
                Some(exe)
            }
            Err(e) => {
                println!("C++ reference skipped: {e:#}");
                None
            }
        },
        None => None,
    };
    let mut ours: BTreeMap<usize, Vec<BenchRow>> = BTreeMap::new();
    let mut theirs: BTreeMap<usize, Vec<BenchRow>> = BTreeMap::new();
    for round in 0..opts.rounds {
        for &n in &opts.ring_dims {
            let p = chain_for(n).with_context(|| format!("no 128-bit chain at N = {n}"))?;
            eprintln!("round {}/{}: N = {n}", round + 1, opts.rounds);
            ours.entry(n)
                .or_default()
                .push(bench_one::<Seal>(&p, opts.reps)?);
            if let Some(exe) = &cpp {
                theirs
                    .entry(n)
                    .or_default()
                    .push(run_cpp(exe, n, opts.reps, &p.moduli_bits)?);
            }
        }
    }
    println!(
        "\nper-operation latency, ms: median over {} rounds [min-max over rounds] of the median of {} reps; level 0 ciphertexts, one thread",
        opts.rounds, opts.reps
    );
    let mut per = BTreeMap::new();
    for (&n, rows) in &ours {
        let p = chain_for(n).expect("measured");
        println!(
            "\nN = {n}, moduli {:?} bits (depth {}), scale 2^{}",
            p.moduli_bits, p.depth, p.scale_bits
        );
        println!(
            "{:<26} {:>26} {:>26} {:>22}",
            "op", "ours (Rust FFI)", "SEAL C++", "ours / C++"
        );
        let cpp_rows = theirs.get(&n);
        for (name, f) in OPS {
            let a: Vec<f64> = rows.iter().map(f).collect();
            let (b, ratio): (Vec<f64>, Vec<f64>) = match cpp_rows {
                Some(c) => (
                    c.iter().map(f).collect(),
                    rows.iter().zip(c).map(|(x, y)| f(x) / f(y)).collect(),
                ),
                None => (Vec::new(), Vec::new()),
            };
            println!(
                "{name:<26} {:>26} {:>26} {:>22}",
                spread(&a, 3),
                spread(&b, 3),
                spread(&ratio, 2)
            );
        }
        let m = |f: fn(&BenchRow) -> f64| median(&rows.iter().map(f).collect::<Vec<_>>());
        per.insert(
            n,
            OpCosts {
                ct_pt_mul: m(|r| r.ct_pt_mul),
                ct_ct_mul: m(|r| r.mul_relin),
                relin: 0.0,
                rotate: m(|r| r.rotate),
                add: m(|r| r.add),
                add_plain: m(|r| r.add_plain),
                rescale: m(|r| r.rescale),
                encode: m(|r| r.encode),
            },
        );
    }
    let primes = per
        .keys()
        .filter_map(|&n| Some((n, chain_for(n)?.data_primes())))
        .collect();
    Ok(CostModel {
        source: format!(
            "lingcn bench he, SEAL via our FFI, median of {} rounds x {} reps",
            opts.rounds, opts.reps
        ),
        per_ring_dim: per,
        primes,
        ..CostModel::default()
    })
}

/// Where the SEAL headers (sources + the generated `config.h`) and `libseal-4.0.a` are.
fn seal_paths() -> Result<(Vec<PathBuf>, PathBuf)> {
    let src = Path::new(env!("LINGCN_REPO_ROOT")).join("vendor/SEAL/native/src");
    let config = std::env::var_os("LINGCN_SEAL_INCLUDE_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            option_env!("LINGCN_SEAL_CONFIG_INCLUDE")
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
        })
        .filter(|d| d.join("seal/util/config.h").is_file())
        .context(
            "SEAL's generated seal/util/config.h not found: set LINGCN_SEAL_INCLUDE_DIR to the \
             directory holding seal/util/config.h (SEAL's cmake build tree: build/native/src)",
        )?;
    let lib = option_env!("LINGCN_SEAL_LINK_DIR")
        .map(PathBuf::from)
        .filter(|d| d.join("libseal-4.0.a").is_file())
        .context("libseal-4.0.a of this build not found")?;
    Ok((vec![src, config], lib))
}

/// Compiles `benches/seal_ops.cpp` against the SEAL library this binary links; returns the
/// executable (in a temporary directory kept for the process) and the compile time.
fn build_cpp(cxx: &str) -> Result<(PathBuf, f64)> {
    let (includes, lib) = seal_paths()?;
    let dir = tempfile::tempdir()?.keep();
    let src = dir.join("seal_ops.cpp");
    std::fs::write(&src, include_str!("../../benches/seal_ops.cpp"))?;
    let exe = dir.join("seal_ops");
    let t = Instant::now();
    let mut cmd = Command::new(cxx);
    cmd.args(["-O3", "-DNDEBUG", "-std=c++17"]);
    for i in &includes {
        cmd.arg("-I").arg(i);
    }
    cmd.arg(&src)
        .arg("-L")
        .arg(&lib)
        .args(["-lseal-4.0", "-pthread", "-o"])
        .arg(&exe);
    let out = cmd
        .output()
        .with_context(|| format!("running {cxx} (is a C++ compiler installed?)"))?;
    if !out.status.success() {
        bail!(
            "{cxx} failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(10)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    Ok((exe, t.elapsed().as_secs_f64()))
}

#[derive(Deserialize)]
struct CppRow {
    encode: f64,
    encrypt: f64,
    ct_pt_mul: f64,
    add: f64,
    add_plain: f64,
    mul_relin: f64,
    rescale: f64,
    rotate: f64,
    decrypt: f64,
    keygen_ms: f64,
}

fn run_cpp(exe: &Path, n: usize, reps: usize, bits: &[u32]) -> Result<BenchRow> {
    let out = Command::new(exe)
        .arg(n.to_string())
        .arg(reps.to_string())
        .args(bits.iter().map(|b| b.to_string()))
        .output()
        .context("running the C++ reference")?;
    if !out.status.success() {
        bail!("seal_ops failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let r: CppRow =
        serde_json::from_str(text.trim()).with_context(|| format!("seal_ops printed {text:?}"))?;
    let p = chain_for(n).expect("checked");
    Ok(BenchRow {
        ring_dim: n,
        depth: p.depth,
        moduli_bits: p.moduli_bits,
        encode: r.encode,
        encrypt: r.encrypt,
        ct_pt_mul: r.ct_pt_mul,
        add: r.add,
        add_plain: r.add_plain,
        mul_relin: r.mul_relin,
        rescale: r.rescale,
        rotate: r.rotate,
        decrypt: r.decrypt,
        keygen_ms: r.keygen_ms,
    })
}

/// SplitMix64 in [-a, a).
struct Rng(u64);

impl Rng {
    fn next(&mut self, a: f64) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        a * (2.0 * (z >> 11) as f64 / (1u64 << 53) as f64 - 1.0)
    }
    fn vec(&mut self, n: usize, a: f64) -> Vec<f64> {
        (0..n).map(|_| self.next(a)).collect()
    }
}

/// Random weights for a structural circuit, scaled so values stay O(1).
pub fn randomize(c: &Circuit, seed: u64) -> Circuit {
    let mut rng = Rng(seed);
    let mut c = c.clone();
    c.structural = false;
    let v = c.joints;
    for op in &mut c.ops {
        match op {
            Op::Linear(l) => {
                let fan = (l.cin * l.kernel * l.pairs.len().div_ceil(v)) as f64;
                let a = 1.0 / fan.sqrt();
                for p in &mut l.pairs {
                    p.weight = Some(rng.vec(l.cout * l.cin * l.kernel, a));
                }
                l.bias = Some(rng.vec(l.cout * l.t_out * v, 0.1));
            }
            Op::Pool(p) => {
                for t in &mut p.terms {
                    let a = 1.0 / (t.t_out * v * t.channels) as f64;
                    t.weight = Some(rng.vec(p.classes * v * t.channels * t.kernel, a));
                }
                p.bias = Some(rng.vec(p.classes, 0.1));
            }
            Op::Act(_) | Op::Add(_) => {}
        }
    }
    c
}

/// The `j` NTU joints first reached from the spine (joint 1) and the graph pairs among
/// them, relabelled 0..j.
fn joint_subset(j: usize) -> Vec<(usize, usize)> {
    let all = ntu_pairs();
    let mut order = vec![1usize];
    let mut queue = VecDeque::from([1usize]);
    let mut seen = BTreeSet::from([1usize]);
    while let Some(a) = queue.pop_front() {
        for &(s, d) in &all {
            if s == a && seen.insert(d) {
                order.push(d);
                queue.push_back(d);
            }
        }
    }
    let keep: BTreeMap<usize, usize> = order[..j.min(25)]
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i))
        .collect();
    all.iter()
        .filter_map(|(s, d)| Some((*keep.get(s)?, *keep.get(d)?)))
        .collect()
}

/// One model/variant to measure.
struct Case {
    model: String,
    variant: &'static str,
    shape: ModelShape,
    kept: KeptPattern,
}

fn model_shape(name: &str) -> Result<ModelShape> {
    Ok(match name {
        // stages/baseline.toml: 16/32/32, 20 classes, temporal kernel 9, T = 32, 2 bodies.
        "small" => ModelShape::stgcn3([16, 32, 32], 32, 20),
        // The paper's STGCN-3-256 on NTU-60 (T = 256 after the paper's window).
        "stgcn-3-256" => ModelShape::stgcn3([128, 256, 256], 256, 60),
        other => bail!("unknown model {other:?} (small or stgcn-3-256)"),
    })
}

/// Circuit of `case` with `joints` joints (graph restricted) and `bodies` bodies.
fn build(case: &Case, joints: usize, bodies: usize, seed: u64) -> Result<Circuit> {
    let mut shape = case.shape.clone();
    shape.joints = joints;
    shape.bodies = bodies;
    let kept = KeptPattern {
        blocks: case
            .kept
            .blocks
            .iter()
            .map(|[a, b]| [a[..joints].to_vec(), b[..joints].to_vec()])
            .collect(),
    };
    let pairs = (joints < 25).then(|| joint_subset(joints));
    let c = structural(&shape, &kept, pairs, &FuseOptions::default())?;
    Ok(randomize(&c, seed))
}

/// Bytes of one ciphertext at level 0 and of one key-switching key (a Galois or the relin
/// key: one component per data prime, each two polynomials over data + special primes).
fn sizes(p: &Plan) -> (f64, f64) {
    let n = p.params.ring_dim as f64;
    let data = (p.params.moduli_bits.len() - 1) as f64;
    (2.0 * n * data * 8.0, data * 2.0 * n * (data + 1.0) * 8.0)
}

/// Peak bytes of the server's key-switching keys for `steps` rotation steps: the loaded keys
/// plus their seeded serialization (half size) during the hand-over.
fn key_memory(p: &Plan, steps: usize) -> f64 {
    1.5 * (steps as f64 + 1.0) * sizes(p).1
}

/// Estimated peak bytes of a whole evaluation. SEAL's global memory pool keeps one free
/// list per allocation size, which is one per level, and never returns memory; so the peak
/// is the keys plus, for every level, the most ciphertexts alive at that level during any
/// one op: the values not yet past their last use, the op's output and its baby-step
/// rotations (at its input's level, [`rotations_alive`]).
fn memory_estimate(c: &Circuit, p: &Plan) -> f64 {
    let levels = value_levels(c);
    let last_use = last_uses(c);
    let channels: Vec<usize> = std::iter::once(c.input.channels)
        .chain(
            c.ops
                .iter()
                .map(|op| op.out_shape().map_or(1, |s| s.channels)),
        )
        .collect();
    let per_node = |id: usize| (p.layout.blocks(channels[id]) * p.layout.body_groups) as f64;
    let mut high: BTreeMap<u32, f64> = BTreeMap::new();
    for (j, (op, l)) in c.ops.iter().zip(&p.layers).enumerate() {
        let mut alive: BTreeMap<u32, f64> = BTreeMap::new();
        for id in (0..=j + 1).filter(|&id| id == j + 1 || last_use[id] >= j) {
            for &lvl in &levels[id] {
                *alive.entry(lvl).or_default() += per_node(id);
            }
        }
        let rot = rotations_alive(op, l.counts.rotations);
        let input_level = op
            .inputs()
            .iter()
            .flat_map(|&id| levels[id].iter().copied())
            .max();
        *alive.entry(input_level.unwrap_or(0)).or_default() += rot;
        for (lvl, n) in alive {
            let h = high.entry(lvl).or_default();
            *h = h.max(n);
        }
    }
    let data = (p.params.moduli_bits.len() - 1) as f64;
    let bytes_at = |lvl: u32| sizes(p).0 * (data - lvl as f64).max(1.0) / data;
    key_memory(p, p.galois_keys) + high.iter().map(|(&l, &n)| n * bytes_at(l)).sum::<f64>()
}

/// Baby-step rotations of one inference that `op` keeps alive at once: a linear op's chunks
/// as `he::eval::linear` makes them, from its planned rotations spread evenly over its
/// source nodes; any other op's all.
fn rotations_alive(op: &Op, rotations: u64) -> f64 {
    match op {
        Op::Linear(lin) => {
            let srcs: BTreeSet<usize> = lin.pairs.iter().map(|q| q.src).collect();
            let per_src = (rotations as usize).div_ceil(srcs.len().max(1));
            eval::rotations_alive(&lin.pairs, per_src) as f64
        }
        _ => rotations as f64,
    }
}

/// Latency of one case per pool size: measured whole, or extrapolated.
struct Outcome {
    model: String,
    variant: &'static str,
    depth: u32,
    ring_dim: usize,
    /// Pool size -> (server seconds per sample, measured end to end?).
    secs: BTreeMap<usize, (f64, bool)>,
}

fn latency(opts: &Options, cost: &mut Option<CostModel>) -> Result<()> {
    let wanted = |v: &str| opts.variants.iter().any(|w| w == v);
    let mut cases = Vec::new();
    for m in &opts.models {
        let shape = model_shape(m)?;
        let lin = KeptPattern::from_counts(&shape, &opts.linearized)?;
        if wanted("baseline") {
            cases.push(Case {
                model: m.clone(),
                variant: "baseline",
                kept: KeptPattern::all(&shape),
                shape: shape.clone(),
            });
        }
        if wanted("linearized") {
            cases.push(Case {
                model: m.clone(),
                variant: "linearized",
                kept: lin,
                shape,
            });
        }
    }
    println!(
        "\nencrypted inference latency per sample (random weights; structural gates; linearized keeps {:?} of 25 nodes per unit)",
        opts.linearized
    );
    println!(
        "a circuit estimated over {:.0} s or {:.1} GB is measured layer by layer on fewer joints and extrapolated",
        opts.budget_s, opts.max_mem_gb
    );
    let mut results = Vec::new();
    for case in &cases {
        let full = build(case, case.shape.joints, case.shape.bodies, opts.seed)?;
        let n = plan(&full, &PlanRequest::default(), None)?.params.ring_dim;
        let costs = ensure_cost(cost, n, opts)?;
        let p = plan(&full, &PlanRequest::default(), Some(costs))?;
        let est = p.latency_ms.unwrap_or(f64::NAN) / 1e3;
        let mem = memory_estimate(&full, &p) / 1e9;
        let nonlinear: usize = case.kept.counts().iter().sum::<usize>() / case.shape.joints;
        println!(
            "\n{} {} ({} nonlinear layers): T = {}, depth {}, N = {}, moduli {:?}; per sample {} rotations, {} ct x pt, {} squares, {} Galois keys; cost-model estimate {:.1} s, ~{:.1} GB",
            case.model,
            case.variant,
            nonlinear,
            case.shape.frames,
            p.depth.depth,
            p.params.ring_dim,
            p.params.moduli_bits,
            p.totals.rotations,
            p.totals.ct_pt_mul,
            p.totals.ct_ct_mul,
            p.galois_keys,
            est,
            mem
        );
        let secs = if est <= opts.budget_s && fits_memory(mem, opts) {
            measure(&full, &p, &opts.threads, opts.seed)?
                .into_iter()
                .map(|(t, s)| (t, (s, true)))
                .collect()
        } else {
            reduced(case, &p, costs, opts)?
        };
        results.push(Outcome {
            model: case.model.clone(),
            variant: case.variant,
            depth: p.depth.depth,
            ring_dim: p.params.ring_dim,
            secs,
        });
    }
    println!("\nsummary: server evaluation seconds per sample (M = measured end to end, E = extrapolated estimate)");
    for r in &results {
        let cols: Vec<String> = r
            .secs
            .iter()
            .map(|(t, (s, m))| format!("{t} thr {s:.1} s {}", if *m { "M" } else { "E" }))
            .collect();
        println!(
            "  {:<12} {:<10} depth {:>2} N = {:>5}: {}",
            r.model,
            r.variant,
            r.depth,
            r.ring_dim,
            cols.join(", ")
        );
    }
    for pair in results.chunks(2) {
        if let [b, l] = pair {
            if b.model != l.model {
                continue; // one variant per model: nothing to compare
            }
            let speed: Vec<String> = b
                .secs
                .iter()
                .filter_map(|(t, (sb, _))| {
                    let (sl, _) = l.secs.get(t)?;
                    Some(format!("{t} thr {:.2}x", sb / sl))
                })
                .collect();
            let threads: Vec<String> = [b, l]
                .iter()
                .filter_map(|r| {
                    let one = r.secs.get(&1)?.0;
                    let (&t, &(s, _)) = r.secs.iter().next_back()?;
                    (t > 1).then(|| format!("{} 1 -> {t} thr {:.2}x", r.variant, one / s))
                })
                .collect();
            println!(
                "  {}: linearized vs baseline {} ; depth {} -> {} ({:.2}x fewer levels), N {} -> {}; thread speed-up {}",
                b.model,
                speed.join(", "),
                b.depth,
                l.depth,
                b.depth as f64 / l.depth as f64,
                b.ring_dim,
                l.ring_dim,
                threads.join(", ")
            );
        }
    }
    Ok(())
}

/// The cost model, measuring ring dimension `n` quickly if part 1 did not.
fn ensure_cost<'a>(
    cost: &'a mut Option<CostModel>,
    n: usize,
    opts: &Options,
) -> Result<&'a CostModel> {
    let model = cost.get_or_insert_with(|| CostModel {
        source: "lingcn bench he (latency part)".into(),
        ..CostModel::default()
    });
    if let std::collections::btree_map::Entry::Vacant(slot) = model.per_ring_dim.entry(n) {
        eprintln!("measuring op costs at N = {n} for the estimates");
        let p = chain_for(n).context("ring dimension")?;
        slot.insert(bench_one::<Seal>(&p, opts.reps.clamp(3, 7))?.costs());
        model.primes.insert(n, p.data_primes());
    }
    Ok(model)
}

fn random_input(c: &Circuit, seed: u64) -> Result<Input> {
    let mut rng = Rng(seed ^ 0x5EED);
    let dims = [1, c.input.channels, c.input.frames, c.joints, c.bodies];
    Ok(Input::new(dims, rng.vec(dims.iter().product(), 1.0))?)
}

/// Keygen once, then per pool size: encrypt, evaluate, decrypt one random sample. Returns
/// the server evaluation seconds per pool size.
fn measure(c: &Circuit, p: &Plan, threads: &[usize], seed: u64) -> Result<Vec<(usize, f64)>> {
    let t = Instant::now();
    let client = Seal::keygen(&p.params, &p.rotation_steps)?;
    let server = Seal::server(&p.params, &client.eval_keys()?)?;
    let keygen = t.elapsed().as_secs_f64();
    let input = random_input(c, seed)?;
    let want = evaluate_plain(c, &input)?;
    println!(
        "  whole circuit, end to end: keygen + key hand-over {keygen:.1} s ({} Galois keys)",
        p.rotation_steps.len()
    );
    let mut out = Vec::new();
    for &th in threads {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(th).build()?;
        let (enc, eval, dec, err, level, layers) = pool.install(|| -> Result<_> {
            let t = Instant::now();
            let x = encrypt_clips(&client, c, &p.layout, &input, &[0])?;
            let enc = t.elapsed().as_secs_f64();
            let (cts, report) = evaluate(&server, c, p, x)?;
            let t = Instant::now();
            let logits = decrypt_logits(&client, &p.layout, c.num_class, &cts)?;
            let dec = t.elapsed().as_secs_f64();
            let err = logits[0]
                .iter()
                .zip(&want)
                .fold(0f64, |m, (a, b)| m.max((a - b).abs()));
            Ok((
                enc,
                report.total_ms / 1e3,
                dec,
                err,
                (report.output_level, report.planned_depth),
                report.layers,
            ))
        })?;
        for l in &layers {
            println!(
                "    {:<28} {:>9.2} s  level {}",
                format!("{} ({})", l.label, l.kind),
                l.ms / 1e3,
                l.level
            );
        }
        println!(
            "  {th} thread(s): evaluate {eval:.2} s (encrypt {enc:.2} s, decrypt {dec:.3} s, end to end {:.2} s); max |he - plain| {err:.1e}; levels {} (plan {}); load {}",
            enc + eval + dec,
            level.0,
            level.1,
            load_average()
        );
        let peak = crate::data::bench::peak_rss_kib().map_or(f64::NAN, |k| k as f64 * 1024.0 / 1e9);
        println!("  peak RSS of this process so far: {peak:.1} GB");
        out.push((th, eval));
    }
    Ok(out)
}

/// Picks the largest joint-reduced, one-body circuit within the time budget, measures it
/// layer by layer (each op with its own keys and exact-level inputs; an op whose keys exceed
/// the memory budget is estimated by the measured / estimated ratio of the others) and
/// extrapolates to the full circuit.
fn reduced(
    case: &Case,
    full: &Plan,
    costs: &CostModel,
    opts: &Options,
) -> Result<BTreeMap<usize, (f64, bool)>> {
    let mut pick = None;
    for j in (1..case.shape.joints).rev() {
        let c = build(case, j, 1, opts.seed)?;
        let p = plan(&c, &PlanRequest::default(), Some(costs))?;
        let est = p.latency_ms.unwrap_or(f64::INFINITY) / 1e3;
        if p.params.ring_dim != full.params.ring_dim || p.depth.depth != full.depth.depth {
            continue;
        }
        if est <= opts.budget_s || j == 1 {
            pick = Some((j, c, p, est));
            break;
        }
    }
    let Some((j, c, p, est)) = pick else {
        println!("  no reduced circuit has the same parameters: only the estimate above");
        return Ok(BTreeMap::new());
    };
    let (ct_bytes, key_bytes) = sizes(&p);
    println!(
        "  layer by layer on {j} joints, 1 body (same N, chain, depth and layout): cost-model estimate {est:.1} s; {:.0} MB per level-0 ciphertext, {:.0} MB per key-switching key",
        ct_bytes / 1e6,
        key_bytes / 1e6
    );
    let per_op = crate::fuse::packing::count(&c, &p.layout);
    let levels = value_levels(&c);
    let input = random_input(&c, opts.seed)?;
    let plain = crate::fuse::eval::body_values(&c, input.body(0, 0))?;
    println!(
        "  {:<28} {:>5} {:>5} {:>9} {}",
        "op",
        "level",
        "keys",
        "est s",
        opts.threads
            .iter()
            .map(|t| format!("{:>12}", format!("{t} thr s")))
            .collect::<String>()
    );
    let blocks = |ch: usize| (p.layout.blocks(ch) * c.joints) as f64;
    // (kind, level, estimated s, measured s per pool size) of the ops run; ops not run.
    let mut ran: Vec<(&'static str, u32, f64, Vec<f64>)> = Vec::new();
    let mut not_run: Vec<(&'static str, u32, f64)> = Vec::new();
    for (jx, op) in c.ops.iter().enumerate() {
        let op_est = p.layers[jx].latency_ms.unwrap_or(0.0) / 1e3;
        let steps: Vec<i64> = per_op[jx].steps.iter().copied().collect();
        let level = p.layers[jx].depth;
        let label = format!(
            "{:<28} {:>5} {:>5} {op_est:>9.2}",
            op.label(),
            level,
            steps.len()
        );
        let working: f64 = op
            .inputs()
            .iter()
            .map(|&id| c.value_shape(id).map_or(0.0, |s| blocks(s.channels)))
            .sum::<f64>()
            + op.out_shape().map_or(1.0, |s| blocks(s.channels))
            + p.layers[jx].counts.rotations as f64;
        let need = (key_memory(&p, steps.len()) + working * ct_bytes) / 1e9;
        if !fits_memory(need, opts) {
            println!(
                "  {label}  not run: needs ~{need:.1} GB (budget {:.1} GB, {:.1} GB available - {RESERVE_GB} GB reserve)",
                opts.max_mem_gb,
                mem_available_gb()
            );
            not_run.push((op.kind(), level, op_est));
            continue;
        }
        let client = Seal::keygen(&p.params, &steps)?;
        let server = Seal::server(&p.params, &client.eval_keys()?)?;
        let scales = crate::he::backend::canonical_scales(&server);
        let mut cols = String::new();
        let mut times = Vec::new();
        for &th in &opts.threads {
            let mut values = vec![None; jx + 1];
            for id in op.inputs() {
                values[id] = Some(crate::he::eval::encrypt_value(
                    &client,
                    &c,
                    &p.layout,
                    id,
                    std::slice::from_ref(&plain[id]),
                    &levels[id],
                    &scales,
                )?);
            }
            let pool = rayon::ThreadPoolBuilder::new().num_threads(th).build()?;
            let t = Instant::now();
            let (_, lvl) =
                pool.install(|| crate::he::eval::evaluate_op(&server, &c, &p, jx, &values))?;
            let secs = t.elapsed().as_secs_f64();
            if lvl != level {
                bail!("{}: level {lvl}, plan {level}", op.label());
            }
            times.push(secs);
            cols.push_str(&format!("{secs:>12.2}"));
        }
        ran.push((op.kind(), level, op_est, times));
        println!("  {label}{cols}");
    }
    let full_est = full.latency_ms.unwrap_or(f64::NAN) / 1e3;
    let est_ran: f64 = ran.iter().map(|r| r.2).sum();
    let mut out = BTreeMap::new();
    for (ti, &th) in opts.threads.iter().enumerate() {
        let secs: f64 = ran.iter().map(|r| r.3[ti]).sum();
        // An op not run gets the measured / estimated ratio of the measured ops of its kind
        // at the nearest levels (costs fall with the level: fewer primes), interpolated.
        let mut filled = 0.0;
        for &(kind, level, e) in &not_run {
            let same: Vec<(f64, f64)> = ran
                .iter()
                .filter(|r| r.0 == kind && r.2 > 0.0)
                .map(|r| (r.1 as f64, r.3[ti] / r.2))
                .collect();
            let ratio = interpolate(&same, level as f64).unwrap_or(secs / est_ran);
            filled += ratio * e;
        }
        let reduced_total = secs + filled;
        let extrapolated = full_est * reduced_total / est;
        println!(
            "  {th} thread(s): measured {secs:.1} s for ops estimated at {est_ran:.1} s (ratio {:.2}){}; full circuit: {extrapolated:.0} s = {:.2} h per sample (ESTIMATE: cost model x measured ratio)",
            secs / est_ran,
            if not_run.is_empty() {
                String::new()
            } else {
                format!(", + {filled:.1} s for the ops not run (same-kind ratios interpolated by level)")
            },
            extrapolated / 3600.0
        );
        out.insert(th, (extrapolated, false));
    }
    println!("  load {}", load_average());
    Ok(out)
}

/// Piecewise-linear interpolation of `(x, y)` points at `x` (clamped at the ends).
fn interpolate(points: &[(f64, f64)], x: f64) -> Option<f64> {
    let mut pts = points.to_vec();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let first = *pts.first()?;
    let last = *pts.last()?;
    if x <= first.0 {
        return Some(first.1);
    }
    if x >= last.0 {
        return Some(last.1);
    }
    pts.windows(2)
        .find(|w| w[0].0 <= x && x <= w[1].0)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            if b.0 == a.0 {
                a.1
            } else {
                a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memory estimate decides whether a circuit runs whole, so it must not be under the
    /// peaks that whole runs measured on the 2-core machine (docs/he.md): 16.7 GB for
    /// STGCN-3-256 at T = 256 and 4.7 GB for the small model, both linearized.
    #[test]
    fn memory_estimate_covers_the_measured_peaks_without_doubling_them() {
        for (model, measured_gb) in [("stgcn-3-256", 16.7), ("small", 4.7)] {
            let shape = model_shape(model).unwrap();
            let case = Case {
                model: model.into(),
                variant: "linearized",
                kept: KeptPattern::from_counts(&shape, &[25, 25, 25, 25, 0, 0]).unwrap(),
                shape: shape.clone(),
            };
            let c = build(&case, shape.joints, shape.bodies, 1).unwrap();
            let p = plan(&c, &PlanRequest::default(), None).unwrap();
            let est = memory_estimate(&c, &p) / 1e9;
            assert!(
                (measured_gb..2.0 * measured_gb).contains(&est),
                "{model}: estimated {est:.1} GB, measured {measured_gb} GB"
            );
        }
    }
}
