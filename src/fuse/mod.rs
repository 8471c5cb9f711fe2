//! Operator fusion, depth analysis and CKKS planning (LINGCN.md section 5).
//!
//! ```text
//! checkpoint (safetensors) --weights--> ModelWeights --rewrite::fuse--> ir::Circuit
//!   ModelShape + KeptPattern --rewrite::structural--> ir::Circuit (no weights)
//! Circuit --eval::evaluate--> logits          (checked against reference::forward)
//! Circuit --depth::analyze--> per-node depth --params::select--> CkksParams
//!         --packing::count--> per-op HE counts --plan::plan(+CostModel)--> Plan
//! ```
//!
//! Fused circuit of one block (kept units shown as squares):
//!
//! ```text
//! x ─ Linear{gcn: W_k·A_k·E·BN0·sigma0 per (v,w) pair} ─ Act0{±sq | id} ─ Linear{tcn·BN1·sigma1}
//!   └─ (identity: Add scale sigma1 | conv: Linear{res·BN·sigma1}) ──────────── Add ─ Act1 ─> x'
//! ```
//! One `Linear` = one level; one square = one level; biases and activation constants are
//! plaintext additions folded forward. See `packing` for the ciphertext layout.

pub mod checkpoint;
pub mod choose;
pub mod cost;
pub mod depth;
pub mod error;
pub mod eval;
pub mod graph;
pub mod ir;
pub mod kernels;
pub mod packing;
pub mod params;
pub mod plan;
pub mod reference;
pub mod rewrite;
pub mod shape;
pub mod summary;
pub mod weights;

pub use error::FuseError;
