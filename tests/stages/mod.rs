//! Tests of the built-in LinGCN stage kinds through the command line.

mod prepare;
