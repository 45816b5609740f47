//! The command line, as clap sees it. Help texts are the user manual: keep them exact.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// tamis (French for "sieve") turns a raw multilingual text corpus into a clean one.
///
/// Inputs are JSONL files, .txt files, directories (walked recursively in sorted order) or - for
/// stdin; .gz and .zst are decompressed on the fly. Every document read is accounted for:
/// documents in = documents out + documents dropped (by reason).
///
/// Exit codes: 0 success, 1 runtime error (unreadable or bad input), 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "tamis", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean a corpus: header extraction, repair, language detection, boilerplate, typography,
    /// near-duplicates.
    ///
    /// Reads every INPUT in order and writes the kept documents, in input order, to OUTPUT. The
    /// output appears only when the run succeeds (it is written under a temporary name and
    /// renamed), and tamis refuses to write over one of its inputs.
    ///
    /// A leading "date YYYY[-MM[-DD]]" line (as in some news dumps) is moved from the text into a
    /// "date" field. Text is repaired: HTML references decoded, invisible characters removed,
    /// mojibake (cafÃ© → café) undone, C1 controls mapped, soft hyphens removed, Unicode NFC;
    /// line endings become \n; spaces and tabs at line starts and trailing whitespace go; runs of
    /// plain spaces become one (non-breaking spaces are kept); runs of blank lines become one.
    /// Documents left empty are dropped.
    ///
    /// Then the language of each document is detected (whatlang, with corrections between close
    /// languages) and written as "lang" (ISO 639-3, or "und" when unreliable), "lang_script" and
    /// "lang_confidence"; --lang keeps only some languages. Boilerplate lines are removed by
    /// multilingual line rules (--explain says which and why). Last, the typography of the
    /// document's language is applied (--typography), and exact and near-duplicates are removed
    /// across the corpus, as tamis dedup does (--no-dedup keeps them; --report lists them).
    ///
    /// Example: tamis clean corpus/ -o cleaned.jsonl.zst --stats stats.json --lang fr,en
    Clean(CleanArgs),

    /// Find exact and near-duplicate documents: report the clusters, write the kept documents.
    ///
    /// Reads documents as they are (no cleaning: clean deduplicates too, after cleaning) and
    /// compares them by a folded key: lowercase, accents, punctuation, quotes, spaces and Unicode
    /// forms do not count, digits all read as 0. Equal keys are exact duplicates. Otherwise the
    /// Jaccard similarity of the keys' shingles (character 5-grams by default) is estimated with
    /// MinHash, candidate pairs are found with LSH (bands × rows chosen so that a pair at the
    /// threshold is caught with probability ≥ 0.9), and each candidate is verified against
    /// --threshold with the true similarity (--verify). Clusters are the connected duplicates;
    /// each keeps one document (--keep), ties going to the one read first, so the result is the
    /// same for any --threads.
    ///
    /// The report has one JSON line per cluster: {"cluster", "size", "kept", "duplicates":
    /// [{"id", "similarity"}]}, where cluster is the input position (from 0) of its first
    /// document and similarity is to the kept document.
    ///
    /// A corpus too large for one process is deduplicated in stages that exchange files (tamis
    /// dedup sign, pairs, cluster and filter; see tamis dedup sign --help): the same clusters
    /// as one run with --verify estimate.
    ///
    /// Example: tamis dedup shard-*.jsonl.zst --report dupes.jsonl -o kept.jsonl.zst --save-index seen.idx
    Dedup(DedupCmdArgs),

    /// Detect the language of each document: one line per document with id, lang, lang_script and
    /// lang_confidence.
    ///
    /// Runs the same reading, header and normalisation steps as clean, then detection; nothing is
    /// filtered (empty documents come out as "und"). lang is an ISO 639-3 code as whatlang names it
    /// (fra, eng, cmn, …) or "und" when the detection is unreliable (see --min-lang-confidence).
    ///
    /// Example: tamis detect corpus/ --output-format tsv | cut -f2 | sort | uniq -c
    Detect(DetectArgs),

    /// Repair and typeset plain text from stdin to stdout (a filter for shell pipes).
    ///
    /// Applies the same repair steps as clean (HTML references, invisible characters, mojibake, C1
    /// controls and soft hyphens, NFC, whitespace), then the typography of --typography for the
    /// language given by --lang, or detected when --lang is not given. Reads all of stdin.
    ///
    /// Example: echo "Il a dit «Quelqu'un ici» : non!" | tamis normalize --lang fr
    Normalize(NormalizeArgs),

    /// Print the default pipeline file, or check one and print it with every setting filled in.
    ///
    /// A pipeline file lists the stages of tamis clean in order, each a [[stages]] table tagged
    /// by its type, with its settings; a stage left out is off, a setting left out takes its
    /// default. tamis clean, dedup and detect run one with --config FILE.
    ///
    /// Without FILE, prints the default pipeline: every stage and every setting, a starting
    /// point to edit (tamis clean --print-config prints the pipeline its flags make). With FILE
    /// (TOML, or JSON when named .json), checks it as a run would (unknown settings, stages out
    /// of order or repeated, values out of range: exit code 2 with the setting named) and prints
    /// the effective pipeline, the file's settings with the defaults filled in.
    ///
    /// Example: tamis config > pipeline.toml; tamis config pipeline.toml
    Config(ConfigArgs),

    /// Count, or merge, the lines repeated across a corpus that is cleaned shard by shard.
    ///
    /// tamis clean removes lines found in many documents of its inputs (footers, taglines,
    /// menus). When a corpus is cleaned shard by shard (on several machines, or a cluster), each
    /// shard alone sees too few documents: count each shard's lines (tamis lines count), merge
    /// the tables (tamis lines merge), and clean each shard with --line-table MERGED: every
    /// shard then loses the lines the whole corpus repeats, as one run over it would. A table
    /// holds 12 bytes per distinct line, not the lines.
    ///
    /// Example: tamis lines count shard-1/ -o 1.lines; tamis lines count shard-2/ -o 2.lines;
    /// tamis lines merge 1.lines 2.lines -o all.lines; tamis clean shard-1/ --line-table
    /// all.lines -o clean-1.jsonl
    Lines {
        #[command(subcommand)]
        command: LinesCommand,
    },

    /// Make the HTML report of an earlier run from its files.
    ///
    /// Reads the stats a run wrote (--stats of tamis clean, dedup or detect) and, when given,
    /// its duplicates report (--report) and its explanations (--explain), and writes the same
    /// self-contained page as --html: documents in, out and dropped by reason, languages,
    /// boilerplate removals with examples, duplicate clusters (the 100 largest), the LSH curve,
    /// the near-duplicate settings. The texts of the documents are not in those files, so the
    /// clusters list ids and similarities without word diffs: run with --html for those.
    ///
    /// Example: tamis report --stats stats.json --report dupes.jsonl --explain why.jsonl -o report.html
    Report(ReportArgs),
}

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
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Files, directories or - (stdin). In directories, *.jsonl / *.ndjson are JSONL and *.txt are
    /// one document each (id = path relative to the directory, without extension); other files
    /// are listed and ignored. A .txt file named here is one document (id = its name without
    /// extension). Stdin is JSONL if it starts with '{', else one text document.
    #[arg(required_unless_present = "print_config", value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Where to write: a .jsonl file (.jsonl.gz / .jsonl.zst compress it), - for stdout, or a
    /// directory with --output-format txt.
    #[arg(
        short,
        long,
        value_name = "OUTPUT",
        required_unless_present = "print_config"
    )]
    pub output: Option<String>,

    /// Take every setting of the pipeline (stages, reading, near-duplicates) from this file:
    /// TOML, or JSON when its name ends in .json, as --print-config writes it; missing settings
    /// take their defaults. The file is the whole pipeline, so the flags that change a setting
    /// are refused with it; inputs, outputs (-o, --report, --explain, --stats, --rejects,
    /// --save-index, --against), --threads and -q still apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the pipeline's settings as TOML (from these flags, or from --config's file) and
    /// exit without reading anything: a starting point for a --config file.
    #[arg(long)]
    pub print_config: bool,

    /// Output format: JSONL records (id, text, then every other input field untouched), or one
    /// .txt file per document (text only) in the OUTPUT directory.
    #[arg(long, value_enum, default_value_t = OutputFormatArg::Jsonl)]
    pub output_format: OutputFormatArg,

    #[command(flatten)]
    pub common: CommonArgs,

    /// Remove the lines that this table, counted over the whole corpus shard by shard (tamis
    /// lines count, then tamis lines merge), says are repeated, instead of counting the lines
    /// of this run's inputs: each shard is then cleaned as the whole corpus would be. The table
    /// must have been counted with the same header, repair and repeated-line settings.
    #[arg(long, value_name = "TABLE")]
    pub line_table: Option<PathBuf>,

    /// Keep a leading "date …" line in the text instead of moving it to the "date" field.
    #[arg(long)]
    pub no_header: bool,

    /// Keep only documents in these languages: comma-separated ISO 639-1 or 639-3 codes or English
    /// names (fr,eng,german); add "und" to keep documents whose language is undetermined. Others
    /// are dropped and counted as dropped.language.
    #[arg(long, value_name = "LANGS", conflicts_with = "no_lang")]
    pub lang: Option<String>,

    /// Skip language detection (no lang fields in the output). The detection flags then have no
    /// effect and are refused.
    #[arg(long, conflicts_with_all = ["min_lang_confidence", "lang_allowlist", "lang_sample_bytes"])]
    pub no_lang: bool,

    /// Drop documents with fewer words than this once boilerplate is gone (dropped.too_short);
    /// in Chinese, Japanese, Thai, Lao, Khmer and Myanmar every character counts as a word. 0 keeps
    /// every document.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub min_words: usize,

    /// How much boilerplate goes. Named line rules (photo credits, "read also" links, share,
    /// cookie lines…) and corpus-repeated lines are removed at every setting; the line
    /// classifier then judges every other line by its look (length, stop words, punctuation,
    /// links, cue words) and its place (before, inside or after the article's paragraphs):
    /// "precise" removes only what it is very sure of, "balanced" keeps 0.99 of the article on
    /// real web pages while removing about 40% of the furniture, "aggressive" removes more at
    /// some cost in headings and captions; "rules" turns the classifier off.
    #[arg(long, value_enum, default_value_t = StrictnessArg::Balanced, value_name = "SETTING")]
    pub boilerplate: StrictnessArg,

    /// Keep boilerplate lines: no rule, no repeated line, no classifier. The boilerplate flags
    /// then have no effect and are refused.
    #[arg(long, conflicts_with_all = ["boilerplate", "explain", "repeated_line_min_docs",
        "repeated_line_max_chars", "rules"])]
    pub no_boilerplate: bool,

    /// Write one JSON line per removed boilerplate line to this file: {"id", "line", "text",
    /// "rule", "kind"} and, for the classifier's removals, "why": the features that decided
    /// (e.g. ["after_body", "chars 12", "stopwords 0.05"]), in input order.
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,

    /// Remove lines found in at least this many documents of the corpus (site taglines, footers,
    /// menus): a first pass over the input counts them (stdin is first copied to a temporary file
    /// in $TMPDIR). 0 turns this off.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub repeated_line_min_docs: u32,

    /// Lines longer than this many characters are never removed as repeated: they are content
    /// that duplicates share (near-duplicate detection deals with those).
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub repeated_line_max_chars: usize,

    /// Boilerplate rules of your own (.toml or .json): "disable" lists built-in rules by name,
    /// "rules" adds rules {name, kind, langs, pattern, max_chars}. See the README.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    #[command(flatten)]
    pub detection: DetectionArgs,

    #[command(flatten)]
    pub text: TextArgs,

    /// Keep near-duplicates (no dedup pass). The near-duplicate flags then have no effect and
    /// are refused.
    #[arg(long, conflicts_with_all = ["threshold", "keep", "annotate", "shingle", "ngram",
        "num_perm", "verify", "report", "save_index", "against", "verbose"])]
    pub no_dedup: bool,

    #[command(flatten)]
    pub dedup: DedupArgs,
}

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
    /// compress it), - for stdout, or a directory with --output-format txt. JSONL records come
    /// out byte for byte as read (re-encoded only with --annotate, or when invalid UTF-8 was
    /// repaired). Documents are held (in a temporary file) until the whole input is read.
    /// Without -o only the report (and index) are written.
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<String>,

    /// Output format of -o: JSONL records, or one .txt file per document.
    #[arg(long, value_enum, default_value_t = OutputFormatArg::Jsonl)]
    pub output_format: OutputFormatArg,

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

    /// Where to write the kept documents: a .jsonl file (.jsonl.gz / .jsonl.zst compress it) or
    /// - for stdout.
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

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// The language of the text (ISO 639-1 or 639-3 code, or English name), for typography;
    /// detected when not given.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Say on stderr what the mojibake repair did, one line per fix: the characters, what they
    /// stood for and the code page they had been read with (e.g. `windows-1251: "РџСЂ" → "Пр"`).
    #[arg(long)]
    pub explain: bool,

    #[command(flatten)]
    pub text: TextArgs,
}

