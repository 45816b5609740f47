//! Raw records to documents: UTF-8 decoding and JSONL field extraction.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::bad_input::json_kind;
use super::format::Format;
use super::reader::RawRecord;
use crate::document::Document;
use crate::error::{BadInput, BadInputKind};

/// Which record fields hold the id and the text, and how inputs are split into documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadOptions {
    /// Overrides the format told by extensions (and the sniffing of stdin).
    pub format: Option<Format>,
    /// JSONL field holding the text (default `text`).
    pub text_field: String,
    /// JSONL field holding the id (default `id`); a record without one gets `FILE:LINE`.
    pub id_field: String,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            text_field: "text".into(),
            id_field: "id".into(),
        }
    }
}

/// A raw record after parsing.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// A document. `invalid_utf8` says where invalid bytes were replaced by U+FFFD, if any.
    Document {
        /// The document.
        doc: Document,
        /// The first invalid UTF-8 sequence, when the bytes were decoded lossily.
        invalid_utf8: Option<BadInput>,
    },
    /// A record that cannot become a document.
    Bad(BadInput),
}

/// Decodes and parses one raw record. Pure: safe to call from any thread.
pub fn parse_record(raw: RawRecord, options: &ReadOptions) -> Parsed {
    let bad = |kind: BadInputKind, offset: u64| BadInput {
        path: raw.source.display.clone(),
        line: raw.line,
        row: raw.format == Format::Parquet,
        offset,
        kind,
    };
    let line = raw.line.unwrap_or(0);
    // A record without an id is named by where it was read.
    let named = |mut doc: Document| {
        if doc.id.is_empty() {
            doc.id = format!("{}:{line}", raw.source.id_base);
        }
        doc
    };
    let in_place = match raw.format {
        Format::Parquet => Some(parquet_row(&raw.bytes, options)),
        // Valid UTF-8 (the common case), checked with SIMD and parsed in place.
        Format::Jsonl => simdutf8::basic::from_utf8(&raw.bytes)
            .ok()
            .map(|text| parse_json_record(text, options)),
        _ => None,
    };
    if let Some(parsed) = in_place {
        return match parsed {
            Ok(doc) => Parsed::Document {
                doc: named(doc),
                invalid_utf8: None,
            },
            Err(kind) => Parsed::Bad(bad(kind, raw.offset)),
        };
    }
    let (meta, bytes) = match raw.format {
        Format::Html => (None, crate::html::decode_page(raw.bytes)),
        Format::Warc | Format::Wet => split_warc_record(raw.bytes),
        _ => (None, raw.bytes),
    };
    let (text, invalid_utf8) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let at = raw.offset + error.utf8_error().valid_up_to() as u64;
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            (text, Some(bad(BadInputKind::InvalidUtf8, at)))
        }
    };
    let doc = match raw.format {
        Format::Txt | Format::Html => Document::new(raw.source.id_base.clone(), text),
        Format::Warc | Format::Wet => {
            let mut meta = meta.unwrap_or_default();
            let id = match meta.remove("warc_record_id") {
                Some(serde_json::Value::String(id)) => id,
                _ => format!("{}:{}", raw.source.id_base, raw.offset),
            };
            let mut doc = Document::new(id, text);
            doc.meta = meta;
            doc
        }
        Format::Lines => Document::new(format!("{}:{line}", raw.source.id_base), text),
        // (Parquet rows were parsed above; listed here so the match says every format.)
        Format::Jsonl | Format::Parquet => match parse_json_record(&text, options) {
            Ok(doc) => named(doc),
            Err(kind) => return Parsed::Bad(bad(kind, raw.offset)),
        },
    };
    Parsed::Document { doc, invalid_utf8 }
}

/// A WARC page as the reader passes it: its metadata as one JSON line, then the page.
fn split_warc_record(
    bytes: Vec<u8>,
) -> (Option<serde_json::Map<String, serde_json::Value>>, Vec<u8>) {
    let Some(end) = memchr::memchr(b'\n', &bytes) else {
        return (None, bytes);
    };
    let meta = serde_json::from_slice(&bytes[..end]).ok();
    let mut page = bytes;
    page.drain(..=end);
    (meta, page)
}

/// The deepest nesting of arrays and objects a record may have. serde_json stops at 128 levels
/// by default; past that, records are parsed again without its limit (on a stack that grows
/// as needed) up to this depth, which dropping and writing the value also stand.
pub const MAX_JSON_DEPTH: usize = 1024;

