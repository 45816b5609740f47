//! Streams raw records (one per future document) out of the source files, one file after the
//! other, decompressing on the way.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::MultiGzDecoder;

use super::format::{Compression, Format};
use super::source::SourceFile;
use crate::error::{Error, Result};

const BOM: &[u8] = b"\xef\xbb\xbf";
const READ_BUFFER: usize = 256 * 1024;

/// The bytes of one future document and where they come from.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// The file it was read from.
    pub source: Arc<SourceFile>,
    /// How to parse `bytes`.
    pub format: Format,
    /// 1-based line number (JSONL and lines); `None` for a whole `.txt` file.
    pub line: Option<u64>,
    /// Byte offset of `bytes` in the decompressed input.
    pub offset: u64,
    /// The raw bytes, without line terminator or byte-order mark.
    pub bytes: Vec<u8>,
}

/// Reads the sources in order and yields their raw records.
///
/// Blank lines of JSONL and lines inputs are not records. A named input that yields no record is
/// skipped and listed in [`RawReader::empty_inputs`], unless every input is empty: then the
/// first is an [`Error::EmptyInput`]. A read or decompression failure is an error naming the
/// file. After an error the iterator ends.
pub struct RawReader {
    sources: std::vec::IntoIter<SourceFile>,
    current: Option<OpenSource>,
    raw_bytes_read: Arc<AtomicU64>,
    failed: bool,
    records: u64,
    empty: Arc<std::sync::Mutex<Vec<String>>>,
    skipped: SkippedRecords,
    skip_malformed: bool,
    text_field: String,
}

/// Records of the inputs that are not documents (WARC requests, redirects, images…), by reason.
pub type SkippedRecords = Arc<std::sync::Mutex<BTreeMap<&'static str, u64>>>;

struct OpenSource {
    source: Arc<SourceFile>,
    format: Format,
    compression: Compression,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    offset: u64,
    records: u64,
    skipped: SkippedRecords,
    /// Skip a malformed WARC record (counted) and resume at the next one, instead of failing.
    skip_malformed: bool,
    /// After a malformed record: skip to the next line that starts one.
    resync: bool,
    /// The rows of a Parquet file (its `reader` is then empty).
    parquet: Option<super::parquet_in::ParquetRows>,
    /// Bytes read from disk so far, for the Parquet rows' share.
    read: Arc<AtomicU64>,
}

impl RawReader {
    /// A reader over `sources`, read in order.
    pub fn new(sources: Vec<SourceFile>) -> Self {
        RawReader {
            sources: sources.into_iter(),
            current: None,
            raw_bytes_read: Arc::new(AtomicU64::new(0)),
            failed: false,
            records: 0,
            empty: Arc::default(),
            skipped: Arc::default(),
            skip_malformed: false,
            text_field: "text".into(),
        }
    }

    /// The field that holds the text (`read.text_field`): a Parquet file without such a string
    /// column is refused before its rows are read.
    pub fn text_field(mut self, field: &str) -> Self {
        self.text_field = field.to_owned();
        self
    }

    /// With `skip`, a malformed WARC record is counted (`malformed_records`) and reading
    /// resumes at the next record, as `on_bad_input = skip` asks; without, it is an error.
    pub fn skip_malformed_records(mut self, skip: bool) -> Self {
        self.skip_malformed = skip;
        self
    }

    /// The records met that are not documents, by reason (`skipped_not_html`…), as they are
    /// counted (for the stats, from another thread).
    pub fn skipped_records(&self) -> SkippedRecords {
        Arc::clone(&self.skipped)
    }

    /// The named inputs that held no document, as they are found (for notices from another
    /// thread).
    pub fn empty_inputs(&self) -> Arc<std::sync::Mutex<Vec<String>>> {
        Arc::clone(&self.empty)
    }

