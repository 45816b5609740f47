//! `tamis lines`: the repeated-line count over shards, and the small commands (`report`,
//! `config`).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::*;

#[derive(Debug, Subcommand)]
pub enum LinesCommand {
    /// Count the documents each line of these inputs occurs in, as a line table.
    ///
    /// Reads the inputs as tamis clean does (same formats and fields), repairs each document
    /// as the cleaning run will (the header, repair and repeated-line settings of --config, or
    /// the defaults), and writes the table to OUTPUT.
    Count(LinesCountArgs),
    /// Add up line tables (each shard's) into one, for tamis clean --line-table.
    ///
    /// The merged table holds 12 bytes per distinct line of the corpus. For a large corpus,
    /// merge in parts and prune: tamis lines merge *.lines --part 0/8 --min-docs 3 -o p0.lines
    /// (and 1/8 … 7/8, on as many machines), then tamis lines merge p*.lines -o all.lines: each
    /// merge holds an eighth of the lines, and the table keeps the repeated ones only.
    Merge(LinesMergeArgs),
}

#[derive(Debug, Args)]
pub struct LinesCountArgs {
    /// Files, directories or - (stdin), as tamis clean reads them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Where to write the table.
    #[arg(short, long, value_name = "TABLE")]
    pub output: PathBuf,

    /// The pipeline file the shards will be cleaned with (its header, repair and repeated-line
    /// settings shape the line keys); the defaults without one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

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

#[derive(Debug, Args)]
pub struct LinesMergeArgs {
    /// The tables to add up.
    #[arg(required = true, value_name = "TABLE")]
    pub tables: Vec<PathBuf>,

    /// Where to write the merged table.
    #[arg(short, long, value_name = "TABLE")]
    pub output: PathBuf,

    /// Keep only part I of N of the line keys (I from 0): a corpus whose distinct lines do not
    /// fit one merge is merged N times, each merge holding its 1/N, then the N parts are
    /// merged into the table (tamis lines merge part-*.lines -o all.lines).
    #[arg(long, value_name = "I/N", value_parser = tamis::boilerplate::KeyPart::parse)]
    pub part: Option<tamis::boilerplate::KeyPart>,

    /// Drop the lines found in fewer than N documents: they cannot be repeated lines, and are
    /// most of a table. Safe up to the --repeated-line-min-docs of the cleaning (3 by default),
    /// which refuses a table pruned above it; a pruned table is not added to other counts.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_docs: u32,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The stats of the run (JSON, as --stats writes it).
    #[arg(long, value_name = "FILE")]
    pub stats: PathBuf,

    /// The duplicates report of the run (JSONL, as --report writes it).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// The removed lines of the run (JSONL, as --explain writes it).
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,

    /// Where to write the page.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The pipeline file to check (TOML, or JSON when named .json).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Print JSON instead of TOML.
    #[arg(long)]
    pub json: bool,

    /// Print instead the quality stage's filters as they apply to documents in LANG (an ISO
    /// 639-1 or 639-3 code or an English name; "und" for undetermined): the pipeline's quality
    /// stage (FILE's, or the default one), FineWeb-2's limits and stop words for LANG when it
    /// has them, and the stage's own settings for LANG.
    #[arg(long, value_name = "LANG")]
    pub quality_limits: Option<String>,
}
