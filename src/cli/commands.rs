//! One function per subcommand: load what it needs, call the engine or the
//! store, print.

use super::progress::TermReporter;
use super::{
    exit, pipeline_and_stages, BenchWhich, Command, DagArgs, ExportArgs, GcArgs, ProjectArgs,
    RunArgs, ShowArgs, StageArgs, StatusArgs, WorkerArgs,
};
use crate::engine::{self, Project, Registry, RunOptions, StageStatus, State};
use crate::store::{BlobDigest, BlobState, Db, KeyMaterial, Output, StageRecord, Store};
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub fn execute(command: Command, quiet: bool) -> Result<i32> {
    match command {
        Command::Run(args) => run(args, quiet),
        Command::Status(args) => status(args),
        Command::Dag(args) => dag(args),
        Command::Show(args) => show(args),
        Command::Log(args) => log(args),
        Command::Export(args) => export(args),
        Command::Gc(args) => gc(args),
        Command::Verify(args) => verify(args),
        Command::Kinds => kinds(),
        Command::Report(args) => super::report::report(args),
        Command::Cancel(args) => cancel(args),
        Command::Worker(args) => worker(args),
        Command::Bench(args) => match args.which {
            BenchWhich::He {
                rows: Some(pipeline),
                ..
            } => super::report::estimates(&pipeline),
            BenchWhich::Runner {
                sizes,
                hash_mib,
                compare,
                runs,
            } => crate::bench::runner(&sizes, hash_mib, compare == "auto", runs).map(|()| 0),
            BenchWhich::Parse { mb } => crate::bench::parse(mb).map(|()| 0),
            BenchWhich::Kill {
                kills,
                seed,
                grace_ms,
                keep,
            } => crate::bench::kill::run(&crate::bench::kill::Options {
                kills,
                seed,
                grace: std::time::Duration::from_millis(grace_ms),
                keep,
                worker: worker_path(),
            })
            .map(|passed| if passed { 0 } else { 1 }),
            // The light executable leaves the libtorch and SEAL benchmarks to the worker.
            #[cfg(not(feature = "ml"))]
            BenchWhich::Train { .. }
            | BenchWhich::Linearize { .. }
            | BenchWhich::TrainStep { .. }
            | BenchWhich::He { .. } => exec_worker(),
            #[cfg(all(feature = "ml", not(feature = "seal")))]
            BenchWhich::He { .. } => bail!("bench he measures SEAL: build with the `seal` feature"),
            #[cfg(feature = "seal")]
            BenchWhich::He {
                ring_dims,
                reps,
                rounds,
                cxx,
                no_cpp,
                ops_only,
                latency_only,
                models,
                threads,
                budget_s,
                max_mem_gb,
                linearized,
                variants,
                seed,
                rows: _,
            } => crate::bench::he::run(&crate::bench::he::Options {
                ring_dims,
                reps,
                rounds,
                cxx: (!no_cpp).then_some(cxx),
                ops: !latency_only,
                latency: !ops_only,
                models,
                threads,
                budget_s,
                max_mem_gb,
                linearized,
                variants,
                seed,
            })
            .map(|()| 0),
            #[cfg(feature = "ml")]
            BenchWhich::Train {
                batch,
                threads,
                steps,
                no_python,
            } => crate::bench::train::compare(batch, threads, steps, !no_python).map(|()| 0),
            #[cfg(feature = "ml")]
            BenchWhich::Linearize {
                threads,
                rounds,
                paper_steps,
                paper_batch,
            } => crate::bench::linearize::run(&crate::bench::linearize::Options {
                threads,
                rounds,
                paper_steps,
                paper_batch,
            })
            .map(|()| 0),
            #[cfg(feature = "ml")]
            BenchWhich::TrainStep {
                preset,
                frames,
                batch,
                threads,
                steps,
            } => crate::bench::train::step(&preset, frames, batch, threads, steps).map(|()| 0),
        },
    }
}