/// How text is repaired and typeset.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// Typography after repair. native: each language's conventions (French « » with no-break
    /// spaces and spacing before ; ! ? :, German „ “, Russian « » and „ “, English “ ” and ’, …;
    /// quotes only where every mark pairs up; unknown languages untouched). plain: ASCII quotes
    /// and apostrophes, plain spaces, "..." (digit groups stay groups). keep: repair only.
    #[arg(long, value_enum, default_value_t = TypographyArg::Native, value_name = "POLICY")]
    pub typography: TypographyArg,

    /// Repair steps to skip, comma-separated: html_entities, invisible, mojibake, c1_controls,
    /// nfc, whitespace.
    #[arg(long, value_name = "STEPS")]
    pub no_repair: Option<String>,
}

#[derive(Debug, Args)]
pub struct DetectArgs {
    /// Files, directories or - (stdin), as for clean.
    #[arg(required_unless_present = "print_config", value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Take the settings from a pipeline file (its stages up to the language one, and how to read;
    /// as `tamis clean --config` does); the flags that
    /// change a setting are refused with it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the pipeline's settings as a pipeline file (TOML) and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Where to write: a file (.gz / .zst compress it) or - for stdout.
    #[arg(short, long, value_name = "OUTPUT", default_value = "-")]
    pub output: String,

