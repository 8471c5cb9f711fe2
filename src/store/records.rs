//! What the store persists about a stage run.

use super::digest::{BlobDigest, StageKey};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Everything a stage key is computed from. Kept in the record so that
/// `status` can say *what* changed, not only that the key differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyMaterial {
    pub kind: String,
    pub kind_version: u32,
    pub params: Json,
    /// Input name -> the content of what it is bound to (one entry per source).
    pub inputs: BTreeMap<String, Vec<InputMaterial>>,
    /// Dep path -> content digest (a directory's digest covers its tree).
    pub deps: BTreeMap<String, BlobDigest>,
    pub outs: Vec<String>,
    pub seed: u64,
    /// The environment the stage's process runs under (its kind's pinned
    /// variables and the pipeline's `env`): variable -> value, `None` for
    /// one left to the host. Empty for kinds whose work has no process.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, Option<String>>,
    /// Pinned variables the pipeline overrode: the outputs may differ on
    /// another machine.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unpinned: Vec<String>,
}

impl KeyMaterial {
    /// Whether the outputs are meant to be the same bytes on any machine:
    /// no pinned variable was overridden.
    pub fn portable(&self) -> bool {
        self.unpinned.is_empty()
    }

    /// The environment as `A=1 B=<host>` (a variable left to the host shows `<host>`).
    pub fn env_text(&self) -> String {
        let vars: Vec<String> = self
            .env
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_deref().unwrap_or("<host>")))
            .collect();
        vars.join(" ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputMaterial {
    pub stage: String,
    pub output: Option<String>,
    /// The upstream record's key, for display only (not hashed).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub upstream_key: Option<StageKey>,
    /// Output name -> digest of that output's content.
    pub content: BTreeMap<String, BlobDigest>,
}

/// One output of a stage: a file, or a directory of files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Output {
    File { blob: BlobDigest, size: u64 },
    Dir { files: BTreeMap<String, FileEntry> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub blob: BlobDigest,
    pub size: u64,
}

impl Output {
    /// The output's content digest: the blob for a file, a digest of the
    /// sorted (path, blob) list for a directory.
    pub fn digest(&self) -> BlobDigest {
        match self {
            Output::File { blob, .. } => *blob,
            Output::Dir { files } => {
                let listing = serde_json::to_vec(files).expect("serializable");
                BlobDigest::of(&listing)
            }
        }
    }

    /// Every blob the output refers to, with its size.
    pub fn blobs(&self) -> Vec<(BlobDigest, u64)> {
        match self {
            Output::File { blob, size } => vec![(*blob, *size)],
            Output::Dir { files } => files.values().map(|f| (f.blob, f.size)).collect(),
        }
    }

    pub fn size(&self) -> u64 {
        self.blobs().iter().map(|(_, s)| s).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Succeeded,
    Failed,
}

/// One run of one stage instance.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageRecord {
    pub key: StageKey,
    pub stage: String,
    pub status: RunStatus,
    pub material: KeyMaterial,
    pub outputs: BTreeMap<String, Output>,
    pub metrics: Json,
    /// Unix time in milliseconds.
    pub started_ms: u64,
    pub finished_ms: u64,
    pub duration_s: f64,
    pub log: Option<BlobDigest>,
    pub tool_version: String,
    /// Why it failed (with the log tail), for failed runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The `-S` arguments (`STAGE.params.KEY=VALUE`) that set parameters
    /// of the run that made this record; their values are in `material`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<String>,
}

impl StageRecord {
    /// This record as stage `name`'s: records are stored by key, and a
    /// stage whose key matches a record another stage made adopts it.
    pub fn as_stage(self, name: &str) -> StageRecord {
        StageRecord {
            stage: name.to_string(),
            ..self
        }
    }

    pub fn blobs(&self) -> impl Iterator<Item = (BlobDigest, u64)> + '_ {
        self.outputs
            .values()
            .flat_map(Output::blobs)
            .chain(self.log.map(|l| (l, 0)))
    }

    /// Output name -> content digest, as downstream keys see it.
    pub fn output_digests(&self) -> BTreeMap<String, BlobDigest> {
        self.outputs
            .iter()
            .map(|(n, o)| (n.clone(), o.digest()))
            .collect()
    }
}