/// The executable that runs the kinds this one knows only the configuration
/// of: `$LINGCN_WORKER`, else `lingcn-worker` next to this executable.
pub fn worker_path() -> PathBuf {
    if let Some(path) = std::env::var_os("LINGCN_WORKER") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("lingcn"));
    exe.with_file_name(WORKER_EXE)
}

const WORKER_EXE: &str = "lingcn-worker";

/// How to get a missing worker executable.
fn missing_worker(path: &Path, kinds: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{} not found: it runs the stages of kind {kinds} (libtorch, SEAL). \
         `cargo build --release` builds it next to lingcn; or set LINGCN_WORKER to its path",
        path.display()
    )
}

/// Fails before anything runs if a selected stage needs the worker executable
/// and it is missing.
fn check_worker(project: &Project, selected: &BTreeSet<usize>, worker: &Path) -> Result<()> {
    let kinds: BTreeSet<&str> = selected
        .iter()
        .map(|&i| &project.stages[i])
        .filter(|s| !s.runs_here())
        .map(|s| s.kind)
        .collect();
    if kinds.is_empty() || worker.is_file() {
        return Ok(());
    }
    let kinds: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
    Err(missing_worker(worker, &kinds.join(", ")))
}

/// Replaces this process with the worker executable, same arguments (for the
/// commands that need libtorch or SEAL).
#[cfg(not(feature = "ml"))]
fn exec_worker() -> Result<i32> {
    use std::os::unix::process::CommandExt;
    let worker = worker_path();
    if !worker.is_file() {
        return Err(missing_worker(&worker, "bench train/linearize/he"));
    }
    let err = std::process::Command::new(&worker)
        .args(std::env::args_os().skip(1))
        .exec();
    Err(anyhow::Error::new(err).context(format!("cannot start {}", worker.display())))
}

pub fn registry() -> Registry {
    let mut registry = Registry::default();
    crate::stages::register_builtin(&mut registry);
    registry
}

pub(super) fn load(file: &Path) -> Result<Project> {
    load_with(file, &[])
}

/// Loads the project with `-S` overrides applied.
fn load_with(file: &Path, overrides: &[crate::spec::Override]) -> Result<Project> {
    if !file.exists() {
        bail!(
            "{} not found (pass the pipeline file, e.g. `lingcn run path/to/pipeline.toml`)",
            file.display()
        );
    }
    Ok(Project::load_with(file, &registry(), overrides)?)
}

fn run(args: RunArgs, quiet: bool) -> Result<i32> {
    let (file, targets) = pipeline_and_stages(&args.args);
    let project = load_with(&file, &args.set.set)?;
    let opts = RunOptions {
        targets,
        force: args.force,
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        keep_going: args.keep_going,
        worker_exe: std::env::current_exe().ok(),
        external_worker: Some(worker_path()),
    };
    if args.dry_run {
        return dry_run(&project, &opts);
    }
    let selected = project.dag.select(&project.pipeline, &opts.targets)?;
    check_worker(
        &project,
        &selected,
        opts.external_worker.as_deref().expect("set above"),
    )?;
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(exit::INTERRUPTED);
        }
        eprintln!("\nstopping: waiting for running stages to end (Ctrl-C again to quit at once)");
    })
    .context("cannot install the Ctrl-C handler")?;
    let reporter = TermReporter::new(quiet);
    let started = std::time::Instant::now();
    let summary = engine::run(&project, &opts, &reporter, cancel)?;
    reporter.finish();
    if !quiet {
        eprintln!(
            "{} ran, {} cached, {} failed, {} skipped in {:.1} s",
            summary.ran.len(),
            summary.cached.len(),
            summary.failed.len(),
            summary.skipped.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if summary.cancelled {
        exit::INTERRUPTED
    } else if summary.failed.is_empty() {
        0
    } else {
        exit::STAGE_FAILED
    })
}

