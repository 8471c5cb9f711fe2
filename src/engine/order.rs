//! The work order: what a runner hands the worker that runs one of its
//! stages in another process (a local child, a Slurm job). It holds the
//! stage exactly as the runner configured and keyed it, so that the worker
//! never re-reads `pipeline.toml` or a params file: the user may have edited
//! them since (a Slurm job can wait in the queue for hours), and the runner
//! would commit the edited configuration's outputs under the old key. The
//! worker re-derives the key from the order, and re-hashes the deps, and
//! refuses on a mismatch.

use super::project::{key_material, stage_key};
use super::stage::{ConfigError, Configured, ProgressFn, Registry, StageContext};
use crate::spec::{EnvDecl, StageDef};
use crate::store::{hash_path_uncached, KeyMaterial, StageKey, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// The file holding the order in the stage's work directory.
pub const ORDER: &str = "order.json";

/// The file in a stage's work directory holding its upstream records.
pub const UPSTREAM_RECORDS: &str = "upstream-records.json";

/// A stage instance and where it runs: what its context is made of.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StagePlace {
    pub decl: StageDef,
    /// The pipeline's name (`[pipeline] name`).
    pub pipeline: String,
    pub root: PathBuf,
    /// Input name -> the upstream output views bound to it.
    pub inputs: BTreeMap<String, Vec<PathBuf>>,
    pub cache_dir: PathBuf,
}

impl StagePlace {
    /// The context the stage runs in: outputs under `work_dir/out`, its log
    /// appended to `work_dir/log` (both created).
    pub fn context(
        &self,
        env: EnvDecl,
        work_dir: &Path,
        cancel: Arc<AtomicBool>,
        progress: Arc<ProgressFn>,
        threads: usize,
    ) -> Result<StageContext, StoreError> {
        let out_dir = work_dir.join("out");
        std::fs::create_dir_all(&out_dir).map_err(|e| StoreError::Io(out_dir.clone(), e))?;
        let log_path = work_dir.join("log");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|e| StoreError::Io(log_path.clone(), e))?;
        Ok(StageContext {
            name: self.decl.name.clone(),
            pipeline: self.pipeline.clone(),
            root: self.root.clone(),
            seed: self.decl.seed,
            threads,
            env,
            inputs: self.inputs.clone(),
            deps: self.decl.deps.iter().map(|d| self.root.join(d)).collect(),
            out_dir,
            log: Arc::new(Mutex::new(log)),
            log_path,
            upstream_records: work_dir.join(UPSTREAM_RECORDS),
            cancel,
            cache_dir: self.cache_dir.clone(),
            progress,
        })
    }

    /// The same place with absolute paths: a Slurm job starts in another
    /// directory than the runner.
    fn absolute(mut self) -> StagePlace {
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        self.root = abs(&self.root);
        self.cache_dir = abs(&self.cache_dir);
        for paths in self.inputs.values_mut() {
            for p in paths {
                *p = abs(p);
            }
        }
        self
    }
}

/// A stage as keyed by the runner, for a worker to run.
#[derive(Debug, Serialize, Deserialize)]
pub struct WorkOrder {
    pub key: StageKey,
    /// The key material: the worker cannot recompute the input and dep
    /// digests (it has no database), so it takes them from here.
    pub material: KeyMaterial,
    pub place: StagePlace,
}

impl WorkOrder {
    pub fn new(place: StagePlace, key: StageKey, material: KeyMaterial) -> WorkOrder {
        WorkOrder {
            key,
            material,
            place: place.absolute(),
        }
    }

    /// Writes the order into `work_dir` atomically (temp file, rename).
    pub fn write(&self, work_dir: &Path) -> std::io::Result<()> {
        let tmp = work_dir.join(format!("{ORDER}.tmp"));
        std::fs::write(&tmp, serde_json::to_vec(self).expect("serializable"))?;
        std::fs::rename(tmp, work_dir.join(ORDER))
    }

    pub fn read(work_dir: &Path) -> Result<WorkOrder, String> {
        let path = work_dir.join(ORDER);
        let bytes = std::fs::read(&path).map_err(|e| {
            format!(
                "{}: {e} (a worker runs only stages handed to it by `lingcn run`)",
                path.display()
            )
        })?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Configures the ordered stage, checking that it is the one the runner
    /// asked for (`key`) and that what this executable would run hashes to
    /// that key: parameters, kind version, outputs, seed and environment.
    pub fn configure(&self, registry: &Registry, key: &StageKey) -> Result<Configured, String> {
        let decl = &self.place.decl;
        if self.key != *key {
            return Err(format!(
                "the work order for stage `{}` has key {}, but the runner asked for {key}",
                decl.name, self.key
            ));
        }
        let configured = registry.configure(decl).map_err(|e| match e {
            ConfigError::Located(m) | ConfigError::Plain(m) => m,
        })?;
        let material = key_material(
            decl,
            &configured,
            self.material.inputs.clone(),
            self.material.deps.clone(),
        );
        let ran = stage_key(&material);
        if ran != *key {
            return Err(format!(
                "stage `{}`: the configuration handed to this worker hashes to {ran}, \
                 not to its key {key}; refusing to run it (start workers through `lingcn run`)",
                decl.name
            ));
        }
        self.check_deps()?;
        Ok(configured)
    }

    /// The deps must still be what the key was computed from: the stage
    /// reads them by path when it runs, possibly hours later under Slurm.
    fn check_deps(&self) -> Result<(), String> {
        for (dep, keyed) in &self.material.deps {
            let now = hash_path_uncached(&self.place.root.join(dep)).map_err(|e| e.to_string())?;
            if now != *keyed {
                return Err(format!(
                    "stage `{}`: dep `{dep}` changed after `lingcn run` keyed the stage \
                     (digest {} then, {} now); refusing to run it under the old key: \
                     run `lingcn run` again",
                    self.place.decl.name,
                    keyed.short(),
                    now.short()
                ));
            }
        }
        Ok(())
    }
}
