//! Input and output formats, and compression, as told by file extensions.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// How an input is split into documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON Lines: one JSON object per line (`.jsonl`, `.ndjson`, `.json`).
    Jsonl,
    /// The whole file is one document (`.txt`).
    Txt,
    /// Every non-blank line is one document (only when asked for with `--format lines`).
    Lines,
    /// The whole file is one HTML page (`.html`, `.htm`, `.xhtml`), for the `html` stage.
    Html,
    /// A web archive (`.warc`, `.warc.gz`): each HTML response record is one page, for the
    /// `html` stage.
    Warc,
    /// Common Crawl's text extracts (`.wet`, `.warc.wet.gz`): each `conversion` record is one
    /// plain-text document, with its URL, date and record id.
    Wet,
    /// Apache Parquet (`.parquet`): each row is one document, its text and id taken from the
    /// columns named like JSONL fields, every other column passed through.
    Parquet,
}

/// How output documents are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// One JSON object per line, to a file (compressed by extension) or stdout.
    #[default]
    Jsonl,
    /// One `.txt` file per document in a directory (metadata is not written).
    Txt,
    /// Apache Parquet (`.parquet`), zstd-compressed: the input's columns (with their types when
    /// the input is Parquet) plus those tamis adds.
    Parquet,
}

impl OutputFormat {
    /// The format an output path names by its extension: Parquet for `.parquet`, else `None`.
    pub fn from_path(path: &Path) -> Option<OutputFormat> {
        (extension(path).as_deref() == Some("parquet")).then_some(OutputFormat::Parquet)
    }
}

/// How the pages of a Parquet output are compressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParquetCompression {
    /// Zstandard, level 3: small files, fast to read (the default).
    #[default]
    Zstd,
    /// Snappy: what older readers and pyarrow default to.
    Snappy,
    /// gzip: the most widely read, slower.
    Gzip,
    /// LZ4 (raw).
    Lz4,
    /// No compression.
    None,
}

/// Compression of a file, told by its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (`.gz`), multi-member files included.
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

impl Compression {
    /// The compression named by the extension of `path`.
    pub fn from_path(path: &Path) -> Compression {
        match extension(path).as_deref() {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// The compression format named by an extension tamis cannot write or read (`bz2`, `xz`,
    /// …), for a clear refusal instead of an uncompressed file under a compressed name.
    pub fn unsupported(path: &Path) -> Option<&'static str> {
        match extension(path).as_deref() {
            Some("bz2") => Some("bzip2"),
            Some("xz") => Some("xz"),
            Some("lz4") => Some("lz4"),
            Some("lzma") => Some("lzma"),
            Some("br") => Some("brotli"),
            Some("zip") => Some("zip"),
            Some("7z") => Some("7-Zip"),
            _ => None,
        }
    }

    /// The compression tamis cannot read whose magic number starts `bytes` (`xz`, `bzip2`…),
    /// so that such data is refused with a hint instead of read as one binary document.
    pub fn sniff_unsupported(bytes: &[u8]) -> Option<&'static str> {
        const MAGIC: [(&[u8], &str); 6] = [
            (&[0xfd, b'7', b'z', b'X', b'Z', 0x00], "xz"),
            (b"BZh", "bzip2"),
            (&[0x04, 0x22, 0x4d, 0x18], "lz4"),
            (&[0x5d, 0x00, 0x00], "lzma"),
            (b"PK\x03\x04", "zip"),
            (&[b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c], "7-Zip"),
        ];
        MAGIC
            .iter()
            .find(|(magic, codec)| {
                bytes.starts_with(magic)
                    // `BZh` then the block size digit and the block magic: not a text's start.
                    && (*codec != "bzip2"
                        || bytes.get(3).is_some_and(u8::is_ascii_digit)
                            && bytes.get(4..10) == Some(&[0x31, 0x41, 0x59, 0x26, 0x53, 0x59][..]))
            })
            .map(|(_, codec)| *codec)
    }

