//! Rows from records: each `polyreplace` record joined with the records it
//! came from and the ones that used it, by the stage names in their inputs.

use super::{HeOutcome, PlanSummary, Row};
use crate::store::StageRecord;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// The rows, in table order: ReLU baselines, unlinearized polynomial models,
/// then the linearized ones by lambda.
pub fn rows(records: &[StageRecord]) -> Vec<Row> {
    let by_name: BTreeMap<&str, &StageRecord> =
        records.iter().map(|r| (r.stage.as_str(), r)).collect();
    let of_kind = |kind: &'static str| {
        records
            .iter()
            .filter(move |r| r.material.kind == kind)
            .collect::<Vec<_>>()
    };
    let mut rows: Vec<Row> = of_kind("train")
        .into_iter()
        .map(|t| relu_row(t, &by_name))
        .collect();
    let mut he_rows: Vec<Row> = of_kind("polyreplace")
        .into_iter()
        .map(|p| he_row(p, records, &by_name))
        .collect();
    he_rows.sort_by(|a, b| {
        (a.lambda.is_some(), a.lambda.unwrap_or(0.0), &a.config)
            .partial_cmp(&(b.lambda.is_some(), b.lambda.unwrap_or(0.0), &b.config))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    rows.extend(he_rows);
    rows
}

/// The stage bound to `input` of `record` (the first, for a fan-in).
fn upstream<'a>(
    record: &StageRecord,
    input: &str,
    by_name: &BTreeMap<&str, &'a StageRecord>,
) -> Option<&'a StageRecord> {
    let source = record.material.inputs.get(input)?.first()?;
    by_name.get(source.stage.as_str()).copied()
}

/// The records of `kind` whose `input` is bound to `stage`.
fn downstream<'a>(
    records: &'a [StageRecord],
    kind: &str,
    input: &str,
    stage: &str,
) -> Option<&'a StageRecord> {
    records.iter().find(|r| {
        r.material.kind == kind
            && r.material
                .inputs
                .get(input)
                .is_some_and(|s| s.iter().any(|s| s.stage == stage))
    })
}

fn relu_row(train: &StageRecord, by_name: &BTreeMap<&str, &StageRecord>) -> Row {
    let units = train.material.params["model"]["blocks"]
        .as_array()
        .map_or(0, |b| 2 * b.len());
    Row {
        config: train.stage.clone(),
        model: model_label(train, by_name),
        kept_per_unit: vec![25; units],
        masks: vec![vec![1; 25]; units],
        effective_layers: Some(units as f64),
        top1: f64_at(&train.metrics, "top1"),
        top5: f64_at(&train.metrics, "top5"),
        val_samples: train.metrics["report"]["val_samples"].as_u64(),
        portable: portable(train, by_name),
        ..Row::default()
    }
}

/// Whether `record` and everything upstream of it ran under their kinds'
/// pinned environments.
fn portable(record: &StageRecord, by_name: &BTreeMap<&str, &StageRecord>) -> bool {
    record.material.portable()
        && record
            .material
            .inputs
            .values()
            .flatten()
            .filter_map(|source| by_name.get(source.stage.as_str()))
            .all(|up| portable(up, by_name))
}

fn he_row(
    poly: &StageRecord,
    records: &[StageRecord],
    by_name: &BTreeMap<&str, &StageRecord>,
) -> Row {
    let student = upstream(poly, "student", by_name);
    let linearized = student.filter(|s| s.material.kind == "linearize");
    let lambda = linearized.and_then(|s| s.material.params["lambda"].as_f64());
    let granularity = linearized.map(|s| {
        s.material.params["granularity"]
            .as_str()
            .unwrap_or("node")
            .to_string()
    });
    let model = upstream(poly, "teacher", by_name)
        .or(student.filter(|s| s.material.kind == "train"))
        .map(|t| model_label(t, by_name))
        .unwrap_or_default();
    let fuse = downstream(records, "fuse", "checkpoint", &poly.stage);
    let he = fuse.and_then(|f| downstream(records, "he-eval", "fused", &f.stage));
    let gates = &poly.metrics["report"]["gates"];
    Row {
        config: poly.stage.clone(),
        model,
        lambda,
        kept_per_unit: u64_list(&poly.metrics["kept_per_unit"]),
        masks: unit_masks(&gates["masks"]),
        effective_layers: f64_at(&poly.metrics, "effective_nonlinear_layers"),
        top1: f64_at(&poly.metrics, "top1"),
        top5: f64_at(&poly.metrics, "top5"),
        val_samples: poly.metrics["report"]["val_samples"].as_u64(),
        granularity,
        distilled: Some(poly.material.params["distill"].as_bool().unwrap_or(true)),
        plan: fuse.map(plan_summary),
        he: he.map_or(HeOutcome::None, he_outcome),
        portable: [Some(poly), fuse, he]
            .into_iter()
            .flatten()
            .all(|r| portable(r, by_name)),
    }
}