    /// A counter of the bytes read from disk or stdin so far (before decompression), for
    /// progress reporting from another thread.
    pub fn raw_bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.raw_bytes_read)
    }

    fn next_record(&mut self) -> Result<Option<RawRecord>> {
        loop {
            if self.current.is_none() {
                match self.sources.next() {
                    None => return self.end(),
                    Some(source) => {
                        let mut opened = open(source, &self.raw_bytes_read, &self.text_field)?;
                        opened.skipped = Arc::clone(&self.skipped);
                        opened.skip_malformed = self.skip_malformed;
                        self.current = Some(opened);
                    }
                }
            }
            let Some(open) = self.current.as_mut() else {
                continue;
            };
            if let Some(record) = open.next_record()? {
                self.records += 1;
                return Ok(Some(record));
            }
            if open.source.explicit && open.records == 0 {
                self.empty
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(open.source.display.clone());
            }
            self.current = None;
        }
    }
}

impl RawReader {
    /// After the last source: an error if every named input was empty and nothing was read.
    fn end(&self) -> Result<Option<RawRecord>> {
        let empty = self
            .empty
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match empty.first() {
            Some(first) if self.records == 0 => Err(Error::EmptyInput {
                path: first.clone(),
                reason: "input is empty (no documents)",
            }),
            _ => Ok(None),
        }
    }
}

impl Iterator for RawReader {
    type Item = Result<RawRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = self.next_record();
        if next.is_err() {
            self.failed = true;
        }
        next.transpose()
    }
}

impl OpenSource {
    /// `source`, opened, at its start: its bytes come from `reader`, or its rows from `parquet`.
    fn new(
        source: SourceFile,
        format: Format,
        compression: Compression,
        reader: Box<dyn BufRead + Send>,
        read: &Arc<AtomicU64>,
        parquet: Option<super::parquet_in::ParquetRows>,
    ) -> Self {
        OpenSource {
            source: Arc::new(source),
            format,
            compression,
            reader,
            line: 0,
            offset: 0,
            records: 0,
            skipped: Arc::default(),
            skip_malformed: false,
            resync: false,
            parquet,
            read: Arc::clone(read),
        }
    }

    fn next_record(&mut self) -> Result<Option<RawRecord>> {
        match self.format {
            Format::Txt | Format::Html => self.whole_file(),
            Format::Jsonl | Format::Lines => self.next_line(),
            Format::Warc | Format::Wet => self.next_page(),
            Format::Parquet => self.next_row(),
        }
    }

    /// The next row of a Parquet file, as a JSON object numbered by its row.
    fn next_row(&mut self) -> Result<Option<RawRecord>> {
        let Some(rows) = self.parquet.as_mut() else {
            return Ok(None);
        };
        let Some((row, bytes)) = rows.next_row(&self.read)? else {
            return Ok(None);
        };
        self.records += 1;
        Ok(Some(RawRecord {
            source: Arc::clone(&self.source),
            format: Format::Parquet,
            line: Some(row),
            offset: row - 1,
            bytes,
        }))
    }

    /// The next WARC response record that holds an HTML page (a page) or conversion record (a
    /// plain-text document), as its metadata (one JSON line) and its content; the records passed
    /// over are counted by reason.
    fn next_page(&mut self) -> Result<Option<RawRecord>> {
        loop {
            let start = self.offset;
            let mut consumed = 0;
            let read = super::warc::read_record(&mut self.reader, self.resync, &mut consumed);
            self.offset += consumed;
            let record = match read {
                Ok(record) => record,
                // The file or its decompression failed (a truncated `.warc.gz`): it would fail
                // again at once, so the run stops there, naming the file.
                Err(super::warc::ReadFailure::Io(error)) => return Err(self.read_error(error)),
                // Every malformed record moves the reader on by at least one line.
                Err(super::warc::ReadFailure::Malformed(_))
                    if self.skip_malformed && consumed > 0 =>
                {
                    self.count_skipped("malformed_records");
                    self.resync = true;
                    continue;
                }
                Err(super::warc::ReadFailure::Malformed(problem)) => {
                    return Err(Error::MalformedWarc {
                        path: self.source.display.clone(),
                        offset: start,
                        problem,
                    });
                }
            };
            self.resync = false;
            let Some(record) = record else {
                return Ok(None);
            };
            let (read, format) = if super::warc::is_conversion(&record) {
                (Ok(super::warc::text_of(&record)), Format::Wet)
            } else {
                (super::warc::page_of(&record), Format::Warc)
            };
            match read {
                Ok((meta, page)) => {
                    self.records += 1;
                    let mut bytes = serde_json::Value::Object(meta).to_string().into_bytes();
                    bytes.push(b'\n');
                    bytes.extend_from_slice(&page);
                    return Ok(Some(RawRecord {
                        source: Arc::clone(&self.source),
                        format,
                        line: None,
                        offset: start,
                        bytes,
                    }));
                }
                Err(skip) => self.count_skipped(skip.counter()),
            }
        }
    }