/// Parses one JSON value with nothing but whitespace after it.
fn parse_json(line: &str) -> Result<Value, BadInputKind> {
    let malformed = |e: serde_json::Error| BadInputKind::MalformedJson(json_error(&e));
    match serde_json::from_str(line) {
        Err(error) if error.to_string().starts_with("recursion limit exceeded") => {}
        parsed => return parsed.map_err(malformed),
    }
    let depth = nesting_depth(line);
    if depth > MAX_JSON_DEPTH {
        return Err(BadInputKind::TooDeep(depth, MAX_JSON_DEPTH));
    }
    use serde::Deserialize;
    let mut json = serde_json::Deserializer::from_str(line);
    json.disable_recursion_limit();
    let value =
        Value::deserialize(serde_stacker::Deserializer::new(&mut json)).map_err(malformed)?;
    json.end().map_err(malformed)?;
    Ok(value)
}

/// The deepest nesting of `[` and `{` in `line`, outside strings.
fn nesting_depth(line: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for byte in line.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A Parquet row as the reader hands it on (its other columns as JSON, then its text) as a
/// document; a null text is a bad record (the column exists: the file was refused otherwise).
fn parquet_row(bytes: &[u8], options: &ReadOptions) -> Result<Document, BadInputKind> {
    let (columns, text) = super::parquet_in::split_row(bytes);
    let Some(text) = text else {
        return Err(BadInputKind::TextNotString(
            options.text_field.clone(),
            "null",
        ));
    };
    // Arrow has checked both as UTF-8 already; checked again, at SIMD speed, rather than trusted.
    let not_utf8 = |_| BadInputKind::InvalidUtf8;
    let columns = simdutf8::basic::from_utf8(columns).map_err(not_utf8)?;
    let text = simdutf8::basic::from_utf8(text).map_err(not_utf8)?;
    let value = parse_json(columns)?;
    let Value::Object(meta) = value else {
        return Err(BadInputKind::NotAnObject(json_kind(&value)));
    };
    document_of(meta, text.to_owned(), columns, options)
}

/// Whether a line that is not JSON looks like the first line of a pretty-printed value.
fn opens_pretty_json(line: &str) -> bool {
    matches!(line.trim(), "{" | "[" | "[{" | "[ {")
}

/// Parses a JSON object into a document; an empty id means "none given".
fn parse_json_record(line: &str, options: &ReadOptions) -> Result<Document, BadInputKind> {
    let value = parse_json(line).map_err(|error| match error {
        BadInputKind::MalformedJson(message) if opens_pretty_json(line) => {
            BadInputKind::MalformedJson(format!(
                "{message} (tamis reads JSON Lines, one document per line; is the file \
                 pretty-printed? `jq -c . FILE` writes it as JSON Lines, `jq -c '.[]' FILE` an \
                 array's documents)"
            ))
        }
        other => other,
    })?;
    let Value::Object(mut meta) = value else {
        return Err(BadInputKind::NotAnObject(json_kind(&value)));
    };
    let text = match meta.shift_remove(&options.text_field) {
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(BadInputKind::TextNotString(
                options.text_field.clone(),
                json_kind(&other),
            ));
        }
        None => return Err(BadInputKind::MissingText(options.text_field.clone())),
    };
    document_of(meta, text, line, options)
}

/// The document of a record's fields once its text is taken out; `line` is the record as
/// read, for a numeric id's digits.
fn document_of(
    mut meta: serde_json::Map<String, Value>,
    text: String,
    line: &str,
    options: &ReadOptions,
) -> Result<Document, BadInputKind> {
    let id = match meta.get(&options.id_field) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(number)) => {
            raw_field(line, &options.id_field).unwrap_or_else(|| number.to_string())
        }
        Some(other) => {
            return Err(BadInputKind::BadId(
                options.id_field.clone(),
                json_kind(other),
            ));
        }
    };
    meta.shift_remove(&options.id_field);
    Ok(Document { id, text, meta })
}

/// The JSON text of top-level field `field` of `line`, exactly as written (a numeric id keeps
/// its digits and spelling: `1e2`, `-0`, 20 digits).
fn raw_field(line: &str, field: &str) -> Option<String> {
    let fields: std::collections::HashMap<std::borrow::Cow<'_, str>, &serde_json::value::RawValue> =
        serde_json::from_str(line).ok()?;
    fields.get(field).map(|raw| raw.get().to_owned())
}