fn dry_run(project: &Project, opts: &RunOptions) -> Result<i32> {
    let selected = project.dag.select(&project.pipeline, &opts.targets)?;
    let forced = forced(project, &opts.force)?;
    let db = project.store.open_db()?;
    let statuses = engine::status::status_forced(project, &db, &selected, &forced)?;
    let mut would = 0;
    for s in &statuses {
        if s.state == State::UpToDate {
            println!("cached      {}", s.stage);
        } else {
            would += 1;
            println!("would run   {}", s.stage);
            for r in &s.reasons {
                println!("              {r}");
            }
        }
        print_overrides(s, 12);
    }
    println!("{would} of {} stages would run", statuses.len());
    Ok(0)
}

fn forced(project: &Project, names: &[String]) -> Result<BTreeSet<usize>> {
    let mut out = BTreeSet::new();
    for name in names {
        project
            .dag
            .select(&project.pipeline, std::slice::from_ref(name))?;
        out.extend((0..project.pipeline.stages.len()).filter(|&i| {
            let s = &project.pipeline.stages[i];
            s.name == *name || s.base == *name
        }));
    }
    Ok(out)
}

fn status(args: StatusArgs) -> Result<i32> {
    let (file, targets) = pipeline_and_stages(&args.args);
    let project = load_with(&file, &args.set.set)?;
    let selected = project.dag.select(&project.pipeline, &targets)?;
    let statuses = {
        let db = project.store.open_db()?;
        engine::status(&project, &db, &selected)?
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&statuses)?);
    } else {
        print_status(&project, &statuses);
    }
    Ok(0)
}

fn print_status(project: &Project, statuses: &[StageStatus]) {
    println!(
        "pipeline {} ({})",
        project.pipeline.name,
        project.pipeline.file.display()
    );
    let width = statuses.iter().map(|s| s.stage.len()).max().unwrap_or(0);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in statuses {
        match &s.running {
            Some(r) => println!("  {:width$}  {} ({r})", s.stage, s.state.label()),
            None => println!("  {:width$}  {}", s.stage, s.state.label()),
        }
        for r in &s.reasons {
            println!("  {:width$}    {r}", "");
        }
        print_overrides(s, width + 4);
        *counts.entry(s.state.label()).or_default() += 1;
    }
    let summary: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!("{} stages: {}", statuses.len(), summary.join(", "));
}

/// The `-S` arguments a stage is evaluated with, under its reasons.
fn print_overrides(s: &StageStatus, indent: usize) {
    if !s.overrides.is_empty() {
        println!("  {:indent$}with {}", "", s.overrides.join(" "));
    }
}

fn dag(args: DagArgs) -> Result<i32> {
    let project = load(&args.pipeline)?;
    let stages = &project.pipeline.stages;
    if args.dot {
        println!(
            "digraph \"{}\" {{\n  rankdir=LR;\n  node [shape=box];",
            project.pipeline.name
        );
        for s in stages {
            println!("  \"{}\" [label=\"{}\\n({})\"];", s.name, s.name, s.kind);
        }
        for (a, b) in project.dag.edges() {
            println!("  \"{}\" -> \"{}\";", stages[a].name, stages[b].name);
        }
        println!("}}");
        return Ok(0);
    }
    for &i in &project.dag.order {
        let s = &stages[i];
        println!("{} ({})", s.name, s.kind);
        for binding in &project.dag.bindings[i] {
            for source in &binding.sources {
                let out = source
                    .output
                    .as_ref()
                    .map(|o| format!(".{o}"))
                    .unwrap_or_default();
                println!("  <- {}: {}{out}", binding.name, stages[source.stage].name);
            }
        }
    }
    Ok(0)
}

