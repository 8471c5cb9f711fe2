//! lingcn: a declarative, content-addressed pipeline runner whose built-in
//! stages reproduce LinGCN end to end.
//!
//! Dependency direction: `engine` (stage trait, keys, scheduling) depends on
//! `spec`, `graph` and `store` only; `stages` implement the trait; `cli` is
//! the only module that knows clap and wires everything together.

pub mod bench;
pub mod cli;
pub mod data;
pub mod diag;
pub mod engine;
pub mod fuse;
pub mod graph;
pub mod he;
pub mod model;
pub mod report;
pub mod spec;
pub mod stages;
pub mod store;
