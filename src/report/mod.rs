//! The paper's tables and figures, built from stage records only (never by
//! re-running anything). One row per HE-ready model (a `polyreplace` run):
//! its chain of records is followed through their inputs, upstream to the
//! `linearize` run (lambda, gates) and the ReLU baseline (`train`),
//! downstream to its `fuse` plan (depth, CKKS parameters, op counts) and
//! `he-eval` run (encrypted accuracy and latency).

mod chain;
mod figures;
mod interval;
mod table;

pub use figures::{render_frontier, render_gates};
pub use table::{
    check, csv, estimates_markdown, markdown, table_markdown, CellDiff, Column, COLUMNS,
};

use crate::store::StageRecord;

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report {
    pub rows: Vec<Row>,
    pub provenance: Provenance,
}

/// One configuration: the ReLU baseline, the unlinearized polynomial model
/// or one lambda of the sweep.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub config: String,
    pub model: String,
    pub lambda: Option<f64>,
    /// Kept gates per activation unit (25 nodes each), e.g. `[25, 25, 19, 6, 0, 0]`.
    pub kept_per_unit: Vec<u64>,
    /// Gates per unit and node (1 = nonlinear), for the heat map.
    pub masks: Vec<Vec<u8>>,
    pub effective_layers: Option<f64>,
    pub top1: Option<f64>,
    pub top5: Option<f64>,
    /// Validation clips top-1 and top-5 were measured on.
    pub val_samples: Option<u64>,
    /// How linearization gated the units (`node` or `layer`); None without
    /// a linearize stage.
    pub granularity: Option<String>,
    /// Whether polynomial replacement distilled from the teacher; None for
    /// a ReLU row.
    pub distilled: Option<bool>,
    pub plan: Option<PlanSummary>,
    pub he: HeOutcome,
    /// Every record the row comes from ran under its kind's pinned
    /// environment (see `KeyMaterial::portable`).
    pub portable: bool,
}

/// What the `fuse` stage planned.
#[derive(Debug, Clone, Default)]
pub struct PlanSummary {
    pub depth: u64,
    pub ring_dim: u64,
    pub log_q: u64,
    pub ct_ct_mul: u64,
    pub rotations: u64,
    /// The fixed reference cost model's latency per sample (seconds): the
    /// same on every machine.
    pub reference_s: f64,
    /// The latency per sample (seconds) estimated from op costs measured
    /// on the machine that ran the pipeline.
    pub estimated_s: Option<f64>,
    /// Clips one inference serves (lanes of the ciphertexts).
    pub clips_per_inference: u64,
}

/// What the `he-eval` stage did.
#[derive(Debug, Clone, Default)]
pub enum HeOutcome {
    /// No `he-eval` run (or not an HE model).
    #[default]
    None,
    /// Over the latency budget; the reason says by how much.
    Skipped { reason: String },
    /// Encrypted with SEAL.
    Ran {
        samples: u64,
        encrypted_top1: f64,
        agreement: f64,
        max_abs_error: f64,
        latency_s: f64,
        /// Threads the evaluation ran on (ciphertexts of a layer in parallel).
        threads: u64,
    },
    /// On the plaintext slot simulator (`backend = "sim"`): it checks the
    /// packing, and its numbers are never shown as encrypted results.
    Simulated { samples: u64, agreement: f64 },
}

/// Where the numbers come from.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    pub pipeline: String,
    pub lingcn_version: String,
    /// (stage, short key, seconds) of every record the report read.
    pub stages: Vec<(String, String, f64)>,
    /// The process environments the records ran under (e.g. libtorch's
    /// pinned numerics), each with whether it was the kind's pin.
    pub environments: Vec<(String, bool)>,
    /// When the newest of those records finished (Unix ms).
    pub finished_ms: u64,
    pub cores: usize,
}

impl Row {
    /// Activation units with at least one nonlinear node.
    pub fn kept_units(&self) -> usize {
        self.kept_per_unit.iter().filter(|&&k| k > 0).count()
    }

    /// The latency the frontier uses: measured when he-eval ran, else the
    /// reference model's estimate. The flag says whether it was measured.
    pub fn latency(&self) -> Option<(f64, bool)> {
        match (&self.he, &self.plan) {
            (HeOutcome::Ran { latency_s, .. }, _) => Some((*latency_s, true)),
            (_, Some(plan)) => Some((plan.reference_s, false)),
            _ => None,
        }
    }

    fn is_he_model(&self) -> bool {
        self.plan.is_some()
    }
}

impl Report {
    /// Builds the report from the records of one pipeline's stages.
    pub fn from_records(pipeline: &str, records: &[StageRecord], cores: usize) -> Report {
        let rows = chain::rows(records);
        let mut stages: Vec<(String, String, f64)> = records
            .iter()
            .map(|r| (r.stage.clone(), r.key.short(), r.duration_s))
            .collect();
        stages.sort_by(|a, b| a.0.cmp(&b.0));
        let mut environments: Vec<(String, bool)> = records
            .iter()
            .filter(|r| !r.material.env.is_empty())
            .map(|r| (r.material.env_text(), r.material.portable()))
            .collect();
        environments.sort();
        environments.dedup();
        let provenance = Provenance {
            pipeline: pipeline.to_string(),
            lingcn_version: records
                .iter()
                .map(|r| r.tool_version.clone())
                .max()
                .unwrap_or_default(),
            stages,
            environments,
            finished_ms: records.iter().map(|r| r.finished_ms).max().unwrap_or(0),
            cores,
        };
        Report { rows, provenance }
    }

    /// The reference model's latency of the unlinearized polynomial model,
    /// the speedup's baseline (every HE row has one).
    pub fn reference_latency(&self) -> Option<f64> {
        self.rows
            .iter()
            .filter(|r| r.is_he_model() && r.lambda.is_none())
            .find_map(|r| Some(r.plan.as_ref()?.reference_s))
    }

    /// The reference model's speedup of a row over the unlinearized model.
    pub fn speedup(&self, row: &Row) -> Option<f64> {
        let reference = self.reference_latency()?;
        Some(reference / row.plan.as_ref()?.reference_s)
    }

    /// The measured speedup of a row over the unlinearized model, when both
    /// were measured (never against an estimate).
    pub fn measured_speedup(&self, row: &Row) -> Option<f64> {
        let measured = |r: &Row| match r.he {
            HeOutcome::Ran { latency_s, .. } => Some(latency_s),
            _ => None,
        };
        let base = self
            .rows
            .iter()
            .find(|r| r.is_he_model() && r.lambda.is_none())?;
        Some(measured(base)? / measured(row)?)
    }
}

/// The files a report consists of, relative to its directory.
pub const FILES: [&str; 6] = [
    "results.md",
    "results.csv",
    "img/frontier.svg",
    "img/frontier.png",
    "img/gates.svg",
    "img/gates.png",
];

/// Writes the report into `dir`: `results.md`, `results.csv` and the figures
/// under `img/`.
pub fn write(report: &Report, dir: &std::path::Path) -> Result<(), String> {
    let img = dir.join("img");
    std::fs::create_dir_all(&img).map_err(|e| format!("{}: {e}", img.display()))?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("results.md", markdown(report))?;
    write("results.csv", csv(report))?;
    render_frontier(report, &img)?;
    render_gates(report, &img)
}
