//! Read-only access to a whole input file without copying it (memory map).

use super::error::DataError;
use memmap2::{Mmap, MmapOptions};
use std::fs::File;
use std::ops::Deref;
use std::path::Path;

/// The bytes of a file: mapped, or empty (zero-length files cannot be mapped).
pub enum FileBytes {
    Mapped(Mmap),
    Empty,
}

impl Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(m) => m,
            FileBytes::Empty => &[],
        }
    }
}

/// Maps `path` read-only.
pub fn map_file(path: &Path) -> Result<FileBytes, DataError> {
    let io = |e| DataError::io(path, e);
    let file = File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.len() == 0 {
        return Ok(FileBytes::Empty);
    }
    // SAFETY: the map is only read. Input files are not expected to change
    // while a conversion runs (as in ripgrep, a concurrent truncation is the
    // caller's problem); this saves a copy of every byte parsed. `populate`
    // pre-faults the whole file in one call: measured ~1.8x faster with 2
    // threads than faulting 4 KiB pages one by one.
    let map = unsafe { MmapOptions::new().populate().map(&file) }.map_err(io)?;
    Ok(FileBytes::Mapped(map))
}
