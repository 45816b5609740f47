//! Encoding documents as the bytes an output holds: JSONL records, plain text, or language
//! lines for `tamis detect`.

use super::format::OutputFormat;
use crate::document::Document;
use crate::error::{Error, Result};

/// Turns a document into the bytes its sink writes. Pure, so it runs in parallel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordEncoder {
    /// A JSON record and a newline, with these id and text field names.
    Jsonl {
        /// Name of the id field.
        id_field: String,
        /// Name of the text field.
        text_field: String,
    },
    /// The text and a newline.
    Txt,
    /// The id and the given metadata fields only (the language fields for `tamis detect`):
    /// JSON, or tab-separated values.
    Languages {
        /// Tab-separated instead of JSON.
        tsv: bool,
        /// The metadata fields written after the id.
        fields: &'static [&'static str],
    },
}

impl RecordEncoder {
    /// The encoder for `format`.
    pub fn new(format: OutputFormat, id_field: &str, text_field: &str) -> Self {
        match format {
            OutputFormat::Jsonl | OutputFormat::Parquet => RecordEncoder::Jsonl {
                id_field: id_field.to_owned(),
                text_field: text_field.to_owned(),
            },
            OutputFormat::Txt => RecordEncoder::Txt,
        }
    }

    /// The bytes written for `doc`.
    pub fn encode(&self, doc: &Document) -> Result<Vec<u8>> {
        let mut bytes = match self {
            RecordEncoder::Jsonl {
                id_field,
                text_field,
            } => serde_json::to_vec(&doc.as_record(id_field, text_field))
                .map_err(|e| encode_error(doc, e))?,
            RecordEncoder::Txt => doc.text.as_bytes().to_vec(),
            RecordEncoder::Languages { tsv: false, fields } => {
                let mut record = serde_json::Map::new();
                record.insert("id".into(), doc.id.clone().into());
                for &field in *fields {
                    record.insert(
                        field.into(),
                        doc.meta.get(field).cloned().unwrap_or_default(),
                    );
                }
                serde_json::to_vec(&record).map_err(|e| encode_error(doc, e))?
            }
            RecordEncoder::Languages { tsv: true, fields } => {
                let mut line = tsv_cell(&doc.id);
                for &field in *fields {
                    line.push('\t');
                    match doc.meta.get(field) {
                        Some(serde_json::Value::String(s)) => line.push_str(&tsv_cell(s)),
                        Some(serde_json::Value::Null) | None => {}
                        Some(other) => line.push_str(&other.to_string()),
                    }
                }
                line.into_bytes()
            }
        };
        bytes.push(b'\n');
        Ok(bytes)
    }
}

fn encode_error(doc: &Document, error: serde_json::Error) -> Error {
    Error::Encode {
        id: doc.id.clone(),
        message: error.to_string(),
    }
}

impl RecordEncoder {
    /// A line written before the first record, if the format has one.
    pub fn header(&self) -> Option<Vec<u8>> {
        match self {
            RecordEncoder::Languages { tsv: true, fields } => {
                let mut line = String::from("id");
                for field in *fields {
                    line.push('\t');
                    line.push_str(field);
                }
                line.push('\n');
                Some(line.into_bytes())
            }
            _ => None,
        }
    }
}

/// A TSV cell: tabs and line breaks become spaces.
fn tsv_cell(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
