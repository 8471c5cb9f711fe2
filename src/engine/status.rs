//! Whether each stage is up to date, and if not, why: the difference between
//! what the stage would be keyed on now and what its last run was keyed on.

use super::project::{stage_key, Project};
use super::EngineError;
use crate::spec::matrix_display;
use crate::store::{Db, KeyMaterial, OutputsState, StageKey, StageRecord};
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    UpToDate,
    Stale,
    NeverRun,
    Failed,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::UpToDate => "up to date",
            State::Stale => "stale",
            State::NeverRun => "never run",
            State::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StageStatus {
    pub stage: String,
    pub state: State,
    pub reasons: Vec<String>,
    /// The current key, when all inputs are known.
    pub key: Option<String>,
    /// Set while a run is executing the stage: `running locally (pid N)` or
    /// `slurm job N RUNNING`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running: Option<String>,
    /// The `-S` arguments applied to the stage's parameters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<String>,
}

/// The evaluation of one stage against the store.
pub struct Evaluation {
    pub material: KeyMaterial,
    /// `None` while an upstream stage still has to run.
    pub key: Option<StageKey>,
    /// A successful record for the current key with intact outputs.
    pub cached: Option<StageRecord>,
    pub status: StageStatus,
}

/// Evaluates stage `i` given the current records of the upstream stages that
/// are up to date (`current`); upstream stages not in `current` are pending.
pub fn evaluate(
    project: &Project,
    db: &Db,
    i: usize,
    current: &BTreeMap<usize, StageRecord>,
) -> Result<Evaluation, EngineError> {
    let name = project.name(i).to_string();
    let material = project.material(db, i, current)?;
    let pending: BTreeSet<usize> = project
        .dag
        .upstream(i)
        .filter(|u| !current.contains_key(u))
        .collect();
    let head = db.head_record(&name)?;
    let mut reasons: Vec<String> = pending
        .iter()
        .map(|&u| format!("upstream `{}` will run first", project.name(u)))
        .collect();
    let missing = project.missing_deps(i);
    reasons.extend(
        missing
            .iter()
            .map(|d| format!("dep `{d}` does not exist (create it before running)")),
    );
    let key = (pending.is_empty() && missing.is_empty()).then(|| stage_key(&material));
    let mut cached = None;
    let state = match key {
        Some(key) => match db.record(&key)? {
            Some(record) => match project.store.check_outputs(db, &record)? {
                OutputsState::Intact => {
                    if head.as_ref().is_some_and(|h| h.key != key) {
                        reasons.push("matches an earlier cached run".into());
                    }
                    cached = Some(record.as_stage(&name));
                    State::UpToDate
                }
                OutputsState::Missing(out) => {
                    reasons.push(format!("output `{out}` missing"));
                    State::Stale
                }
                OutputsState::Corrupt(out) => {
                    reasons.push(format!("output `{out}` corrupt"));
                    State::Stale
                }
            },
            None => match &head {
                Some(h) if h.key == key && h.status == crate::store::RunStatus::Failed => {
                    reasons.push(first_line(h.error.as_deref().unwrap_or("failed")));
                    State::Failed
                }
                Some(h) => {
                    let changes = explain(&material, &h.material, &pending);
                    if changes.is_empty() {
                        reasons.push("no cached result for the current key".into());
                    }
                    reasons.extend(changes);
                    State::Stale
                }
                None => State::NeverRun,
            },
        },
        None => match &head {
            Some(h) => {
                reasons.extend(explain(&material, &h.material, &pending));
                State::Stale
            }
            None => State::NeverRun,
        },
    };
    let overrides = &project.pipeline.stages[i].overrides;
    annotate_overrides(&mut reasons, overrides);
    let status = StageStatus {
        stage: name,
        state,
        reasons,
        key: key.map(|k| k.hex()),
        running: None,
        overrides: overrides.iter().map(|o| o.display()).collect(),
    };
    Ok(Evaluation {
        material,
        key,
        cached,
        status,
    })
}

/// Status of every stage in `selected`, upstream first.
pub fn status(
    project: &Project,
    db: &Db,
    selected: &BTreeSet<usize>,
) -> Result<Vec<StageStatus>, EngineError> {
    status_forced(project, db, selected, &BTreeSet::new())
}

/// Like [`status`], with the `forced` stages counted as about to re-run.
pub fn status_forced(
    project: &Project,
    db: &Db,
    selected: &BTreeSet<usize>,
    forced: &BTreeSet<usize>,
) -> Result<Vec<StageStatus>, EngineError> {
    let (mut out, _) = evaluate_all(project, db, selected, forced)?;
    for job in super::jobs::running(&project.store.cache_dir()) {
        if let Some(s) = out.iter_mut().find(|s| s.stage == job.stage) {
            s.running = Some(match &job.slurm_job {
                Some(id) => format!("slurm job {id} {}", super::slurm::job_state(id)),
                None => format!("running locally (lingcn run pid {})", job.runner_pid),
            });
        }
    }
    Ok(out)
}

/// The record of every selected stage that is up to date (by stage index),
/// and the status of every selected stage: what readers of results, such as
/// `lingcn report`, use instead of re-running anything.
pub fn current_records(
    project: &Project,
    db: &Db,
    selected: &BTreeSet<usize>,
) -> Result<(BTreeMap<usize, StageRecord>, Vec<StageStatus>), EngineError> {
    let (statuses, current) = evaluate_all(project, db, selected, &BTreeSet::new())?;
    Ok((current, statuses))
}

