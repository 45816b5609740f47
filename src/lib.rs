//! # tamis — sieve a raw multilingual corpus into a clean one
//!
//! tamis reads documents (JSONL, Parquet, text files, web pages and archives, directories,
//! stdin; gzip or zstd), runs them
//! through cleaning stages in parallel, and writes the kept ones in input order, accounting for
//! every document read: `documents_in == documents_out + dropped`.
//!
//! Stages: a leading `date …` header moved into metadata ([`header`]); repair (HTML references,
//! invisible characters, mojibake, NFC, whitespace: [`normalize`]); documents left empty
//! dropped; language detection with an optional language filter ([`lang`]); boilerplate lines
//! removed ([`boilerplate`]); too-short documents dropped; language-aware typography; then
//! exact and near-duplicate removal across the corpus ([`dedup`]).
//!
//! ```
//! use tamis::{Config, Document, Pipeline};
//!
//! // Keep short documents too (the default drops those under 20 words).
//! let pipeline = Pipeline::new(Config::default().without("min_words"))?;
//! let cleaned = pipeline.clean(vec![
//!     Document::new("fr-1", " date 2018-06 L’administration  américaine\r\n\r\n\r\nnégocie."),
//!     Document::new("blank", " \n\t\n"),
//!     Document::new("fr-1-copy", "L'administration americaine negocie"),
//! ])?;
//!
//! let doc = &cleaned.documents[0];
//! assert_eq!(doc.text, "L’administration américaine\n\nnégocie.");
//! assert_eq!(doc.meta["date"], "2018-06");
//! assert!(doc.meta.contains_key("lang")); // ISO 639-3 code, or "und" for so short a text
//! assert_eq!(cleaned.stats.dropped["empty"], 1);
//! assert_eq!(cleaned.stats.dropped["duplicate"], 1); // same words, other typography
//! assert!(cleaned.stats.is_balanced());
//! # Ok::<(), tamis::Error>(())
//! ```
//!
//! One call each for the common jobs, with the default settings: [`normalize_text`],
//! [`detect_language`], [`strip_boilerplate`], [`duplicate_clusters`].
//!
//! Files go through a [`Run`], which streams them in bounded memory and writes the outputs
//! atomically:
//!
//! ```no_run
//! use tamis::io::{Input, OutputSpec, OutputFormat};
//! use tamis::{Config, Pipeline, Run};
//!
//! let pipeline = Pipeline::new(Config::default())?;
//! let output = OutputSpec::parse("cleaned.jsonl.zst", OutputFormat::Jsonl);
//! let stats = Run::new(&pipeline)
//!     .inputs([Input::parse("corpus/")])
//!     .output(output)
//!     .execute()?;
//! println!("{}", stats.summary());
//! # Ok::<(), tamis::Error>(())
//! ```

#![warn(missing_docs)]

pub mod boilerplate;
mod chars;
pub mod dedup;
pub mod document;
pub mod error;
pub mod header;
pub mod html;
pub mod io;
pub mod lang;
mod lines;
pub mod normalize;
pub mod pii;
pub mod pipeline;
pub mod quality;
mod quick;
pub mod report;
pub mod stage;
pub mod stats;

pub use document::Document;
pub use error::{ConfigError, Conflict, Error, Result};
pub use pipeline::{Cleaned, Config, Job, Observer, Pipeline, Processed, Run, RunOptions, Verdict};
pub use quick::{
    detect_language, duplicate_clusters, normalize_text, normalize_text_with, strip_boilerplate,
};
pub use stage::StageConfig;
pub use stats::{DropReason, Stats};

/// The examples of `docs/library.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/library.md")]
pub struct LibraryGuide;
