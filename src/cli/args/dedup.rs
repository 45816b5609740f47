//! `tamis dedup` and its sharded steps, and the near-duplicate flags `tamis clean` shares.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::*;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct DedupCmdArgs {
    /// The stages of near-duplicate detection over shards (instead of one process).
    #[command(subcommand)]
    pub step: Option<DedupStep>,

    /// Files, directories or - (stdin), as for clean. (A file named sign, pairs, cluster or
    /// filter: write ./sign.)
    #[arg(required_unless_present = "print_config", value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Take the settings from a pipeline file (its dedup stage and how to read; as `tamis clean
    /// --config` does); the flags that
    /// change a setting are refused with it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the pipeline's settings as a pipeline file (TOML) and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Where to write the kept documents, in input order: a .jsonl file (.jsonl.gz / .jsonl.zst
    /// compress it), a .parquet file, - for stdout, or a directory with --output-format txt. JSONL records come
    /// out byte for byte as read (re-encoded only with --annotate, or when invalid UTF-8 was
    /// repaired). Documents are held (in a temporary file) until the whole input is read.
    /// Without -o only the report (and index) are written.
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<String>,

    /// Output format of -o: JSONL records, a Parquet file (the default for a name ending
    /// .parquet), or one .txt file per document [default: jsonl]
    #[arg(long, value_enum)]
    pub output_format: Option<OutputFormatArg>,

    #[command(flatten)]
    pub shard: ShardArgs,

    #[command(flatten)]
    pub common: CommonArgs,

    #[command(flatten)]
    pub dedup: DedupArgs,
}

/// The stages of near-duplicate detection over shards.
#[derive(Debug, Subcommand)]
pub enum DedupStep {
    /// Stage 1, once per shard: sign its documents.
    ///
    /// For a corpus cut in shards that several machines (or Ray, Spark…) process, near-duplicates
    /// are found in four stages that exchange compact files, never documents:
    ///
    ///   tamis dedup sign SHARD -o SIGS            once per shard (documents → 160 B + id each,
    ///                                             plus 12 B per band)
    ///   tamis dedup pairs SIGS… --bands A..B -o EDGES
    ///                                             once per range of bands, over every shard's SIGS
    ///   tamis dedup cluster EDGES… -o CLUSTERS    once, over every range's EDGES
    ///   tamis dedup filter SHARD --clusters CLUSTERS -o KEPT
    ///                                             once per shard
    ///
    /// The result is that of one tamis dedup (or tamis clean) run over the shards in the order
    /// their signatures are given to pairs, with --verify estimate and the same --threshold: the
    /// same clusters, kept documents and report. Pairs are verified by their sketches, so the
    /// default threshold here is 0.82, not 0.8 (precision above 0.99). The settings given here
    /// travel in the files to the later stages. The documents are signed as they are read: sign
    /// the shards as they will be filtered (after tamis clean --no-dedup, for a cleaning run).
    ///
    /// Example: tamis dedup sign clean-1.jsonl.zst -o 1.sigs
    Sign(DedupSignArgs),

    /// Stage 2, once per range of bands: candidate pairs from every shard's signatures.
    ///
    /// Merges the band keys of the signature files (given in corpus order, the same order to
    /// every pairs run) band by band; documents sharing a band are candidates, verified by their
    /// sketches against the threshold; exact duplicates are paired with the first of their
    /// group. Memory: the documents that share a band, not the corpus. Split the bands (16 at
    /// the default threshold) among machines with --bands; dedup cluster checks that every band
    /// is covered.
    ///
    /// Example: tamis dedup pairs 1.sigs 2.sigs --bands 0..8 -o a.edges
    Pairs(DedupPairsArgs),

    /// Stage 3, once: clusters from the pairs of every range of bands.
    ///
    /// Joins the pairs by union-find, reads the records of their documents from the signature
    /// files, chooses the document each cluster keeps (the --keep of the signing), and writes
    /// the clusters file that dedup filter reads; --report writes the duplicates report of the
    /// whole corpus, as tamis dedup --report does.
    ///
    /// Example: tamis dedup cluster a.edges b.edges -o corpus.clusters --report dupes.jsonl
    Cluster(DedupClusterArgs),

