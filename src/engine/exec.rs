//! Running a pipeline: stages whose inputs are ready start in parallel (up
//! to `jobs`), cached stages are skipped, results are committed to the store
//! as they finish, a failure stops its downstream.
//!
//! The database is open while the scheduler works and closed while it waits
//! for stages, so that `lingcn status` can read during a long run.

use super::order::WorkOrder;
use super::project::Project;
use super::stage::{Configured, StageContext, StageError};
use super::status::evaluate;
use super::EngineError;
use crate::spec::Executor;
use crate::store::{remove_any, Db, KeyMaterial, ProjectLock, RunStatus, StageKey, StageRecord};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Stages to bring up to date (with what they need); empty = all.
    pub targets: Vec<String>,
    /// Stages to re-run even if cached.
    pub force: Vec<String>,
    pub jobs: usize,
    pub keep_going: bool,
    /// The `lingcn` executable that runs stages whose kind asks for their
    /// own process (`Stage::OWN_PROCESS`) as `lingcn worker`; `None` runs
    /// every local stage in this process (embedders, unit tests).
    pub worker_exe: Option<PathBuf>,
    /// The executable that runs, as `EXE worker`, the kinds this one knows
    /// only the configuration of (`Registry::register_config`): for the
    /// light `lingcn`, `lingcn-worker`. Their stages fail if it is `None`.
    pub external_worker: Option<PathBuf>,
}

impl RunOptions {
    /// The executable that runs stage `i` of `project` out of this process,
    /// if it needs one: the external worker for kinds this executable cannot
    /// run, `worker_exe` for kinds that ask for their own process.
    pub fn child_exe(&self, project: &Project, i: usize) -> Result<Option<PathBuf>, StageError> {
        let configured = &project.stages[i];
        if configured.runs_here() {
            return Ok(self.worker_exe.clone().filter(|_| configured.own_process));
        }
        match &self.external_worker {
            Some(exe) if exe.is_file() => Ok(Some(exe.clone())),
            Some(exe) => Err(StageError::Failed(format!(
                "kind `{}` runs in the worker executable {}, which does not exist \
                 (it is built together with this one)",
                configured.kind,
                exe.display()
            ))),
            None => Err(StageError::Failed(format!(
                "kind `{}` runs in a worker executable, and none was given",
                configured.kind
            ))),
        }
    }
}

/// Receives what happens during a run (progress bars, log lines).
pub trait Reporter: Sync {
    fn planned(&self, _total: usize) {}
    fn cached(&self, _stage: &str) {}
    fn started(&self, _stage: &str, _reasons: &[String]) {}
    fn progress(&self, _stage: &str, _message: &str, _pos: u64, _len: u64) {}
    fn finished(&self, _stage: &str, _seconds: f64) {}
    fn failed(&self, _stage: &str, _error: &str, _log_tail: &str) {}
    fn skipped(&self, _stage: &str, _because: &str) {}
}

#[derive(Debug, Default)]
pub struct RunSummary {
    pub ran: Vec<String>,
    pub cached: Vec<String>,
    pub failed: Vec<String>,
    pub skipped: Vec<String>,
    pub cancelled: bool,
}

/// Lines of a failed stage's log shown in the report.
const LOG_TAIL_LINES: usize = 20;

enum Slot {
    Pending,
    Running,
    Done,
    Failed,
    Skipped,
}

/// What worker threads send to the scheduler.
enum Event {
    Progress {
        stage: usize,
        message: String,
        pos: u64,
        len: u64,
    },
    Finished(Box<Finished>),
}

struct Finished {
    stage: usize,
    key: StageKey,
    material: KeyMaterial,
    work_dir: PathBuf,
    started_ms: u64,
    seconds: f64,
    result: Result<Json, StageError>,
}

pub fn run(
    project: &Project,
    opts: &RunOptions,
    reporter: &dyn Reporter,
    cancel: Arc<AtomicBool>,
) -> Result<RunSummary, EngineError> {
    let selected = project.dag.select(&project.pipeline, &opts.targets)?;
    project.check_deps(&selected)?;
    let forced = forced_stages(project, &opts.force)?;
    let lock = project.store.lock()?;
    super::procs::reap_orphans(&project.store.cache_dir());
    super::jobs::reap(&project.store.cache_dir());
    remove_any(&project.store.tmp_dir())
        .map_err(|e| crate::store::StoreError::Io(project.store.tmp_dir(), e))?;
    reporter.planned(selected.len());
    let mut run = Run {
        project,
        opts,
        reporter,
        cancel,
        _lock: lock,
        slots: (0..project.pipeline.stages.len())
            .map(|i| {
                if selected.contains(&i) {
                    Slot::Pending
                } else {
                    Slot::Done
                }
            })
            .collect(),
        current: BTreeMap::new(),
        forced,
        waiting: BTreeMap::new(),
        running: 0,
        running_local: 0,
        mem_budget: available_memory(),
        mem_reserved: 0,
        cpus_reserved: 0,
        stopping: false,
        summary: RunSummary::default(),
    };
    run.execute()?;
    Ok(run.summary)
}