    fn count_skipped(&self, counter: &'static str) {
        *self
            .skipped
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(counter)
            .or_default() += 1;
    }

    fn read_error(&self, source: std::io::Error) -> Error {
        match self.compression {
            Compression::None => Error::io(self.source.display.clone(), source),
            compression => Error::Decompress {
                path: self.source.display.clone(),
                codec: compression.codec(),
                offset: self.offset,
                error: source,
            },
        }
    }

    fn whole_file(&mut self) -> Result<Option<RawRecord>> {
        if self.records > 0 {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        self.reader
            .read_to_end(&mut bytes)
            .map_err(|e| self.read_error(e))?;
        let mut offset = 0;
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
            offset = BOM.len() as u64;
        }
        self.records = 1;
        if self.source.explicit && bytes.iter().all(u8::is_ascii_whitespace) {
            self.records = 0; // Named and blank: reported as empty.
            return Ok(None);
        }
        Ok(Some(RawRecord {
            source: Arc::clone(&self.source),
            format: self.format,
            line: None,
            offset,
            bytes,
        }))
    }

    fn next_line(&mut self) -> Result<Option<RawRecord>> {
        loop {
            let mut bytes = Vec::new();
            let read = self
                .reader
                .read_until(b'\n', &mut bytes)
                .map_err(|e| self.read_error(e))?;
            if read == 0 {
                return Ok(None);
            }
            let mut start = self.offset;
            self.offset += read as u64;
            self.line += 1;
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
            }
            // A byte-order mark starts the file, or a later line where files were concatenated.
            if bytes.starts_with(BOM) {
                bytes.drain(..BOM.len());
                start += BOM.len() as u64;
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.records += 1;
            return Ok(Some(RawRecord {
                source: Arc::clone(&self.source),
                format: self.format,
                line: Some(self.line),
                offset: start,
                bytes,
            }));
        }
    }
}

/// Counts the bytes read through it.
struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn open(source: SourceFile, counter: &Arc<AtomicU64>, text_field: &str) -> Result<OpenSource> {
    let display = source.display.clone();
    if source.format == Some(Format::Parquet) {
        return open_parquet(source, counter, text_field);
    }
    let inner: Box<dyn Read + Send> = match &source.path {
        Some(path) => Box::new(File::open(path).map_err(|e| Error::io(display.clone(), e))?),
        None => Box::new(std::io::stdin()),
    };
    let mut buffered = BufReader::with_capacity(
        READ_BUFFER,
        CountingReader {
            inner,
            count: Arc::clone(counter),
        },
    );
    // The magic number wins over a name without a compression extension: a gzip file saved as
    // `.jsonl` is still read.
    let compression = match source.compression {
        Some(Compression::None) | None => Compression::sniff(
            buffered
                .fill_buf()
                .map_err(|e| Error::io(display.clone(), e))?,
        ),
        Some(compression) => compression,
    };
    if compression == Compression::None
        && let Some(codec) = Compression::sniff_unsupported(
            buffered
                .fill_buf()
                .map_err(|e| Error::io(display.clone(), e))?,
        )
    {
        return Err(super::source::unreadable_compression(&display, codec));
    }
    let reader = decompressed(buffered, compression, &display)?;
    let sniff = source.format.is_none();
    let format = source.format.unwrap_or(Format::Txt);
    let mut open = OpenSource::new(source, format, compression, reader, counter, None);
    let (utf16, sniffed) = match open.reader.fill_buf() {
        Ok(head) => (
            head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff"),
            sniff_format(head),
        ),
        Err(error) => return Err(open.read_error(error)),
    };
    if utf16 {
        return Err(Error::Utf16 { path: display });
    }
    if sniff {
        open.format = sniffed;
    }
    if open.format == Format::Parquet {
        return Err(super::parquet_in::not_a_stream(&display));
    }
    Ok(open)
}

