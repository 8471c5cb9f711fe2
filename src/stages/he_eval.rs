//! `kind = "he-eval"`: encrypted inference of a fused circuit (input `fused`,
//! a `fuse` stage) on validation clips (input `data`): the client generates
//! keys and encrypts, the server evaluates with evaluation keys only, the
//! client decrypts; compared with the plaintext circuit and the labels.

use super::train::require_inputs;
use crate::engine::Stage;
use crate::spec::StageDef;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ml")]
use {
    super::checkpoint_dir::failed,
    super::fuse::to_input,
    crate::engine::{Run, StageContext, StageError},
    crate::fuse::eval::{evaluate as evaluate_plain, Input},
    crate::fuse::ir::Circuit,
    crate::fuse::plan::Plan,
    crate::he::backend::{Backend, Client, Evaluator},
    crate::he::eval::{decrypt_logits, encrypt_sample, evaluate, EvalReport},
    crate::model::Dataset,
    serde_json::{json, Value as Json},
    std::time::Instant,
};

pub struct HeEval;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendChoice {
    /// Microsoft SEAL 4.0 (CKKS, real encryption).
    #[default]
    Seal,
    /// The exact plaintext slot simulator (no encryption; checks the packing).
    Sim,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeEvalConfig {
    /// Validation clips to encrypt (the first ones); 0 = all.
    #[serde(default = "default_samples")]
    pub samples: usize,
    #[serde(default)]
    pub backend: BackendChoice,
    /// Skip (and say so in the metrics) when the plan's estimated latency per
    /// sample exceeds this many seconds; needs a cost table in the plan.
    pub max_estimated_s: Option<f64>,
}

fn default_samples() -> usize {
    2
}

#[cfg(feature = "ml")]
/// One encrypted inference.
#[derive(Debug, Serialize)]
struct SampleRun {
    sample: usize,
    label: i64,
    encrypted_top1: usize,
    plaintext_top1: usize,
    max_abs_error: f64,
    encrypt_ms: f64,
    decrypt_ms: f64,
    report: EvalReport,
}

impl Stage for HeEval {
    type Config = HeEvalConfig;
    const KIND: &'static str = "he-eval";
    // 2: the time budget checks the reference cost model's estimate.
    // 3: the metrics say which backend ran (`backend`, `encrypted`).
    const VERSION: u32 = 3;
    const ABOUT: &'static str = "CKKS encrypted inference of a fused circuit on validation clips";