/// The store of the project around `pipeline`, which must have run before.
fn existing_store(pipeline: &Path) -> Result<Store> {
    let root = match pipeline.parent() {
        _ if pipeline.exists() => crate::spec::load(pipeline)?.root,
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let store = Store::new(&root);
    if !store.db_exists() {
        bail!(
            "no runs recorded in {} yet (run `lingcn run` first)",
            root.display()
        );
    }
    Ok(store)
}

fn head_record(db: &Db, stage: &str) -> Result<StageRecord> {
    if let Some(r) = db.head_record(stage)? {
        return Ok(r);
    }
    let names: Vec<String> = db.heads()?.into_iter().map(|(n, _)| n).collect();
    let hint = crate::diag::did_you_mean(stage, names.iter().map(String::as_str))
        .map(|h| format!(" (did you mean `{h}`?)"))
        .unwrap_or_default();
    bail!("stage `{stage}` has never run{hint}")
}

fn show(args: ShowArgs) -> Result<i32> {
    let (store, record) = if args.set.set.is_empty() {
        let store = existing_store(&args.pipeline)?;
        let record = head_record(&store.open_db()?, &args.stage)?;
        (store, record)
    } else {
        record_with_overrides(&args)?
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&record)?);
        return Ok(0);
    }
    println!("stage     {}", record.stage);
    println!("status    {:?}", record.status);
    println!(
        "kind      {} v{}",
        record.material.kind, record.material.kind_version
    );
    println!("key       {}", record.key);
    println!("started   {}", format_ms(record.started_ms));
    println!("duration  {:.2} s", record.duration_s);
    println!("lingcn    {}", record.tool_version);
    if let Some(env) = env_line(&record.material) {
        println!("env       {env}");
    }
    if !record.overrides.is_empty() {
        let args: Vec<String> = record.overrides.iter().map(|a| format!("-S {a}")).collect();
        println!("overrides {}", args.join(" "));
    }
    if let Some(e) = &record.error {
        println!("error     {e}");
    }
    println!("outputs");
    for (name, output) in &record.outputs {
        let what = match output {
            Output::File { blob, size } => {
                format!("file {} ({})", blob.short(), human_bytes(*size))
            }
            Output::Dir { files } => format!(
                "dir of {} files ({})",
                files.len(),
                human_bytes(output.size())
            ),
        };
        println!(
            "  {name:20} {what}  -> {}",
            store.view_dir(&record.stage).join(name).display()
        );
    }
    println!(
        "metrics\n{}",
        serde_json::to_string_pretty(&record.metrics)?
    );
    Ok(0)
}

/// The record of `args.stage` for the key its `-S` overrides give: the run
/// `lingcn run -S ...` made, if it is cached and its inputs are current.
fn record_with_overrides(args: &ShowArgs) -> Result<(Store, StageRecord)> {
    let project = load_with(&args.pipeline, &args.set.set)?;
    let Some(i) = project.index(&args.stage) else {
        bail!(
            "no stage instance `{}` in {}",
            args.stage,
            project.pipeline.file.display()
        )
    };
    let selected = project
        .dag
        .select(&project.pipeline, std::slice::from_ref(&args.stage))?;
    let (mut current, statuses) = {
        let db = project.store.open_db()?;
        engine::status::current_records(&project, &db, &selected)?
    };
    if let Some(record) = current.remove(&i) {
        return Ok((project.store, record));
    }
    let status = statuses.iter().find(|s| s.stage == args.stage);
    let why = status.map_or(String::new(), |s| {
        format!(": it is {} ({})", s.state.label(), s.reasons.join("; "))
    });
    let set: Vec<String> = args.set.set.iter().map(|o| o.display()).collect();
    bail!(
        "no cached run of `{}` with {}{why}; `lingcn run {}` makes one",
        args.stage,
        set.join(" "),
        set.join(" ")
    )
}

/// The stage's process environment and whether it was the kind's pin.
fn env_line(material: &KeyMaterial) -> Option<String> {
    if material.env.is_empty() {
        return None;
    }
    let pin = if material.portable() {
        "pinned".to_string()
    } else {
        format!(
            "NOT PORTABLE: {} overridden, results may differ on another machine",
            material.unpinned.join(", ")
        )
    };
    Some(format!("{} ({pin})", material.env_text()))
}

