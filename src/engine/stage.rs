//! The stage trait every stage kind implements, the context a running stage
//! gets, and the registry of kinds.

use crate::diag::hint_for_serde_message;
use crate::spec::{EnvDecl, ParamsOrigin, StageDef};
use crate::store::StageRecord;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A stage kind's configuration side: typed parameters, outputs, version.
/// Everything `status` and the stage key need, so every executable that
/// loads a pipeline knows every kind; the work itself is [`Run`], which an
/// executable may leave to another one (see [`Registry::register_config`]).
///
/// # Invariants
/// - The same key (kind, version, parameters, input contents, deps, seed)
///   gives equivalent outputs: bump `VERSION` when a change to the code
///   changes what the stage produces.
pub trait Stage: Send + Sync + 'static {
    /// Parameters, deserialized from the stage's params table. Use
    /// `#[serde(deny_unknown_fields)]` so misspelt keys are reported.
    type Config: DeserializeOwned + Send + Sync + 'static;
    /// The `kind = "..."` name.
    const KIND: &'static str;
    /// Implementation version, part of every key.
    const VERSION: u32;
    /// One line for `--help` and error messages.
    const ABOUT: &'static str;
    /// Whether a local run gives each stage of this kind its own process
    /// (`lingcn worker`). Kinds that set process-global state (libtorch's
    /// seed, random generator and thread count) need it: stages running
    /// side by side in one process would draw from one generator, and their
    /// numbers would depend on timing.
    const OWN_PROCESS: bool = false;
    /// Environment variables the process running this kind's work always
    /// gets, whatever the host's environment: the pin that makes outputs
    /// the same bytes on any machine (e.g. libtorch's kernel dispatch).
    /// Part of every key; a pipeline's `env` may override them, and the
    /// record then says the results are not portable.
    const PINNED_ENV: &'static [(&'static str, &'static str)] = &[];
    /// Whether a stage's `env` reaches this kind's work: true for kinds
    /// with their own process, and for kinds that start commands.
    const USES_ENV: bool = Self::OWN_PROCESS;
    /// Whether the work reads [`StageContext::upstream_records`]. Only then
    /// does the runner write them for it: for a long chain they are most of
    /// the project's records, at every stage.
    const READS_RECORDS: bool = false;

    /// Checks the configuration against the declaration and returns the
    /// output names the stage will write.
    fn outputs(config: &Self::Config, decl: &StageDef) -> Result<Vec<String>, String>;
}

/// A stage kind's work.
///
/// # Invariants
/// - `run` writes only under `ctx.out_dir()` (and the log); it never touches
///   the store, other stages' outputs or the project files.
pub trait Run: Stage {
    /// Does the work. A returned error (or a panic) fails the stage.
    fn run(config: &Self::Config, ctx: &mut StageContext) -> Result<Json, StageError>;
}

/// Why a stage failed, in the words of its kind.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    #[error("{0}")]
    Failed(String),
    #[error("cancelled")]
    Cancelled,
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl From<String> for StageError {
    fn from(s: String) -> Self {
        StageError::Failed(s)
    }
}

type Runner = dyn Fn(&mut StageContext) -> Result<Json, StageError> + Send + Sync;

/// Receives a stage's own progress: message, position, length.
pub type ProgressFn = dyn Fn(&str, u64, u64) + Send + Sync;

/// A stage as configured in one pipeline: its kind, checked config and outputs.
pub struct Configured {
    pub kind: &'static str,
    pub version: u32,
    pub outputs: Vec<String>,
    pub own_process: bool,
    /// The environment of the stage's process (pinned variables, then the
    /// pipeline's `env`); empty for kinds whose work has no process.
    pub env: EnvDecl,
    /// Pinned variables the pipeline's `env` changed.
    pub unpinned: Vec<String>,
    pub reads_records: bool,
    /// The work, if this executable can do it (see [`Registry::register_config`]).
    runner: Option<Box<Runner>>,
}

impl Configured {
    /// Whether this executable can run the stage itself; if not, it runs in
    /// the executable given as `RunOptions::external_worker`.
    pub fn runs_here(&self) -> bool {
        self.runner.is_some()
    }

    pub fn run(&self, ctx: &mut StageContext) -> Result<Json, StageError> {
        match &self.runner {
            Some(runner) => runner(ctx),
            None => Err(StageError::Failed(format!(
                "this executable cannot run kind `{}` (it knows only its configuration)",
                self.kind
            ))),
        }
    }
}

type Configure = Box<dyn Fn(&StageDef) -> Result<Configured, ConfigError> + Send + Sync>;

