//! Tests of the runner core through the command line.

mod cache;
mod commands;
mod errors;
mod failures;
mod overrides;
mod reliability;
mod worker;
