//! Typed errors of the library.

/// Everything that can go wrong in the library.
///
/// Messages name the input (path, line, byte offset) so the binary can print them as they are.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input or output path could not be read or written.
    #[error("{path}: {error}")]
    Io {
        /// The path as the user gave it (or `-` for stdin/stdout).
        path: String,
        /// The underlying error.
        error: std::io::Error,
    },
    /// A compressed input ended early or is corrupt.
    #[error(
        "{path}: truncated or corrupt {codec} stream after {offset} decompressed bytes: {error}"
    )]
    Decompress {
        /// The path as the user gave it.
        path: String,
        /// `gzip` or `zstd`.
        codec: &'static str,
        /// Decompressed bytes read before the failure.
        offset: u64,
        /// The decoder's error.
        error: std::io::Error,
    },
    /// An input holds no document at all.
    #[error("{path}: {reason}")]
    EmptyInput {
        /// The path as the user gave it.
        path: String,
        /// What was looked for.
        reason: &'static str,
    },
    /// An input is UTF-16 (it starts with a UTF-16 byte-order mark); tamis reads UTF-8.
    #[error(
        "{path}: the file is UTF-16 (it starts with a UTF-16 byte-order mark); tamis reads UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8"
    )]
    Utf16 {
        /// The path as the user gave it.
        path: String,
    },
    /// A bad record or invalid UTF-8 under `on_bad_input = fail`.
    #[error("{0} (pass --on-bad-input skip to skip and count such input)")]
    BadInput(crate::io::BadInput),
    /// The output would overwrite one of the inputs.
    #[error(
        "refusing to write {output}: it is also an input ({input}); choose another output path"
    )]
    OutputIsInput {
        /// The output path.
        output: String,
        /// The input it collides with.
        input: String,
    },
    /// A saved near-duplicate index cannot be used.
    #[error("{path}: {reason}")]
    BadIndex {
        /// The index file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Every record read was bad (a wrong `--text-field`, not JSONL at all): the run kept
    /// nothing, so it fails instead of writing empty outputs.
    #[error("all {count} records were bad input, nothing was written; the first: {first}")]
    NothingReadable {
        /// How many records were read.
        count: u64,
        /// The first problem met.
        first: String,
    },
    /// The configuration or the arguments are inconsistent.
    #[error("{0}")]
    Config(String),
}

impl Error {
    /// True for errors caused by how tamis was called (exit code 2), rather than by the data or
    /// the system (exit code 1).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::OutputIsInput { .. } | Error::Config(_))
    }

    pub(crate) fn io(path: impl Into<String>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
