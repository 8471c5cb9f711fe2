//! `lingcn worker`: runs one stage in this process into a given work
//! directory and leaves `result.json` there; what a Slurm job and a local
//! child process (`engine::child`) execute. It never touches the store: the
//! runner that started it commits.

use super::exec::run_in_process;
use super::order::WorkOrder;
use super::stage::{ProgressFn, Registry};
use super::{EngineError, StageError};
use crate::spec::EnvDecl;
use crate::store::StageKey;
use serde_json::Value as Json;
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// The identity of the sources this executable was built from (a hash made
/// by build.rs). A runner passes its own to the worker it starts, which
/// refuses to run a stage for a runner built from other sources.
pub const BUILD_ID: &str = env!("LINGCN_BUILD_ID");

/// The file a worker leaves in the work directory.
pub const RESULT: &str = "result.json";

/// How a runner starts a worker for one stage: `exe worker ...` with these
/// arguments, under this environment. Built here for both the local child
/// process and the Slurm job script.
pub struct Invocation {
    pub args: Vec<OsString>,
    /// Variables to set (the stage's pinned and declared `env`); variables
    /// left to the host are inherited and not listed.
    pub env: Vec<(String, String)>,
}

impl Invocation {
    /// Writes `order` into `work_dir`, where the worker reads it, and
    /// returns the command that runs it. `threads`: the count a local child
    /// is given; a Slurm job takes its stage's `resources.cpus`. `progress`:
    /// print progress lines on stdout.
    pub fn hand_over(
        order: &WorkOrder,
        work_dir: &Path,
        threads: Option<usize>,
        progress: bool,
    ) -> std::io::Result<Invocation> {
        order.write(work_dir)?;
        let mut args: Vec<OsString> = vec!["worker".into(), "--work-dir".into()];
        args.push(work_dir.into());
        args.extend(["--key".into(), order.key.to_string().into()]);
        if let Some(n) = threads {
            args.extend(["--threads".into(), n.to_string().into()]);
        }
        if progress {
            args.push("--progress".into());
        }
        args.extend(["--build-id".into(), BUILD_ID.into()]);
        let env = order
            .material
            .env
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
            .collect();
        Ok(Invocation { args, env })
    }
}

/// Where the worker sends the stage's progress.
pub enum Progress {
    /// Dropped (a batch job has nobody watching).
    Discard,
    /// One JSON line per report on stdout, read by the parent runner.
    Stdout,
}

/// One progress report as a worker prints it.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ProgressLine {
    pub message: String,
    pub pos: u64,
    pub len: u64,
}

/// Runs the stage ordered in `work_dir` (see [`WorkOrder`]) with `threads`
/// (default: the stage's `resources.cpus`, else every core); returns
/// whether it succeeded. A stage whose order does not hash to `key` fails
/// without running.
pub fn run(
    registry: &Registry,
    work_dir: &Path,
    key: &StageKey,
    threads: Option<usize>,
    progress: Progress,
    cancel: Arc<AtomicBool>,
) -> Result<bool, EngineError> {
    let order = WorkOrder::read(work_dir).map_err(EngineError::Invalid)?;
    let configured = match order.configure(registry, key) {
        Ok(c) => c,
        Err(refusal) => {
            let result = Err(StageError::Failed(refusal.clone()));
            write_result(work_dir, &result)
                .map_err(|e| crate::store::StoreError::Io(work_dir.to_path_buf(), e))?;
            return Err(EngineError::Invalid(refusal));
        }
    };
    check_env(&order.place.decl.name, &configured.env)?;
    let threads = threads.unwrap_or_else(|| {
        order.place.decl.resources.cpus.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            |c| c as usize,
        )
    });
    let progress: Arc<ProgressFn> = match progress {
        Progress::Discard => Arc::new(|_: &str, _, _| {}),
        Progress::Stdout => Arc::new(print_progress),
    };
    let env = configured.env.clone();
    let mut ctx = order
        .place
        .context(env, work_dir, cancel, progress, threads)?;
    let result = run_in_process(&configured, &mut ctx);
    write_result(work_dir, &result)
        .map_err(|e| crate::store::StoreError::Io(work_dir.to_path_buf(), e))?;
    Ok(result.is_ok())
}

