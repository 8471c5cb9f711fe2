//! A loaded project: the validated pipeline, its DAG, every stage configured
//! against its kind, and the store. Computes stage keys.

use super::order::{StagePlace, UPSTREAM_RECORDS};
use super::stage::{ConfigError, Configured, Registry};
use super::stage::{ProgressFn, StageContext};
use super::EngineError;
use crate::graph::Dag;
use crate::spec::{self, Pipeline, StageDef};
use crate::store::{
    BlobDigest, Db, InputMaterial, KeyMaterial, StageKey, StageRecord, Store, StoreError,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

pub struct Project {
    pub pipeline: Pipeline,
    pub dag: Dag,
    pub stages: Vec<Configured>,
    pub store: Store,
}

impl Project {
    /// Loads and validates everything that can be checked without running:
    /// syntax, kinds, parameters, the graph, output references and deps.
    pub fn load(file: &std::path::Path, registry: &Registry) -> Result<Project, EngineError> {
        Project::load_with(file, registry, &[])
    }

    /// [`Project::load`] with `-S` parameter overrides applied.
    pub fn load_with(
        file: &std::path::Path,
        registry: &Registry,
        overrides: &[spec::Override],
    ) -> Result<Project, EngineError> {
        let pipeline = spec::load_with(file, overrides)?;
        let dag = Dag::build(&pipeline)?;
        let mut stages = Vec::with_capacity(pipeline.stages.len());
        for decl in &pipeline.stages {
            let configured = registry.configure(decl).map_err(|e| match e {
                ConfigError::Located(m) => EngineError::Invalid(m),
                ConfigError::Plain(m) => {
                    EngineError::Invalid(with_overrides(decl, located(&pipeline, decl.line, m)))
                }
            })?;
            stages.push(configured);
        }
        let project = Project {
            store: Store::new(&pipeline.root),
            pipeline,
            dag,
            stages,
        };
        project.check_references()?;
        Ok(project)
    }

    /// Every `stage.output` input names a real output.
    fn check_references(&self) -> Result<(), EngineError> {
        for (i, decl) in self.pipeline.stages.iter().enumerate() {
            for binding in &self.dag.bindings[i] {
                for source in &binding.sources {
                    let Some(out) = &source.output else { continue };
                    let upstream = &self.stages[source.stage];
                    if !upstream.outputs.contains(out) {
                        let message = format!(
                            "stage `{}` input `{}` wants output `{out}` of `{}`, which has outputs: {}",
                            decl.name,
                            binding.name,
                            self.pipeline.stages[source.stage].name,
                            upstream.outputs.join(", ")
                        );
                        return Err(EngineError::Invalid(located(
                            &self.pipeline,
                            decl.line,
                            message,
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// Deps of stage `i` that do not exist. `status` and `--dry-run` report
    /// them as a reason; `run` refuses to start (see [`Project::check_deps`]).
    pub fn missing_deps(&self, i: usize) -> Vec<&str> {
        self.pipeline.stages[i]
            .deps
            .iter()
            .filter(|d| !self.pipeline.root.join(d).exists())
            .map(String::as_str)
            .collect()
    }

    /// Fails, naming the first one, if a selected stage's dep does not exist.
    pub fn check_deps(
        &self,
        selected: &std::collections::BTreeSet<usize>,
    ) -> Result<(), EngineError> {
        for &i in selected {
            if let Some(dep) = self.missing_deps(i).first() {
                let decl = &self.pipeline.stages[i];
                let message = format!(
                    "stage `{}` dep `{dep}` does not exist (create it, or fix the path)",
                    decl.name
                );
                return Err(EngineError::Invalid(located(
                    &self.pipeline,
                    decl.line,
                    message,
                )));
            }
        }
        Ok(())
    }

    pub fn name(&self, i: usize) -> &str {
        &self.pipeline.stages[i].name
    }

    /// Index of the stage called `name` (an instance name).
    pub fn index(&self, name: &str) -> Option<usize> {
        self.pipeline.stages.iter().position(|s| s.name == name)
    }

    /// The key material of stage `i`, given the current records of its
    /// upstream stages. Sources missing from `upstream` (not yet run) are
    /// left out; the material is then incomplete and yields no key.
    pub fn material(
        &self,
        db: &Db,
        i: usize,
        upstream: &BTreeMap<usize, StageRecord>,
    ) -> Result<KeyMaterial, StoreError> {
        let decl = &self.pipeline.stages[i];
        let configured = &self.stages[i];
        let mut inputs = BTreeMap::new();
        for binding in &self.dag.bindings[i] {
            let materials = binding
                .sources
                .iter()
                .filter_map(|source| {
                    let record = upstream.get(&source.stage)?;
                    let mut content = record.output_digests();
                    if let Some(out) = &source.output {
                        content.retain(|name, _| name == out);
                    }
                    Some(InputMaterial {
                        stage: record.stage.clone(),
                        output: source.output.clone(),
                        upstream_key: Some(record.key),
                        content,
                    })
                })
                .collect();
            inputs.insert(binding.name.clone(), materials);
        }
        let mut deps = BTreeMap::new();
        for dep in decl
            .deps
            .iter()
            .filter(|d| self.pipeline.root.join(d).exists())
        {
            deps.insert(
                dep.clone(),
                self.store.hash_path(db, &self.pipeline.root.join(dep))?,
            );
        }
        Ok(key_material(decl, configured, inputs, deps))
    }

    /// Stage `i` and where it runs (paths as this runner sees them).
    pub fn place(&self, i: usize) -> StagePlace {
        StagePlace {
            decl: self.pipeline.stages[i].clone(),
            pipeline: self.pipeline.name.clone(),
            root: self.pipeline.root.clone(),
            inputs: self.input_paths(i),
            cache_dir: self.store.cache_dir(),
        }
    }

    /// The context stage `i` runs in: outputs under `work_dir/out`, its log
    /// appended to `work_dir/log` (both created).
    pub fn context(
        &self,
        i: usize,
        work_dir: &Path,
        cancel: Arc<AtomicBool>,
        progress: Arc<ProgressFn>,
        threads: usize,
    ) -> Result<StageContext, StoreError> {
        let env = self.stages[i].env.clone();
        self.place(i)
            .context(env, work_dir, cancel, progress, threads)
    }

    /// Saves the records of every stage upstream of `i` (all current) in
    /// its work directory, for kinds that read them (`report`); a file, so
    /// that a stage running in a Slurm worker sees them too.
    pub fn write_upstream_records(
        &self,
        i: usize,
        work_dir: &Path,
        current: &BTreeMap<usize, StageRecord>,
    ) -> Result<(), StoreError> {
        let records: Vec<&StageRecord> = self
            .dag
            .ancestors(i)
            .iter()
            .filter_map(|u| current.get(u))
            .collect();
        let path = work_dir.join(UPSTREAM_RECORDS);
        let json = serde_json::to_vec(&records).expect("serializable");
        std::fs::write(&path, json).map_err(|e| StoreError::Io(path, e))
    }

    /// Input paths of stage `i`, as the running stage sees them: views of
    /// the upstream outputs under `out/`.
    pub fn input_paths(&self, i: usize) -> BTreeMap<String, Vec<PathBuf>> {
        self.dag.bindings[i]
            .iter()
            .map(|b| {
                let paths = b
                    .sources
                    .iter()
                    .map(|s| {
                        let view = self.store.view_dir(self.name(s.stage));
                        s.output.as_ref().map_or(view.clone(), |o| view.join(o))
                    })
                    .collect();
                (b.name.clone(), paths)
            })
            .collect()
    }
}

/// What stage `decl`, configured as `configured`, is keyed by, given the
/// content of its inputs and deps: the one place a key's parts are listed,
/// for the runner and for the worker that checks its order.
pub fn key_material(
    decl: &StageDef,
    configured: &Configured,
    inputs: BTreeMap<String, Vec<InputMaterial>>,
    deps: BTreeMap<String, BlobDigest>,
) -> KeyMaterial {
    KeyMaterial {
        kind: configured.kind.to_string(),
        kind_version: configured.version,
        params: decl.params.clone(),
        inputs,
        deps,
        outs: configured.outputs.clone(),
        seed: decl.seed,
        env: configured.env.clone(),
        unpinned: configured.unpinned.clone(),
    }
}

/// The stage key: a blake3 digest of the key material in canonical JSON
/// (sorted keys). The upstream record keys are left out, so a stage whose
/// inputs re-ran but came out identical keeps its key (early cutoff).
pub fn stage_key(material: &KeyMaterial) -> StageKey {
    let mut canonical = material.clone();
    for sources in canonical.inputs.values_mut() {
        for s in sources {
            s.upstream_key = None;
        }
    }
    StageKey::of(&serde_json::to_vec(&canonical).expect("serializable"))
}

/// A kind's objection to a stage's parameters, with the `-S` arguments that
/// changed them (the objection may be to their values).
fn with_overrides(decl: &spec::StageDef, message: String) -> String {
    if decl.overrides.is_empty() {
        return message;
    }
    let args: Vec<String> = decl.overrides.iter().map(|o| o.display()).collect();
    format!(
        "{message}\n  = note: with {} (fix or drop it)",
        args.join(" ")
    )
}

fn located(pipeline: &Pipeline, line: usize, message: String) -> String {
    format!("{}:{line}: {message}", pipeline.file.display())
}
