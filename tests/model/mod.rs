//! The STGCN model: forward, checkpoints, training, PyTorch parity.

mod checkpoint;
mod common;
mod forward;
mod parity;
mod train;
