//! Writing documents as Parquet: the JSON records the JSONL encoder makes are decoded into Arrow
//! batches of a schema fixed once, then written zstd-compressed, row group by row group.
//!
//! The schema (see `schema_of`) holds the `columns` hint's fields — the input Parquet file's
//! columns with their types, and the fields tamis adds, with tamis' types — and the other fields
//! of the first records, typed as their values say. A later record with a field the schema
//! lacks, or a value of another type, is an error naming the document: it is never dropped
//! silently.

use std::fs::File;
use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::error::{Error, Result};

/// JSON bytes gathered before the schema is fixed: the more records it sees, the fewer fields
/// can first appear after.
const FIRST_BATCH_BYTES: usize = 32 << 20;
const FIRST_BATCH_ROWS: usize = 16_384;
/// JSON bytes gathered before each later batch is decoded.
const BATCH_BYTES: usize = 8 << 20;
const BATCH_ROWS: usize = 4096;
/// Encoded bytes of a row group before it is closed (and its memory freed).
const ROW_GROUP_BYTES: usize = 128 << 20;
const ZSTD_LEVEL: i32 = 3;

/// Documents written to one Parquet file.
pub(super) struct ParquetWriter {
    display: String,
    columns: Option<SchemaRef>,
    compression: super::ParquetCompression,
    /// JSON lines not decoded yet, and how many.
    pending: Vec<u8>,
    pending_rows: usize,
    rows: u64,
    open: Option<Open>,
    file: Option<File>,
}

struct Open {
    writer: ArrowWriter<File>,
    decoder: arrow_json::reader::Decoder,
    schema: SchemaRef,
}

impl ParquetWriter {
    /// A writer to `file`, typing the columns `columns` names as it does.
    pub(super) fn new(
        file: File,
        display: String,
        columns: Option<SchemaRef>,
        compression: super::ParquetCompression,
    ) -> Self {
        ParquetWriter {
            display,
            columns,
            compression,
            pending: Vec::new(),
            pending_rows: 0,
            rows: 0,
            open: None,
            file: Some(file),
        }
    }

    /// Adds one JSON record (ending with a newline).
    pub(super) fn write(&mut self, record: &[u8]) -> Result<()> {
        self.pending.extend_from_slice(record);
        if !record.ends_with(b"\n") {
            self.pending.push(b'\n');
        }
        self.pending_rows += 1;
        let (bytes, rows) = match self.open {
            None => (FIRST_BATCH_BYTES, FIRST_BATCH_ROWS),
            Some(_) => (BATCH_BYTES, BATCH_ROWS),
        };
        if self.pending.len() >= bytes || self.pending_rows >= rows {
            self.flush_pending()?;
        }
        Ok(())
    }

    /// Writes what is pending and the file's footer.
    pub(super) fn finish(mut self) -> Result<()> {
        self.flush_pending()?;
        if self.open.is_none() {
            self.start(&[])?;
        }
        if let Some(open) = self.open.take() {
            open.writer
                .close()
                .map_err(|e| self.failure(&e.to_string()))?;
        }
        Ok(())
    }

    fn flush_pending(&mut self) -> Result<()> {
        if self.pending_rows == 0 {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        if self.open.is_none() {
            self.start(&pending)?;
        }
        let Some(open) = self.open.as_mut() else {
            return Ok(());
        };
        let mut rest = &pending[..];
        loop {
            let decoded = open.decoder.decode(rest).and_then(|read| {
                rest = &rest[read..];
                open.decoder.flush()
            });
            let batch = match decoded {
                Ok(batch) => batch,
                Err(error) => {
                    let (row, id) = first_unfit(&open.schema, &pending);
                    let error = error.to_string();
                    return Err(self.unfit(row, id.as_deref(), &error));
                }
            };
            if let Some(batch) = batch {
                open.writer
                    .write(&batch)
                    .map_err(|e| Error::io(self.display.clone(), std::io::Error::other(e)))?;
                if open.writer.in_progress_size() >= ROW_GROUP_BYTES {
                    open.writer
                        .flush()
                        .map_err(|e| Error::io(self.display.clone(), std::io::Error::other(e)))?;
                }
            }
            if rest.is_empty() {
                break;
            }
        }
        self.rows += self.pending_rows as u64;
        self.pending_rows = 0;
        self.pending = pending;
        self.pending.clear();
        Ok(())
    }

    /// Fixes the schema from `first` (JSON lines) and opens the writer.
    fn start(&mut self, first: &[u8]) -> Result<()> {
        let schema = Arc::new(schema_of(first, self.columns.as_deref()));
        let properties = WriterProperties::builder()
            .set_compression(match self.compression {
                super::ParquetCompression::Zstd => {
                    Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL).unwrap_or_default())
                }
                super::ParquetCompression::Snappy => Compression::SNAPPY,
                super::ParquetCompression::Gzip => Compression::GZIP(Default::default()),
                super::ParquetCompression::Lz4 => Compression::LZ4_RAW,
                super::ParquetCompression::None => Compression::UNCOMPRESSED,
            })
            .set_created_by(format!("tamis {}", env!("CARGO_PKG_VERSION")))
            .build();
        let file = self
            .file
            .take()
            .ok_or_else(|| self.failure("the file is already open"))?;
        let writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(properties))
            .map_err(|e| self.failure(&e.to_string()))?;
        let decoder = arrow_json::ReaderBuilder::new(Arc::clone(&schema))
            .with_batch_size(FIRST_BATCH_ROWS)
            .with_strict_mode(true)
            .with_coerce_primitive(true)
            .build_decoder()
            .map_err(|e| self.failure(&e.to_string()))?;
        self.open = Some(Open {
            writer,
            decoder,
            schema,
        });
        Ok(())
    }

    fn failure(&self, problem: &str) -> Error {
        Error::Parquet {
            path: self.display.clone(),
            problem: format!("cannot write Parquet: {problem}"),
        }
    }

    fn unfit(&self, row: Option<usize>, id: Option<&str>, error: &str) -> Error {
        let which = match (row, id) {
            (Some(row), Some(id)) => format!("document {} (id {id})", self.rows + row as u64 + 1),
            (Some(row), None) => format!("document {}", self.rows + row as u64 + 1),
            _ => "a document".to_owned(),
        };
        Error::Parquet {
            path: self.display.clone(),
            problem: format!(
                "{which} does not fit the Parquet schema fixed by the first documents \
                 ({error}): a Parquet file has one schema, so a field met only later, or \
                 a value of another type, cannot be written; write JSONL instead (-o \
                 out.jsonl.zst), or make the records' fields uniform"
            ),
        }
    }
}

