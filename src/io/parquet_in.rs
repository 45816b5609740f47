//! Reading Parquet files: row group by row group, each row handed on as the JSON object of its
//! other columns followed by its text (the JSONL path then takes the id field and passes every
//! other column through). The text never goes through JSON: it is copied once, as it is.
//!
//! Only one decoded batch of rows is held at a time, on top of the row group's column chunks the
//! Parquet reader holds, so memory is bounded by the file's row group size, not its length.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, SchemaRef};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader,
    ParquetRecordBatchReaderBuilder,
};

use crate::error::{Error, Result};

/// Rows decoded at a time: enough to amortise decoding, few enough to bound memory.
const BATCH_ROWS: usize = 1024;

/// The four bytes that open and close every Parquet file.
pub(crate) const MAGIC: &[u8] = b"PAR1";

/// The rows of one Parquet file, in file order.
pub(super) struct ParquetRows {
    batches: ParquetRecordBatchReader,
    display: String,
    /// The text column's position.
    text_column: usize,
    /// The current batch's other columns as JSON lines, and where the next one starts.
    lines: Vec<u8>,
    next: usize,
    /// The current batch's texts, and the next row's index among them.
    texts: Option<ArrayRef>,
    in_batch: usize,
    /// Rows handed on so far (the next row's 0-based index).
    row: u64,
    rows: u64,
    size: u64,
    /// The file size already counted as read.
    counted: u64,
}

impl ParquetRows {
    /// Opens `path`: reads its footer (schema and row groups), or says why it cannot.
    pub(super) fn open(path: &Path, display: &str, text_field: &str) -> Result<ParquetRows> {
        let file = File::open(path).map_err(|e| Error::io(display, e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let metadata = ArrowReaderMetadata::load(&file, ArrowReaderOptions::new())
            .map_err(|e| unreadable(display, &e.to_string()))?;
        check_columns(metadata.schema(), display, text_field)?;
        let metadata = texts_as_views(metadata, text_field, display)?;
        let builder = ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata);
        let text_column = builder.schema().index_of(text_field).unwrap_or(0);
        let rows = builder.metadata().file_metadata().num_rows().max(0) as u64;
        let batches = builder
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(|e| unreadable(display, &e.to_string()))?;
        Ok(ParquetRows {
            batches,
            display: display.to_owned(),
            text_column,
            lines: Vec::new(),
            next: 0,
            texts: None,
            in_batch: 0,
            row: 0,
            rows,
            size,
            counted: 0,
        })
    }

    /// The next row and its 1-based number, or `None` at the end of the file: the JSON object
    /// of its other columns, then, unless the text is null, a newline and the text (see
    /// [`split_row`]). `read` grows by the share of the file read so far.
    pub(super) fn next_row(
        &mut self,
        read: &std::sync::atomic::AtomicU64,
    ) -> Result<Option<(u64, Vec<u8>)>> {
        while self.next >= self.lines.len() {
            let Some(batch) = self.batches.next() else {
                self.count_read(read, self.size);
                return Ok(None);
            };
            let batch = batch.map_err(|e| Error::Parquet {
                path: self.display.clone(),
                problem: format!(
                    "cannot decode the rows after row {}: {e} (the file is truncated or \
                         corrupt)",
                    self.row
                ),
            })?;
            let failed = |e: arrow_schema::ArrowError| Error::Parquet {
                path: self.display.clone(),
                problem: format!("cannot turn the rows after row {} into JSON: {e}", self.row),
            };
            let texts = plain_strings(batch.column(self.text_column)).map_err(failed)?;
            let others: Vec<usize> = (0..batch.num_columns())
                .filter(|&c| c != self.text_column)
                .collect();
            self.lines = if others.is_empty() {
                b"{}\n".repeat(batch.num_rows())
            } else {
                json_lines(&batch.project(&others).map_err(failed)?).map_err(failed)?
            };
            self.texts = Some(texts);
            self.in_batch = 0;
            self.next = 0;
            let done = self.row + batch.num_rows() as u64;
            if let Some(share) = self.size.saturating_mul(done).checked_div(self.rows) {
                self.count_read(read, share);
            }
        }
        let rest = &self.lines[self.next..];
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let text = self.texts.as_ref().and_then(|t| text_at(t, self.in_batch));
        let mut bytes = Vec::with_capacity(end + 1 + text.map_or(0, str::len));
        bytes.extend_from_slice(&rest[..end]);
        if let Some(text) = text {
            bytes.push(b'\n');
            bytes.extend_from_slice(text.as_bytes());
        }
        self.next += end + 1;
        self.in_batch += 1;
        self.row += 1;
        Ok(Some((self.row, bytes)))
    }

    fn count_read(&mut self, read: &std::sync::atomic::AtomicU64, upto: u64) {
        if upto > self.counted {
            read.fetch_add(upto - self.counted, std::sync::atomic::Ordering::Relaxed);
            self.counted = upto;
        }
    }
}

/// The same reader with the text column read as `Utf8View`: its values are then not copied out
/// of the decompressed pages into one buffer before tamis copies each text once.
fn texts_as_views(
    metadata: ArrowReaderMetadata,
    text_field: &str,
    display: &str,
) -> Result<ArrowReaderMetadata> {
    let schema = metadata.schema();
    let Ok(index) = schema.index_of(text_field) else {
        return Ok(metadata);
    };
    if !matches!(
        schema.field(index).data_type(),
        DataType::Utf8 | DataType::LargeUtf8
    ) {
        return Ok(metadata);
    }
    let mut fields: Vec<arrow_schema::FieldRef> = schema.fields().iter().cloned().collect();
    fields[index] = Arc::new(
        fields[index]
            .as_ref()
            .clone()
            .with_data_type(DataType::Utf8View),
    );
    let hinted = Arc::new(arrow_schema::Schema::new_with_metadata(
        fields,
        schema.metadata().clone(),
    ));
    let options = ArrowReaderOptions::new().with_schema(hinted);
    ArrowReaderMetadata::try_new(Arc::clone(metadata.metadata()), options)
        .map_err(|e| unreadable(display, &e.to_string()))
}

/// A row as [`ParquetRows`] hands it on: the JSON object of its other columns, and its text
/// (`None` when null).
pub(super) fn split_row(bytes: &[u8]) -> (&[u8], Option<&[u8]>) {
    match memchr::memchr(b'\n', bytes) {
        Some(end) => (&bytes[..end], Some(&bytes[end + 1..])),
        None => (bytes, None),
    }
}

/// A row as the JSON record a JSONL line would hold (its columns, its text under `text_field`
/// unless null), for `--rejects`.
pub fn parquet_record(bytes: &[u8], text_field: &str) -> String {
    let (columns, text) = split_row(bytes);
    let mut record: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(columns).unwrap_or_default();
    if let Some(text) = text {
        record.insert(text_field.into(), String::from_utf8_lossy(text).into());
    }
    serde_json::Value::Object(record).to_string()
}

/// A string column as one of the three string arrays (a dictionary column decoded).
fn plain_strings(column: &ArrayRef) -> std::result::Result<ArrayRef, arrow_schema::ArrowError> {
    match column.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Ok(Arc::clone(column)),
        _ => arrow_cast::cast(column, &DataType::Utf8),
    }
}