    fn outputs(config: &HeEvalConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        require_inputs(decl, &["fused", "data"])?;
        // The light executable leaves this to the worker, which is built with SEAL by default.
        if config.backend == BackendChoice::Seal && cfg!(all(feature = "ml", not(feature = "seal")))
        {
            return Err("backend = \"seal\" needs lingcn-worker built with the `seal` feature (or use backend = \"sim\")".into());
        }
        Ok(vec!["runs.json".into()])
    }
}

#[cfg(feature = "ml")]
impl Run for HeEval {
    fn run(config: &HeEvalConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let mut metrics = run_backend(config, ctx)?;
        // Which backend ran, so that a report never shows simulated numbers
        // as encrypted ones.
        metrics["backend"] = json!(config.backend);
        metrics["encrypted"] = json!(config.backend == BackendChoice::Seal);
        Ok(metrics)
    }
}

/// Runs the configured backend; the metrics of the run (or of the skip).
#[cfg(feature = "ml")]
fn run_backend(config: &HeEvalConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
    let fused = ctx.input("fused")?.to_path_buf();
    let plan: Plan =
        serde_json::from_slice(&std::fs::read(fused.join("plan.json"))?).map_err(failed)?;
    if let Some(skip) = over_budget(config, &plan) {
        ctx.log(skip["reason"].as_str().unwrap_or_default());
        std::fs::write(ctx.output("runs.json"), b"[]")?;
        return Ok(skip);
    }
    let circuit = Circuit::load(&fused.join("circuit.json")).map_err(failed)?;
    let val = Dataset::load_split(ctx.input("data")?, "val").map_err(failed)?;
    let n = if config.samples == 0 {
        val.len()
    } else {
        config.samples.min(val.len())
    };
    let x = val.data.narrow(0, 0, n as i64).to_kind(tch::Kind::Float);
    let labels = Vec::<i64>::try_from(val.labels.narrow(0, 0, n as i64)).map_err(failed)?;
    let input = to_input(
        &x,
        [
            circuit.input.channels,
            circuit.input.frames,
            circuit.joints,
            circuit.bodies,
        ],
    )?;
    let plain = evaluate_plain(&circuit, &input).map_err(failed)?;
    ctx.log(format!(
        "{} backend, N = {}, depth {}, {} samples",
        serde_json::to_string(&config.backend).expect("serializable"),
        plan.params.ring_dim,
        plan.depth.depth,
        n
    ));
    match config.backend {
        #[cfg(feature = "seal")]
        BackendChoice::Seal => {
            run_all::<crate::he::seal::Seal>(ctx, &circuit, &plan, &input, &plain, &labels)
        }
        #[cfg(not(feature = "seal"))]
        BackendChoice::Seal => unreachable!("refused when configured"),
        BackendChoice::Sim => {
            run_all::<crate::he::sim::Sim>(ctx, &circuit, &plan, &input, &plain, &labels)
        }
    }
}

/// The metrics of a skipped evaluation, when the plan's reference estimate
/// is over budget (the reference model, not this machine's measured costs:
/// which rows run must not depend on the machine or its load).
#[cfg(feature = "ml")]
fn over_budget(config: &HeEvalConfig, plan: &Plan) -> Option<Json> {
    let budget = config.max_estimated_s?;
    let estimate = plan.reference_ms / 1e3;
    (estimate > budget).then(|| {
        json!({
            "skipped": true,
            "reason": format!("the reference cost model estimates {estimate:.0} s per sample at N = {}, over max_estimated_s = {budget}", plan.params.ring_dim),
            "reference_latency_s": estimate,
            "estimated_latency_s": plan.latency_ms.map(|ms| ms / 1e3),
            "ring_dim": plan.params.ring_dim,
            "levels_planned": plan.depth.depth,
        })
    })
}

#[cfg(feature = "ml")]
fn run_all<B: Backend>(
    ctx: &StageContext,
    circuit: &Circuit,
    plan: &Plan,
    input: &Input,
    plain: &[f64],
    labels: &[i64],
) -> Result<Json, StageError> {
    let t = Instant::now();
    let client = B::keygen(&plan.params, &plan.rotation_steps).map_err(failed)?;
    let keys = client.eval_keys().map_err(failed)?;
    #[cfg(feature = "test-hooks")]
    write_secret_key_for_tests(&client)?;
    let server = B::server(&plan.params, &keys).map_err(failed)?;
    let key_bytes = keys_sizes(&keys);
    drop(keys); // the server holds its own copy; serialized Galois keys take GBs at N >= 16384
    let keygen_ms = t.elapsed().as_secs_f64() * 1e3;
    let classes = circuit.num_class;
    let mut runs = Vec::new();
    let mut ciphertext_bytes = 0;
    for (n, &label) in labels.iter().enumerate() {
        ctx.check_cancelled()?;
        ctx.progress("encrypted samples", n as u64, labels.len() as u64);
        let t = Instant::now();
        let cts = encrypt_sample(&client, circuit, &plan.layout, input, n).map_err(failed)?;
        let encrypt_ms = t.elapsed().as_secs_f64() * 1e3;
        if ciphertext_bytes == 0 {
            let first = cts
                .first()
                .and_then(|b| b.first())
                .and_then(|v| v.first())
                .ok_or_else(|| failed("no input ciphertext"))?;
            ciphertext_bytes = server.serialize_ct(first).map_err(failed)?.len();
        }
        let (out, report) = evaluate(&server, circuit, plan, cts).map_err(failed)?;
        let t = Instant::now();
        let logits = decrypt_logits(&client, &plan.layout, classes, &out).map_err(failed)?;
        let decrypt_ms = t.elapsed().as_secs_f64() * 1e3;
        let want = &plain[n * classes..(n + 1) * classes];
        let run = SampleRun {
            sample: n,
            label,
            encrypted_top1: argmax(&logits),
            plaintext_top1: argmax(want),
            max_abs_error: logits
                .iter()
                .zip(want)
                .fold(0f64, |m, (a, b)| m.max((a - b).abs())),
            encrypt_ms,
            decrypt_ms,
            report,
        };
        ctx.log(format!(
            "sample {n}: label {label}, encrypted top-1 {}, plaintext top-1 {}, max |error| {:.3e}, {:.1} s, output level {} (plan {})",
            run.encrypted_top1,
            run.plaintext_top1,
            run.max_abs_error,
            run.report.total_ms / 1e3,
            run.report.output_level,
            run.report.planned_depth
        ));
        runs.push(run);
    }
    std::fs::write(
        ctx.output("runs.json"),
        serde_json::to_vec_pretty(&runs).expect("serializable"),
    )?;
    Ok(summary(&runs, plan, keygen_ms, key_bytes, ciphertext_bytes))
}

/// Lets the test suite scan a project for the secret key, which otherwise
/// never leaves memory. Compiled only with the `test-hooks` feature, which
/// `cargo test` turns on (worker/Cargo.toml) and release builds never have:
/// a release binary does not even contain the variable's name.
#[cfg(feature = "test-hooks")]
fn write_secret_key_for_tests(client: &impl Client) -> Result<(), StageError> {
    if let Some(path) = std::env::var_os("LINGCN_TEST_SECRET_KEY_OUT") {
        std::fs::write(path, client.secret_key_bytes().map_err(failed)?)?;
    }
    Ok(())
}

#[cfg(feature = "ml")]
fn keys_sizes(keys: &crate::he::backend::EvalKeys) -> Json {
    json!({ "public": keys.public.len(), "relin": keys.relin.len(), "galois": keys.galois.len(), "galois_steps": keys.steps.len() })
}

#[cfg(feature = "ml")]
fn summary(
    runs: &[SampleRun],
    plan: &Plan,
    keygen_ms: f64,
    key_bytes: Json,
    ciphertext_bytes: usize,
) -> Json {
    let n = runs.len().max(1) as f64;
    let mean = |f: &dyn Fn(&SampleRun) -> f64| runs.iter().map(f).sum::<f64>() / n;
    let mut layers: Vec<Json> = Vec::new();
    if let Some(first) = runs.first() {
        for (i, layer) in first.report.layers.iter().enumerate() {
            let ms = runs.iter().map(|r| r.report.layers[i].ms).sum::<f64>() / n;
            layers.push(json!({ "label": layer.label, "ms": ms, "level": layer.level, "planned_depth": layer.planned_depth }));
        }
    }
    let levels_match = runs.iter().all(|r| {
        r.report.output_level == r.report.planned_depth
            && r.report.layers.iter().all(|l| l.level == l.planned_depth)
    });
    json!({
        "samples": runs.len(),
        "max_abs_error": runs.iter().fold(0f64, |m, r| m.max(r.max_abs_error)),
        "top1_agreement": runs.iter().filter(|r| r.encrypted_top1 == r.plaintext_top1).count() as f64 / n,
        "encrypted_top1": runs.iter().filter(|r| r.encrypted_top1 as i64 == r.label).count() as f64 / n,
        "latency_s": mean(&|r| (r.encrypt_ms + r.report.total_ms + r.decrypt_ms) / 1e3),
        "encrypt_ms": mean(&|r| r.encrypt_ms),
        "evaluate_ms": mean(&|r| r.report.total_ms),
        "decrypt_ms": mean(&|r| r.decrypt_ms),
        "layers": layers,
        "keygen_ms": keygen_ms,
        "key_bytes": key_bytes,
        "ciphertext_bytes": ciphertext_bytes,
        "ring_dim": plan.params.ring_dim,
        "levels_used": runs.first().map(|r| r.report.output_level),
        "levels_planned": plan.depth.depth,
        "levels_match_plan": levels_match,
    })
}

#[cfg(feature = "ml")]
fn argmax(v: &[f64]) -> usize {
    v.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |(i, _)| i)
}
