//! The pipeline specification: `pipeline.toml` and the per-stage parameter
//! files it points at, parsed, validated and expanded (one [`StageDef`] per
//! `matrix` combination). Nothing here knows what a stage kind does; kinds
//! check their own parameters later (see `engine::registry`).

mod env;
mod executor;
mod matrix;
mod overrides;
pub use env::EnvDecl;
pub use executor::{Executor, Resources};
pub use matrix::display as matrix_display;
pub use overrides::{Override, FORM as OVERRIDE_FORM};

use crate::diag::{find_key, hint_for_serde_message, Located};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// A validated, expanded pipeline.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// The `pipeline.toml` file.
    pub file: PathBuf,
    /// The project root: the directory holding `pipeline.toml` (or
    /// `[pipeline] root`, relative to it); `cache/`, `artifacts/`, `out/` and
    /// relative paths live under it.
    pub root: PathBuf,
    pub name: String,
    /// Stage instances in declaration order (matrix instances adjacent).
    pub stages: Vec<StageDef>,
    /// The `-S` overrides it was loaded with (a worker gets them too).
    pub overrides: Vec<Override>,
}

/// One stage instance. Serializable: the runner hands it, exactly as it
/// keyed it, to the worker that runs it (`engine::order`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageDef {
    /// Instance name: `train`, or `linearize[lambda=0.5]` for a matrix instance.
    pub name: String,
    /// Name of the `[stages.X]` table it comes from.
    pub base: String,
    pub kind: String,
    /// Parameters, with matrix values applied, in canonical (sorted) JSON form.
    pub params: Json,
    /// Where the parameters were written, for error messages (not handed
    /// to a worker: it gets parameters that were already checked).
    #[serde(skip)]
    pub params_origin: ParamsOrigin,
    /// Named inputs, unresolved (the graph resolves them).
    pub inputs: IndexMap<String, InputRef>,
    /// Files or directories read by the stage, relative to the root.
    pub deps: Vec<String>,
    /// Declared output names (required for `cmd`, optional otherwise).
    pub outs: Vec<String>,
    /// This instance's matrix values, in declaration order.
    pub matrix: IndexMap<String, Json>,
    pub seed: u64,
    pub desc: Option<String>,
    /// Where it runs (default: the pipeline's, else local).
    pub executor: Executor,
    /// What it asks the executor for (the pipeline's defaults filled in).
    pub resources: Resources,
    /// Environment of the stage's process: the pipeline's `env` with the
    /// stage's own on top (the kind's pinned variables are added later).
    pub env: EnvDecl,
    /// Whether the stage's own table has an `env` (kinds whose work runs
    /// inside the runner refuse it).
    pub env_declared: bool,
    /// 1-based line of the stage's table in `pipeline.toml`.
    pub line: usize,
    /// The `-S` overrides applied to `params`, in order (not handed to a
    /// worker: `params` already holds their values).
    #[serde(skip)]
    pub overrides: Vec<Override>,
}

/// Where a stage's parameters come from.
#[derive(Debug, Clone, Default)]
pub enum ParamsOrigin {
    #[default]
    None,
    /// Inline in `pipeline.toml`, within `span` (from the stage's table on).
    /// The text is shared by every stage of the file.
    Inline {
        file: PathBuf,
        source: Arc<str>,
        span: std::ops::Range<usize>,
    },
    File {
        file: PathBuf,
        source: Arc<str>,
    },
}

impl ParamsOrigin {
    /// Locates a parameter key for an error message (falls back to a plain message).
    pub fn locate(&self, key: &str, message: String) -> String {
        let (file, source, span) = match self {
            ParamsOrigin::None => return message,
            ParamsOrigin::Inline { file, source, span } => (file, source, span.clone()),
            ParamsOrigin::File { file, source } => (file, source, 0..source.len()),
        };
        let at = find_key(&source[span.clone()], key).map_or(span.start..span.start, |r| {
            r.start + span.start..r.end + span.start
        });
        Located::at(file, source, at, message).to_string()
    }
}

