//! WARC files (a web crawl's archive, `.warc` or `.warc.gz`): each `response` record holding an
//! HTML page with a 2xx status becomes one page, each `conversion` record (the text Common
//! Crawl extracted, in its WET files `.warc.wet.gz`) one plain-text document; the other records
//! (`warcinfo`, `request`, `metadata`, redirects, images, PDFs…) are counted, not read as
//! documents.
//!
//! The WARC header block is parsed by the `warc` crate; the record's HTTP response (status,
//! headers, chunked transfer and gzip/deflate content encodings) here.

use std::io::{BufRead, Read};

use serde_json::{Map, Value};

/// One WARC record: its headers (names as written) and its block.
#[derive(Debug)]
pub(super) struct WarcRecord {
    headers: Vec<(String, String)>,
    /// The record's block (for a response: the HTTP response).
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Why a record is not a document (the counter under `stages.warc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Skip {
    /// Not a `response` record (`warcinfo`, `request`, `metadata`, `revisit`…).
    NotResponse,
    /// A response with a status other than 2xx (redirects, errors).
    Status,
    /// A response whose content is not HTML (images, PDFs, scripts…).
    NotHtml,
    /// A content encoding tamis cannot decode (brotli, zstd).
    Encoding,
}

impl Skip {
    /// The counter's name.
    pub fn counter(self) -> &'static str {
        match self {
            Skip::NotResponse => "skipped_not_response",
            Skip::Status => "skipped_status",
            Skip::NotHtml => "skipped_not_html",
            Skip::Encoding => "skipped_content_encoding",
        }
    }
}

/// Why a record could not be read.
#[derive(Debug)]
pub(super) enum ReadFailure {
    /// The file (or its decompression) failed: nothing after it can be read.
    Io(std::io::Error),
    /// The bytes are not a WARC record; reading may resume at the next one.
    Malformed(String),
}

impl From<String> for ReadFailure {
    fn from(problem: String) -> Self {
        ReadFailure::Malformed(problem)
    }
}

impl From<&str> for ReadFailure {
    fn from(problem: &str) -> Self {
        ReadFailure::Malformed(problem.to_owned())
    }
}

/// Reads the next record, `None` at the end, adding the bytes it reads to `consumed` (also when
/// it fails, so that the offsets of the records after a malformed one stay right). Blank lines
/// between records are skipped; with `resync`, so is anything up to the next line that starts
/// a record (after a malformed one).
pub(super) fn read_record(
    reader: &mut dyn BufRead,
    resync: bool,
    consumed: &mut u64,
) -> Result<Option<WarcRecord>, ReadFailure> {
    let mut head = Vec::with_capacity(1024);
    let length = consumed;
    // Skip blank lines before the version line.
    loop {
        let read = reader
            .read_until(b'\n', &mut head)
            .map_err(ReadFailure::Io)?;
        *length += read as u64;
        if read == 0 {
            return Ok(None);
        }
        if head.iter().all(u8::is_ascii_whitespace) || (resync && !head.starts_with(b"WARC/")) {
            head.clear();
            continue;
        }
        if !head.starts_with(b"WARC/") {
            return Err(format!(
                "expected a WARC record (`WARC/1.0`), found `{}`",
                String::from_utf8_lossy(&head[..head.len().min(40)]).trim_end()
            )
            .into());
        }
        break;
    }
    // Headers up to the blank line.
    loop {
        let start = head.len();
        let read = reader
            .read_until(b'\n', &mut head)
            .map_err(ReadFailure::Io)?;
        *length += read as u64;
        if read == 0 {
            return Err("the file ends inside a WARC header".into());
        }
        if head[start..].iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
    let (_, (_, fields, content_length)) = warc::parser::headers(&head)
        .map_err(|_| ReadFailure::from("malformed WARC header block"))?;
    let headers = fields
        .into_iter()
        .map(|(name, value)| {
            (
                name.to_owned(),
                String::from_utf8_lossy(value).trim().to_owned(),
            )
        })
        .collect();
    let mut block = Vec::with_capacity(content_length.min(64 << 20));
    let read = reader
        .take(content_length as u64)
        .read_to_end(&mut block)
        .map_err(ReadFailure::Io)?;
    *length += read as u64;
    if block.len() < content_length {
        return Err(format!(
            "the file ends inside a WARC record ({} of {content_length} bytes)",
            block.len()
        )
        .into());
    }
    Ok(Some(WarcRecord { headers, block }))
}

/// The page of a response record: its metadata (`url`, `date`, `warc_record_id`) and its HTML
/// payload decoded to UTF-8 by the charset HTTP or the page declares; or why it is none.
pub(super) fn page_of(record: &WarcRecord) -> Result<(Map<String, Value>, Vec<u8>), Skip> {
    if !record
        .header("WARC-Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("response"))
    {
        return Err(Skip::NotResponse);
    }
    let http = &record.block;
    let Some(end) = memchr::memmem::find(http, b"\r\n\r\n")
        .map(|at| at + 4)
        .or_else(|| memchr::memmem::find(http, b"\n\n").map(|at| at + 2))
    else {
        return Err(Skip::NotHtml);
    };
    let head = String::from_utf8_lossy(&http[..end]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse::<u16>().ok());
    if !status.is_some_and(|code| (200..300).contains(&code)) {
        return Err(Skip::Status);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value,
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.is_empty() && !matches!(media, "text/html" | "application/xhtml+xml") {
        return Err(Skip::NotHtml);
    }
    let mut payload = http[end..].to_vec();
    if chunked {
        payload = dechunk(&payload);
    }
    payload = match encoding.as_str() {
        "" | "identity" => payload,
        "gzip" | "x-gzip" => decompress(flate2::read::MultiGzDecoder::new(&payload[..]))?,
        "deflate" => decompress(flate2::read::ZlibDecoder::new(&payload[..]))
            .or_else(|_| decompress(flate2::read::DeflateDecoder::new(&payload[..])))?,
        _ => return Err(Skip::Encoding),
    };
    let charset = content_type
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("charset="))
        .next()
        .map(|name| name.trim_matches(['"', '\'']).to_owned());
    let payload = crate::html::decode_page_as(payload, charset.as_deref());
    if media.is_empty()
        && !crate::html::looks_like_html(&String::from_utf8_lossy(
            &payload[..payload.len().min(512)],
        ))
    {
        return Err(Skip::NotHtml);
    }
    Ok((metadata_of(record), payload))
}

/// The text of a `conversion` record (Common Crawl's WET files: the text extracted from a
/// page) and its metadata (`url`, `date`, `warc_record_id`).
pub(super) fn text_of(record: &WarcRecord) -> (Map<String, Value>, Vec<u8>) {
    (metadata_of(record), record.block.clone())
}

/// A record's `url`, `date` and `warc_record_id`, from its WARC headers.
fn metadata_of(record: &WarcRecord) -> Map<String, Value> {
    let mut meta = Map::new();
    for (field, header) in [
        ("url", "WARC-Target-URI"),
        ("date", "WARC-Date"),
        ("warc_record_id", "WARC-Record-ID"),
    ] {
        if let Some(value) = record.header(header) {
            meta.insert(field.into(), Value::String(value.to_owned()));
        }
    }
    meta
}

/// Whether `record` is a `conversion` record (text extracted from a page, as in WET files).
pub(super) fn is_conversion(record: &WarcRecord) -> bool {
    record
        .header("WARC-Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("conversion"))
}

/// The body of a chunked transfer, its chunks joined (what a truncated body has, when cut).
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0;
    while at < body.len() {
        let Some(line_end) = memchr::memchr(b'\n', &body[at..]).map(|i| at + i) else {
            break;
        };
        let size_text = String::from_utf8_lossy(&body[at..line_end]);
        let size_text = size_text.trim().split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            // Not chunked after all: keep the body as it is.
            return body.to_vec();
        };
        at = line_end + 1;
        if size == 0 {
            break;
        }
        let end = (at + size).min(body.len());
        out.extend_from_slice(&body[at..end]);
        at = end;
        // The CRLF after the chunk.
        while at < body.len() && matches!(body[at], b'\r' | b'\n') {
            at += 1;
            if body.get(at - 1) == Some(&b'\n') {
                break;
            }
        }
    }
    out
}

fn decompress(mut reader: impl Read) -> Result<Vec<u8>, Skip> {
    let mut out = Vec::new();
    reader.read_to_end(&mut out).map_err(|_| Skip::Encoding)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://example.org/a\r\n\
             WARC-Date: 2024-02-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    #[test]
    fn a_chunked_gzip_response_gives_its_page_and_metadata() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("<html><p>Grüße aus Köln</p></html>".as_bytes())
            .unwrap();
        let body = gz.finish().unwrap();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
            Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
        let (first, second) = body.split_at(10);
        for chunk in [first, second] {
            http.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            http.extend_from_slice(chunk);
            http.extend_from_slice(b"\r\n");
        }
        http.extend_from_slice(b"0\r\n\r\n");
        let file = [
            record("warcinfo", b"software: test\r\n"),
            record("response", &http),
        ]
        .concat();
        let mut reader = &file[..];
        let info = read_record(&mut reader, false, &mut 0).unwrap().unwrap();
        assert_eq!(page_of(&info).unwrap_err(), Skip::NotResponse);
        let response = read_record(&mut reader, false, &mut 0).unwrap().unwrap();
        let (meta, page) = page_of(&response).unwrap();
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><p>Grüße aus Köln</p></html>"
        );
        assert_eq!(meta["url"], "https://example.org/a");
        assert_eq!(meta["warc_record_id"], "<urn:uuid:1>");
        assert!(read_record(&mut reader, false, &mut 0).unwrap().is_none());
    }

    #[test]
    fn redirects_images_and_truncated_records_are_told_apart() {
        let redirect = record("response", b"HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n");
        let image = record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        );
        let legacy = record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<p>caf\xe9</p>",
        );
        let status = |bytes: &[u8]| {
            page_of(
                &read_record(&mut &bytes[..], false, &mut 0)
                    .unwrap()
                    .unwrap(),
            )
        };
        assert_eq!(status(&redirect).unwrap_err(), Skip::Status);
        assert_eq!(status(&image).unwrap_err(), Skip::NotHtml);
        assert_eq!(
            String::from_utf8(status(&legacy).unwrap().1).unwrap(),
            "<p>café</p>"
        );
        let truncated = &redirect[..redirect.len() - 20];
        let malformed = |failure: ReadFailure| match failure {
            ReadFailure::Malformed(problem) => problem,
            ReadFailure::Io(error) => panic!("not an I/O failure: {error}"),
        };
        assert!(
            malformed(read_record(&mut &truncated[..], false, &mut 0).unwrap_err())
                .contains("ends inside")
        );
        assert!(
            malformed(read_record(&mut &b"GET / HTTP/1.1\r\n"[..], false, &mut 0).unwrap_err())
                .contains("WARC/1.0")
        );
        // After a malformed record, reading resumes at the next one, its bytes counted.
        let resumed = [&b"garbage\r\nmore garbage\r\n"[..], &redirect].concat();
        let mut consumed = 0;
        let record = read_record(&mut &resumed[..], true, &mut consumed)
            .unwrap()
            .unwrap();
        assert_eq!(page_of(&record).unwrap_err(), Skip::Status);
        assert_eq!(consumed, resumed.len() as u64 - 4);
    }
}