    /// jsonl: {"id", "lang", "lang_script", "lang_confidence"} per line; tsv: the same four columns
    /// separated by tabs, after a header line.
    #[arg(long, value_enum, default_value_t = DetectFormatArg::Jsonl)]
    pub output_format: DetectFormatArg,

    #[command(flatten)]
    pub common: CommonArgs,

    #[command(flatten)]
    pub detection: DetectionArgs,
}

/// How languages are detected.
#[derive(Debug, Args)]
pub struct DetectionArgs {
    /// Below this confidence (0–1) the language is "und" rather than a guess; texts with fewer than
    /// 12 letters are "und" too. 0 always gives the best guess (never "und" for text with letters).
    #[arg(long, default_value_t = 0.2, value_name = "F")]
    pub min_lang_confidence: f64,

    /// Only consider these languages as candidates (same syntax as --lang), without filtering:
    /// narrows the detector's choice, which also makes it more accurate.
    #[arg(long, value_name = "LANGS")]
    pub lang_allowlist: Option<String>,

    /// Bytes of words the detector reads from the start of each document (URLs, e-mail addresses,
    /// numbers and markup are left out first). Bounds the cost per document.
    #[arg(long, default_value_t = 2048, value_name = "BYTES")]
    pub lang_sample_bytes: usize,
}