    /// Stage 4, once per shard: write the documents its clusters keep.
    ///
    /// Reads the shard as it was signed and writes the documents that are not duplicates (every
    /// one, with dup_cluster, dup_size and dup_kept, when it was signed with --annotate), JSONL
    /// records byte for byte as read. The shard's part of the clusters file is found by the name
    /// it was signed under (--name), or by its file name. Checks that the documents are those
    /// signed (count, ids, lengths): otherwise nothing is written.
    ///
    /// Example: tamis dedup filter clean-1.jsonl.zst --clusters corpus.clusters -o kept-1.jsonl.zst
    Filter(DedupFilterArgs),
}

#[derive(Debug, Args)]
#[command(mut_arg("threshold", |arg| arg
    .default_value("0.82")
    .help("Jaccard similarity from which two documents are duplicates (0–1). 0.82 here, not \
           0.8 as in one run: the sharded stages verify pairs by their sketches, and 0.82 keeps \
           their precision above 0.99")))]
pub struct DedupSignArgs {
    /// The shard: files, directories or - (stdin), read in order as one shard.
    #[arg(required = true, value_name = "SHARD")]
    pub inputs: Vec<String>,

    /// Where to write the signature file (not compressed: the later stages seek in it).
    #[arg(short, long, value_name = "SIGS")]
    pub output: PathBuf,

    /// The name dedup filter will know the shard by (default: the shard's path as given).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Take the settings from a pipeline file (its dedup stage and how to read); the flags
    /// that change a setting are refused with it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub settings: DedupSettingsArgs,

    /// Give sign and filter the same reading flags: the documents' positions must agree.
    #[command(flatten)]
    pub read: ReadArgs,

    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub threads: u16,

    /// No progress on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DedupPairsArgs {
    /// Every shard's signature file, in corpus order (the same order for every range).
    #[arg(required = true, value_name = "SIGS")]
    pub signatures: Vec<PathBuf>,

    /// The bands to merge: A..B (B excluded), A..=B, A.. (to the last) or A; all of them by
    /// default.
    #[arg(long, value_name = "A..B", value_parser = parse_bands)]
    pub bands: Option<std::ops::Range<usize>>,

    /// Where to write the pairs (the edges file).
    #[arg(short, long, value_name = "EDGES")]
    pub output: PathBuf,

    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub threads: u16,

    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_bands(text: &str) -> Result<std::ops::Range<usize>, String> {
    tamis::dedup::sharded::parse_bands(text)
}

#[derive(Debug, Args)]
pub struct DedupClusterArgs {
    /// The edges files of every range of bands.
    #[arg(required = true, value_name = "EDGES")]
    pub edges: Vec<PathBuf>,

    /// Where to write the clusters file, for dedup filter.
    #[arg(short, long, value_name = "CLUSTERS")]
    pub output: PathBuf,

    /// The signature files, when they are not where dedup pairs read them (the edges name them
    /// as pairs was given them): the same files, in the same order.
    #[arg(long, value_name = "SIGS", num_args = 1..)]
    pub signatures: Option<Vec<PathBuf>>,

