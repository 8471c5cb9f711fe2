//! `kind = "fuse"`: a trained checkpoint (input `checkpoint`) to the
//! HE-friendly plaintext circuit, checked against the libtorch model on
//! validation clips (input `data`), with its multiplicative depth, operation
//! counts and CKKS parameters (the plan). Layout and merging are chosen by
//! the fixed reference cost model (`fuse::cost`); an optional input `costs`
//! (per-op costs `he-bench` measured) adds an estimated latency, which
//! decides nothing.

use super::train::require_inputs;
use crate::engine::Stage;
use crate::fuse::packing::LayoutKind;
use crate::fuse::params::PrecisionSpec;
use crate::fuse::rewrite::FuseOptions;
use crate::spec::StageDef;
use serde::Deserialize;
#[cfg(feature = "ml")]
use {
    super::checkpoint_dir,
    crate::data::npy::read_npy_header,
    crate::engine::{Run, StageContext, StageError},
    crate::fuse::checkpoint::TensorMap,
    crate::fuse::choose::cheapest_sites,
    crate::fuse::cost::CostModel,
    crate::fuse::eval::{evaluate, Input},
    crate::fuse::ir::Circuit,
    crate::fuse::params::{int_bits_for, INT_MARGIN_BITS},
    crate::fuse::plan::{compare, plan, Plan, PlanRequest},
    crate::fuse::rewrite::merge::{merge_linear, sites},
    crate::fuse::rewrite::{fuse, structural, KeptPattern},
    crate::fuse::shape::{BlockShape, ModelShape, Residual},
    crate::fuse::weights::ModelWeights,
    crate::model::{Dataset, StgcnConfig},
    serde_json::{json, Value as Json},
    std::path::Path,
    tch::Tensor,
};

pub struct Fuse;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuseConfig {
    /// CKKS precision requirement (scale range, integer bits, largest N).
    #[serde(default)]
    pub precision: PrecisionSpec,
    /// Packing layout; default: the cheaper of the two.
    pub layout: Option<LayoutKind>,
    /// Largest completing-the-square shift before a polynomial keeps its linear term.
    #[serde(default = "default_max_shift")]
    pub max_shift: f64,
    /// Merge linear ops across linearized units: `true` (every unit),
    /// `false` (none), or (absent) the cheapest subset of units by the
    /// reference cost model. Merging saves a level per merged unit but can
    /// turn a sparse graph convolution into a denser one.
    pub merge_linear: Option<bool>,
    /// Validation clips on which the fused circuit is checked against libtorch.
    #[serde(default = "default_check_samples")]
    pub check_samples: usize,
    /// Largest allowed max |fused - libtorch| / max |logit|.
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
}

fn default_max_shift() -> f64 {
    FuseOptions::default().max_shift
}
fn default_check_samples() -> usize {
    8
}
fn default_tolerance() -> f64 {
    1e-4
}

impl Stage for Fuse {
    type Config = FuseConfig;
    const KIND: &'static str = "fuse";
    // 2: `merge_linear` (default: the cheaper of merged and separate).
    // 3: choices by the fixed, level-aware reference cost model.
    // 4: merging chosen unit by unit; shared producers never merged.
    const VERSION: u32 = 4;
    const ABOUT: &'static str =
        "fuse a checkpoint into an HE circuit; depth, op counts, CKKS parameters";
    const OWN_PROCESS: bool = true; // libtorch's seed and threads are process-global
    const PINNED_ENV: &'static [(&'static str, &'static str)] = super::TORCH_NUMERICS;

    fn outputs(config: &FuseConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        require_inputs(decl, &["checkpoint", "data"])?;
        if config.check_samples == 0 {
            return Err(
                "params.check_samples must be at least 1: the fused circuit is always checked"
                    .into(),
            );
        }
        Ok(vec![
            "circuit.json".into(),
            "summary.json".into(),
            "plan.json".into(),
        ])
    }
}