fn evaluate_all(
    project: &Project,
    db: &Db,
    selected: &BTreeSet<usize>,
    forced: &BTreeSet<usize>,
) -> Result<(Vec<StageStatus>, BTreeMap<usize, StageRecord>), EngineError> {
    let mut current = BTreeMap::new();
    let mut out = Vec::new();
    for &i in project.dag.order.iter().filter(|i| selected.contains(i)) {
        let mut eval = evaluate(project, db, i, &current)?;
        if forced.contains(&i) {
            eval.status.reasons.insert(0, "forced".into());
            if eval.status.state == State::UpToDate {
                eval.status.state = State::Stale;
            }
        } else if let Some(record) = eval.cached {
            current.insert(i, record);
        }
        out.push(eval.status);
    }
    Ok((out, current))
}

/// What differs between the material now and that of the last run. Inputs
/// of pending upstream stages are not compared (they are not known yet).
fn explain(now: &KeyMaterial, then: &KeyMaterial, pending: &BTreeSet<usize>) -> Vec<String> {
    let mut reasons = Vec::new();
    if now.kind != then.kind {
        reasons.push(format!("kind changed: {} -> {}", then.kind, now.kind));
    } else if now.kind_version != then.kind_version {
        reasons.push(format!(
            "kind {} implementation changed (v{} -> v{})",
            now.kind, then.kind_version, now.kind_version
        ));
    }
    diff_json("params", &then.params, &now.params, &mut reasons);
    if now.seed != then.seed {
        reasons.push(format!("seed {} -> {}", then.seed, now.seed));
    }
    explain_env(&then.env, &now.env, &mut reasons);
    if now.outs != then.outs {
        reasons.push(format!(
            "outs [{}] -> [{}]",
            then.outs.join(", "),
            now.outs.join(", ")
        ));
    }
    for (dep, digest) in &now.deps {
        match then.deps.get(dep) {
            None => reasons.push(format!("dep {dep} added")),
            Some(old) if old != digest => reasons.push(format!("dep {dep} changed")),
            _ => {}
        }
    }
    reasons.extend(
        then.deps
            .keys()
            .filter(|d| !now.deps.contains_key(*d))
            .map(|d| format!("dep {d} removed")),
    );
    for (input, sources) in &now.inputs {
        match then.inputs.get(input) {
            None => reasons.push(format!("input {input} added")),
            Some(old)
                if pending.is_empty() && old.iter().map(bound).ne(sources.iter().map(bound)) =>
            {
                let upstream: Vec<&str> = sources.iter().map(|s| s.stage.as_str()).collect();
                reasons.push(format!(
                    "input {input} changed ({} re-ran)",
                    upstream.join(", ")
                ));
            }
            _ => {}
        }
    }
    reasons.extend(
        then.inputs
            .keys()
            .filter(|k| !now.inputs.contains_key(*k))
            .map(|k| format!("input {k} removed")),
    );
    reasons
}

/// Names the `-S` argument behind each changed parameter (the last one
/// that sets it or a table holding it, as that one won).
fn annotate_overrides(reasons: &mut [String], overrides: &[crate::spec::Override]) {
    for reason in reasons.iter_mut() {
        let path = reason.split(' ').next().unwrap_or("");
        if let Some(o) = overrides.iter().rev().find(|o| o.covers(path)) {
            reason.push_str(&format!(" ({})", o.display()));
        }
    }
}

/// Changed, added and removed variables of the stage's process environment.
fn explain_env(
    then: &BTreeMap<String, Option<String>>,
    now: &BTreeMap<String, Option<String>>,
    out: &mut Vec<String>,
) {
    let show = |v: Option<&Option<String>>| match v {
        None => "unset".to_string(),
        Some(None) => "the host's".to_string(),
        Some(Some(v)) => format!("{v:?}"),
    };
    let names: BTreeSet<&String> = then.keys().chain(now.keys()).collect();
    for name in names {
        let (old, new) = (then.get(name), now.get(name));
        if old != new {
            out.push(format!("env {name}: {} -> {}", show(old), show(new)));
        }
    }
}

/// What an input is bound to, ignoring which run produced it.
fn bound(
    s: &crate::store::InputMaterial,
) -> (
    &str,
    Option<&str>,
    &BTreeMap<String, crate::store::BlobDigest>,
) {
    (&s.stage, s.output.as_deref(), &s.content)
}

/// Describes each leaf difference between two JSON values as `path old -> new`.
fn diff_json(path: &str, old: &Json, new: &Json, out: &mut Vec<String>) {
    match (old, new) {
        (Json::Object(a), Json::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                let p = format!("{path}.{k}");
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => diff_json(&p, x, y, out),
                    (None, Some(y)) => out.push(format!("{p} (unset) -> {}", show(y))),
                    (Some(x), None) => out.push(format!("{p} {} -> (unset)", show(x))),
                    (None, None) => {}
                }
            }
        }
        (a, b) if a != b => out.push(format!("{path} {} -> {}", show(a), show(b))),
        _ => {}
    }
}

fn show(v: &Json) -> String {
    let s = match v {
        Json::String(s) => format!("{s:?}"),
        other => matrix_display(other),
    };
    if s.len() > 60 {
        format!("{}...", &s[..s.floor_char_boundary(57)])
    } else {
        s
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_diff_names_leaf_paths() {
        let mut out = Vec::new();
        diff_json(
            "params",
            &json!({"lr": 0.1, "opt": {"m": 0.9}, "gone": 1}),
            &json!({"lr": 0.05, "opt": {"m": 0.9}, "new": "x"}),
            &mut out,
        );
        assert_eq!(
            out,
            [
                "params.gone 1 -> (unset)",
                "params.lr 0.1 -> 0.05",
                "params.new (unset) -> \"x\""
            ]
        );
    }
}
