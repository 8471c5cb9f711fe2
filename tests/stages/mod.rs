//! Tests of the built-in LinGCN stage kinds through the command line.

#[cfg(feature = "ml")]
mod fuse;
#[cfg(feature = "ml")]
mod he;
mod paper;
mod prepare;
#[cfg(feature = "ml")]
mod report;
#[cfg(feature = "ml")]
mod train;
