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
    crate::he::eval::{decrypt_logits, encrypt_clips, evaluate_pass, EvalReport},
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
    /// Skip (and say so in the metrics) when the reference cost model's
    /// latency of one inference exceeds this many seconds.
    pub max_estimated_s: Option<f64>,
    /// Fail when a decrypted logit differs from the plaintext circuit's by
    /// more than this fraction of the largest plaintext |logit|: the CKKS
    /// parameters were too tight (raise `precision.scale_bits_min` in fuse).
    #[serde(default = "default_max_relative_error")]
    pub max_relative_error: f64,
    /// Inferences evaluated together after the first (which runs alone and
    /// gives the latency): each plaintext is encoded once for all of them,
    /// and their ciphertexts are in memory together.
    #[serde(default = "default_inferences_per_pass")]
    pub inferences_per_pass: usize,
}

fn default_inferences_per_pass() -> usize {
    4
}

fn default_samples() -> usize {
    16
}

fn default_max_relative_error() -> f64 {
    1e-2
}

#[cfg(feature = "ml")]
/// One clip of an encrypted inference.
#[derive(Debug, Serialize)]
struct ClipRun {
    sample: usize,
    label: i64,
    encrypted_top1: usize,
    plaintext_top1: usize,
    max_abs_error: f64,
}

#[cfg(feature = "ml")]
/// One evaluation pass: one or more inferences (each the clips packed into
/// its ciphertexts) evaluated together.
#[derive(Debug, Serialize)]
struct PassRun {
    inferences: usize,
    clips: Vec<ClipRun>,
    encrypt_ms: f64,
    decrypt_ms: f64,
    report: EvalReport,
}

impl Stage for HeEval {
    type Config = HeEvalConfig;
    const KIND: &'static str = "he-eval";
    // 2: the time budget checks the reference cost model's estimate.
    // 3: several clips per inference (lanes); error bound; 16 clips.
    // 4: the metrics say which backend ran (`backend`, `encrypted`).
    const VERSION: u32 = 4;
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
    let work = Work {
        circuit: &circuit,
        plan: &plan,
        input: &input,
        plain: &plain,
        labels: &labels,
    };
    match config.backend {
        #[cfg(feature = "seal")]
        BackendChoice::Seal => run_all::<crate::he::seal::Seal>(ctx, config, &work),
        #[cfg(not(feature = "seal"))]
        BackendChoice::Seal => unreachable!("refused when configured"),
        BackendChoice::Sim => run_all::<crate::he::sim::Sim>(ctx, config, &work),
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
            "reason": format!("the reference cost model estimates {estimate:.0} s per inference at N = {}, over max_estimated_s = {budget}", plan.params.ring_dim),
            "reference_latency_s": estimate,
            "estimated_latency_s": plan.latency_ms.map(|ms| ms / 1e3),
            "ring_dim": plan.params.ring_dim,
            "levels_planned": plan.depth.depth,
        })
    })
}

/// What one he-eval stage encrypts and compares with.
#[cfg(feature = "ml")]
struct Work<'a> {
    circuit: &'a Circuit,
    plan: &'a Plan,
    input: &'a Input,
    /// The plaintext circuit's logits, `[clip][class]` flattened.
    plain: &'a [f64],
    labels: &'a [i64],
}

#[cfg(feature = "ml")]
fn run_all<B: Backend>(
    ctx: &StageContext,
    config: &HeEvalConfig,
    work: &Work<'_>,
) -> Result<Json, StageError> {
    let Work {
        circuit,
        plan,
        input,
        plain,
        labels,
    } = *work;
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
    let all: Vec<usize> = (0..labels.len()).collect();
    let inferences: Vec<&[usize]> = all.chunks(plan.layout.clips()).collect();
    // The first inference alone (its time is the latency), then passes that
    // share each plaintext's encoding among several inferences.
    let (first, rest) = inferences.split_at(inferences.len().min(1));
    let passes: Vec<&[&[usize]]> = std::iter::once(first)
        .filter(|f| !f.is_empty())
        .chain(rest.chunks(config.inferences_per_pass.max(1)))
        .collect();
    let mut runs = Vec::new();
    let mut ciphertext_bytes = 0;
    for (i, pass) in passes.iter().enumerate() {
        ctx.check_cancelled()?;
        ctx.progress("encrypted passes", i as u64, passes.len() as u64);
        let t = Instant::now();
        let cts = pass
            .iter()
            .map(|clips| encrypt_clips(&client, circuit, &plan.layout, input, clips))
            .collect::<Result<Vec<_>, _>>()
            .map_err(failed)?;
        let encrypt_ms = t.elapsed().as_secs_f64() * 1e3;
        if ciphertext_bytes == 0 {
            let first = cts[0]
                .first()
                .and_then(|v| v.first())
                .and_then(|b| b.first())
                .ok_or_else(|| failed("no input ciphertext"))?;
            ciphertext_bytes = server.serialize_ct(first).map_err(failed)?.len();
        }
        let (out, report) = evaluate_pass(&server, circuit, plan, cts).map_err(failed)?;
        let t = Instant::now();
        let mut clips = Vec::new();
        for (inference, cts) in pass.iter().zip(&out) {
            let logits = decrypt_logits(&client, &plan.layout, classes, cts).map_err(failed)?;
            clips.extend(inference.iter().zip(&logits).map(|(&n, got)| {
                clip_run(n, labels[n], got, &plain[n * classes..(n + 1) * classes])
            }));
        }
        let decrypt_ms = t.elapsed().as_secs_f64() * 1e3;
        ctx.log(format!(
            "pass {i}: {} inference(s), clips {:?}: {}/{} encrypted top-1 = plaintext top-1, max |error| {:.3e}, {:.1} s, output level {} (plan {})",
            pass.len(),
            clips.iter().map(|c| c.sample).collect::<Vec<_>>(),
            clips.iter().filter(|c| c.encrypted_top1 == c.plaintext_top1).count(),
            clips.len(),
            clips.iter().fold(0f64, |m, c| m.max(c.max_abs_error)),
            report.total_ms / 1e3,
            report.output_level,
            report.planned_depth
        ));
        runs.push(PassRun {
            inferences: pass.len(),
            clips,
            encrypt_ms,
            decrypt_ms,
            report,
        });
    }
    std::fs::write(
        ctx.output("runs.json"),
        serde_json::to_vec_pretty(&runs).expect("serializable"),
    )?;
    let metrics = summary(&runs, plan, keygen_ms, key_bytes, ciphertext_bytes);
    check_error(&metrics, plain, config.max_relative_error)?;
    Ok(metrics)
}

