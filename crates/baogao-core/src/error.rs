//! Library error types: each names the input it is about.

use std::path::PathBuf;

/// Why one input could not become a report.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file or directory")]
    Missing { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: looks like binary data, not a text report")]
    Binary { path: PathBuf },
    #[error(
        "{path}: file is {size} bytes, over the {limit}-byte limit (raise it with --max-size)"
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: {what}")]
    Format { path: PathBuf, what: String },
    #[error("{path}: no report text left after cleaning")]
    NoText { path: PathBuf },
}

impl LoadError {
    /// The input this error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            LoadError::Missing { path }
            | LoadError::Io { path, .. }
            | LoadError::Empty { path }
            | LoadError::Binary { path }
            | LoadError::TooLarge { path, .. }
            | LoadError::Format { path, .. }
            | LoadError::NoText { path } => path,
        }
    }
}
