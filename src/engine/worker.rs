//! `lingcn worker`: runs one stage in this process into a given work
//! directory and leaves `result.json` there; what a Slurm job executes.
//! It never touches the store: the runner that submitted it commits.

use super::exec::run_in_process;
use super::project::Project;
use super::slurm::write_result;
use super::EngineError;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Runs `stage` of `project` into `work_dir`; returns whether it succeeded.
pub fn run(
    project: &Project,
    stage: &str,
    work_dir: &Path,
    cancel: Arc<AtomicBool>,
) -> Result<bool, EngineError> {
    let i = project.index(stage).ok_or_else(|| {
        EngineError::Invalid(format!(
            "no stage named `{stage}` in {}",
            project.pipeline.file.display()
        ))
    })?;
    let threads = project.pipeline.stages[i].resources.cpus.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |c| c as usize,
    );
    let mut ctx = project.context(i, work_dir, cancel, Arc::new(|_: &str, _, _| {}), threads)?;
    let result = run_in_process(project, i, &mut ctx);
    write_result(work_dir, &result)
        .map_err(|e| crate::store::StoreError::Io(work_dir.to_path_buf(), e))?;
    Ok(result.is_ok())
}
