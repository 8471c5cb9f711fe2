//! `kind = "linearize"` and `kind = "polyreplace"`: LinGCN's structural
//! linearization and polynomial replacement (LINGCN.md sections 3 and 4).
//!
//! - `linearize`: inputs `data` and `teacher` (a baseline checkpoint, also
//!   the student's initial weights); learns node-wise gates under the
//!   density penalty lambda. Outputs `checkpoint` and `gates.json`.
//! - `polyreplace`: inputs `data`, `student` (a linearized checkpoint, or a
//!   baseline for the all-polynomial model) and `teacher` (the baseline);
//!   gates frozen, every kept ReLU becomes a node-wise quadratic, trained by
//!   distillation. Output `checkpoint`, HE-ready.

use super::train::require_inputs;
use crate::engine::Stage;
use crate::model::{LinearizeConfig, PolyConfig};
use crate::spec::StageDef;
#[cfg(feature = "ml")]
use {
    super::checkpoint_dir,
    super::train::{load_splits, stage_seed, train_error},
    crate::engine::{Run, StageContext, StageError},
    crate::model::{linearize, linearize_student, poly_student, polyreplace, LinearizeReport},
    serde_json::{json, Value as Json},
};

pub struct Linearize;
pub struct PolyReplace;

impl Stage for Linearize {
    type Config = LinearizeConfig;
    const KIND: &'static str = "linearize";
    const VERSION: u32 = 1;
    const ABOUT: &'static str =
        "structural linearization: learn node-wise gates under a density penalty";
    const OWN_PROCESS: bool = true; // libtorch's seed and threads are process-global
    const PINNED_ENV: &'static [(&'static str, &'static str)] = super::TORCH_NUMERICS;

    fn outputs(config: &LinearizeConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        config.validate().map_err(|e| e.to_string())?;
        require_inputs(decl, &["data", "teacher"])?;
        Ok(vec!["checkpoint".into(), "gates.json".into()])
    }
}

#[cfg(feature = "ml")]
impl Run for Linearize {
    fn run(config: &LinearizeConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let (train_set, val_set) = load_splits(ctx.input("data")?)?;
        let teacher = checkpoint_dir::read_baseline(ctx.input("teacher")?, tch::Device::Cpu)?;
        let mut cfg = config.clone();
        cfg.seed = stage_seed(cfg.seed, ctx.seed);
        let mut student = linearize_student(&teacher, &cfg).map_err(checkpoint_dir::failed)?;
        ctx.log(format!(
            "linearize: lambda {}, {} epochs, seed {}",
            cfg.lambda, cfg.epochs, cfg.seed
        ));
        let progress = |msg: &str, pos: u64, len: u64| ctx.progress(msg, pos, len);
        let report = linearize(
            &mut student,
            &teacher,
            &cfg,
            &train_set,
            &val_set,
            &progress,
            ctx.cancel_flag(),
        )
        .map_err(train_error)?;
        log_report(ctx, &report);
        checkpoint_dir::write_lin(&ctx.output("checkpoint"), &student)?;
        std::fs::write(
            ctx.output("gates.json"),
            serde_json::to_vec_pretty(&report.gates).expect("serializable"),
        )?;
        Ok(metrics(&report, cfg.seed))
    }
}

impl Stage for PolyReplace {
    type Config = PolyConfig;
    const KIND: &'static str = "polyreplace";
    // 2: `init` / `fit_samples` params, `initial_top1` and `poly_init` in the report.
    // 3: `init = "relu-fit-layerwise"`, `distill`.
    const VERSION: u32 = 3;
    const ABOUT: &'static str =
        "replace kept ReLUs by node-wise quadratics, trained by distillation";
    const OWN_PROCESS: bool = true; // libtorch's seed and threads are process-global
    const PINNED_ENV: &'static [(&'static str, &'static str)] = super::TORCH_NUMERICS;

    fn outputs(config: &PolyConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        config.validate().map_err(|e| e.to_string())?;
        require_inputs(decl, &["data", "student", "teacher"])?;
        Ok(vec!["checkpoint".into()])
    }
}

#[cfg(feature = "ml")]
impl Run for PolyReplace {
    fn run(config: &PolyConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let (train_set, val_set) = load_splits(ctx.input("data")?)?;
        let teacher = checkpoint_dir::read_baseline(ctx.input("teacher")?, tch::Device::Cpu)?;
        let source = checkpoint_dir::read(ctx.input("student")?, tch::Device::Cpu)?;
        let mut cfg = config.clone();
        cfg.seed = stage_seed(cfg.seed, ctx.seed);
        let mut student = poly_student(
            &source.model.vs,
            source.model.config(),
            &cfg,
            tch::Device::Cpu,
        )
        .map_err(checkpoint_dir::failed)?;
        ctx.log(format!(
            "polyreplace: {} epochs, eta {}, seed {}",
            cfg.epochs, cfg.distillation.eta, cfg.seed
        ));
        let progress = |msg: &str, pos: u64, len: u64| ctx.progress(msg, pos, len);
        let report = polyreplace(
            &mut student,
            &teacher,
            &cfg,
            &train_set,
            &val_set,
            &progress,
            ctx.cancel_flag(),
        )
        .map_err(train_error)?;
        log_report(ctx, &report);
        checkpoint_dir::write_lin(&ctx.output("checkpoint"), &student)?;
        Ok(metrics(&report, cfg.seed))
    }
}

#[cfg(feature = "ml")]
fn log_report(ctx: &StageContext, report: &LinearizeReport) {
    if let Some(fit) = &report.poly_init {
        for u in &fit.units {
            ctx.log(format!(
                "relu-fit {}",
                serde_json::to_string(u).expect("serializable")
            ));
        }
    }
    if let Some(top1) = report.initial_top1 {
        ctx.log(format!("val top1 before training {top1:.4}"));
    }
    for e in &report.history {
        ctx.log(serde_json::to_string(e).expect("serializable"));
    }
    ctx.log(format!(
        "kept gates per unit {:?} ({:.2} effective nonlinear layers), val top1 {:.4} top5 {:.4}, {} NaN steps skipped",
        report.gates.kept_per_unit, report.gates.effective_nonlinear_layers, report.metrics.top1, report.metrics.top5, report.nan_steps
    ));
}

#[cfg(feature = "ml")]
fn metrics(report: &LinearizeReport, seed: u64) -> Json {
    json!({
        "top1": report.metrics.top1,
        "top5": report.metrics.top5,
        "kept_per_unit": report.gates.kept_per_unit,
        "effective_nonlinear_layers": report.gates.effective_nonlinear_layers,
        "density": report.gates.density,
        "depth_per_block": report.gates.depth_per_block,
        "nan_steps": report.nan_steps,
        "initial_top1": report.initial_top1,
        "seed": seed,
        "report": report,
    })
}