fn log(args: StageArgs) -> Result<i32> {
    let store = existing_store(&args.pipeline)?;
    let record = head_record(&store.open_db()?, &args.stage)?;
    let Some(blob) = record.log else {
        bail!("stage `{}` has no log", args.stage)
    };
    let text = std::fs::read(store.blobs.path(&blob)).context("reading the log blob")?;
    use std::io::Write;
    std::io::stdout().write_all(&text)?;
    Ok(0)
}

fn export(args: ExportArgs) -> Result<i32> {
    let store = existing_store(&args.pipeline)?;
    let record = head_record(&store.open_db()?, &args.stage)?;
    let names: Vec<&String> = record.outputs.keys().collect();
    let (name, dest) = match args.args.as_slice() {
        [dest] if names.len() == 1 => (names[0].clone(), PathBuf::from(dest)),
        [_] => bail!(
            "stage `{}` has outputs {names:?}: name the one to export",
            args.stage
        ),
        [name, dest] => (name.clone(), PathBuf::from(dest)),
        _ => unreachable!("clap allows one or two values"),
    };
    let output = record.outputs.get(&name).with_context(|| {
        format!(
            "stage `{}` has no output `{name}` (it has {names:?})",
            args.stage
        )
    })?;
    if dest.exists() && !args.force {
        bail!("{} exists (use --force to replace it)", dest.display());
    }
    crate::store::remove_any(&dest)?;
    let copy = |blob: &BlobDigest, to: &Path| -> Result<()> {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(store.blobs.path(blob), to)
            .with_context(|| format!("copying to {}", to.display()))?;
        let mut perms = std::fs::metadata(to)?.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(to, perms)?;
        Ok(())
    };
    match output {
        Output::File { blob, .. } => copy(blob, &dest)?,
        Output::Dir { files } => {
            std::fs::create_dir_all(&dest)?;
            for (rel, entry) in files {
                copy(&entry.blob, &dest.join(rel))?;
            }
        }
    }
    println!(
        "exported {}.{name} ({}) to {}",
        args.stage,
        human_bytes(output.size()),
        dest.display()
    );
    Ok(0)
}

fn gc(args: GcArgs) -> Result<i32> {
    let store = existing_store(&args.pipeline)?;
    let _lock = store.lock()?;
    let db = store.open_db()?;
    let heads: BTreeSet<_> = db.heads()?.into_iter().map(|(_, h)| h.key).collect();
    let mut referenced = BTreeSet::new();
    let mut pruned = 0;
    for record in db.all_records()? {
        if args.prune_records && !heads.contains(&record.key) {
            pruned += 1;
            if !args.dry_run {
                db.remove_record(&record.key)?;
            }
            continue;
        }
        referenced.extend(record.blobs().map(|(b, _)| b));
    }
    let (mut count, mut bytes) = (0, 0);
    for blob in store.blobs.list()? {
        if referenced.contains(&blob) {
            continue;
        }
        count += 1;
        bytes += if args.dry_run {
            std::fs::metadata(store.blobs.path(&blob)).map_or(0, |m| m.len())
        } else {
            store.blobs.remove(&db, &blob)?
        };
    }
    if !args.dry_run {
        crate::store::remove_any(&store.tmp_dir()).context("removing cache/tmp")?;
        db.flush()?;
    }
    let verb = if args.dry_run {
        "would remove"
    } else {
        "removed"
    };
    println!(
        "{verb} {count} blobs ({}) and {pruned} old records",
        human_bytes(bytes)
    );
    Ok(0)
}