#[cfg(feature = "ml")]
fn clip_run(sample: usize, label: i64, got: &[f64], want: &[f64]) -> ClipRun {
    ClipRun {
        sample,
        label,
        encrypted_top1: argmax(got),
        plaintext_top1: argmax(want),
        max_abs_error: got
            .iter()
            .zip(want)
            .fold(0f64, |m, (a, b)| m.max((a - b).abs())),
    }
}

/// Fails when the decrypted logits are further from the plaintext circuit's
/// than the bound allows.
#[cfg(feature = "ml")]
fn check_error(metrics: &Json, plain: &[f64], bound: f64) -> Result<(), StageError> {
    let largest = plain.iter().fold(0f64, |m, x| m.max(x.abs()));
    let err = metrics["max_abs_error"].as_f64().unwrap_or(f64::NAN);
    if err.is_nan() || err > bound * largest {
        return Err(StageError::Failed(format!(
            "decrypted logits differ from the plaintext circuit by {err:.3e}, over max_relative_error {bound:.0e} x largest |logit| {largest:.2}: the CKKS scale is too small for this circuit; raise precision.scale_bits_min in the fuse stage's params"
        )));
    }
    Ok(())
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
    runs: &[PassRun],
    plan: &Plan,
    keygen_ms: f64,
    key_bytes: Json,
    ciphertext_bytes: usize,
) -> Json {
    let clips: Vec<&ClipRun> = runs.iter().flat_map(|r| &r.clips).collect();
    let samples = clips.len().max(1) as f64;
    let total_ms: f64 = runs
        .iter()
        .map(|r| r.encrypt_ms + r.report.total_ms + r.decrypt_ms)
        .sum();
    let first = runs.first();
    let layers: Vec<Json> = first.map_or_else(Vec::new, |r| {
        r.report.layers.iter().map(|l| {
            json!({ "label": l.label, "ms": l.ms, "level": l.level, "planned_depth": l.planned_depth })
        }).collect()
    });
    let levels_match = runs.iter().all(|r| {
        r.report.output_level == r.report.planned_depth
            && r.report.layers.iter().all(|l| l.level == l.planned_depth)
    });
    json!({
        "samples": clips.len(),
        // Ciphertexts of a layer run in parallel on this many threads.
        "threads": rayon::current_num_threads(),
        "inferences": runs.iter().map(|r| r.inferences).sum::<usize>(),
        "clips_per_inference": plan.layout.clips(),
        "max_abs_error": clips.iter().fold(0f64, |m, r| m.max(r.max_abs_error)),
        "top1_agreement": clips.iter().filter(|r| r.encrypted_top1 == r.plaintext_top1).count() as f64 / samples,
        "encrypted_top1": clips.iter().filter(|r| r.encrypted_top1 as i64 == r.label).count() as f64 / samples,
        // One inference alone, end to end (encrypt, evaluate, decrypt).
        "latency_s": first.map(|r| (r.encrypt_ms + r.report.total_ms + r.decrypt_ms) / 1e3),
        "encrypt_ms": first.map(|r| r.encrypt_ms),
        "evaluate_ms": first.map(|r| r.report.total_ms),
        "decrypt_ms": first.map(|r| r.decrypt_ms),
        // Every clip of every pass: what n clips cost with shared encodings.
        "amortized_s_per_clip": total_ms / 1e3 / samples,
        "layers": layers,
        "keygen_ms": keygen_ms,
        "key_bytes": key_bytes,
        "ciphertext_bytes": ciphertext_bytes,
        "ring_dim": plan.params.ring_dim,
        "levels_used": first.map(|r| r.report.output_level),
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
