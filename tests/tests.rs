//! Integration tests: the real `lingcn` binary on temporary projects.

mod architecture;
mod cli;
mod common;
mod fuse;
#[cfg(feature = "ml")]
mod model;
mod slurm;
mod stages;
