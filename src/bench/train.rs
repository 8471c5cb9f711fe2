//! `lingcn bench train`: forward + backward + SGD step throughput of the
//! STGCN in lingcn (tch) and in the PyTorch reference script on the same
//! machine, each measurement in its own process so peak memory is its own.

use crate::model::{Relu, StgcnConfig, StgcnModel, TrainConfig};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value as Json};
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use tch::{Device, Kind, Tensor};

/// One configuration to measure.
pub struct Case {
    pub preset: &'static str,
    pub frames: i64,
}

pub const CASES: [Case; 2] = [
    Case {
        preset: "small",
        frames: 64,
    },
    Case {
        preset: "stgcn_3_256",
        frames: 256,
    },
];

/// Runs every case in lingcn and in PyTorch and prints a table.
pub fn compare(batch: i64, threads: i32, steps: usize, python: bool) -> Result<()> {
    let exe = std::env::current_exe()?;
    let root = Path::new(env!("LINGCN_REPO_ROOT"));
    let py = if python {
        Some(python_env(root)?)
    } else {
        None
    };
    println!("train step (forward + backward + SGD), batch {batch}, {threads} threads, {steps} timed steps after 1 warm-up");
    println!(
        "{:<12} {:>6} {:>14} {:>14} {:>8} {:>12} {:>12}",
        "preset", "frames", "lingcn samp/s", "torch samp/s", "ratio", "lingcn RSS", "torch RSS"
    );
    for case in CASES {
        let args = [
            "--preset".to_string(),
            case.preset.to_string(),
            "--frames".into(),
            case.frames.to_string(),
            "--batch".into(),
            batch.to_string(),
            "--threads".into(),
            threads.to_string(),
            "--steps".into(),
            steps.to_string(),
        ];
        let ours = json_line(Command::new(&exe).args(["bench", "train-step"]).args(&args))?;
        let theirs = match &py {
            Some(py) => Some(json_line(
                Command::new(py)
                    .arg(root.join("benches/reference/stgcn.py"))
                    .arg("--bench")
                    .args(&args),
            )?),
            None => None,
        };
        let rate = |j: &Json| j["samples_per_s"].as_f64().unwrap_or(f64::NAN);
        let rss = |j: &Json| format!("{:.0} MB", j["peak_rss_mb"].as_f64().unwrap_or(f64::NAN));
        println!(
            "{:<12} {:>6} {:>14.2} {:>14} {:>8} {:>12} {:>12}",
            case.preset,
            case.frames,
            rate(&ours),
            theirs
                .as_ref()
                .map_or("-".into(), |t| format!("{:.2}", rate(t))),
            theirs
                .as_ref()
                .map_or("-".into(), |t| format!("{:.2}x", rate(&ours) / rate(t))),
            rss(&ours),
            theirs.as_ref().map_or("-".into(), rss),
        );
    }
    Ok(())
}

fn python_env(root: &Path) -> Result<std::path::PathBuf> {
    let out = Command::new("bash")
        .arg(root.join("scripts/setup-python.sh"))
        .output()
        .context("running scripts/setup-python.sh")?;
    if !out.status.success() {
        bail!(
            "scripts/setup-python.sh failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8(out.stdout)?.trim().into())
}

fn json_line(cmd: &mut Command) -> Result<Json> {
    let out = cmd.output().with_context(|| format!("running {cmd:?}"))?;
    if !out.status.success() {
        bail!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().unwrap_or_default();
    serde_json::from_str(line).with_context(|| format!("{cmd:?} printed {text:?}"))
}

/// One measurement in this process; prints a JSON line.
pub fn step(preset: &str, frames: i64, batch: i64, threads: i32, steps: usize) -> Result<()> {
    let config = match preset {
        "small" => StgcnConfig::small(),
        "stgcn_3_256" => StgcnConfig::stgcn_3_256(),
        other => bail!("unknown preset {other} (small or stgcn_3_256)"),
    };
    tch::set_num_threads(threads);
    tch::manual_seed(0);
    let model = StgcnModel::new(&config, Device::Cpu)?;
    let mut opt = TrainConfig {
        lr: 0.01,
        ..Default::default()
    }
    .optimizer(&model.vs)?;
    let x = Tensor::randn([batch, 3, frames, 25, 2], (Kind::Float, Device::Cpu));
    let y = Tensor::randint(config.num_class, [batch], (Kind::Int64, Device::Cpu));
    let mut one = || -> Result<()> {
        let logits = model.net.forward_with(&x, true, &Relu)?;
        opt.backward_step(&logits.cross_entropy_for_logits(&y));
        Ok(())
    };
    one()?;
    let started = Instant::now();
    for _ in 0..steps {
        one()?;
    }
    let secs = started.elapsed().as_secs_f64();
    let rss_mb = crate::data::bench::peak_rss_kib().unwrap_or(0) as f64 / 1024.0;
    println!(
        "{}",
        json!({ "impl": "lingcn-tch", "preset": preset, "frames": frames, "batch": batch, "threads": threads,
                "steps": steps, "seconds_per_step": secs / steps as f64,
                "samples_per_s": (batch as usize * steps) as f64 / secs, "peak_rss_mb": rss_mb })
    );
    Ok(())
}