/// `STGCN-3 16/32/32 T=64`: the block widths and the clip length.
fn model_label(train: &StageRecord, by_name: &BTreeMap<&str, &StageRecord>) -> String {
    let blocks = train.material.params["model"]["blocks"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let widths: Vec<String> = blocks.iter().map(|b| b["out"].to_string()).collect();
    let frames = upstream(train, "data", by_name)
        .and_then(|p| p.material.params["window_len"].as_u64())
        .map(|t| format!(" T={t}"))
        .unwrap_or_default();
    format!("STGCN-{} {}{frames}", blocks.len(), widths.join("/"))
}

fn plan_summary(fuse: &StageRecord) -> PlanSummary {
    let m = &fuse.metrics;
    let u = |v: &Json| v.as_u64().unwrap_or(0);
    PlanSummary {
        depth: u(&m["depth"]),
        ring_dim: u(&m["ring_dim"]),
        log_q: u(&m["log_q"]),
        ct_ct_mul: u(&m["totals"]["ct_ct_mul"]),
        rotations: u(&m["totals"]["rotations"]),
        reference_s: m["reference_ms"].as_f64().unwrap_or(f64::NAN) / 1e3,
        estimated_s: m["latency_ms"].as_f64().map(|ms| ms / 1e3),
        clips_per_inference: u(&m["layout"]["lanes"]) / u(&m["layout"]["bodies_per_ct"]).max(1),
    }
}

fn he_outcome(he: &StageRecord) -> HeOutcome {
    let m = &he.metrics;
    if m["skipped"].as_bool() == Some(true) {
        return HeOutcome::Skipped {
            reason: m["reason"].as_str().unwrap_or("skipped").to_string(),
        };
    }
    let samples = m["samples"].as_u64().unwrap_or(0);
    if backend(he) != "seal" {
        return HeOutcome::Simulated {
            samples,
            agreement: f64_at(m, "top1_agreement").unwrap_or(f64::NAN),
        };
    }
    HeOutcome::Ran {
        samples,
        encrypted_top1: f64_at(m, "encrypted_top1").unwrap_or(f64::NAN),
        agreement: f64_at(m, "top1_agreement").unwrap_or(f64::NAN),
        max_abs_error: f64_at(m, "max_abs_error").unwrap_or(f64::NAN),
        latency_s: f64_at(m, "latency_s").unwrap_or(f64::NAN),
        threads: m["threads"].as_u64().unwrap_or(1),
    }
}

/// The backend an `he-eval` record ran on: its metrics say so (since kind
/// version 3); older records by their parameters (default `seal`), which
/// the worker ran as configured.
fn backend(he: &StageRecord) -> &str {
    he.metrics["backend"]
        .as_str()
        .or_else(|| he.material.params["backend"].as_str())
        .unwrap_or("seal")
}

/// Gate masks per block and unit flattened to one row per unit.
fn unit_masks(masks: &Json) -> Vec<Vec<u8>> {
    let Some(blocks) = masks.as_array() else {
        return Vec::new();
    };
    blocks
        .iter()
        .filter_map(Json::as_array)
        .flatten()
        .map(|unit| u64_list(unit).into_iter().map(|g| g.min(1) as u8).collect())
        .collect()
}

fn f64_at(metrics: &Json, key: &str) -> Option<f64> {
    metrics[key].as_f64()
}

fn u64_list(v: &Json) -> Vec<u64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Json::as_u64).collect())
        .unwrap_or_default()
}
