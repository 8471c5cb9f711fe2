//! Where a stage runs: on this machine, or as a Slurm job, and the resources
//! it asks for. Not part of the stage key: where a stage ran does not change
//! what it produced.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Executor {
    #[default]
    Local,
    Slurm,
}

/// Resources a stage asks its executor for (Slurm `sbatch` options).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// `--cpus-per-task`.
    pub cpus: Option<u32>,
    /// `--mem`, e.g. "16G".
    pub mem: Option<String>,
    /// `--gpus`.
    pub gpus: Option<u32>,
    /// `--time`, e.g. "2:00:00" or "30" (minutes).
    pub time: Option<String>,
    /// `--partition`.
    pub partition: Option<String>,
    /// Extra `sbatch` arguments, e.g. ["--qos=high"].
    #[serde(default)]
    pub sbatch: Vec<String>,
}

impl Resources {
    /// `self` with every unset field taken from `defaults`; extra flags add up.
    pub fn or(&self, defaults: &Resources) -> Resources {
        Resources {
            cpus: self.cpus.or(defaults.cpus),
            mem: self.mem.clone().or_else(|| defaults.mem.clone()),
            gpus: self.gpus.or(defaults.gpus),
            time: self.time.clone().or_else(|| defaults.time.clone()),
            partition: self
                .partition
                .clone()
                .or_else(|| defaults.partition.clone()),
            sbatch: defaults
                .sbatch
                .iter()
                .chain(&self.sbatch)
                .cloned()
                .collect(),
        }
    }

    /// The `sbatch` options these resources mean.
    pub fn sbatch_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let mut push = |flag: &str, value: Option<String>| {
            if let Some(v) = value {
                args.push(format!("--{flag}={v}"));
            }
        };
        push("cpus-per-task", self.cpus.map(|c| c.to_string()));
        push("mem", self.mem.clone());
        push("gpus", self.gpus.map(|g| g.to_string()));
        push("time", self.time.clone());
        push("partition", self.partition.clone());
        args.extend(self.sbatch.iter().cloned());
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_resources_override_pipeline_defaults() {
        let pipeline = Resources {
            cpus: Some(2),
            time: Some("1:00:00".into()),
            sbatch: vec!["--qos=a".into()],
            ..Default::default()
        };
        let stage = Resources {
            cpus: Some(8),
            gpus: Some(1),
            sbatch: vec!["--exclusive".into()],
            ..Default::default()
        };
        let merged = stage.or(&pipeline);
        assert_eq!(
            merged.sbatch_args(),
            [
                "--cpus-per-task=8",
                "--gpus=1",
                "--time=1:00:00",
                "--qos=a",
                "--exclusive"
            ]
        );
    }
}