/// A stage declaration its kind rejects.
#[derive(Debug)]
pub enum ConfigError {
    /// The message already names the file and line.
    Located(String),
    /// The message needs the stage's place in `pipeline.toml` in front.
    Plain(String),
}

/// The known stage kinds, registered explicitly by the binary.
#[derive(Default)]
pub struct Registry {
    kinds: BTreeMap<&'static str, (Configure, &'static str)>,
}

impl Registry {
    /// A kind this executable runs.
    pub fn register<S: Run>(&mut self) {
        self.insert::<S>(|config| Some(Box::new(move |ctx| S::run(&config, ctx))));
    }

    /// A kind whose configuration (parameters, outputs, version, key) this
    /// executable knows, and whose work another executable does: its stages
    /// always run in a separate process, started from
    /// `RunOptions::external_worker`.
    pub fn register_config<S: Stage>(&mut self) {
        self.insert::<S>(|_| None);
    }

    fn insert<S: Stage>(&mut self, runner: fn(Arc<S::Config>) -> Option<Box<Runner>>) {
        let configure: Configure = Box::new(move |decl: &StageDef| {
            let config: S::Config = parse_params(decl)?;
            let outputs = S::outputs(&config, decl).map_err(ConfigError::Plain)?;
            let (env, unpinned) = process_env::<S>(decl)?;
            Ok(Configured {
                kind: S::KIND,
                version: S::VERSION,
                outputs,
                own_process: S::OWN_PROCESS,
                env,
                unpinned,
                reads_records: S::READS_RECORDS,
                runner: runner(Arc::new(config)),
            })
        });
        self.kinds.insert(S::KIND, (configure, S::ABOUT));
    }

    /// Validates a stage declaration against its kind.
    pub fn configure(&self, decl: &StageDef) -> Result<Configured, ConfigError> {
        let (configure, _) = self.kinds.get(decl.kind.as_str()).ok_or_else(|| {
            let known: Vec<&str> = self.kinds.keys().copied().collect();
            let hint = crate::diag::did_you_mean(&decl.kind, known.iter().copied())
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            ConfigError::Plain(format!(
                "unknown stage kind `{}`{hint}; known kinds: {}",
                decl.kind,
                known.join(", ")
            ))
        })?;
        configure(decl)
    }

    pub fn kinds(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.kinds.iter().map(|(k, (_, about))| (*k, *about))
    }
}

/// The environment of a stage of kind `S`: its pin with the declared
/// `env` on top, and the pinned variables that changed.
fn process_env<S: Stage>(decl: &StageDef) -> Result<(EnvDecl, Vec<String>), ConfigError> {
    if !S::USES_ENV {
        if decl.env_declared {
            return Err(ConfigError::Plain(format!(
                "stage `{}`: kind `{}` runs inside the runner, so an `env` table has no effect on it; remove it",
                decl.name,
                S::KIND
            )));
        }
        return Ok((EnvDecl::new(), Vec::new()));
    }
    let mut env: EnvDecl = S::PINNED_ENV
        .iter()
        .map(|(k, v)| (k.to_string(), Some(v.to_string())))
        .collect();
    env.extend(decl.env.clone());
    let unpinned = S::PINNED_ENV
        .iter()
        .filter(|(k, v)| env[*k].as_deref() != Some(*v))
        .map(|(k, _)| k.to_string())
        .collect();
    Ok((env, unpinned))
}

/// Deserializes a stage's params into its kind's config, with the file,
/// line and field path in the error.
fn parse_params<T: DeserializeOwned>(decl: &StageDef) -> Result<T, ConfigError> {
    let de = decl.params.clone();
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner().to_string();
        let field = if path == "." {
            "params".to_string()
        } else {
            format!("params.{path}")
        };
        let key = e.path().iter().rev().find_map(|s| match s {
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            _ => None,
        });
        let hint = hint_for_serde_message(&inner)
            .map(|h| format!("\n  = help: {h}"))
            .unwrap_or_default();
        let message = format!(
            "stage `{}` (kind `{}`): {field}: {inner}",
            decl.name, decl.kind
        );
        let unknown = inner
            .split('`')
            .nth(1)
            .filter(|_| inner.starts_with("unknown field"));
        // Where the error is: the unknown key's path, or the field's.
        let full = match unknown {
            Some(u) if !field.ends_with(&format!(".{u}")) => format!("{field}.{u}"),
            _ => field.clone(),
        };
        if let Some(o) = decl.overrides.iter().rev().find(|o| o.covers(&full)) {
            return ConfigError::Located(override_error(o, &message, &hint));
        }
        match (unknown.or(key.as_deref()), &decl.params_origin) {
            (Some(k), origin) if !matches!(origin, ParamsOrigin::None) => {
                ConfigError::Located(format!("{}{hint}", origin.locate(k, message)))
            }
            _ => ConfigError::Plain(format!("{message}{hint}")),
        }
    })
}