/// How documents are read (every command that reads a corpus).
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// How to split inputs into documents, overriding the extension: jsonl (one JSON object per
    /// line), txt (a whole file is one document), lines (every non-blank line is one document,
    /// id FILE:LINE).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// JSONL field holding the text.
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
    /// would have been written). Reasons are those of the stats' "dropped".
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// No summary, warnings or progress bar on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Txt,
    Lines,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormatArg {
    Jsonl,
    Txt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TypographyArg {
    Native,
    Plain,
    Keep,
}

impl From<TypographyArg> for tamis::normalize::TypographyPolicy {
    fn from(arg: TypographyArg) -> Self {
        match arg {
            TypographyArg::Native => tamis::normalize::TypographyPolicy::Native,
            TypographyArg::Plain => tamis::normalize::TypographyPolicy::Plain,
            TypographyArg::Keep => tamis::normalize::TypographyPolicy::Keep,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepArg {
    First,
    Longest,
    Newest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShingleArg {
    Char,
    Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyArg {
    Exact,
    Estimate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumbersArg {
    Fold,
    Keep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DetectFormatArg {
    Jsonl,
    Tsv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BadInputArg {
    Skip,
    Fail,
}

impl From<FormatArg> for tamis::io::Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Jsonl => tamis::io::Format::Jsonl,
            FormatArg::Txt => tamis::io::Format::Txt,
            FormatArg::Lines => tamis::io::Format::Lines,
        }
    }
}

impl From<OutputFormatArg> for tamis::io::OutputFormat {
    fn from(arg: OutputFormatArg) -> Self {
        match arg {
            OutputFormatArg::Jsonl => tamis::io::OutputFormat::Jsonl,
            OutputFormatArg::Txt => tamis::io::OutputFormat::Txt,
        }
    }
}

impl From<BadInputArg> for tamis::io::BadInputPolicy {
    fn from(arg: BadInputArg) -> Self {
        match arg {
            BadInputArg::Skip => tamis::io::BadInputPolicy::Skip,
            BadInputArg::Fail => tamis::io::BadInputPolicy::Fail,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

/// `--boilerplate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StrictnessArg {
    /// Named rules and corpus-repeated lines only.
    Rules,
    /// The classifier removes only what it is very sure of.
    Precise,
    /// Most page furniture goes, the article stays (default).
    Balanced,
    /// More furniture goes, at some cost in headings and captions.
    Aggressive,
}

impl From<StrictnessArg> for tamis::boilerplate::Strictness {
    fn from(arg: StrictnessArg) -> Self {
        use tamis::boilerplate::Strictness;
        match arg {
            StrictnessArg::Rules => Strictness::Rules,
            StrictnessArg::Precise => Strictness::Precise,
            StrictnessArg::Balanced => Strictness::Balanced,
            StrictnessArg::Aggressive => Strictness::Aggressive,
        }
    }
}
