//! The built-in stage kinds. Each implements `engine::Stage`; the binary
//! registers them explicitly with [`register_builtin`].

#[cfg(feature = "ml")]
mod checkpoint_dir;
pub mod cmd;
pub mod evaluate;
pub mod fuse;
pub mod he_bench;
pub mod he_eval;
pub mod import;
pub mod linearize;
pub mod prepare;
pub mod report;
pub mod train;

use crate::engine::Registry;

/// The numeric environment every libtorch stage runs under, whatever the
/// host CPU: libtorch, MKL and oneDNN each pick kernels by CPU, and
/// training turns their last-bit differences into different checkpoints
/// (see docs/pipeline.md, "Pinned numerics"). Pinned to the AVX2 code
/// paths, which every x86-64 machine of the last decade has, on one thread.
/// Checked across vendors by running a worker on emulated Intel and AMD
/// CPUs (tests/stages/numerics.rs).
/// Also compiled into the light executable: the pin is part of every key.
pub const TORCH_NUMERICS: &[(&str, &str)] = &[
    // ATen's own vectorized kernels (elementwise, reductions, softmax).
    ("ATEN_CPU_CAPABILITY", "avx2"),
    // MKL's conditional numerical reproducibility: its vendor-neutral
    // branch (MKL ignores `AVX2` on AMD CPUs and takes a generic path, so
    // `AVX2` gives different bytes on Intel and AMD), independent of
    // memory alignment.
    ("MKL_CBWR", "COMPATIBLE,STRICT"),
    // oneDNN's JIT convolutions: no AVX-512 kernels.
    ("ONEDNN_MAX_CPU_ISA", "AVX2"),
    // One thread unless a stage's `threads` parameter says otherwise.
    ("OMP_NUM_THREADS", "1"),
    ("MKL_NUM_THREADS", "1"),
];

/// Registers every built-in kind. Built without libtorch (the light `lingcn`
/// executable), the kinds that need it or SEAL are registered by their
/// configuration only: their stages run in `lingcn-worker`.
pub fn register_builtin(registry: &mut Registry) {
    registry.register::<cmd::Cmd>();
    registry.register::<prepare::Prepare>();
    registry.register::<report::ReportStage>();
    // One list for both builds: with libtorch a kind registers its work too.
    macro_rules! libtorch_and_he_kinds {
        ($register:ident) => {
            registry.$register::<train::Train>();
            registry.$register::<evaluate::Evaluate>();
            registry.$register::<import::Import>();
            registry.$register::<fuse::Fuse>();
            registry.$register::<linearize::Linearize>();
            registry.$register::<linearize::PolyReplace>();
            registry.$register::<he_eval::HeEval>();
            registry.$register::<he_bench::HeBench>();
        };
    }
    #[cfg(feature = "ml")]
    libtorch_and_he_kinds!(register);
    #[cfg(not(feature = "ml"))]
    libtorch_and_he_kinds!(register_config);
}
