//! The built-in stage kinds. Each implements `engine::Stage`; the binary
//! registers them explicitly with [`register_builtin`].

pub mod cmd;
pub mod prepare;

use crate::engine::Registry;

/// Registers every built-in kind.
pub fn register_builtin(registry: &mut Registry) {
    registry.register::<cmd::Cmd>();
    registry.register::<prepare::Prepare>();
}
