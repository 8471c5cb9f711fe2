//! Encrypted inference of a fused circuit under CKKS (LINGCN.md section 6).
//!
//! ```text
//! client: Backend::keygen(params, plan steps) -> Client (secret key stays here)
//!         Client::eval_keys() -> EvalKeys (public, relin, Galois: serialized)  ──> server
//!         eval::encrypt_sample(client, ...) -> ciphertexts                     ──> server
//! server: Backend::server(params, keys) -> Evaluator
//!         eval::evaluate(server, circuit, plan, cts) -> logit ciphertexts     ──> client
//! client: eval::decrypt_logits(client, ...) -> logits
//! ```
//!
//! Backends: [`seal`] (Microsoft SEAL 4.0, MIT, vendored and built by `build.rs`, behind the
//! `seal` feature) and [`sim`] (exact slot simulator with the same level/scale rules and
//! operation counters, for fast tests of the packing). [`bench`] measures per-op latency
//! and writes the `fuse::cost::CostModel` JSON the planner reads.

pub mod backend;
pub mod bench;
pub mod error;
pub mod eval;
pub mod layout;
pub mod primes;
#[cfg(feature = "seal")]
pub mod seal;
pub mod sim;
#[cfg(test)]
mod tests;

pub use backend::{Backend, Client, EvalKeys, Evaluator};
pub use error::HeError;