/// A parameter error that an `-S` argument caused: named by the argument
/// instead of a place in a file.
fn override_error(o: &crate::spec::Override, message: &str, hint: &str) -> String {
    let help = if hint.is_empty() {
        format!(
            "\n  = help: give VALUE in {} as TOML of the type the kind expects: numbers bare, \
             strings quoted (-S 'stage.params.key=\"a b\"'), lists in [...]; \
             docs/stages.md lists each kind's parameters",
            crate::spec::OVERRIDE_FORM
        )
    } else {
        hint.to_string()
    };
    format!("{}: {message}{help}", o.display())
}

/// What a running stage sees.
pub struct StageContext {
    pub name: String,
    /// The pipeline's name (`[pipeline] name`).
    pub pipeline: String,
    pub root: PathBuf,
    pub seed: u64,
    pub threads: usize,
    /// The stage's process environment (see [`Stage::PINNED_ENV`]), for
    /// kinds that start commands.
    pub env: EnvDecl,
    pub(crate) inputs: BTreeMap<String, Vec<PathBuf>>,
    pub(crate) deps: Vec<PathBuf>,
    pub(crate) out_dir: PathBuf,
    pub(crate) log: Arc<Mutex<File>>,
    pub(crate) log_path: PathBuf,
    pub(crate) upstream_records: PathBuf,
    pub(crate) cancel: Arc<AtomicBool>,
    pub(crate) cache_dir: PathBuf,
    pub(crate) progress: Arc<ProgressFn>,
}

impl StageContext {
    /// The path bound to input `name` (an upstream output file or directory).
    pub fn input(&self, name: &str) -> Result<&Path, StageError> {
        match self.inputs.get(name).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(many) => Err(StageError::Failed(format!(
                "input `{name}` is bound to {} stages; this kind needs exactly one",
                many.len()
            ))),
            None => Err(StageError::Failed(format!(
                "input `{name}` is not declared for stage `{}`",
                self.name
            ))),
        }
    }

    /// All paths bound to input `name` (several for a fan-in over a matrix).
    pub fn inputs(&self, name: &str) -> &[PathBuf] {
        self.inputs.get(name).map_or(&[], Vec::as_slice)
    }

    pub fn input_names(&self) -> impl Iterator<Item = &str> {
        self.inputs.keys().map(String::as_str)
    }

    /// The records (parameters, metrics, keys) of every stage upstream of
    /// this one, as they were when it started; for kinds that declare
    /// `Stage::READS_RECORDS`. Only the bound outputs are
    /// part of this stage's key, so a kind reading records should bind the
    /// stages whose records it reports (see the `report` kind).
    pub fn upstream_records(&self) -> Result<Vec<StageRecord>, StageError> {
        let bytes = std::fs::read(&self.upstream_records)?;
        serde_json::from_slice(&bytes)
            .map_err(|e| StageError::Failed(format!("{}: {e}", self.upstream_records.display())))
    }

    pub fn deps(&self) -> &[PathBuf] {
        &self.deps
    }

    /// Where the stage writes its outputs (one file or directory per output name).
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    pub fn output(&self, name: &str) -> PathBuf {
        self.out_dir.join(name)
    }

    /// The stage's log file (for commands whose output is captured into it).
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// A shared handle to the log file.
    pub fn log_file(&self) -> io::Result<File> {
        self.log.lock().expect("log lock").try_clone()
    }

    /// Writes a line to the stage log (and to the trace at debug level).
    pub fn log(&self, line: impl AsRef<str>) {
        let line = line.as_ref();
        tracing::debug!(stage = %self.name, "{line}");
        let mut log = self.log.lock().expect("log lock");
        let _ = writeln!(log, "{line}");
    }

    /// Reports progress of the stage's own work (`pos` of `len`, with a message).
    pub fn progress(&self, message: &str, pos: u64, len: u64) {
        (self.progress)(message, pos, len)
    }

    /// True once the user asked to stop (Ctrl-C); long work should check it.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub fn cancel_flag(&self) -> &Arc<AtomicBool> {
        &self.cancel
    }

    /// Records a child process group this stage started, so that a later run
    /// can stop it if this process is killed before the child ends.
    pub fn track_process_group(&self, pgid: u32) -> super::procs::ProcessGuard {
        super::procs::ProcessGuard::register(&self.cache_dir, pgid)
    }

    /// Fails with `Cancelled` if the user asked to stop.
    pub fn check_cancelled(&self) -> Result<(), StageError> {
        if self.cancelled() {
            return Err(StageError::Cancelled);
        }
        Ok(())
    }
}
