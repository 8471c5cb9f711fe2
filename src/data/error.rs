//! Typed errors of the data module. Every error names the file it is about;
//! parse errors also carry the 1-based line and what was expected vs found.

use std::io;
use std::path::PathBuf;

/// A `.skeleton` file (or its name) that does not follow the NTU format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The file name is not `SsssCcccPpppRrrrAaaa[.skeleton]`.
    #[error("{file}: expected a clip name like SsssCcccPpppRrrrAaaa, found {found:?}")]
    BadName { file: String, found: String },
    /// The content is malformed at `line` (1-based).
    #[error("{file}:{line}: expected {expected}, found {found}")]
    Syntax {
        file: String,
        line: usize,
        expected: String,
        found: String,
    },
}

impl ParseError {
    /// The 1-based line of a syntax error; `None` for a bad name.
    pub fn line(&self) -> Option<usize> {
        match self {
            ParseError::Syntax { line, .. } => Some(*line),
            ParseError::BadName { .. } => None,
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            ParseError::Syntax { file, .. } | ParseError::BadName { file, .. } => file,
        }
    }
}

/// Errors of conversion, generation and benchmarking.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("invalid data config: {0}")]
    Config(String),
    #[error("cancelled")]
    Cancelled,
}

impl DataError {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        DataError::Io {
            path: path.into(),
            source,
        }
    }
}
