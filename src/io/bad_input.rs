//! Input that cannot be read as a document, and what to do about it.

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