/// The text of row `i`, `None` when null.
fn text_at(texts: &ArrayRef, i: usize) -> Option<&str> {
    if texts.is_null(i) {
        return None;
    }
    match texts.data_type() {
        DataType::Utf8 => Some(texts.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Some(texts.as_string::<i64>().value(i)),
        DataType::Utf8View => Some(texts.as_string_view().value(i)),
        _ => None,
    }
}

/// Every row of `batch` as a JSON object on its own line (a JSON string escapes line breaks, so
/// lines and rows match). A null is left out, as a JSONL record leaves out a field it lacks, so
/// that JSONL → Parquet → JSONL gives back the same records.
fn json_lines(batch: &RecordBatch) -> std::result::Result<Vec<u8>, arrow_schema::ArrowError> {
    let mut writer = arrow_json::WriterBuilder::new()
        .build::<_, arrow_json::writer::LineDelimited>(Vec::with_capacity(
            batch.get_array_memory_size(),
        ));
    writer.write(batch)?;
    writer.finish()?;
    Ok(writer.into_inner())
}

/// Refuses, before any row is read, a file without a string column `text_field` and a schema
/// with a column arrow cannot write as JSON.
fn check_columns(schema: &SchemaRef, display: &str, text_field: &str) -> Result<()> {
    let problem = |problem: String| {
        Err(Error::Parquet {
            path: display.to_owned(),
            problem,
        })
    };
    let names = || {
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        names.join(", ")
    };
    match schema.field_with_name(text_field).map(|f| f.data_type()) {
        Err(_) => {
            return problem(format!(
                "no column \"{text_field}\" holds the text (columns: {}); name the text \
                 column with `read.text_field`",
                names()
            ));
        }
        Ok(DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => {}
        Ok(DataType::Dictionary(_, values))
            if matches!(
                **values,
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            ) => {}
        Ok(other) => {
            return problem(format!(
                "column \"{text_field}\" is of type {other}, not a string: tamis cleans text; \
                 name the text column with `read.text_field` (columns: {})",
                names()
            ));
        }
    }
    fn writable(data_type: &DataType) -> bool {
        match data_type {
            DataType::List(field)
            | DataType::LargeList(field)
            | DataType::FixedSizeList(field, _)
            | DataType::ListView(field)
            | DataType::LargeListView(field) => writable(field.data_type()),
            DataType::Struct(fields) => fields.iter().all(|f| writable(f.data_type())),
            DataType::Map(entries, _) => writable(entries.data_type()),
            DataType::Dictionary(_, values) => writable(values),
            DataType::Interval(_) | DataType::Union(_, _) | DataType::RunEndEncoded(_, _) => false,
            _ => true,
        }
    }
    match schema.fields().iter().find(|f| !writable(f.data_type())) {
        Some(field) => Err(Error::Parquet {
            path: display.to_owned(),
            problem: format!(
                "column \"{}\" is of type {}, which tamis cannot pass through; drop the column \
                 first (e.g. with pyarrow or duckdb)",
                field.name(),
                field.data_type()
            ),
        }),
        None => Ok(()),
    }
}

/// The Arrow schema of the Parquet file at `path` (its footer only), for the output's columns.
pub fn schema_of(path: &Path) -> Option<SchemaRef> {
    let file = File::open(path).ok()?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).ok()?;
    Some(Arc::clone(builder.schema()))
}

/// The refusal of Parquet data on stdin or from a pipe.
pub(super) fn not_a_stream(display: &str) -> Error {
    Error::Parquet {
        path: display.to_owned(),
        problem: "Parquet is read from its footer, at the end of the file: it cannot come from \
                  standard input or a pipe; save it to a file and name the file"
            .into(),
    }
}

fn unreadable(display: &str, problem: &str) -> Error {
    Error::Parquet {
        path: display.to_owned(),
        problem: format!(
            "not a readable Parquet file ({problem}); a file still being written, cut short or \
             corrupt cannot be read"
        ),
    }
}
