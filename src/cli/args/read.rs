//! The flags every command that reads a corpus has: how to read, threads, outputs.

use std::path::PathBuf;

use clap::Args;

use super::*;

/// How documents are read (every command that reads a corpus).
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// How to split inputs into documents, overriding the extension: jsonl (one JSON object per
    /// line), txt (a whole file is one document), lines (every non-blank line is one document,
    /// id FILE:LINE), html (a whole file is one HTML page, its main text extracted), warc (a web
    /// archive: each HTML response record is a page, id its WARC-Record-ID), wet (Common Crawl's
    /// text extracts, .warc.wet.gz: each conversion record is a plain-text document with its
    /// url, date and WARC-Record-ID as id; a WARC's conversion records are read so too),
    /// parquet (each row is a document: text and id from the --text-field / --id-field
    /// columns, every other column passed through; a file, not stdin or a pipe).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// JSONL field (or Parquet column) holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,

    /// JSONL field holding the document id (string or number). A record without one gets the id
    /// FILE:LINE.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,

    /// What to do with a malformed JSONL line, a record whose text field is missing or not a
    /// string, or invalid UTF-8. skip: drop the record (counted as dropped.bad_record) or decode
    /// the bytes with U+FFFD (counted as invalid_utf8_documents), warn, go on. fail: stop with exit
    /// code 1 at the first one, naming file and line or byte offset; no output file is written
    /// (with -o -, the documents before it have already gone to stdout).
    #[arg(long, value_enum, default_value_t = BadInputArg::Skip, value_name = "POLICY")]
    pub on_bad_input: BadInputArg,
}

/// Flags shared by every command that reads a corpus.
#[derive(Debug, Args)]
pub struct CommonArgs {
    #[command(flatten)]
    pub read: ReadArgs,

    /// Worker threads (0: one per core; at most 1024). The output is identical whatever the
    /// number.
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub threads: u16,

    /// Write the run's counters as JSON to this file: documents_in, documents_out, dropped (reason
    /// → count), invalid_utf8_documents, bytes_in, bytes_out, seconds, and per-stage counters.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,

    /// Write a report of the run as one self-contained HTML page (no network needed to view
    /// it): documents in, out and dropped by reason, languages of the documents written,
    /// boilerplate removals by kind and rule with examples, the largest near-duplicate clusters
    /// with each duplicate's word-level differences from the kept document, the LSH curve of
    /// the threshold, and the settings. Large runs show the 100 largest clusters and 3 examples
    /// per rule. tamis report makes one from the files of an earlier run.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Write every document that is not written to this JSONL file, one line each, so nothing
    /// goes without a trace: {"reason", "id", "source", "line", "offset", "problem" (bad input),
    /// "duplicate_of" (duplicates), "record"} — the record as read (for a duplicate, as it
    /// would have been written). Reasons are those of the stats' "dropped". A Parquet row has
    /// "row" instead of "line" and "offset".
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// No summary, warnings or progress bar on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}