fn forced_stages(project: &Project, force: &[String]) -> Result<BTreeSet<usize>, EngineError> {
    let mut forced = BTreeSet::new();
    for name in force {
        forced.extend(
            project
                .dag
                .select(&project.pipeline, std::slice::from_ref(name))?
                .into_iter()
                .filter(|&i| {
                    let s = &project.pipeline.stages[i];
                    s.name == *name || s.base == *name
                }),
        );
    }
    Ok(forced)
}

struct Run<'a> {
    project: &'a Project,
    opts: &'a RunOptions,
    reporter: &'a dyn Reporter,
    cancel: Arc<AtomicBool>,
    _lock: ProjectLock,
    slots: Vec<Slot>,
    /// Current record of every stage that is done (ran or cached).
    current: BTreeMap<usize, StageRecord>,
    forced: BTreeSet<usize>,
    /// Stages evaluated as needing a run, waiting for a free job slot.
    waiting: BTreeMap<usize, (StageKey, KeyMaterial, Vec<String>)>,
    /// Stages running (all executors), and those running in this process.
    running: usize,
    running_local: usize,
    /// Memory local stages may reserve (`resources.mem`): what the machine
    /// had available when the run started; `None` if unknown.
    mem_budget: Option<u64>,
    mem_reserved: u64,
    /// `-j` slots taken by running local stages (`resources.cpus` each, 1 by default).
    cpus_reserved: usize,
    stopping: bool,
    summary: RunSummary,
}

