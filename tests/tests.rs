//! Integration tests: the real `lingcn` binary on temporary projects.
//!
//! Compiled by both packages: the light one (`lingcn`, no libtorch) runs the
//! modules that need neither libtorch nor SEAL; worker/ (feature `ml`) runs
//! the model tests and the stage kinds that run in `lingcn-worker`, still
//! through the light `lingcn` executable that users call.

#[cfg(feature = "ml")]
extern crate lingcn_worker as lingcn;

#[cfg(not(feature = "ml"))]
mod architecture;
#[cfg(not(feature = "ml"))]
mod cli;
mod common;
#[cfg(not(feature = "ml"))]
mod fuse;
#[cfg(not(feature = "ml"))]
mod fuzz;
#[cfg(feature = "ml")]
mod model;
#[cfg(not(feature = "ml"))]
mod slurm;
mod stages;
