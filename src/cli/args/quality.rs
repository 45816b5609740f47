//! `tamis quality …`: the quality stage's tools.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::FormatArg;

#[derive(Debug, Subcommand)]
pub enum QualityCommand {
    /// Compute per-language quality limits and stop words from a reference corpus you trust.
    ///
    /// Reads every REFERENCE (files, directories or -, as tamis clean reads them), runs the
    /// stages that come before the quality stage in the pipeline (--config, else the default
    /// one: header, repair, language, boilerplate without corpus-repeated lines) and measures
    /// each document in its detected language (or --lang): the mean word length and the share
    /// of words holding a letter (Gopher), the share of lines ending in punctuation and line
    /// feeds per word (FineWeb), and its words. As FineWeb-2 derived its limits: each limit is
    /// where the reference documents' distribution leaves --tail of them past it (1% by
    /// default: each limit passes 99% of the reference; the mean word length gets both bounds),
    /// and the stop words are the words of at least --stop-word-share of all words (0.8%), most
    /// frequent first, compared case-sensitively. Repetition limits stay as they are (clean text
    /// repeats little in any language: its distribution does not say where junk begins).
    ///
    /// Writes a pipeline file: the pipeline (--config, else the default) with a quality stage
    /// whose languages.<code> tables hold the limits of each language with at least
    /// --min-documents documents. Run tamis clean --config OUTPUT, or copy the tables into your
    /// own pipeline file; tamis config OUTPUT --quality-limits LANG shows what a language gets.
    ///
    /// Example: tamis quality calibrate wiki-cy.jsonl --lang cy -o welsh.toml; tamis clean
    /// crawl-cy/ --config welsh.toml -o clean-cy.jsonl
    Calibrate(QualityCalibrateArgs),
}

#[derive(Debug, Args)]
pub struct QualityCalibrateArgs {
    /// Files, directories or - (stdin) of reference text, as tamis clean reads them.
    #[arg(required = true, value_name = "REFERENCE")]
    pub inputs: Vec<String>,

    /// Where to write the pipeline file (TOML).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// The pipeline to start from: its reading, cleaning and language settings measure the
    /// reference, and its quality stage (if any) gets the calibrated languages.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Every reference document is in this language (ISO 639-1 or 639-3 code, or English
    /// name; one of the languages tamis detects, since the stage keys limits by the detected
    /// language), whatever the detection says.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Share of reference documents each limit leaves past it, from 0 to 0.5.
    #[arg(long, default_value_t = 0.01, value_name = "SHARE")]
    pub tail: f64,

    /// Least share of all words of a language a stop word has, from 0 (excluded) to 1.
    #[arg(long, default_value_t = 0.008, value_name = "SHARE")]
    pub stop_word_share: f64,

    /// Documents a language needs to be calibrated; languages with fewer are left out (and
    /// named).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub min_documents: usize,

    /// Documents of a language measured at most, the first ones read (memory stays bounded).
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_documents: usize,

    /// How to split inputs into documents, overriding the extension (jsonl, txt, lines).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// JSONL field holding the text.
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,

    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: u16,

    /// No progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}