/// An input reference: `stage`, `stage.output`, or an exact instance
/// `stage[k=v]` / `stage[k=v].output`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputRef {
    pub stage: String,
    pub output: Option<String>,
}

impl InputRef {
    pub fn parse(raw: &str) -> Option<InputRef> {
        let (stage, output) = match raw.rfind(']') {
            Some(close) => match raw[close + 1..].strip_prefix('.') {
                Some(out) => (&raw[..=close], Some(out)),
                None if close + 1 == raw.len() => (raw, None),
                None => return None,
            },
            None => match raw.split_once('.') {
                Some((s, o)) => (s, Some(o)),
                None => (raw, None),
            },
        };
        let ok = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
        if !ok(stage) || output.is_some_and(|o| !ok(o)) {
            return None;
        }
        Some(InputRef {
            stage: stage.to_string(),
            output: output.map(str::to_string),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("{0}")]
    Located(Box<Located>),
    /// A bad command-line argument (e.g. an `-S` naming no stage).
    #[error("{0}")]
    Argument(String),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl From<Located> for SpecError {
    fn from(l: Located) -> Self {
        SpecError::Located(Box::new(l))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    pipeline: MetaSpec,
    #[serde(default)]
    stages: IndexMap<String, Spanned<StageSpec>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MetaSpec {
    name: Option<String>,
    /// The project root relative to the pipeline file's directory (for
    /// pipeline files kept in a subdirectory, e.g. `root = ".."`).
    root: Option<Spanned<String>>,
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    executor: Executor,
    #[serde(default)]
    resources: Resources,
    #[serde(default)]
    env: IndexMap<String, env::EnvValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StageSpec {
    kind: String,
    params: Option<toml::Value>,
    cmd: Option<String>,
    #[serde(default)]
    inputs: IndexMap<String, String>,
    #[serde(default)]
    deps: Vec<String>,
    #[serde(default)]
    outs: Vec<String>,
    #[serde(default)]
    matrix: IndexMap<String, Vec<toml::Value>>,
    /// One instance per instance of that (matrix) stage, with its matrix
    /// values in the name but not in this stage's params.
    for_each: Option<String>,
    seed: Option<u64>,
    desc: Option<String>,
    executor: Option<Executor>,
    #[serde(default)]
    resources: Resources,
    #[serde(default)]
    env: IndexMap<String, env::EnvValue>,
}

/// Reads and validates `file` (a `pipeline.toml`).
pub fn load(file: &Path) -> Result<Pipeline, SpecError> {
    load_with(file, &[])
}

/// Reads and validates `file` with `-S` parameter overrides applied.
pub fn load_with(file: &Path, overrides: &[Override]) -> Result<Pipeline, SpecError> {
    let source = read(file)?;
    let shared: Arc<str> = Arc::from(source.as_str());
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let spec: FileSpec = parse_toml(file, &source)?;
    let root = project_root(file, &source, dir, spec.pipeline.root.as_ref())?;
    if spec.stages.is_empty() {
        return Err(
            Located::at(file, &source, 0..0, "the pipeline defines no stages")
                .with_help(Some(
                    "add a table such as [stages.hello] with kind = \"cmd\"".into(),
                ))
                .into(),
        );
    }
    let pipeline_env = env::check(&spec.pipeline.env).map_err(|m| {
        let at = find_key(&source, "env").unwrap_or(0..0);
        Located::at(file, &source, at, m)
    })?;
    let mut stages = Vec::new();
    for (base, spanned) in &spec.stages {
        let ctx = StageCtx {
            file,
            source: &source,
            shared: &shared,
            line_starts: &line_starts,
            root: &root,
            base,
            span: spanned.span(),
            overrides,
        };
        let combos = ctx.combinations(&spec.stages, base, &mut Vec::new())?;
        let defs = ctx.expand(spanned.get_ref(), &spec.pipeline, &pipeline_env, combos)?;
        stages.extend(defs);
    }
    check_addressed(file, overrides, &stages)?;
    let name = spec.pipeline.name.unwrap_or_else(|| default_name(&root));
    Ok(Pipeline {
        file: file.to_path_buf(),
        root,
        name,
        stages,
        overrides: overrides.to_vec(),
    })
}

/// Every override names a stage (a table or an instance) of the pipeline.
fn check_addressed(
    file: &Path,
    overrides: &[Override],
    stages: &[StageDef],
) -> Result<(), SpecError> {
    let Some(o) = overrides
        .iter()
        .find(|o| !stages.iter().any(|s| o.applies_to(s)))
    else {
        return Ok(());
    };
    let names = stages
        .iter()
        .flat_map(|s| [s.base.as_str(), s.name.as_str()])
        .collect::<indexmap::IndexSet<&str>>();
    let hint = crate::diag::did_you_mean(&o.stage, names.iter().copied())
        .map(|h| format!(" (did you mean `{h}`?)"))
        .unwrap_or_default();
    let names: Vec<&str> = names.into_iter().collect();
    Err(SpecError::Argument(format!(
        "{}: {} has no stage `{}`{hint}\n  = help: name a [stages.NAME] table (all its instances) \
         or one instance as `lingcn status` shows it: {}",
        o.display(),
        file.display(),
        o.stage,
        names.join(", ")
    )))
}

/// The pipeline file's directory, or `[pipeline] root` resolved against it
/// (which must be an existing directory).
fn project_root(
    file: &Path,
    source: &str,
    dir: PathBuf,
    root: Option<&Spanned<String>>,
) -> Result<PathBuf, SpecError> {
    let Some(root) = root else { return Ok(dir) };
    let path = dir.join(root.get_ref());
    if path.is_dir() {
        return Ok(path);
    }
    let message = format!("`root` names {}, which is not a directory", path.display());
    let help = "`root` is relative to the directory of this pipeline file, e.g. root = \"..\"";
    Err(Located::at(file, source, root.span(), message)
        .with_help(Some(help.into()))
        .into())
}

fn default_name(root: &Path) -> String {
    let abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    abs.file_name()
        .map_or("pipeline".into(), |n| n.to_string_lossy().into_owned())
}

fn read(path: &Path) -> Result<String, SpecError> {
    let bytes = std::fs::read(path).map_err(|source| SpecError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e).into())
}

/// Points at the first byte that is not UTF-8 (TOML files are UTF-8).
fn not_utf8(path: &Path, e: std::string::FromUtf8Error) -> Located {
    let valid = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    // The valid prefix, plus the rest of its line made printable, to show.
    let line_end = bytes[valid..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| valid + i);
    let shown = String::from_utf8_lossy(&bytes[..line_end]).into_owned();
    Located::at(
        path,
        &shown,
        valid..valid + 1,
        "invalid UTF-8 (a TOML file must be UTF-8)",
    )
    .with_help(Some("re-save the file as UTF-8".into()))
}

/// Parses TOML into `T`, turning syntax and type errors into located errors
/// with a did-you-mean hint for misspelt keys.
pub fn parse_toml<T: serde::de::DeserializeOwned>(file: &Path, source: &str) -> Result<T, Located> {
    toml::from_str(source).map_err(|e| {
        let message = e.message().trim().to_string();
        let span = e.span().unwrap_or(0..0);
        let help = hint_for_serde_message(&message);
        Located::at(file, source, span, message).with_help(help)
    })
}

struct StageCtx<'a> {
    file: &'a Path,
    source: &'a str,
    /// `source`, shared with the stages' `ParamsOrigin`.
    shared: &'a Arc<str>,
    /// Where each line of `source` starts.
    line_starts: &'a [usize],
    root: &'a Path,
    base: &'a str,
    span: std::ops::Range<usize>,
    /// The `-S` overrides of the whole pipeline.
    overrides: &'a [Override],
}

impl StageCtx<'_> {
    fn error(&self, message: String, help: Option<String>) -> SpecError {
        Located::at(self.file, self.source, self.span.clone(), message)
            .with_help(help)
            .into()
    }

    fn error_at_key(&self, key: &str, message: String) -> SpecError {
        let region = &self.source[self.span.clone()];
        let span = match find_key(region, key) {
            Some(r) => self.span.start + r.start..self.span.start + r.end,
            None => self.span.clone(),
        };
        Located::at(self.file, self.source, span, message).into()
    }

    /// The matrix combinations of stage `base`: its own `matrix`, or those of
    /// the stage it runs `for_each` of (followed transitively).
    fn combinations(
        &self,
        stages: &IndexMap<String, Spanned<StageSpec>>,
        base: &str,
        seen: &mut Vec<String>,
    ) -> Result<Vec<IndexMap<String, Json>>, SpecError> {
        let spec = stages[base].get_ref();
        let Some(other) = &spec.for_each else {
            return matrix::combinations(&spec.matrix).map_err(|m| self.error_at_key("matrix", m));
        };
        if !spec.matrix.is_empty() {
            return Err(self.error_at_key(
                "for_each",
                "a stage has either `matrix` or `for_each`, not both".into(),
            ));
        }
        if !stages.contains_key(other) {
            let hint = crate::diag::did_you_mean(other, stages.keys().map(String::as_str));
            let hint = hint
                .map(|h| format!(" (did you mean `{h}`?)"))
                .unwrap_or_default();
            return Err(self.error_at_key(
                "for_each",
                format!("for_each = \"{other}\": no such stage{hint}"),
            ));
        }
        if seen.iter().any(|s| s == other) {
            return Err(self.error_at_key("for_each", format!("for_each loops back to `{other}`")));
        }
        seen.push(base.to_string());
        self.combinations(stages, other, seen)
    }

    fn expand(
        &self,
        spec: &StageSpec,
        meta: &MetaSpec,
        pipeline_env: &EnvDecl,
        combos: Vec<IndexMap<String, Json>>,
    ) -> Result<Vec<StageDef>, SpecError> {
        self.check_name()?;
        let stage_env = env::check(&spec.env).map_err(|m| self.error_at_key("env", m))?;
        let env = env::merge(pipeline_env, &stage_env);
        let (params, params_origin) = self.params(spec)?;
        let inputs = self.inputs(spec)?;
        self.check_outs(&spec.outs)?;
        let line = self.line_starts.partition_point(|&s| s <= self.span.start);
        let mut defs = Vec::new();
        for combo in combos {
            let mut instance_params = params.clone();
            for (key, value) in combo.iter().filter(|_| spec.for_each.is_none()) {
                matrix::set_dotted(&mut instance_params, key, value.clone())
                    .map_err(|m| self.error_at_key("matrix", m))?;
            }
            let mut def = StageDef {
                name: matrix::instance_name(self.base, &combo),
                base: self.base.to_string(),
                kind: spec.kind.clone(),
                params: instance_params,
                params_origin: params_origin.clone(),
                inputs: inputs.clone(),
                deps: spec.deps.clone(),
                outs: spec.outs.clone(),
                matrix: combo,
                seed: spec.seed.unwrap_or(meta.seed),
                desc: spec.desc.clone(),
                executor: spec.executor.unwrap_or(meta.executor),
                resources: spec.resources.or(&meta.resources),
                env: env.clone(),
                env_declared: !spec.env.is_empty(),
                line,
                overrides: Vec::new(),
            };
            overrides::apply(&mut def, self.overrides, spec.for_each.is_none())
                .map_err(SpecError::Argument)?;
            defs.push(def);
        }
        Ok(defs)
    }

    fn check_name(&self) -> Result<(), SpecError> {
        let bad = |c: char| !(c.is_alphanumeric() || "-_".contains(c));
        if self.base.chars().any(bad) {
            return Err(self.error(
                format!(
                    "stage name `{}` may only contain letters, digits, `-` and `_`",
                    self.base
                ),
                None,
            ));
        }
        Ok(())
    }

    /// Merges `params` (file or inline table) and the `cmd` shorthand into one JSON object.
    fn params(&self, spec: &StageSpec) -> Result<(Json, ParamsOrigin), SpecError> {
        let (mut table, origin) = match &spec.params {
            None => (toml::Table::new(), ParamsOrigin::None),
            Some(toml::Value::Table(t)) => (
                t.clone(),
                ParamsOrigin::Inline {
                    file: self.file.to_path_buf(),
                    source: Arc::clone(self.shared),
                    // Sub-tables ([stages.x.params]) lie outside the stage's own
                    // span, so search from its start to the end of the file.
                    span: self.span.start..self.source.len(),
                },
            ),
            Some(toml::Value::String(path)) => self.params_file(path)?,
            Some(other) => {
                return Err(self.error_at_key(
                    "params",
                    format!(
                        "`params` must be a file path or a table, found a {}",
                        other.type_str()
                    ),
                ))
            }
        };
        if let Some(cmd) = &spec.cmd {
            // Shorthand for params.cmd; kinds without a `cmd` parameter reject it.
            table.insert("cmd".into(), toml::Value::String(cmd.clone()));
        }
        let json = serde_json::to_value(&table).expect("TOML tables convert to JSON");
        Ok((json, origin))
    }

    fn params_file(&self, path: &str) -> Result<(toml::Table, ParamsOrigin), SpecError> {
        let full = self.root.join(path);
        if !full.is_file() {
            return Err(self.error_at_key(
                "params",
                format!(
                    "params file `{path}` not found (looked at {})",
                    full.display()
                ),
            ));
        }
        let source = read(&full)?;
        let table: toml::Table = parse_toml(&full, &source)?;
        let source = Arc::from(source);
        Ok((table, ParamsOrigin::File { file: full, source }))
    }

    fn inputs(&self, spec: &StageSpec) -> Result<IndexMap<String, InputRef>, SpecError> {
        let mut inputs = IndexMap::new();
        for (name, raw) in &spec.inputs {
            let parsed = InputRef::parse(raw).ok_or_else(|| {
                self.error_at_key(
                    name,
                    format!("input `{name}` = \"{raw}\" is not `stage` or `stage.output`"),
                )
            })?;
            inputs.insert(name.clone(), parsed);
        }
        Ok(inputs)
    }

    fn check_outs(&self, outs: &[String]) -> Result<(), SpecError> {
        let mut seen = BTreeSet::new();
        for out in outs {
            let plain = !out.is_empty() && !out.contains(['/', '\\']) && out != "." && out != "..";
            if !plain {
                return Err(self.error_at_key(
                    "outs",
                    format!("output name `{out}` must be a plain file name"),
                ));
            }
            if !seen.insert(out) {
                return Err(self.error_at_key("outs", format!("output `{out}` is declared twice")));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_refs() {
        let r = |s: &str| InputRef::parse(s).map(|r| (r.stage, r.output));
        assert_eq!(r("prep"), Some(("prep".into(), None)));
        assert_eq!(r("prep.data"), Some(("prep".into(), Some("data".into()))));
        assert_eq!(r("lin[lambda=0.5]"), Some(("lin[lambda=0.5]".into(), None)));
        assert_eq!(
            r("lin[lambda=0.5].ckpt"),
            Some(("lin[lambda=0.5]".into(), Some("ckpt".into())))
        );
        assert_eq!(r(""), None);
        assert_eq!(r("a b"), None);
        assert_eq!(r("lin[x=1]junk"), None);
    }
}