/// Marks a field of the `columns` hint that tamis adds: it goes after the records' own fields.
pub const ADDED_BY_TAMIS: &str = "tamis.added";

/// The schema of the records in `lines`. Its columns: the `columns` hint's own fields in its
/// order (the id, the text, the input Parquet file's columns), then the other fields of the
/// records in the order met, then the hint's fields marked [`ADDED_BY_TAMIS`]. A field is typed
/// by the hint when it names it, else by the records' values (`Utf8` when only nulls were met).
fn schema_of(lines: &[u8], columns: Option<&Schema>) -> Schema {
    let mut names: Vec<String> = Vec::new();
    let mut values: Vec<serde_json::Value> = Vec::new();
    for line in lines.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let Ok(serde_json::Value::Object(record)) = serde_json::from_slice(line) else {
            continue;
        };
        for key in record.keys() {
            if !names.iter().any(|n| n == key) {
                names.push(key.clone());
            }
        }
        values.push(serde_json::Value::Object(record));
    }
    let inferred =
        arrow_json::reader::infer_json_schema_from_iterator(values.into_iter().map(Ok)).ok();
    let hinted: Vec<&Field> = columns.map_or_else(Vec::new, |c| {
        c.fields().iter().map(|f| f.as_ref()).collect()
    });
    let added = |f: &Field| f.metadata().contains_key(ADDED_BY_TAMIS);
    let typed = |f: &Field| Field::new(f.name(), plain(f.data_type()), true);
    let mut fields: Vec<Field> = hinted
        .iter()
        .filter(|f| !added(f))
        .map(|f| typed(f))
        .collect();
    for name in &names {
        if hinted.iter().any(|f| f.name() == name) {
            continue;
        }
        let data_type = inferred
            .as_ref()
            .and_then(|s| s.field_with_name(name).ok())
            .map(|f| f.data_type().clone())
            .filter(|t| *t != DataType::Null)
            .unwrap_or(DataType::Utf8);
        fields.push(Field::new(name, data_type, true));
    }
    fields.extend(hinted.iter().filter(|f| added(f)).map(|f| typed(f)));
    Schema::new(fields)
}

/// `data_type` as JSON can fill it: a dictionary becomes its values' type.
fn plain(data_type: &DataType) -> DataType {
    match data_type {
        DataType::Dictionary(_, values) => plain(values),
        other => other.clone(),
    }
}

/// The first of `lines` that does not decode into `schema`, and its id when it has one.
fn first_unfit(schema: &SchemaRef, lines: &[u8]) -> (Option<usize>, Option<String>) {
    for (row, line) in lines
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let Ok(mut decoder) = arrow_json::ReaderBuilder::new(Arc::clone(schema))
            .with_strict_mode(true)
            .with_coerce_primitive(true)
            .build_decoder()
        else {
            break;
        };
        if decoder.decode(line).and_then(|_| decoder.flush()).is_err() {
            let id = serde_json::from_slice::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.as_object()?.values().next().map(|v| v.to_string()));
            return (Some(row), id);
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_orders_the_hint_then_fields_met_then_tamis_fields_typed_by_the_hint() {
        let lines = concat!(
            r#"{"id":"a","text":"Bonjour","score":0.5,"lang":"fra"}"#,
            "\n",
            r#"{"id":"b","text":"Hallo","tags":["x"],"score":1,"note":null,"lang":"deu"}"#,
            "\n",
        );
        let hint = Schema::new(vec![
            Field::new("score", DataType::Float32, true),
            Field::new(
                "lang",
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
                true,
            ),
            Field::new("dup_size", DataType::UInt64, true)
                .with_metadata([(ADDED_BY_TAMIS.to_owned(), String::new())].into()),
        ]);
        let schema = schema_of(lines.as_bytes(), Some(&hint));
        assert!(schema.fields().iter().all(|f| f.metadata().is_empty()));
        let fields: Vec<(&str, &DataType)> = schema
            .fields()
            .iter()
            .map(|f| (f.name().as_str(), f.data_type()))
            .collect();
        let list = DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
        // The hint's own columns first, in its order; then the records' others; then tamis'.
        assert_eq!(
            fields,
            [
                ("score", &DataType::Float32),
                ("lang", &DataType::Utf8),
                ("id", &DataType::Utf8),
                ("text", &DataType::Utf8),
                ("tags", &list),
                ("note", &DataType::Utf8),
                ("dup_size", &DataType::UInt64),
            ]
        );
    }
}