/// Refuses to run under another environment than the stage's key says
/// (a worker started by hand, or a batch system that dropped a variable).
fn check_env(stage: &str, env: &EnvDecl) -> Result<(), EngineError> {
    for (name, want) in env {
        let Some(want) = want else { continue };
        let have = std::env::var(name).ok();
        if have.as_deref() != Some(want.as_str()) {
            return Err(EngineError::Invalid(format!(
                "stage `{stage}` must run with {name}={want:?} (its key says so), but this worker has {}; \
                 start workers through `lingcn run`",
                have.map_or("it unset".into(), |h| format!("{name}={h:?}"))
            )));
        }
    }
    Ok(())
}

fn print_progress(message: &str, pos: u64, len: u64) {
    let line = ProgressLine {
        message: message.to_string(),
        pos,
        len,
    };
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer(&mut out, &line);
    let _ = writeln!(out);
    let _ = out.flush();
}

/// Writes the worker's result atomically (temp file, rename).
pub fn write_result(work_dir: &Path, result: &Result<Json, StageError>) -> std::io::Result<()> {
    let value = match result {
        Ok(m) => serde_json::json!({ "metrics": m }),
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    };
    let tmp = work_dir.join(format!("{RESULT}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec(&value).expect("serializable"))?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(tmp, work_dir.join(RESULT))
}

/// What a worker left: `None` if it wrote no result (it was killed),
/// else its metrics or its error message.
pub fn read_result(work_dir: &Path) -> Option<Result<Json, StageError>> {
    let path = work_dir.join(RESULT);
    let text = std::fs::read_to_string(&path).ok()?;
    let unreadable = |why: String| {
        Some(Err(StageError::Failed(format!(
            "{}: {why}",
            path.display()
        ))))
    };
    let result: Json = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => return unreadable(e.to_string()),
    };
    match (result.get("metrics"), result.get("error")) {
        (Some(m), _) => Some(Ok(m.clone())),
        (None, Some(e)) => Some(Err(StageError::Failed(
            e.as_str().unwrap_or("failed").to_string(),
        ))),
        _ => unreadable("neither metrics nor error".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::order::WorkOrder;
    use crate::engine::{stage_key, Project, Registry, Stage};
    use crate::spec::{Override, StageDef};

    /// A kind that takes any parameters (the engine knows no real kinds).
    struct Free;

    impl Stage for Free {
        type Config = Json;
        const KIND: &'static str = "free";
        const VERSION: u32 = 1;
        const ABOUT: &'static str = "any parameters";
        fn outputs(_: &Json, _: &StageDef) -> Result<Vec<String>, String> {
            Ok(Vec::new())
        }
    }

    /// The order carries the parameters with the runner's `-S` overrides
    /// applied, and hashes to the key the runner computed from them.
    #[test]
    fn a_worker_gets_the_overrides_of_the_runner() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pipeline.toml");
        let text = "[stages.a]\nkind = \"free\"\nparams = { n = 1 }\n";
        std::fs::write(&file, text).unwrap();
        let mut registry = Registry::default();
        registry.register_config::<Free>();
        let set = [Override::parse("a.params.n=2").unwrap()];
        let project = Project::load_with(&file, &registry, &set).unwrap();
        let db = project.store.open_db().unwrap();
        let material = project.material(&db, 0, &Default::default()).unwrap();
        let key = stage_key(&material);
        let order = WorkOrder::new(project.place(0), key, material);
        assert_eq!(order.place.decl.params["n"], 2);
        assert!(order.configure(&registry, &key).is_ok());
    }
}
