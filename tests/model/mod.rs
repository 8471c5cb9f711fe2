//! The STGCN model: forward, checkpoints, training, PyTorch parity, and the
//! LinGCN parts: gates, polynomials, distillation, linearization.

mod checkpoint;
mod common;
mod forward;
mod linear_checkpoint;
mod linear_gates;
mod linear_losses;
mod linear_train;
mod parity;
mod poly_fit;
mod train;