impl Run<'_> {
    fn execute(&mut self) -> Result<(), EngineError> {
        let (tx, rx) = mpsc::channel::<Event>();
        let mut db = DbSession::new(&self.project.store);
        std::thread::scope(|scope| -> Result<(), EngineError> {
            loop {
                if self.cancel.load(Ordering::Relaxed) && !self.stopping {
                    self.stopping = true;
                    self.summary.cancelled = true;
                }
                self.schedule(db.get()?, scope, &tx)?;
                if self.running == 0 {
                    return Ok(());
                }
                let finished = loop {
                    match db.wait(&rx) {
                        Event::Progress {
                            stage,
                            message,
                            pos,
                            len,
                        } => self
                            .reporter
                            .progress(self.project.name(stage), &message, pos, len),
                        Event::Finished(f) => break *f,
                    }
                };
                self.running -= 1;
                if self.is_local(finished.stage) {
                    self.running_local -= 1;
                    self.mem_reserved -= self.mem_need(finished.stage);
                    self.cpus_reserved -= self.cpu_need(finished.stage);
                }
                self.complete(db.get()?, finished)?;
            }
        })
    }

    /// Starts every pending stage whose upstream is done, while slots allow;
    /// takes cached results without running; skips what cannot run.
    fn schedule<'s>(
        &mut self,
        db: &Db,
        scope: &'s std::thread::Scope<'s, '_>,
        tx: &mpsc::Sender<Event>,
    ) -> Result<(), EngineError>
    where
        Self: 's,
    {
        let order = self.project.dag.order.clone();
        for i in order {
            if !matches!(self.slots[i], Slot::Pending) {
                continue;
            }
            let upstream: Vec<usize> = self.project.dag.upstream(i).collect();
            if let Some(&bad) = upstream
                .iter()
                .find(|&&u| matches!(self.slots[u], Slot::Failed | Slot::Skipped))
            {
                let because = format!("upstream `{}` did not succeed", self.project.name(bad));
                self.reporter.skipped(self.project.name(i), &because);
                self.summary.skipped.push(self.project.name(i).to_string());
                self.slots[i] = Slot::Skipped;
                continue;
            }
            if self.stopping || !upstream.iter().all(|u| self.current.contains_key(u)) {
                continue;
            }
            if !self.waiting.contains_key(&i) {
                let eval = evaluate(self.project, db, i, &self.current)?;
                let key = eval.key.expect("all upstream records are known");
                match eval.cached {
                    Some(record) if !self.forced.contains(&i) => {
                        self.take_cached(db, i, record)?;
                        continue;
                    }
                    _ => {
                        let mut reasons = eval.status.reasons;
                        if self.forced.contains(&i) {
                            reasons.insert(0, "forced".into());
                        }
                        self.waiting.insert(i, (key, eval.material, reasons));
                    }
                }
            }
            // `-j` and memory bound local work only; Slurm jobs are the cluster's to schedule.
            if !self.is_local(i) || self.local_slot_free(i) {
                let (key, material, reasons) = self.waiting.remove(&i).expect("evaluated above");
                self.reporter.started(self.project.name(i), &reasons);
                self.launch(i, key, material, scope, tx.clone())?;
                self.slots[i] = Slot::Running;
                self.running += 1;
                if self.is_local(i) {
                    self.running_local += 1;
                    self.mem_reserved += self.mem_need(i);
                    self.cpus_reserved += self.cpu_need(i);
                }
            }
        }
        Ok(())
    }

    /// Whether local stage `i` may start now: its `resources.cpus` (1 if
    /// unset) fit in the `-j` slots and its `resources.mem` in the memory
    /// that running stages left. A stage that needs more than either budget
    /// still runs, alone (so a stage that times itself on every core can
    /// ask for them: `cpus = 2` on a 2-core machine runs with no neighbour).
    fn local_slot_free(&self, i: usize) -> bool {
        let mem_fits = match self.mem_budget {
            Some(budget) => self.mem_reserved + self.mem_need(i) <= budget,
            None => true,
        };
        let cpus_fit = self.cpus_reserved + self.cpu_need(i) <= self.opts.jobs.max(1);
        self.running_local == 0 || (cpus_fit && mem_fits)
    }

    fn cpu_need(&self, i: usize) -> usize {
        let cpus = self.project.pipeline.stages[i].resources.cpus;
        cpus.map_or(1, |c| c.max(1) as usize)
    }

    fn mem_need(&self, i: usize) -> u64 {
        let mem = self.project.pipeline.stages[i].resources.mem.as_ref();
        mem.map_or(0, |m| m.bytes())
    }

    fn is_local(&self, i: usize) -> bool {
        self.project.pipeline.stages[i].executor == Executor::Local
    }

    /// Uses a cached result: shows its outputs and makes it the stage's head.
    fn take_cached(&mut self, db: &Db, i: usize, record: StageRecord) -> Result<(), EngineError> {
        self.project.store.materialize(&record)?;
        if db
            .head(&record.stage)?
            .is_none_or(|h| h.key != record.key || !h.succeeded)
        {
            db.adopt(&record.stage, record.key)?;
        }
        self.reporter.cached(self.project.name(i));
        self.summary.cached.push(self.project.name(i).to_string());
        self.current.insert(i, record);
        self.slots[i] = Slot::Done;
        Ok(())
    }

    fn launch<'s>(
        &self,
        i: usize,
        key: StageKey,
        material: KeyMaterial,
        scope: &'s std::thread::Scope<'s, '_>,
        tx: mpsc::Sender<Event>,
    ) -> Result<(), EngineError>
    where
        Self: 's,
    {
        let project = self.project;
        let work_dir =
            project
                .store
                .tmp_dir()
                .join(format!("{}.{}", sanitize(project.name(i)), key.short()));
        let progress_tx = Mutex::new(tx.clone());
        let progress = Arc::new(move |msg: &str, pos, len| {
            let event = Event::Progress {
                stage: i,
                message: msg.to_string(),
                pos,
                len,
            };
            let _ = progress_tx.lock().expect("progress lock").send(event);
        });
        let mut ctx = project.context(
            i,
            &work_dir,
            self.cancel.clone(),
            progress,
            self.opts.jobs.max(1),
        )?;
        if project.stages[i].reads_records {
            project.write_upstream_records(i, &work_dir, &self.current)?;
        }
        let child_exe = self.opts.child_exe(project, i);
        // What a worker runs, if the stage leaves this process.
        let order = WorkOrder::new(project.place(i), key, material.clone());
        let slurm_exe = self
            .opts
            .external_worker
            .clone()
            .filter(|_| !project.stages[i].runs_here());
        scope.spawn(move || {
            let started_ms = unix_ms();
            let clock = Instant::now();
            let result = match project.pipeline.stages[i].executor {
                Executor::Local => {
                    let _running = super::jobs::JobGuard::register(
                        &project.store.cache_dir(),
                        project.name(i),
                        None,
                    );
                    match &child_exe {
                        Ok(Some(exe)) => super::child::run(exe, &order, &ctx),
                        Ok(None) => run_in_process(&project.stages[i], &mut ctx),
                        Err(e) => Err(StageError::Failed(e.to_string())),
                    }
                }
                Executor::Slurm => super::slurm::run(slurm_exe.as_deref(), &order, &ctx),
            };
            let finished = Finished {
                stage: i,
                key,
                material,
                work_dir,
                started_ms,
                seconds: clock.elapsed().as_secs_f64(),
                result,
            };
            let _ = tx.send(Event::Finished(Box::new(finished)));
        });
        Ok(())
    }

    /// Commits a finished stage: outputs into the store, then the record.
    fn complete(&mut self, db: &Db, f: Finished) -> Result<(), EngineError> {
        let clock = Instant::now();
        let _timing = Timing(clock, self.project.name(f.stage), f.seconds);
        let project = self.project;
        let name = project.name(f.stage).to_string();
        if matches!(f.result, Err(StageError::Cancelled)) {
            self.slots[f.stage] = Slot::Skipped;
            self.summary.skipped.push(name);
            let _ = remove_any(&f.work_dir);
            return Ok(());
        }
        let mut record = StageRecord {
            key: f.key,
            stage: name.clone(),
            status: RunStatus::Succeeded,
            material: f.material,
            outputs: BTreeMap::new(),
            metrics: Json::Null,
            started_ms: f.started_ms,
            finished_ms: unix_ms(),
            duration_s: f.seconds,
            log: None,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            error: None,
            overrides: project.pipeline.stages[f.stage]
                .overrides
                .iter()
                .map(|o| o.arg.clone())
                .collect(),
        };
        let log_tail = tail(&f.work_dir.join("log"), LOG_TAIL_LINES);
        // Before the database writes anything: a stage may have filled the disk.
        let metrics_len = f.result.as_ref().map_or(0, |m| m.to_string().len() as u64);
        crate::store::ensure_free(&project.store.cache_dir(), 2 * metrics_len)?;
        let names = f
            .result
            .is_ok()
            .then_some(project.stages[f.stage].outputs.as_slice());
        let collected =
            project
                .store
                .collect(db, &f.work_dir.join("out"), names, &f.work_dir.join("log"))?;
        record.log = collected.log;
        let outcome = match f.result {
            Ok(metrics) => {
                record.metrics = metrics;
                collected.outputs.map_err(|missing| {
                    format!("{missing}: the stage must write it under its output directory")
                })
            }
            Err(e) => Err(e.to_string()),
        };
        match outcome {
            Ok(outputs) => {
                record.outputs = outputs;
                db.commit(&record)?;
                project.store.materialize(&record)?;
                self.reporter.finished(&name, f.seconds);
                self.summary.ran.push(name);
                self.current.insert(f.stage, record);
                self.slots[f.stage] = Slot::Done;
            }
            Err(error) => {
                record.status = RunStatus::Failed;
                record.error = Some(error.clone());
                db.commit(&record)?;
                self.reporter.failed(&name, &error, &log_tail);
                self.summary.failed.push(name);
                self.slots[f.stage] = Slot::Failed;
                if !self.opts.keep_going {
                    self.stopping = true;
                }
            }
        }
        let _ = remove_any(&f.work_dir);
        Ok(())
    }
}