/// A Parquet file, read from its footer: only a regular file will do, not stdin or a pipe,
/// and not one compressed as a whole (Parquet compresses its pages itself).
fn open_parquet(
    source: SourceFile,
    counter: &Arc<AtomicU64>,
    text_field: &str,
) -> Result<OpenSource> {
    let display = source.display.clone();
    let path = match &source.path {
        Some(path) if !source.once => path.clone(),
        _ => return Err(super::parquet_in::not_a_stream(&display)),
    };
    if let Some(compression) = source.compression.filter(|c| *c != Compression::None) {
        return Err(Error::Parquet {
            path: display,
            problem: format!(
                "a Parquet file compressed as a whole ({}) cannot be read: Parquet compresses \
                 its pages itself; decompress the file first",
                compression.codec()
            ),
        });
    }
    let rows = super::parquet_in::ParquetRows::open(&path, &display, text_field)?;
    Ok(OpenSource::new(
        source,
        Format::Parquet,
        Compression::None,
        Box::new(std::io::empty()),
        counter,
        Some(rows),
    ))
}

/// JSONL when the first non-blank byte (after a byte-order mark) is `{`, a WARC file when it
/// opens `WARC/`, an HTML page when it opens `<!doctype html` or `<html`, else one text
/// document.
fn sniff_format(head: &[u8]) -> Format {
    let head = head.strip_prefix(BOM).unwrap_or(head);
    let Some(start) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Format::Txt;
    };
    let rest = &head[start..];
    let opens = |tag: &[u8]| rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag);
    if head.starts_with(super::parquet_in::MAGIC) {
        Format::Parquet
    } else if rest[0] == b'{' {
        Format::Jsonl
    } else if rest.starts_with(b"WARC/") {
        Format::Warc
    } else if opens(b"<!doctype html") || opens(b"<html") {
        Format::Html
    } else {
        Format::Txt
    }
}

/// Opens the file at `path` for reading, decompressed when its first bytes say gzip or zstd.
pub fn open_decompressed(path: &std::path::Path) -> Result<Box<dyn BufRead + Send>> {
    let display = path.display().to_string();
    let file = File::open(path).map_err(|e| Error::io(display.clone(), e))?;
    let mut buffered = BufReader::with_capacity(READ_BUFFER, file);
    let head = buffered
        .fill_buf()
        .map_err(|e| Error::io(display.clone(), e))?;
    let compression = Compression::sniff(head);
    decompressed(buffered, compression, &display)
}

/// `buffered` read through the decoder of `compression`.
fn decompressed<R: BufRead + Send + 'static>(
    buffered: R,
    compression: Compression,
    display: &str,
) -> Result<Box<dyn BufRead + Send>> {
    Ok(match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            READ_BUFFER,
            MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => {
            let decoder = zstd::stream::read::Decoder::with_buffer(buffered)
                .map_err(|e| Error::io(display, e))?;
            Box::new(BufReader::with_capacity(READ_BUFFER, decoder))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_stdin_content() {
        assert_eq!(sniff_format(b"\xef\xbb\xbf  {\"id\":1}"), Format::Jsonl);
        assert_eq!(sniff_format(b"date 2018-06 Texte"), Format::Txt);
        assert_eq!(sniff_format(b""), Format::Txt);
        assert_eq!(sniff_format(b"\n<!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(sniff_format(b"<HTML lang=fr>"), Format::Html);
        assert_eq!(sniff_format(b"<3 Texte"), Format::Txt);
        assert_eq!(
            sniff_format(b"WARC/1.0\r\nWARC-Type: warcinfo"),
            Format::Warc
        );
    }
}
