//! Serde configuration of the STGCN backbone and its presets. Validation lives here so the
//! network builder can assume a consistent config.

use serde::{Deserialize, Serialize};

/// A configuration value out of range; the message names the field. The
/// libtorch code turns it into its own errors (`ModelError`, `TrainError`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid STGCN config: {field}: {reason}")]
    Model { field: String, reason: String },
    #[error("invalid train config: {0}")]
    Train(String),
}

/// One ST-GCN block: output channels, temporal stride and whether it has a residual path.
/// A residual is the identity when channels and stride are unchanged, else 1x1 conv + BN.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockSpec {
    pub out: i64,
    pub stride: i64,
    pub residual: bool,
}

impl BlockSpec {
    pub fn new(out: i64, stride: i64, residual: bool) -> Self {
        BlockSpec {
            out,
            stride,
            residual,
        }
    }
}

/// STGCN hyperparameters. `Default` is the small CPU preset.
///
/// Dropout is applied in every block except the first, as in the reference ST-GCN code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StgcnConfig {
    pub in_channels: i64,
    pub num_class: i64,
    pub blocks: Vec<BlockSpec>,
    pub temporal_kernel: i64,
    pub dropout: f64,
    pub edge_importance: bool,
}

impl Default for StgcnConfig {
    fn default() -> Self {
        Self::small()
    }
}

impl StgcnConfig {
    /// The paper's STGCN-3-256 backbone (NTU-60).
    pub fn stgcn_3_256() -> Self {
        Self::with_widths(&[128, 256, 256])
    }

    /// A narrow variant (16/32/32) that trains on 2 cores in minutes at T = 32..64.
    pub fn small() -> Self {
        Self::with_widths(&[16, 32, 32])
    }

    /// Three blocks in the STGCN-3 layout (no residual, stride 2 with residual, identity
    /// residual) with the given widths.
    pub fn with_widths(widths: &[i64; 3]) -> Self {
        StgcnConfig {
            in_channels: 3,
            num_class: 60,
            blocks: vec![
                BlockSpec::new(widths[0], 1, false),
                BlockSpec::new(widths[1], 2, true),
                BlockSpec::new(widths[2], 1, true),
            ],
            temporal_kernel: 9,
            dropout: 0.5,
            edge_importance: true,
        }
    }

    /// Number of activation units (two per block).
    pub fn num_units(&self) -> usize {
        2 * self.blocks.len()
    }

    /// Channels entering block `i`.
    pub fn block_in(&self, i: usize) -> i64 {
        if i == 0 {
            self.in_channels
        } else {
            self.blocks[i - 1].out
        }
    }

    /// Checks every field; the error names the first offending one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |field: &str, why: String| {
            Err(ConfigError::Model {
                field: field.to_string(),
                reason: why,
            })
        };
        if self.in_channels < 1 {
            return bad("in_channels", format!("{} < 1", self.in_channels));
        }
        if self.num_class < 1 {
            return bad("num_class", format!("{} < 1", self.num_class));
        }
        if self.blocks.is_empty() {
            return bad("blocks", "no blocks".into());
        }
        for (i, b) in self.blocks.iter().enumerate() {
            if b.out < 1 || b.stride < 1 {
                return bad(
                    &format!("blocks[{i}]"),
                    format!("out {} stride {}", b.out, b.stride),
                );
            }
        }
        if self.temporal_kernel < 1 || self.temporal_kernel % 2 == 0 {
            return bad(
                "temporal_kernel",
                format!("{} is not odd and >= 1", self.temporal_kernel),
            );
        }
        if !(0.0..1.0).contains(&self.dropout) {
            return bad("dropout", format!("{} is not in [0, 1)", self.dropout));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_validate_and_default_is_small() {
        StgcnConfig::stgcn_3_256().validate().unwrap();
        assert_eq!(StgcnConfig::default(), StgcnConfig::small());
        assert_eq!(
            StgcnConfig::stgcn_3_256().blocks[1],
            BlockSpec::new(256, 2, true)
        );
    }

    #[test]
    fn invalid_fields_are_named() {
        let cfg = StgcnConfig {
            temporal_kernel: 4,
            ..Default::default()
        };
        let err = cfg.validate().unwrap_err().to_string();
        assert!(err.contains("temporal_kernel"), "{err}");
        let cfg = StgcnConfig {
            blocks: vec![],
            ..Default::default()
        };
        assert!(cfg.validate().unwrap_err().to_string().contains("blocks"));
    }

    #[test]
    fn json_round_trip_rejects_unknown_fields() {
        let cfg = StgcnConfig::stgcn_3_256();
        let text = serde_json::to_string(&cfg).unwrap();
        assert_eq!(serde_json::from_str::<StgcnConfig>(&text).unwrap(), cfg);
        let partial: StgcnConfig = serde_json::from_str(r#"{"num_class": 5}"#).unwrap();
        assert_eq!(partial.num_class, 5);
        assert!(serde_json::from_str::<StgcnConfig>(r#"{"widths": []}"#).is_err());
    }
}
