//! Tests of the built-in LinGCN stage kinds through the command line.

#[cfg(feature = "ml")]
mod fuse;
#[cfg(feature = "ml")]
mod he;
#[cfg(feature = "ml")]
mod ntu60;
#[cfg(feature = "ml")]
mod numerics;
#[cfg(not(feature = "ml"))]
mod paper;
#[cfg(not(feature = "ml"))]
mod prepare;
#[cfg(feature = "ml")]
mod report;
#[cfg(feature = "ml")]
mod train;

/// The encrypted-inference tests use SEAL only when it is built in; CI
/// requires it (test group `seal`). Only the worker is built with it.
#[cfg(feature = "ml")]
#[test]
fn seal_backend_is_built() {
    if !cfg!(feature = "seal") {
        crate::common::require::skip(
            "seal",
            "built without the `seal` feature: encrypted inference runs on the slot simulator only",
        );
    }
}
