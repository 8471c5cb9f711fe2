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
    /// `--mem`, e.g. "16G"; locally, the memory the runner reserves for
    /// the stage while it runs.
    pub mem: Option<MemSize>,
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

/// A memory size as Slurm's `--mem` takes it: a whole number with an
/// optional K, M (the default), G or T suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemSize {
    text: String,
    bytes: u64,
}

impl MemSize {
    pub fn parse(text: &str) -> Result<MemSize, String> {
        let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let shift = match &text[digits.len()..] {
            "K" | "k" => 10,
            "" | "M" | "m" => 20,
            "G" | "g" => 30,
            "T" | "t" => 40,
            _ => return Err(Self::bad(text)),
        };
        let n: u64 = digits.parse().map_err(|_| Self::bad(text))?;
        let bytes = n.checked_shl(shift).filter(|b| b >> shift == n);
        bytes
            .map(|bytes| MemSize {
                text: text.to_string(),
                bytes,
            })
            .ok_or_else(|| Self::bad(text))
    }

    fn bad(text: &str) -> String {
        format!(
            "`{text}` is not a memory size: write a whole number with K, M, G or T, e.g. \"16G\""
        )
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }
}

impl Serialize for MemSize {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for MemSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        MemSize::parse(&text).map_err(serde::de::Error::custom)
    }
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
        push("mem", self.mem.as_ref().map(|m| m.text.clone()));
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
    fn memory_sizes_read_like_slurm() {
        let bytes = |t: &str| MemSize::parse(t).map(|m| m.bytes());
        assert_eq!(bytes("512"), Ok(512 << 20));
        assert_eq!(bytes("16G"), Ok(16 << 30));
        assert_eq!(bytes("800m"), Ok(800 << 20));
        assert_eq!(bytes("2T"), Ok(2 << 40));
        for bad in ["16GB", "G", "", "1.5G", "-1G", "99999999999T"] {
            assert!(
                bytes(bad).unwrap_err().contains("not a memory size"),
                "{bad}"
            );
        }
    }

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
            mem: Some(MemSize::parse("16G").unwrap()),
            gpus: Some(1),
            sbatch: vec!["--exclusive".into()],
            ..Default::default()
        };
        let merged = stage.or(&pipeline);
        assert_eq!(
            merged.sbatch_args(),
            [
                "--cpus-per-task=8",
                "--mem=16G",
                "--gpus=1",
                "--time=1:00:00",
                "--qos=a",
                "--exclusive"
            ]
        );
    }
}
