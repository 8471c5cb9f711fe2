//! Tests of the built-in LinGCN stage kinds through the command line.

#[cfg(feature = "ml")]
mod fuse;
mod prepare;
#[cfg(feature = "ml")]
mod train;
