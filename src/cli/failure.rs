//! What an error that reached the top means for the user: its exit code,
//! and for an I/O or internal failure (a full disk, an unreadable
//! database) a line saying what to do. Such failures are not the user's
//! input, so they must not exit 2 like a bad pipeline does.

use super::exit;
use crate::engine::EngineError;
use crate::spec::SpecError;
use crate::store::StoreError;
use std::io::ErrorKind;

/// The exit code for `e`.
pub fn exit_code(e: &anyhow::Error) -> i32 {
    classify(e).0
}

/// What to do about `e`, if it is an I/O or internal failure.
pub fn advice(e: &anyhow::Error) -> Option<&'static str> {
    classify(e).1
}

/// The first cause that says what kind of failure `e` is: the store's
/// errors and OS errors are I/O failures (but a file the user named that
/// does not exist is input), the specification's are input.
fn classify(e: &anyhow::Error) -> (i32, Option<&'static str>) {
    for cause in e.chain() {
        if let Some(EngineError::Store(s)) = cause.downcast_ref::<EngineError>() {
            return store(s);
        }
        if let Some(s) = cause.downcast_ref::<StoreError>() {
            return store(s);
        }
        if cause.downcast_ref::<SpecError>().is_some() {
            return (exit::INVALID, None);
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            // Outside the store, a missing file is one the user named.
            if io.kind() == ErrorKind::NotFound {
                return (exit::INVALID, None);
            }
            return (exit::IO, Some(io_advice(io)));
        }
    }
    (exit::INVALID, None)
}

fn store(s: &StoreError) -> (i32, Option<&'static str>) {
    match s {
        StoreError::Locked { .. } => (exit::LOCKED, None),
        StoreError::Io(_, io) => (exit::IO, Some(io_advice(io))),
        StoreError::Db(..) | StoreError::Decode(_) => (
            exit::IO,
            Some(
                "the project's database (cache/db) cannot be read or written: check the disk \
                 and its permissions; if it is damaged, move cache/db away and run again \
                 (the records are lost and every stage re-runs; artifacts/ is kept)",
            ),
        ),
        StoreError::Busy(_) => (
            exit::IO,
            Some("wait for the other lingcn process to finish, then run again"),
        ),
    }
}

fn io_advice(io: &std::io::Error) -> &'static str {
    match io.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            "the disk (or a file size limit) is full: free space (or raise the limit) and run \
             again; `lingcn gc` drops outputs no record uses"
        }
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "lingcn needs to read and write cache/, artifacts/ and out/ next to pipeline.toml: \
             fix the permissions (or the mount) and run again"
        }
        _ => "an I/O failure, not a problem with the pipeline: fix its cause and run again",
    }
}