/// Logs (at debug level) how long a stage ran and how long committing it took.
struct Timing<'a>(Instant, &'a str, f64);

impl Drop for Timing<'_> {
    fn drop(&mut self) {
        tracing::debug!(
            "{}: ran {:.2} ms, committed in {:.2} ms",
            self.1,
            self.2 * 1e3,
            self.0.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// The database, open while the run is busy and closed while it waits for
/// stages, so that `status` (another process) can read during a long run.
struct DbSession<'a> {
    store: &'a crate::store::Store,
    db: Option<Db>,
    opened: Instant,
}

/// Close the database when no stage reports back for this long...
const IDLE_CLOSE: Duration = Duration::from_millis(30);
/// ...or when it has been open this long, so that readers get a turn.
const MAX_OPEN: Duration = Duration::from_millis(500);

impl<'a> DbSession<'a> {
    fn new(store: &'a crate::store::Store) -> Self {
        DbSession {
            store,
            db: None,
            opened: Instant::now(),
        }
    }

    fn get(&mut self) -> Result<&Db, EngineError> {
        if self.db.is_none() {
            self.db = Some(self.store.open_db()?);
            self.opened = Instant::now();
        }
        Ok(self.db.as_ref().expect("just opened"))
    }

    /// The next event from the stages, closing the database if it is slow to come.
    fn wait(&mut self, rx: &mpsc::Receiver<Event>) -> Event {
        if self.db.is_some() && self.opened.elapsed() < MAX_OPEN {
            if let Ok(event) = rx.recv_timeout(IDLE_CLOSE) {
                return event;
            }
        }
        self.db = None;
        rx.recv().expect("a running stage always reports back")
    }
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// `MemAvailable` from /proc/meminfo, in bytes.
fn available_memory() -> Option<u64> {
    let text = fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib << 10)
}

/// Runs stage `i` in this process; a panic fails the stage instead of the run.
pub fn run_in_process(configured: &Configured, ctx: &mut StageContext) -> Result<Json, StageError> {
    catch_unwind(AssertUnwindSafe(|| configured.run(ctx))).unwrap_or_else(|panic| {
        Err(StageError::Failed(format!(
            "stage panicked: {}",
            panic_message(&panic)
        )))
    })
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// The last `n` lines of a file (empty if unreadable).
pub fn tail(path: &std::path::Path, n: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
