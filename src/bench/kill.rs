//! `lingcn bench kill`: `kill -9` of `lingcn run` at seeded random moments
//! of a real pipeline (prepare, train, polyreplace, fuse, he-eval; the
//! libtorch and HE kinds in `lingcn-worker` processes), and what is left:
//!
//! - every record's blobs are present, of the recorded size and hash to
//!   their names (checked here through the store, then by `lingcn verify`);
//! - no process of the run is alive (the stage workers must die with it);
//! - the next plain `lingcn run` completes, and every stage's outputs equal
//!   those of an uninterrupted run.
//!
//! Each kill starts from an empty project: the run is started, and once the
//! log says the target stage is running, the bench waits a random fraction
//! of that stage's duration in the uninterrupted run and sends SIGKILL to
//! the run's process group (the runner; stage workers are in groups of
//! their own and must die through `PR_SET_PDEATHSIG`). Targets go round the
//! stages, so the moments spread over all of them.

use crate::store::{hash_file_single, Output, Store};
use anyhow::{bail, ensure, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The pipeline: 4 classes of synthetic clips, a 4/8/8-channel STGCN,
/// its polynomial replacement, fused and evaluated on the slot simulator
/// (SEAL takes minutes per inference even at this size).
pub const PIPELINE: &str = r#"[pipeline]
name = "bench-kill"

[stages.prepare]
kind = "prepare"
[stages.prepare.params]
window_start = 0
window_len = 16
max_frame = 24
synthetic = { classes = 4, subjects = 2, min_frames = 12, max_frames = 24, seed = 5 }

[stages.baseline]
kind = "train"
inputs = { data = "prepare.data" }
[stages.baseline.params.model]
num_class = 4
blocks = [{ out = 4, stride = 1, residual = false }, { out = 8, stride = 2, residual = true }, { out = 8, stride = 1, residual = true }]
[stages.baseline.params.train]
epochs = 8
batch_size = 8
lr = 0.05
lr_steps = [4]
threads = 1

[stages.poly]
kind = "polyreplace"
inputs = { data = "prepare.data", student = "baseline.checkpoint", teacher = "baseline.checkpoint" }
params = { epochs = 4, batch_size = 8, threads = 1 }

[stages.fuse]
kind = "fuse"
inputs = { checkpoint = "poly.checkpoint", data = "prepare.data" }
params = { check_samples = 2, precision = { scale_bits_min = 33 } }

[stages.he]
kind = "he-eval"
inputs = { fused = "fuse", data = "prepare.data" }
params = { samples = 8, backend = "sim" }
"#;

/// The pipeline's stages, in the order they run.
pub const STAGES: [&str; 5] = ["prepare", "baseline", "poly", "fuse", "he"];

/// The order kill targets go round: the worker stages first, so that a
/// short run (the CI test's) hits them.
const TARGETS: [&str; 5] = ["baseline", "poly", "fuse", "he", "prepare"];

pub struct Options {
    pub kills: usize,
    pub seed: u64,
    /// How long the run's processes may take to die after the kill.
    pub grace: Duration,
    /// Keep the projects here (for inspection) instead of a temporary directory.
    pub keep: Option<PathBuf>,
    /// The `lingcn-worker` the runs' stages use (the caller resolves it).
    pub worker: PathBuf,
}

/// Runs the benchmark and prints the figure; `Ok(false)` if a check failed.
pub fn run(opts: &Options) -> Result<bool> {
    ensure!(opts.kills > 0, "--kills must be at least 1");
    let exe = std::env::current_exe().context("locating the lingcn binary")?;
    let worker = &opts.worker;
    ensure!(
        worker.is_file(),
        "{} not found: the pipeline's train, polyreplace, fuse and he-eval stages run in it. \
         `cargo build --release` builds it next to lingcn; or set LINGCN_WORKER to its path",
        worker.display()
    );
    // Orphans of the killed run (if any survive) become our children, so
    // that none can hide by being re-parented to init.
    // SAFETY: prctl with integer arguments only.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };

    let tmp;
    let base = match &opts.keep {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            dir.clone()
        }
        None => {
            tmp = tempfile::tempdir().context("creating a temporary directory")?;
            tmp.path().to_path_buf()
        }
    };
    println!(
        "kill -9 of `lingcn run` at {} seeded moments (seed {}): stages {} (train, polyreplace, fuse, \
         he-eval on the slot simulator), the last four in {}",
        opts.kills,
        opts.seed,
        STAGES.join(" -> "),
        worker.display()
    );

    let reference_dir = project(&base, "reference")?;
    let reference = watched_run(&exe, &reference_dir, None)?;
    ensure!(
        reference.status.success(),
        "the uninterrupted run failed:\n{}",
        reference.log()
    );
    let windows = reference.windows()?;
    let expected = outputs(&reference_dir)?;
    println!(
        "uninterrupted run: {:.2} s; {}",
        reference.ended.as_secs_f64(),
        STAGES
            .iter()
            .map(|s| format!("{s} {:.2} s", windows[*s].1.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // A run that completes must leave no process either.
    let mut totals = Totals::default();
    let after = leftovers(&reference_dir, opts.grace)?;
    totals.leftover += after.left.len();
    for p in &after.left {
        println!("     left alive by the uninterrupted run: {p}");
    }

    println!(
        "\n{:>3}  {:<8} {:>8} {:>9}  {:<15} {:>5} {:>7} {:>5} {:>3} {:>8} {:>5}  {:<14} outputs",
        "#",
        "target",
        "offset",
        "killed at",
        "running",
        "procs",
        "records",
        "blobs",
        "bad",
        "verify",
        "left",
        "resumed"
    );
    let mut rng = SplitMix(opts.seed);
    for i in 0..opts.kills {
        let target = TARGETS[i % TARGETS.len()];
        let span = windows[target].1;
        let fraction = rng.unit();
        let dir = project(&base, &format!("kill-{i:02}"))?;
        // A run faster than the reference may end before the moment: try
        // again at half the offset (at most 4 times).
        let mut offset = span.mul_f64(fraction);
        let mut attempt = 0;
        let killed = loop {
            let outcome = watched_run(&exe, &dir, Some((target, offset)))?;
            if outcome.killed_at.is_some() || attempt == 4 {
                break outcome;
            }
            attempt += 1;
            offset /= 2;
            std::fs::remove_dir_all(&dir)?;
            project(&base, &format!("kill-{i:02}"))?;
        };
        let Some(at) = killed.killed_at else {
            bail!(
                "kill {i}: the run ended before the moment {} s into {target} (5 tries)",
                offset.as_secs_f64()
            );
        };
        let running = killed.running_at_kill.clone();
        totals.kills += 1;
        totals.alive_at_kill += killed.alive_at_kill;
        totals.workers_at_kill += usize::from(killed.alive_at_kill > 1);
        *totals.moments.entry(running.clone()).or_default() += 1;

        let procs = leftovers(&dir, opts.grace)?;
        totals.leftover += procs.left.len();
        totals.slowest_exit = totals.slowest_exit.max(procs.took);
        for p in &procs.left {
            println!("     left alive: {p}");
        }

        let check = check_records(&dir)?;
        totals.records += check.records;
        totals.blobs += check.blobs;
        totals.bad += check.bad.len();
        for b in &check.bad {
            println!("     bad: {b}");
        }

        let verify = lingcn(&exe, &dir, &["verify"])?;
        let verified = verify.status.success();
        totals.verify_ok += usize::from(verified);
        if !verified {
            println!("     lingcn verify: {}", verify.text().trim());
        }

        let resumed = lingcn(&exe, &dir, &["run"])?;
        let complete = resumed.status.success();
        let after = leftovers(&dir, opts.grace)?;
        totals.leftover += after.left.len();
        for p in &after.left {
            println!("     left alive by the resumed run: {p}");
        }
        totals.resumed_ok += usize::from(complete);
        let summary = resumed
            .text()
            .lines()
            .find(|l| l.contains(" ran, "))
            .map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                format!("{} ran {} cached", w[0], w.get(2).unwrap_or(&"?"))
            })
            .unwrap_or_else(|| "no summary".into());
        let comparison = if complete {
            compare(&expected, &outputs(&dir)?)?
        } else {
            println!("     lingcn run: {}", resumed.text().trim());
            Comparison::default()
        };
        let equal = complete && comparison.different.is_empty();
        totals.equal += usize::from(equal);
        totals.identical += comparison.identical;
        totals.timing_only += comparison.timing_only;
        for d in &comparison.different {
            println!("     differs: {d}");
        }
        println!(
            "{:>3}  {:<8} {:>7.3}s {:>8.3}s  {:<15} {:>5} {:>7} {:>5} {:>3} {:>8} {:>5}  {:<14} {}",
            i + 1,
            target,
            offset.as_secs_f64(),
            at.as_secs_f64(),
            running,
            killed.alive_at_kill,
            check.records,
            check.blobs,
            check.bad.len(),
            if verified { "intact" } else { "BAD" },
            procs.left.len() + after.left.len(),
            if complete { summary } else { "FAILED".into() },
            if equal { "equal" } else { "DIFFERENT" }
        );
        if opts.keep.is_none() {
            std::fs::remove_dir_all(&dir)?;
        }
    }

    let t = &totals;
    let moments: Vec<String> = STAGES
        .iter()
        .map(|s| s.to_string())
        .chain(["between stages".to_string()])
        .map(|s| format!("{s} {}", t.moments.get(&s).copied().unwrap_or(0)))
        .collect();
    let passed = t.bad == 0
        && t.verify_ok == t.kills
        && t.leftover == 0
        && t.resumed_ok == t.kills
        && t.equal == t.kills;
    println!(
        "\nkills: {} ({} with a stage worker alive at the kill; {} processes of the runs alive at the kills)",
        t.kills, t.workers_at_kill, t.alive_at_kill
    );
    println!("moments per stage: {}", moments.join(", "));
    println!(
        "records checked: {} ({} blobs re-hashed); bad records: {}; lingcn verify intact: {}/{}",
        t.records, t.blobs, t.bad, t.verify_ok, t.kills
    );
    println!(
        "leftover processes: {} (after the kills and after the completed runs; slowest to exit \
         after a kill: {:.0} ms)",
        t.leftover,
        t.slowest_exit.as_secs_f64() * 1e3
    );
    println!(
        "resumed runs complete: {}/{}; outputs equal the uninterrupted run's: {}/{} \
         ({} outputs byte-identical, {} equal once measured times (`ms`, `*_ms`) are removed)",
        t.resumed_ok, t.kills, t.equal, t.kills, t.identical, t.timing_only
    );
    println!(
        "resumed runs equal: {}",
        if t.equal == t.kills && t.resumed_ok == t.kills {
            "yes"
        } else {
            "no"
        }
    );
    println!("all checks: {}", if passed { "passed" } else { "FAILED" });
    Ok(passed)
}

#[derive(Default)]
struct Totals {
    kills: usize,
    /// Processes of the runs alive at the kills, and kills with a worker alive.
    alive_at_kill: usize,
    workers_at_kill: usize,
    moments: BTreeMap<String, usize>,
    records: usize,
    blobs: usize,
    bad: usize,
    verify_ok: usize,
    leftover: usize,
    slowest_exit: Duration,
    resumed_ok: usize,
    equal: usize,
    identical: usize,
    timing_only: usize,
}

/// A new project directory `base/name` with the pipeline.
fn project(base: &Path, name: &str) -> Result<PathBuf> {
    let dir = base.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("emptying {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("pipeline.toml"), PIPELINE)?;
    Ok(dir)
}

fn command(exe: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("LINGCN_LOG")
        .stdin(Stdio::null());
    cmd
}

struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Finished {
    fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

fn lingcn(exe: &Path, dir: &Path, args: &[&str]) -> Result<Finished> {
    let out = command(exe, dir, args)
        .output()
        .with_context(|| format!("starting {} {args:?}", exe.display()))?;
    Ok(Finished {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// A `lingcn run` watched through its log lines.
struct Watched {
    status: ExitStatus,
    /// Log lines with their time since the start.
    lines: Vec<(Duration, String)>,
    /// When the run exited (or was killed).
    ended: Duration,
    killed_at: Option<Duration>,
    /// The stage the log showed running at the kill, or "between stages".
    running_at_kill: String,
    /// Processes of the run alive just before the kill (runner and workers).
    alive_at_kill: usize,
}

impl Watched {
    fn log(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|(_, l)| l.as_str()).collect();
        lines.join("\n")
    }

    /// Stage -> (start, duration) from the `running` and `done` lines.
    fn windows(&self) -> Result<BTreeMap<&'static str, (Duration, Duration)>> {
        let mut windows = BTreeMap::new();
        for stage in STAGES {
            let find = |prefix: String| {
                self.lines
                    .iter()
                    .find(|(_, l)| l.contains(&prefix))
                    .map(|(t, _)| *t)
            };
            let (Some(start), Some(end)) = (
                find(format!("running {stage} (")),
                find(format!("done    {stage} in")),
            ) else {
                bail!("the run's log lacks stage {stage}:\n{}", self.log());
            };
            windows.insert(stage, (start, end.saturating_sub(start)));
        }
        Ok(windows)
    }
}

/// Starts `lingcn run` in `dir` as the leader of its own process group; with
/// `kill = (stage, offset)`, sends SIGKILL to the group `offset` after the
/// log says `stage` is running (unless the run ended first).
fn watched_run(exe: &Path, dir: &Path, kill: Option<(&str, Duration)>) -> Result<Watched> {
    let started = Instant::now();
    let mut child: Child = command(exe, dir, &["run"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .with_context(|| format!("starting {} run", exe.display()))?;
    let pgid = child.id() as i32;
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = mpsc::channel::<(Duration, String)>();
    // Not joined: were a process of the run to survive holding the pipe,
    // the benchmark must go on to find it.
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send((started.elapsed(), line)).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let mut deadline: Option<Instant> = None;
    let mut killed_at = None;
    let mut running_at_kill = String::new();
    let mut alive_at_kill = 0;
    let status = loop {
        while let Ok(line) = rx.try_recv() {
            if let Some((stage, offset)) = kill {
                if deadline.is_none() && line.1.contains(&format!("running {stage} (")) {
                    deadline = Some(started + line.0 + offset);
                }
            }
            lines.push(line);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if killed_at.is_none() && deadline.is_some_and(|d| Instant::now() >= d) {
            alive_at_kill = run_processes(dir, false).len();
            // SAFETY: signals the process group this function started.
            unsafe { libc::killpg(pgid, libc::SIGKILL) };
            killed_at = Some(started.elapsed());
            continue;
        }
        let wait = deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
            .unwrap_or(Duration::from_millis(5))
            .min(Duration::from_millis(5));
        std::thread::sleep(wait);
    };
    let ended = started.elapsed();
    // The rest of the log: every line in the pipe was written before the
    // runner exited (or was killed).
    while let Ok(line) = rx.recv_timeout(Duration::from_millis(500)) {
        lines.push(line);
    }
    if killed_at.is_some() {
        running_at_kill = running(&lines);
    }
    Ok(Watched {
        status,
        lines,
        ended,
        killed_at,
        running_at_kill,
        alive_at_kill,
    })
}

/// The stage the log shows started and not done, or "between stages".
fn running(lines: &[(Duration, String)]) -> String {
    let mut open = BTreeSet::new();
    for (_, l) in lines {
        for stage in STAGES {
            if l.contains(&format!("running {stage} (")) {
                open.insert(stage);
            } else if l.contains(&format!("done    {stage} in")) {
                open.remove(stage);
            }
        }
    }
    match open.len() {
        0 => "between stages".into(),
        _ => open.into_iter().collect::<Vec<_>>().join("+"),
    }
}

struct Leftovers {
    left: Vec<String>,
    /// How long until the last process of the run was gone.
    took: Duration,
}

/// Waits up to `grace` for every process of the run in `dir` to exit, then
/// kills and lists those still alive. A process of the run is a descendant
/// of this one (orphans are re-parented here, see PR_SET_CHILD_SUBREAPER)
/// or one whose command line or working directory names `dir`.
fn leftovers(dir: &Path, grace: Duration) -> Result<Leftovers> {
    let started = Instant::now();
    loop {
        let alive = run_processes(dir, true);
        if alive.is_empty() {
            return Ok(Leftovers {
                left: Vec::new(),
                took: started.elapsed(),
            });
        }
        if started.elapsed() >= grace {
            let left = alive
                .iter()
                .map(|(pid, cmd)| format!("pid {pid}: {cmd}"))
                .collect();
            for (pid, _) in &alive {
                // SAFETY: kills a process of the run that outlived it.
                unsafe { libc::kill(*pid, libc::SIGKILL) };
            }
            std::thread::sleep(Duration::from_millis(50));
            run_processes(dir, true);
            return Ok(Leftovers {
                left,
                took: started.elapsed(),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Live (not zombie) processes of the run; with `reap`, reaps zombie
/// orphans on the way (not while the runner, our child, may be one).
fn run_processes(dir: &Path, reap: bool) -> Vec<(i32, String)> {
    let me = std::process::id() as i32;
    let dir_text = dir.display().to_string();
    let mut alive = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return alive;
    };
    for e in entries.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let state = fields.next().unwrap_or("");
        let ppid: i32 = fields.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline"))
            .map(|c| {
                String::from_utf8_lossy(&c)
                    .replace('\0', " ")
                    .trim()
                    .to_string()
            })
            .unwrap_or_default();
        let cwd = std::fs::read_link(format!("/proc/{pid}/cwd")).unwrap_or_default();
        let ours = ppid == me || cmdline.contains(&dir_text) || cwd.starts_with(dir);
        if !ours {
            continue;
        }
        if state == "Z" || state == "X" {
            if reap && ppid == me {
                // SAFETY: reaps a zombie child of this process.
                unsafe { libc::waitpid(pid, std::ptr::null_mut(), libc::WNOHANG) };
            }
            continue;
        }
        alive.push((pid, cmdline));
    }
    alive
}

struct RecordCheck {
    records: usize,
    blobs: usize,
    bad: Vec<String>,
}

/// Every record's blobs present, of the recorded size, hashing to their
/// name (re-read, no stamp trusted); every successful head has its record.
fn check_records(dir: &Path) -> Result<RecordCheck> {
    let store = Store::new(dir);
    let mut check = RecordCheck {
        records: 0,
        blobs: 0,
        bad: Vec::new(),
    };
    if !store.db_exists() {
        return Ok(check);
    }
    let db = store.open_db()?;
    for record in db.all_records()? {
        check.records += 1;
        for (blob, size) in record.outputs.values().flat_map(Output::blobs) {
            check.blobs += 1;
            let path = store.blobs.path(&blob);
            let problem = match std::fs::metadata(&path) {
                Err(e) => Some(format!("missing ({e})")),
                Ok(m) if m.len() != size => Some(format!("{} bytes, recorded {size}", m.len())),
                Ok(_) => match hash_file_single(&path) {
                    Ok(actual) if actual == blob => None,
                    Ok(actual) => Some(format!("content hashes to {actual}")),
                    Err(e) => Some(format!("unreadable ({e})")),
                },
            };
            if let Some(p) = problem {
                check
                    .bad
                    .push(format!("record of {} -> blob {blob}: {p}", record.stage));
            }
        }
    }
    for (stage, head) in db.heads()? {
        if head.succeeded && db.record(&head.key)?.is_none() {
            check
                .bad
                .push(format!("head of {stage} -> record {} absent", head.key));
        }
    }
    Ok(check)
}

/// Stage -> output name -> file (within the output) -> blob path and digest.
type Outputs = BTreeMap<String, BTreeMap<String, (String, PathBuf)>>;

/// Every stage's current outputs, file by file.
fn outputs(dir: &Path) -> Result<Outputs> {
    let store = Store::new(dir);
    let db = store.open_db()?;
    let mut all = BTreeMap::new();
    for stage in STAGES {
        let record = db
            .head_record(stage)?
            .with_context(|| format!("{}: no record of {stage}", dir.display()))?;
        let mut files = BTreeMap::new();
        for (name, output) in &record.outputs {
            let entries: Vec<(String, crate::store::BlobDigest)> = match output {
                Output::File { blob, .. } => vec![(name.clone(), *blob)],
                Output::Dir { files } => files
                    .iter()
                    .map(|(f, e)| (format!("{name}/{f}"), e.blob))
                    .collect(),
            };
            for (file, blob) in entries {
                files.insert(file, (blob.hex(), store.blobs.path(&blob)));
            }
        }
        all.insert(stage.to_string(), files);
    }
    Ok(all)
}

#[derive(Default)]
struct Comparison {
    identical: usize,
    /// JSON files equal once measured times are removed.
    timing_only: usize,
    different: Vec<String>,
}

/// Output files of `got` against `want`: the same blob, or (JSON) the same
/// document but for measured times.
fn compare(want: &Outputs, got: &Outputs) -> Result<Comparison> {
    let mut c = Comparison::default();
    for (stage, files) in want {
        let theirs = got.get(stage);
        for (file, (digest, path)) in files {
            let Some((d, p)) = theirs.and_then(|t| t.get(file)) else {
                c.different.push(format!("{stage}: {file} missing"));
                continue;
            };
            if d == digest {
                c.identical += 1;
            } else if file.ends_with(".json") && without_times(path)? == without_times(p)? {
                c.timing_only += 1;
            } else {
                c.different
                    .push(format!("{stage}: {file} is {d}, uninterrupted {digest}"));
            }
        }
        if let Some(t) = theirs {
            for extra in t.keys().filter(|f| !files.contains_key(*f)) {
                c.different.push(format!("{stage}: extra output {extra}"));
            }
        }
    }
    Ok(c)
}

/// A JSON file with every `ms` and `*_ms` member removed (measured times).
fn without_times(path: &Path) -> Result<serde_json::Value> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| k != "ms" && !k.ends_with("_ms"));
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let text = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut v: serde_json::Value =
        serde_json::from_slice(&text).with_context(|| format!("parsing {}", path.display()))?;
    strip(&mut v);
    Ok(v)
}

/// splitmix64: a seeded generator (the moments must be repeatable).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
