//! Integration tests: the real `lingcn` binary on temporary projects.

mod cli;
mod common;
mod stages;