    /// Write the duplicates report of the corpus here (as tamis dedup --report).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Write the near-duplicate counters here (JSON, as the "dedup" part of tamis dedup
    /// --stats).
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,

    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub threads: u16,

    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DedupFilterArgs {
    /// The shard, as it was signed.
    #[arg(required = true, value_name = "SHARD")]
    pub inputs: Vec<String>,

    /// The clusters file of dedup cluster.
    #[arg(long, value_name = "CLUSTERS")]
    pub clusters: PathBuf,

    /// Where to write the kept documents: a .jsonl file (.jsonl.gz / .jsonl.zst compress it), a
    /// .parquet file, or - for stdout.
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: String,

    /// The name the shard was signed under (default: its path as given, or its file name).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Write the report lines of the clusters whose first document is in this shard here; the
    /// shards' reports, concatenated in order, are dedup cluster's --report.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Write the shard's counters as JSON here: documents_in, documents_out, dropped.duplicate…
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,

    /// Read the shard as this pipeline file says (as dedup sign did).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Give sign and filter the same reading flags: the documents' positions must agree.
    #[command(flatten)]
    pub read: ReadArgs,

    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub threads: u16,

    /// No progress on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// How near-duplicates are found and what is written about them.
#[derive(Debug, Args)]
pub struct DedupArgs {
    /// Write the duplicates report here: one JSON line per cluster of two documents or more,
    /// {"cluster", "size", "kept", "duplicates": [{"id", "similarity"}]}.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    #[command(flatten)]
    pub settings: DedupSettingsArgs,

    /// Save the index of the kept documents (ids and sketches, plus those of --against) to this
    /// file, for a later --against. .gz / .zst compress it.
    #[arg(long, value_name = "FILE")]
    pub save_index: Option<PathBuf>,

    /// Deduplicate against an index saved by an earlier run (--save-index, same --num-perm,
    /// --shingle and --ngram): a document matching one of its documents is a duplicate; the
    /// earlier documents are never touched. Pairs with them are verified by estimate.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,

    /// Print the LSH banding chosen for the threshold and the chance that pairs of similarity
    /// 0.5, 0.7, 0.8 and 0.9 become candidates (also in --stats under "dedup").
    #[arg(short, long)]
    pub verbose: bool,
}

/// The near-duplicate settings (shared by tamis clean, tamis dedup and tamis dedup sign).
#[derive(Debug, Args)]
pub struct DedupSettingsArgs {
    /// Jaccard similarity of the shingle sets from which two documents are duplicates (0–1).
    #[arg(long, default_value_t = 0.8, value_name = "J")]
    pub threshold: f64,

    /// Which document of a cluster is kept: first (read first), longest (most text), newest
    /// (latest "date" field, ISO-like such as 2018-06 or 2019-04-15; no date ranks oldest). Ties
    /// go to the one read first.
    #[arg(long, value_enum, default_value_t = KeepArg::First, value_name = "POLICY")]
    pub keep: KeepArg,

    /// Keep every document and add "dup_cluster" (input position of the cluster's first
    /// document; a unique document's own), "dup_size" and "dup_kept" (id of the kept document)
    /// instead of dropping duplicates. JSONL output only.
    #[arg(long)]
    pub annotate: bool,

    /// Shingles compared: char (n consecutive characters of the folded text; robust to typos and
    /// edited words) or word (n consecutive words; Chinese, Japanese, Thai, Lao, Khmer and Myanmar
    /// text still uses characters).
    #[arg(long, value_enum, default_value_t = ShingleArg::Char, value_name = "KIND")]
    pub shingle: ShingleArg,

    /// Characters or words per shingle.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub ngram: usize,

    /// MinHash slots ("permutations"); each costs one byte per document.
    #[arg(long, default_value_t = 128, value_name = "N")]
    pub num_perm: usize,

    /// How candidate pairs are verified: exact (true Jaccard of the shingle sets; the folded
    /// texts are kept in memory, or in a temporary file past 64 MiB) or estimate (from the
    /// MinHash sketches: less memory and time, about ±0.035 of error near 0.8).
    #[arg(long, value_enum, default_value_t = VerifyArg::Exact, value_name = "HOW")]
    pub verify: VerifyArg,

    /// Template check (with --verify exact): two documents that hold, at one place, different
    /// passages of at least N characters each are not duplicates, however similar the rest:
    /// pages of one template or bulletins of one layout filled with different text. Copies
    /// with edited words, or with a passage added, dropped or moved, stay duplicates. Counted
    /// as dedup.replaced_passage_pairs in --stats. 0 turns the check off.
    #[arg(long, default_value_t = tamis::dedup::DEFAULT_MIN_REPLACED_CHARS, value_name = "N")]
    pub replaced_passage: usize,

    /// Whether documents that differ only in their numbers are duplicates. fold (the default):
    /// every digit compares as 0, so a page and its copy with an updated date or price, or two
    /// bulletins of one template, can be duplicates (the template check above still splits
    /// those whose text differs). keep: digits count like letters, so two lottery results or
    /// weather tables that differ only in their figures are different documents. An index
    /// saved with one setting cannot be used with the other.
    #[arg(long, value_enum, default_value_t = NumbersArg::Fold, value_name = "HOW")]
    pub numbers: NumbersArg,
}
