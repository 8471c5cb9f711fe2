//! Skeleton data: reading NTU-RGB+D `.skeleton` files, splitting them into
//! train/val tensors written as `.npy`, and generating a synthetic data set in
//! the same text format.
//!
//! Edges: this module knows nothing about stages, caching or models. It takes
//! paths and configs and returns typed errors (`DataError`, `ParseError`) and
//! serializable reports.
//!
//! - [`skeleton`]: clip names and the line-numbered file parser;
//! - [`split`]: xview/xsub membership and ignore lists;
//! - [`npy`]: incremental `.npy` writer and header reader;
//! - [`dataset`]: `convert`, files -> split tensors, streamed;
//! - [`synthetic`]: deterministic synthetic clips on the NTU skeleton;
//! - [`bench`](mod@bench): parse throughput measurement.

pub mod bench;
pub mod dataset;
pub mod error;
pub mod file_bytes;
mod lexer;
pub mod npy;
mod part_writer;
pub mod skeleton;
pub mod split;
pub mod synthetic;

#[cfg(test)]
mod tests;

pub use dataset::{convert, ConvertConfig, ConvertReport, OnError, SkippedClip};
pub use error::{DataError, ParseError};
pub use part_writer::PartReport;
pub use skeleton::{parse_clip, Clip, ClipName, ReadOptions};
pub use split::{Benchmark, Part};