    /// The command that decompresses `codec` to standard output.
    pub fn decompress_tool(codec: &str) -> &'static str {
        match codec {
            "bzip2" => "bzcat",
            "xz" | "lzma" => "xzcat",
            "lz4" => "lz4cat",
            "brotli" => "brotli -dc",
            "zip" => "unzip -p",
            _ => "7z x -so",
        }
    }

    /// The compression whose magic number starts `bytes`, for stdin.
    pub fn sniff(bytes: &[u8]) -> Compression {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if bytes.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// Name used in messages.
    pub fn codec(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

impl Format {
    /// The format named by the extension of `path` once a `.gz`/`.zst` suffix is removed;
    /// `None` when the extension says nothing (`.md`, no extension, …).
    pub fn from_path(path: &Path) -> Option<Format> {
        let inner = strip_compression(path);
        match extension(Path::new(inner)).as_deref() {
            Some("jsonl" | "ndjson" | "json") => Some(Format::Jsonl),
            Some("txt") => Some(Format::Txt),
            Some("html" | "htm" | "xhtml") => Some(Format::Html),
            Some("warc") => Some(Format::Warc),
            Some("wet") => Some(Format::Wet),
            Some("parquet") => Some(Format::Parquet),
            _ => None,
        }
    }

    /// Whether documents of this format are web pages, for the `html` stage.
    pub fn is_web_page(self) -> bool {
        matches!(self, Format::Html | Format::Warc)
    }

    /// The format of a file found while walking a directory: only `.jsonl`, `.ndjson`, `.txt`,
    /// `.html`/`.htm`/`.xhtml`, `.warc` and `.wet` (optionally compressed) and `.parquet` are
    /// read; anything else is listed as ignored.
    pub fn from_walked_path(path: &Path) -> Option<Format> {
        let inner = strip_compression(path);
        match extension(Path::new(inner)).as_deref() {
            Some("jsonl" | "ndjson") => Some(Format::Jsonl),
            Some("txt") => Some(Format::Txt),
            Some("html" | "htm" | "xhtml") => Some(Format::Html),
            Some("warc") => Some(Format::Warc),
            Some("wet") => Some(Format::Wet),
            Some("parquet") => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// The file name of `path` without its compression suffix (`a.jsonl.gz` → `a.jsonl`).
pub(crate) fn strip_compression(path: &Path) -> &str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match Compression::from_path(path) {
        Compression::Gzip => name.strip_suffix(".gz").unwrap_or(name),
        Compression::Zstd => name.strip_suffix(".zst").unwrap_or(name),
        Compression::None => name,
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_compression_from_extensions() {
        let cases = [
            ("a.jsonl", Some(Format::Jsonl), Compression::None),
            ("dir/a.JSONL.gz", Some(Format::Jsonl), Compression::Gzip),
            ("a.ndjson.zst", Some(Format::Jsonl), Compression::Zstd),
            ("a.json", Some(Format::Jsonl), Compression::None),
            ("seed.txt", Some(Format::Txt), Compression::None),
            ("seed.txt.gz", Some(Format::Txt), Compression::Gzip),
            ("notes.md", None, Compression::None),
            ("page.HTML", Some(Format::Html), Compression::None),
            ("crawl/page.htm.gz", Some(Format::Html), Compression::Gzip),
            ("CC-MAIN-1.warc.gz", Some(Format::Warc), Compression::Gzip),
            (
                "CC-MAIN-1.warc.wet.gz",
                Some(Format::Wet),
                Compression::Gzip,
            ),
            ("archive.gz", None, Compression::Gzip),
        ];
        for (path, format, compression) in cases {
            assert_eq!(Format::from_path(Path::new(path)), format, "{path}");
            assert_eq!(
                Compression::from_path(Path::new(path)),
                compression,
                "{path}"
            );
        }
        assert_eq!(Format::from_walked_path(Path::new("truth.json")), None);
    }

    #[test]
    fn sniffs_magic_numbers() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd, 0]),
            Compression::Zstd
        );
        assert_eq!(Compression::sniff(b"{\"id\""), Compression::None);
    }
}
