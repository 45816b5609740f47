//! Input that cannot be read as a document, and what to do about it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What to do with a bad record or invalid UTF-8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BadInputPolicy {
    /// Skip bad records (counted under `dropped.bad_record`), decode invalid UTF-8 lossily
    /// (counted as `invalid_utf8_documents`), warn, and go on.
    #[default]
    Skip,
    /// Stop at the first bad record or invalid UTF-8 with an error naming the place.
    Fail,
}

/// One place in the input that is not a clean document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput {
    /// The file, as the user named it (`-` for stdin).
    pub path: String,
    /// 1-based line number (JSONL and lines formats); `None` for a whole `.txt` file.
    pub line: Option<u64>,
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
    /// Valid JSON perhaps, but nested deeper than tamis reads (the levels found).
    TooDeep(usize),
}

impl BadInput {
    /// True for problems that drop the record (everything but invalid UTF-8, which is repaired).
    pub fn drops_record(&self) -> bool {
        !matches!(self.kind, BadInputKind::InvalidUtf8)
    }
}

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        match &self.kind {
            BadInputKind::InvalidUtf8 => {
                write!(f, "invalid UTF-8 at byte {}", self.offset)
            }
            BadInputKind::MalformedJson(message) => write!(f, "malformed JSON: {message}"),
            BadInputKind::TooDeep(levels) => write!(
                f,
                "JSON nested {levels} levels deep; tamis reads up to {} levels",
                super::parse::MAX_JSON_DEPTH
            ),
            BadInputKind::NotAnObject(found) => {
                write!(f, "expected a JSON object, found {found}")
            }
            BadInputKind::MissingText(field) => {
                write!(
                    f,
                    "record has no \"{field}\" field (set the text field with --text-field)"
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

/// A JSON value's kind, for messages.
pub(crate) fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
