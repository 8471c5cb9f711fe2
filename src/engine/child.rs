//! Local stages in their own process: a stage whose kind asks for it
//! (`Stage::OWN_PROCESS`) runs as `lingcn worker` under this runner, which
//! forwards the worker's progress, sends its stderr to the stage log and
//! stops it on cancellation. The worker dies with the runner (PDEATHSIG),
//! and only the runner commits, so a kill leaves no record behind.

use super::order::WorkOrder;
use super::procs;
use super::stage::{ProgressFn, StageContext, StageError};
use super::worker::{read_result, Invocation, ProgressLine};
use serde_json::Value as Json;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `order` (the stage of `ctx`) with `exe worker`, waits for it,
/// returns its metrics.
pub fn run(exe: &Path, order: &WorkOrder, ctx: &StageContext) -> Result<Json, StageError> {
    let work_dir = ctx.out_dir().parent().expect("work dir holds out/");
    let invocation = Invocation::hand_over(order, work_dir, Some(ctx.threads), true)?;
    let mut command = Command::new(exe);
    command
        .args(&invocation.args)
        .envs(invocation.env)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(ctx.log_file()?);
    let (mut child, _guard) = procs::spawn_group(&mut command, ctx).map_err(|e| {
        StageError::Failed(format!("cannot start the worker {}: {e}", exe.display()))
    })?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let progress = ctx.progress.clone();
    let forwarder = std::thread::spawn(move || forward_progress(stdout, &*progress));
    let status = procs::wait_group(&mut child, ctx);
    let _ = forwarder.join();
    let status = status?;
    read_result(work_dir).unwrap_or_else(|| {
        Err(StageError::Failed(format!(
            "the worker process {} without a result (out of memory? see the stage log)",
            procs::describe_exit(&status)
        )))
    })
}

/// Passes the worker's progress lines on until it closes its stdout.
fn forward_progress(stdout: impl Read, progress: &ProgressFn) {
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { return };
        if let Ok(p) = serde_json::from_str::<ProgressLine>(&line) {
            progress(&p.message, p.pos, p.len);
        }
    }
}
