//! Tests of the built-in LinGCN stage kinds through the command line.

mod prepare;
#[cfg(feature = "ml")]
mod train;
