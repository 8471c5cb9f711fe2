//! The Slurm executor: a stage becomes a batch job that runs `lingcn worker`
//! on a node. The worker writes the stage's outputs into the stage's work
//! directory and a `result.json`; the runner, on the submitting machine,
//! then commits them exactly as it commits a local run (same keys, same
//! atomic protocol). A job that ends without `result.json` (time limit, node
//! failure, scancel) fails the stage and leaves no record.
//!
//! Assumes a shared filesystem: the project (its `cache/` and `artifacts/`)
//! and the `lingcn` binary are visible at the same paths on every node.

use super::jobs::JobGuard;
use super::order::WorkOrder;
use super::stage::{StageContext, StageError};
use super::worker::Invocation;
use serde_json::Value as Json;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Submits stage `i`, waits for its job, returns its metrics. The job runs
/// `exe worker` (default: this executable).
pub fn run(exe: Option<&Path>, order: &WorkOrder, ctx: &StageContext) -> Result<Json, StageError> {
    let work_dir = ctx
        .out_dir()
        .parent()
        .expect("work dir holds out/")
        .to_path_buf();
    let script = write_script(exe, order, &work_dir)?;
    let id = submit(&script)?;
    ctx.log(format!("submitted slurm job {id}"));
    let _job = JobGuard::register(&order.place.cache_dir, &ctx.name, Some(&id));
    let state = wait(&id, ctx)?;
    read_result(&work_dir, &id, &state)
}

fn write_script(
    exe: Option<&Path>,
    order: &WorkOrder,
    work_dir: &Path,
) -> Result<std::path::PathBuf, StageError> {
    let abs = |p: &Path| std::fs::canonicalize(p).map_err(StageError::Io);
    let exe = match exe {
        Some(exe) => exe.to_path_buf(),
        None => std::env::current_exe()?,
    };
    let work = abs(work_dir)?;
    let decl = &order.place.decl;
    let mut text = String::from("#!/bin/sh\n");
    text.push_str(&format!("#SBATCH --job-name=lingcn:{}\n", decl.name));
    text.push_str(&format!(
        "#SBATCH --output={}\n#SBATCH --open-mode=append\n",
        work.join("log").display()
    ));
    text.push_str(&format!(
        "#SBATCH --chdir={}\n",
        abs(&order.place.root)?.display()
    ));
    for arg in decl.resources.sbatch_args() {
        text.push_str(&format!("#SBATCH {arg}\n"));
    }
    let invocation = Invocation::hand_over(order, &work, None, false)?;
    for (name, value) in &invocation.env {
        text.push_str(&format!("export {name}={}\n", quote(value)));
    }
    let args: Vec<String> = invocation
        .args
        .iter()
        .map(|a| quote(&a.to_string_lossy()))
        .collect();
    text.push_str(&format!(
        "exec {} {}\n",
        quote(&exe.to_string_lossy()),
        args.join(" ")
    ));
    let path = work.join("job.sh");
    std::fs::write(&path, text)?;
    Ok(path)
}

fn submit(script: &Path) -> Result<String, StageError> {
    let out = Command::new("sbatch")
        .arg("--parsable")
        .arg(script)
        .output()
        .map_err(|e| {
            StageError::Failed(format!("cannot run sbatch ({e}); is Slurm installed here?"))
        })?;
    if !out.status.success() {
        return Err(StageError::Failed(format!(
            "sbatch refused the job: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let id = String::from_utf8_lossy(&out.stdout)
        .trim()
        .split(';')
        .next()
        .unwrap_or("")
        .to_string();
    if id.is_empty() {
        return Err(StageError::Failed("sbatch printed no job id".into()));
    }
    Ok(id)
}

/// Polls until the job leaves the queue; on Ctrl-C cancels it. Returns the
/// final state (e.g. COMPLETED, FAILED, TIMEOUT, CANCELLED, NODE_FAIL).
fn wait(id: &str, ctx: &StageContext) -> Result<String, StageError> {
    let mut nap = Duration::from_millis(200);
    let mut last = String::new();
    loop {
        if ctx.cancelled() {
            cancel(id);
            return Err(StageError::Cancelled);
        }
        let state = job_state(id);
        if state != last {
            ctx.log(format!("slurm job {id}: {state}"));
            ctx.progress(&format!("slurm job {id} {state}"), 0, 1);
            last = state.clone();
        }
        if is_final(&state) {
            return Ok(state);
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_secs(2));
    }
}

/// The job's state: from `squeue` while queued or running, then from
/// `scontrol show job` (which works without accounting); `sacct` last.
pub fn job_state(id: &str) -> String {
    let run = |cmd: &mut Command| {
        cmd.output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    if let Some(s) =
        run(Command::new("squeue").args(["-h", "-j", id, "-o", "%T"])).map(|s| s.trim().to_string())
    {
        if !s.is_empty() && !is_final(&s) {
            return s;
        }
    }
    if let Some(text) = run(Command::new("scontrol").args(["show", "job", id])) {
        if let Some(state) = text
            .split_whitespace()
            .find_map(|w| w.strip_prefix("JobState="))
        {
            return state.to_string();
        }
    }
    run(Command::new("sacct").args(["-n", "-X", "-P", "-o", "State", "-j", id]))
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "UNKNOWN".into())
}

fn is_final(state: &str) -> bool {
    [
        "COMPLETED",
        "FAILED",
        "TIMEOUT",
        "CANCELLED",
        "NODE_FAIL",
        "OUT_OF_MEMORY",
        "PREEMPTED",
        "BOOT_FAIL",
        "DEADLINE",
        "UNKNOWN",
    ]
    .iter()
    .any(|f| state.starts_with(f))
}

/// Cancels a job (best effort).
pub fn cancel(id: &str) {
    let _ = Command::new("scancel").arg(id).status();
}

fn read_result(work_dir: &Path, id: &str, state: &str) -> Result<Json, StageError> {
    match super::worker::read_result(work_dir) {
        None => Err(StageError::Failed(format!(
            "slurm job {id} ended {state} without a result (time limit, memory, node failure or scancel)"
        ))),
        // Say how the job ended when Slurm ended it (time limit, memory, scancel).
        Some(Err(StageError::Failed(message))) if !matches!(state, "COMPLETED" | "FAILED") => Err(
            StageError::Failed(format!("slurm job {id} {state}: {message}")),
        ),
        Some(result) => result,
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