#[cfg(feature = "ml")]
impl Run for Fuse {
    fn run(config: &FuseConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let ckpt = ctx.input("checkpoint")?.to_path_buf();
        let data = ctx.input("data")?.to_path_buf();
        let architecture = checkpoint_dir::architecture(&ckpt)?;
        let mut shape = model_shape(&architecture, &data)?;
        shape.poly_scale = checkpoint_dir::activation(&ckpt)?.poly_scale;
        let costs = cost_model(ctx)?;
        let (input, torch) = torch_logits(&ckpt, &data, &shape, config.check_samples)?;
        let mut precision = config.precision;
        let measured_int_bits = int_bits_for(max_abs(&torch));
        precision.int_bits = precision.int_bits.or(Some(measured_int_bits));
        ctx.log(format!(
            "largest |logit| on {} clips {:.2}: {} integer bits",
            input.n,
            max_abs(&torch),
            precision.int_bits()
        ));
        let request = PlanRequest {
            precision,
            layout: config.layout,
        };
        let tensors = TensorMap::load(&ckpt.join(checkpoint_dir::WEIGHTS)).map_err(failed)?;
        let weights = ModelWeights::from_tensors(&tensors, &shape).map_err(failed)?;
        let (circuit, the_plan, merging) =
            cheapest_fusion(&weights, &shape, config, &request, costs.as_ref())?;
        ctx.log(format!("merged across {}", merging["merged"]));
        let check = (relative_error(&circuit, &input, &torch)?, input.n);
        ctx.log(format!(
            "fused circuit vs libtorch on {} clips: max relative logit error {:.3e}",
            check.1, check.0
        ));
        if check.0.is_nan() || check.0 > config.tolerance {
            return Err(StageError::Failed(format!(
                "the fused circuit disagrees with the model: relative error {:.3e} > tolerance {:.1e}",
                check.0, config.tolerance
            )));
        }
        let opts = FuseOptions {
            max_shift: config.max_shift,
            merge_linear: false,
        };
        let unlinearized = structural(&shape, &KeptPattern::all(&shape), None, &opts)
            .and_then(|c| plan(&c, &request, costs.as_ref()))
            .map_err(failed)?;
        let versus = compare(&the_plan, &unlinearized);
        log_plan(ctx, &the_plan);
        circuit.save(&ctx.output("circuit.json")).map_err(failed)?;
        write_json(&ctx.output("summary.json"), &circuit.summary())?;
        write_json(&ctx.output("plan.json"), &the_plan)?;
        Ok(json!({
            "depth": the_plan.depth.depth,
            "depth_uniform": the_plan.depth.uniform(),
            "ring_dim": the_plan.params.ring_dim,
            "log_q": the_plan.params.log_q,
            "scale_bits": the_plan.params.scale_bits,
            "moduli_bits": the_plan.params.moduli_bits,
            "layout": the_plan.layout,
            "totals": the_plan.totals,
            "galois_keys": the_plan.galois_keys,
            "reference_ms": the_plan.reference_ms,
            "latency_ms": the_plan.latency_ms,
            "equivalence": { "max_relative_error": check.0, "samples": check.1 },
            "int_bits": {
                "used": precision.int_bits(),
                "max_abs_logit": max_abs(&torch),
                "margin_bits": INT_MARGIN_BITS,
            },
            "merging": merging,
            "layers": the_plan.layers.iter().map(|l| json!({
                "label": l.label, "depth": l.depth, "ct_pt_mul": l.counts.ct_pt_mul, "ct_ct_mul": l.counts.ct_ct_mul,
                "rotations": l.counts.rotations, "add": l.counts.add, "rescale": l.counts.rescale, "primes": l.primes,
                "reference_ms": l.reference_ms, "latency_ms": l.latency_ms,
            })).collect::<Vec<_>>(),
            "versus_unlinearized": versus,
        }))
    }
}

/// Fuses the checkpoint without merging, chooses the units to merge across
/// (every subset, or as `merge_linear` says) by the reference cost model
/// (never measured costs: the choice must not depend on the machine), and
/// merges there; returns the circuit, its plan, and the options compared.
#[cfg(feature = "ml")]
fn cheapest_fusion(
    weights: &ModelWeights,
    shape: &ModelShape,
    config: &FuseConfig,
    request: &PlanRequest,
    costs: Option<&CostModel>,
) -> Result<(Circuit, Plan, Json), StageError> {
    let opts = FuseOptions {
        max_shift: config.max_shift,
        merge_linear: false,
    };
    let unmerged = fuse(shape, weights, &opts).map_err(failed)?;
    let (chosen, considered) = match config.merge_linear {
        Some(true) => (sites(&unmerged), Vec::new()),
        Some(false) => (Vec::new(), Vec::new()),
        None => cheapest_sites(&unmerged, request).map_err(failed)?,
    };
    let circuit = merge_linear(&unmerged, &chosen).map_err(failed)?;
    circuit.validate().map_err(failed)?;
    let the_plan = plan(&circuit, request, costs).map_err(failed)?;
    let merged: Vec<&str> = chosen.iter().map(|&j| unmerged.ops[j].label()).collect();
    let summary = json!({
        "sites": sites(&unmerged).iter().map(|&j| unmerged.ops[j].label()).collect::<Vec<_>>(),
        "merged": merged,
        "considered": considered,
    });
    Ok((circuit, the_plan, summary))
}

