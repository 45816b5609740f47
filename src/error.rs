//! Typed errors of the library.
//!
//! Messages speak of settings by their names in the library's configuration, in backticks
//! (`` `dedup.threshold` ``, `` `read.text_field` ``, `` `report` ``), never by a command-line
//! flag: the binary replaces each with the flag that sets it.

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
    /// A Parquet file that cannot be read (not Parquet, truncated, corrupt, a column arrow
    /// cannot decode), or a Parquet output that cannot take a record.
    #[error("{path}: {problem}")]
    Parquet {
        /// The file, as the user named it.
        path: String,
        /// What is wrong, and where (row group, row).
        problem: String,
    },
    /// A WARC record that is not one, or is cut, under `on_bad_input = fail` (skip counts it
    /// and resumes at the next record).
    #[error(
        "{path}: at byte {offset}: {problem} (with `on_bad_input` skip, the record is skipped \
         and counted, and reading resumes at the next one)"
    )]
    MalformedWarc {
        /// The file, as the user named it.
        path: String,
        /// Byte offset of the record (in the decompressed input).
        offset: u64,
        /// What is wrong.
        problem: String,
    },
    /// A bad record or invalid UTF-8 under `on_bad_input = fail`.
    #[error("{0} (with `on_bad_input` skip, such input is skipped and counted)")]
    BadInput(BadInput),
    /// The output would overwrite one of the inputs.
    #[error(
        "refusing to write {output}: it is also an input ({input}{}); choose another output path",
        read_as.map(|setting| format!(", the `{setting}` file")).unwrap_or_default()
    )]
    OutputIsInput {
        /// The output path.
        output: String,
        /// The input it collides with.
        input: String,
        /// The setting that names that input, when it is not one of the corpus's files.
        read_as: Option<&'static str>,
    },
    /// A path that can name no file to write: empty, or through a file used as a directory.
    #[error("{path}: {problem}")]
    BadPath {
        /// The path as given.
        path: String,
        /// Why it cannot be used.
        problem: String,
    },
    /// A line table (`tamis lines count`) that cannot be used.
    #[error("{path}: {reason}")]
    BadLineTable {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A file of the sharded near-duplicate stages (`dedup sign`, `pairs`, `cluster`) that
    /// cannot be used.
    #[error("{path}: {reason}")]
    BadShardFile {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
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
    #[error(
        "{}: {first}",
        if *count == 1 {
            "the only record was bad input, nothing was written".to_owned()
        } else {
            format!("all {count} records were bad input, nothing was written; the first")
        }
    )]
    NothingReadable {
        /// How many records were read.
        count: u64,
        /// The first problem met.
        first: String,
    },
    /// A setting is out of range, or inconsistent with another.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Two outputs of one run collide.
    #[error("`{first}` and `{second}` {conflict}")]
    OutputConflict {
        /// The first output, by its setting's name.
        first: &'static str,
        /// The second.
        second: &'static str,
        /// How they collide.
        conflict: Conflict,
    },
    /// A document could not be encoded as JSON.
    #[error("{id}: cannot encode as JSON: {message}")]
    Encode {
        /// The document's id.
        id: String,
        /// The encoder's message.
        message: String,
    },
    /// The worker threads could not be started.
    #[error("cannot start {threads} worker threads: {message}")]
    Threads {
        /// How many were asked for.
        threads: usize,
        /// The system's message.
        message: String,
    },
    /// tamis broke one of its own rules: a bug.
    #[error("internal error (a bug in tamis; please report it): {0}")]
    Internal(String),
}

/// A setting that cannot be used: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct ConfigError {
    /// The setting, by its name in the configuration (`dedup.threshold`, `read.text_field`,
    /// `report`…).
    pub field: &'static str,
    /// What is wrong, naming the settings involved in backticks.
    pub problem: String,
}

impl ConfigError {
    /// The error of `field`, described by `problem`.
    pub fn new(field: &'static str, problem: impl Into<String>) -> Self {
        ConfigError {
            field,
            problem: problem.into(),
        }
    }
}

/// How two outputs of a run collide.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    /// Both write to standard output.
    #[error("both write to stdout (-); give one of them a file")]
    Stdout,
    /// Both name the same file.
    #[error("both name {0}; give each output a file of its own")]
    SameFile(String),
}

impl Error {
    /// True for errors caused by how tamis was called (exit code 2), rather than by the data or
    /// the system (exit code 1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::OutputIsInput { .. }
                | Error::Config(_)
                | Error::OutputConflict { .. }
                | Error::BadPath { .. }
        )
    }

    /// A [`ConfigError`] of `field`.
    pub(crate) fn config(field: &'static str, problem: impl Into<String>) -> Self {
        Error::Config(ConfigError::new(field, problem))
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

/// One place in the input that is not a clean document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput {
    /// The file, as the user named it (`-` for stdin).
    pub path: String,
    /// 1-based line number (JSONL and lines formats); `None` for a whole `.txt` file.
    pub line: Option<u64>,
    /// `line` numbers the rows of a Parquet file, not lines.
    pub row: bool,
    /// Byte offset in the (decompressed) input where the problem is.
    pub offset: u64,
    /// What is wrong.
    pub kind: BadInputKind,
}

/// What is wrong with a [`BadInput`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadInputKind {
    /// Bytes that are not UTF-8; in skip mode they were replaced by U+FFFD.
    InvalidUtf8,
    /// The line is not valid JSON.
    MalformedJson(String),
    /// The line is JSON but not an object.
    NotAnObject(&'static str),
    /// The record has no text field.
    MissingText(String),
    /// The text field is not a string.
    TextNotString(String, &'static str),
    /// The id field is neither a string nor a number.
    BadId(String, &'static str),
    /// Valid JSON perhaps, but nested deeper than tamis reads: the levels found, the limit.
    TooDeep(usize, usize),
}

impl BadInput {
    /// True for problems that drop the record (everything but invalid UTF-8, which is repaired).
    pub fn drops_record(&self) -> bool {
        !matches!(self.kind, BadInputKind::InvalidUtf8)
    }
}

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.path)?;
        match self.line {
            Some(row) if self.row => write!(f, "row {row}: ")?,
            Some(line) => write!(f, "line {line}: ")?,
            None => {}
        }
        match &self.kind {
            BadInputKind::InvalidUtf8 => {
                write!(f, "invalid UTF-8 at byte {}", self.offset)
            }
            BadInputKind::MalformedJson(message) => write!(f, "malformed JSON: {message}"),
            BadInputKind::TooDeep(levels, limit) => write!(
                f,
                "JSON nested {levels} levels deep; tamis reads up to {limit} levels"
            ),
            BadInputKind::NotAnObject(found) => {
                write!(f, "expected a JSON object, found {found}")?;
                if *found == "an array" {
                    // A whole `.json` file of documents on one line.
                    f.write_str(
                        " (tamis reads JSON Lines, one document per line: `jq -c '.[]' FILE` \
                         writes an array's documents that way)",
                    )?;
                }
                Ok(())
            }
            BadInputKind::MissingText(field) => {
                write!(
                    f,
                    "record has no \"{field}\" field (set the text field with `read.text_field`)"
                )
            }
            BadInputKind::TextNotString(field, found) => {
                write!(f, "field \"{field}\" is {found}, not a string")
            }
            BadInputKind::BadId(field, found) => {
                write!(f, "id field \"{field}\" is {found}, not a string or number")
            }
        }
    }
}