fn verify(args: ProjectArgs) -> Result<i32> {
    let store = existing_store(&args.pipeline)?;
    let db = store.open_db()?;
    let mut users: BTreeMap<BlobDigest, Vec<String>> = BTreeMap::new();
    for record in db.all_records()? {
        for (blob, _) in record.blobs() {
            users.entry(blob).or_default().push(record.stage.clone());
        }
    }
    let present: BTreeSet<BlobDigest> = store.blobs.list()?.into_iter().collect();
    let mut bad = 0;
    for blob in &present {
        if store.blobs.rehash(&db, blob)? == BlobState::Corrupt {
            bad += 1;
            println!("corrupt  {blob}  (used by: {})", used_by(&users, blob));
        }
    }
    for blob in users.keys().filter(|b| !present.contains(b)) {
        bad += 1;
        println!("missing  {blob}  (used by: {})", used_by(&users, blob));
    }
    db.flush()?;
    println!(
        "checked {} blobs: {}",
        present.len(),
        if bad == 0 {
            "all intact".to_string()
        } else {
            format!("{bad} bad")
        }
    );
    if bad > 0 {
        println!("the next `lingcn run` re-creates them");
        return Ok(exit::CORRUPT);
    }
    Ok(0)
}

fn used_by(users: &BTreeMap<BlobDigest, Vec<String>>, blob: &BlobDigest) -> String {
    users.get(blob).map_or("no record".into(), |u| {
        let set: BTreeSet<&String> = u.iter().collect();
        set.into_iter().cloned().collect::<Vec<_>>().join(", ")
    })
}

fn cancel(args: ProjectArgs) -> Result<i32> {
    let store = existing_store(&args.pipeline)?;
    let lock = std::fs::read_to_string(store.cache_dir().join("lock")).unwrap_or_default();
    let running = engine::jobs::running(&store.cache_dir());
    if running.is_empty() {
        println!("nothing is running");
        return Ok(0);
    }
    // The runner cancels its Slurm jobs and records nothing for them on SIGINT.
    if let Some(pid) = lock
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse::<i32>().ok())
    {
        // SAFETY: sends a signal to the lock holder named in cache/lock.
        unsafe { libc::kill(pid, libc::SIGINT) };
        println!("asked lingcn run (pid {pid}) to stop");
    }
    for job in running.iter().filter_map(|j| j.slurm_job.as_ref()) {
        engine::slurm::cancel(job);
        println!("cancelled slurm job {job}");
    }
    Ok(0)
}

fn worker(args: WorkerArgs) -> Result<i32> {
    if let Some(theirs) = args
        .build_id
        .as_deref()
        .filter(|b| *b != engine::worker::BUILD_ID)
    {
        // The runner reads this as the stage's error.
        let message = format!(
            "{} was built from other sources than the lingcn that started it \
             (build {} vs {theirs}): rebuild both with `cargo build --release`",
            std::env::current_exe().unwrap_or_default().display(),
            engine::worker::BUILD_ID
        );
        let result = Err(engine::StageError::Failed(message.clone()));
        engine::worker::write_result(&args.work_dir, &result)
            .with_context(|| format!("writing the result into {}", args.work_dir.display()))?;
        bail!(message);
    }
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .context("cannot install the signal handler")?;
    let progress = if args.progress {
        engine::worker::Progress::Stdout
    } else {
        engine::worker::Progress::Discard
    };
    let ok = engine::worker::run(
        &registry(),
        &args.work_dir,
        &args.key,
        args.threads,
        progress,
        cancel,
    )?;
    Ok(if ok { 0 } else { exit::STAGE_FAILED })
}

fn kinds() -> Result<i32> {
    for (kind, about) in registry().kinds() {
        println!("{kind:14} {about}");
    }
    Ok(0)
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Unix milliseconds as `YYYY-MM-DD HH:MM:SS UTC`.
fn format_ms(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_and_sizes() {
        assert_eq!(format_ms(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_ms(1_795_000_000_000), "2026-11-18 11:06:40 UTC");
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
    }
}
