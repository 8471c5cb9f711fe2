//! Fusion, depth analysis, packing counts and CKKS parameter selection.

mod common;
mod depth_props;
mod equivalence;
mod planning;