/// The fuse module's view of the architecture; frames and bodies come
/// from the prepared data the circuit will be fed.
#[cfg(feature = "ml")]
pub fn model_shape(config: &StgcnConfig, data: &Path) -> Result<ModelShape, StageError> {
    let path = data.join("val_data.npy");
    let file = std::fs::File::open(&path)
        .map_err(|e| StageError::Failed(format!("{}: {e}", path.display())))?;
    let header = read_npy_header(file)
        .map_err(|e| StageError::Failed(format!("{}: {e}", path.display())))?;
    let [_, _, frames, joints, bodies] = header.shape[..] else {
        return Err(StageError::Failed(format!(
            "{}: expected N x C x T x V x M, found {:?}",
            path.display(),
            header.shape
        )));
    };
    let mut cin = config.in_channels as usize;
    let blocks = config
        .blocks
        .iter()
        .map(|b| {
            let (cout, stride) = (b.out as usize, b.stride as usize);
            let residual = match (b.residual, cin == cout && stride == 1) {
                (false, _) => Residual::None,
                (true, true) => Residual::Identity,
                (true, false) => Residual::Conv,
            };
            let block = BlockShape {
                cin,
                cout,
                stride,
                residual,
            };
            cin = cout;
            block
        })
        .collect();
    Ok(ModelShape {
        in_channels: config.in_channels as usize,
        num_class: config.num_class as usize,
        blocks,
        temporal_kernel: config.temporal_kernel as usize,
        frames,
        joints,
        bodies,
        partitions: 3,
        poly_scale: 0.01,
        bn_eps: 1e-5,
    })
}

/// The libtorch model's logits on the first `samples` validation clips,
/// and those clips as the fuse module's input.
#[cfg(feature = "ml")]
fn torch_logits(
    ckpt: &Path,
    data: &Path,
    shape: &ModelShape,
    samples: usize,
) -> Result<(Input, Vec<f64>), StageError> {
    let model = checkpoint_dir::read(ckpt, tch::Device::Cpu)?;
    let val = Dataset::load_split(data, "val").map_err(failed)?;
    let n = samples.min(val.len());
    let x = val.data.narrow(0, 0, n as i64).to_kind(tch::Kind::Float);
    let torch =
        tch::no_grad(|| model.model.net.forward_with(&x, false, &model.act)).map_err(failed)?;
    let torch: Vec<f64> = Vec::<f32>::try_from(torch.flatten(0, -1))
        .map_err(failed)?
        .into_iter()
        .map(f64::from)
        .collect();
    let input = to_input(
        &x,
        [shape.in_channels, shape.frames, shape.joints, shape.bodies],
    )?;
    Ok((input, torch))
}

#[cfg(feature = "ml")]
fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0f64, |m, x| m.max(x.abs()))
}

/// max |fused - libtorch| / max |libtorch logit| on the same clips.
#[cfg(feature = "ml")]
fn relative_error(circuit: &Circuit, input: &Input, torch: &[f64]) -> Result<f64, StageError> {
    let fused = evaluate(circuit, input).map_err(failed)?;
    let err = torch
        .iter()
        .zip(&fused)
        .fold(0f64, |m, (a, b)| m.max((a - b).abs()));
    Ok(err / max_abs(torch).max(f64::MIN_POSITIVE))
}

/// Clips as the fuse module's f64 input; `dims` = [C, T, V, M] per clip.
#[cfg(feature = "ml")]
pub fn to_input(x: &Tensor, dims: [usize; 4]) -> Result<Input, StageError> {
    let values: Vec<f64> = Vec::<f32>::try_from(x.flatten(0, -1))
        .map_err(failed)?
        .into_iter()
        .map(f64::from)
        .collect();
    let [c, t, v, m] = dims;
    Input::new([x.size()[0] as usize, c, t, v, m], values).map_err(failed)
}

#[cfg(feature = "ml")]
fn cost_model(ctx: &StageContext) -> Result<Option<CostModel>, StageError> {
    let Some(path) = ctx.inputs("costs").first() else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path)?;
    CostModel::from_json(&text).map(Some).map_err(failed)
}

#[cfg(feature = "ml")]
fn log_plan(ctx: &StageContext, p: &Plan) {
    ctx.log(format!(
        "plan: depth {} (uniform across joints: {}), N = {}, moduli {:?} (log Q {} of {}), scale 2^{}",
        p.depth.depth,
        p.depth.uniform(),
        p.params.ring_dim,
        p.params.moduli_bits,
        p.params.log_q,
        p.params.max_log_q,
        p.params.scale_bits
    ));
    for layer in &p.layers {
        ctx.log(format!(
            "  {:28} depth {:2}  {:?}",
            layer.label, layer.depth, layer.counts
        ));
    }
}

#[cfg(feature = "ml")]
fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<(), StageError> {
    std::fs::write(
        path,
        serde_json::to_vec_pretty(value).expect("serializable"),
    )?;
    Ok(())
}

#[cfg(feature = "ml")]
fn failed(e: impl std::fmt::Display) -> StageError {
    StageError::Failed(e.to_string())
}