/// serde_json's message with its "line 1" (always 1 here) replaced by the column alone.
fn json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(cut) => format!("{} at column {}", &message[..cut], error.column()),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::io::source::SourceFile;

    fn raw(format: Format, bytes: &[u8]) -> RawRecord {
        RawRecord {
            source: Arc::new(SourceFile {
                path: None,
                display: "news.jsonl".into(),
                id_base: "news.jsonl".into(),
                format: Some(format),
                compression: None,
                explicit: true,
                size: None,
                once: false,
            }),
            format,
            line: Some(7),
            offset: 100,
            bytes: bytes.to_vec(),
        }
    }

    fn parse(bytes: &[u8]) -> Parsed {
        parse_record(raw(Format::Jsonl, bytes), &ReadOptions::default())
    }

    #[test]
    fn jsonl_keeps_other_fields_in_order() {
        let Parsed::Document { doc, invalid_utf8 } =
            parse(br#"{"url":"https://x.ru/1","id":"ru-1","text":"\u041f\u0440\u0438\u0432\u0435\u0442","tags":["a"]}"#)
        else {
            panic!("expected a document");
        };
        assert_eq!(doc.id, "ru-1");
        assert_eq!(doc.text, "Привет");
        assert_eq!(doc.meta.keys().collect::<Vec<_>>(), ["url", "tags"]);
        assert!(invalid_utf8.is_none());
    }

    #[test]
    fn missing_or_numeric_ids() {
        let Parsed::Document { doc, .. } = parse(br#"{"text":"Hola"}"#) else {
            panic!()
        };
        assert_eq!(doc.id, "news.jsonl:7");
        let Parsed::Document { doc, .. } = parse(br#"{"id":42,"text":"Hola"}"#) else {
            panic!()
        };
        assert_eq!(doc.id, "42");
        assert!(!doc.meta.contains_key("id"));
    }

    #[test]
    fn bad_records_say_what_is_wrong_and_where() {
        let cases: [(&[u8], &str); 6] = [
            (
                b"{\"id\":1,\"text\":",
                "news.jsonl: line 7: malformed JSON: EOF while parsing a value at column 15",
            ),
            (
                b"[1,2]",
                "news.jsonl: line 7: expected a JSON object, found an array (tamis reads JSON \
                 Lines, one document per line: `jq -c '.[]' FILE` writes an array's documents \
                 that way)",
            ),
            (
                br#"{"id":"a"}"#,
                "news.jsonl: line 7: record has no \"text\" field (set the text field with `read.text_field`)",
            ),
            (
                br#"{"id":"a","text":null}"#,
                "news.jsonl: line 7: field \"text\" is null, not a string",
            ),
            (
                br#"{"id":"a","text":["x"]}"#,
                "news.jsonl: line 7: field \"text\" is an array, not a string",
            ),
            (
                br#"{"id":{"a":1},"text":"x"}"#,
                "news.jsonl: line 7: id field \"id\" is an object, not a string or number",
            ),
        ];
        for (bytes, message) in cases {
            match parse(bytes) {
                Parsed::Bad(bad) => assert_eq!(bad.to_string(), message),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let Parsed::Document { doc, invalid_utf8 } = parse(b"{\"id\":\"x\",\"text\":\"caf\xe9\"}")
        else {
            panic!()
        };
        assert_eq!(doc.text, "caf\u{fffd}");
        let bad = invalid_utf8.unwrap();
        assert_eq!(bad.offset, 100 + 21);
        assert_eq!(
            bad.to_string(),
            "news.jsonl: line 7: invalid UTF-8 at byte 121"
        );
    }

    #[test]
    fn lines_and_txt_ids() {
        let options = ReadOptions::default();
        let Parsed::Document { doc, .. } =
            parse_record(raw(Format::Lines, b"Une ligne."), &options)
        else {
            panic!()
        };
        assert_eq!(doc.id, "news.jsonl:7");
        let Parsed::Document { doc, .. } = parse_record(raw(Format::Txt, b"Un texte."), &options)
        else {
            panic!()
        };
        assert_eq!(
            (doc.id.as_str(), doc.text.as_str()),
            ("news.jsonl", "Un texte.")
        );
    }
}
