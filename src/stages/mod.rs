//! The built-in stage kinds. Each implements `engine::Stage`; the binary
//! registers them explicitly with [`register_builtin`].

#[cfg(feature = "ml")]
mod checkpoint_dir;
pub mod cmd;
#[cfg(feature = "ml")]
pub mod evaluate;
#[cfg(feature = "ml")]
pub mod fuse;
#[cfg(feature = "ml")]
pub mod he_bench;
#[cfg(feature = "ml")]
pub mod he_eval;
#[cfg(feature = "ml")]
pub mod import;
#[cfg(feature = "ml")]
pub mod linearize;
pub mod prepare;
pub mod report;
#[cfg(feature = "ml")]
pub mod train;

use crate::engine::Registry;

/// Registers every built-in kind.
pub fn register_builtin(registry: &mut Registry) {
    registry.register::<cmd::Cmd>();
    registry.register::<prepare::Prepare>();
    registry.register::<report::ReportStage>();
    #[cfg(feature = "ml")]
    {
        registry.register::<train::Train>();
        registry.register::<evaluate::Evaluate>();
        registry.register::<import::Import>();
        registry.register::<fuse::Fuse>();
        registry.register::<linearize::Linearize>();
        registry.register::<linearize::PolyReplace>();
        registry.register::<he_eval::HeEval>();
        registry.register::<he_bench::HeBench>();
    }
}
