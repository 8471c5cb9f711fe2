//! Tests of the HE stage: random fused circuits (random safetensors checkpoint ->
//! `fuse_checkpoint`, as the fuse tests build them) evaluated on the slot simulator and on
//! SEAL against `fuse::eval::evaluate`.

mod checkpoint;
mod eval_sim;
mod layers;
#[cfg(feature = "seal")]
mod seal;
