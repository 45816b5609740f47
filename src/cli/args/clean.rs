//! `tamis clean`: the flags of each stage.

use std::path::PathBuf;

use clap::Args;

use super::*;

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Files, directories or - (stdin). In directories, *.jsonl / *.ndjson are JSONL, and *.txt
    /// and *.html / *.htm are one document each (id = path relative to the directory, without
    /// extension), *.warc web archives give one document per HTML response, *.wet text extracts
    /// one per conversion record, *.parquet files one per row (a Hugging Face dataset's folder
    /// is read as it is); other files are listed and ignored. A .txt or .html file named here is one
    /// document (id = its name without extension). HTML pages get their main text extracted
    /// first (see --extract-html). Stdin is JSONL if it starts with '{', else one text document.
    #[arg(required_unless_present = "print_config", value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Where to write: a .jsonl file (.jsonl.gz / .jsonl.zst compress it), a .parquet file, - for
    /// stdout, or a directory with --output-format txt.
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

    /// Output format: JSONL records (id, text, then every other input field untouched), a
    /// Parquet file (the same columns, zstd-compressed; the default for an OUTPUT named
    /// .parquet), or one .txt file per document (text only) in the OUTPUT directory [default:
    /// jsonl]
    #[arg(long, value_enum)]
    pub output_format: Option<OutputFormatArg>,

    #[command(flatten)]
    pub shard: ShardArgs,

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

    /// Extract the main text of documents that are HTML pages before every other stage: the
    /// page is read into blocks (paragraphs, headings, list items, cells), menus, footers,
    /// sidebars, share bars, comments and hidden elements are told by their tags, roles,
    /// classes and ids, the element that holds the article is found, and a classifier keeps the
    /// blocks of the main text, one per line (the page's <title> goes to the "title" field).
    /// On by itself when an input is a .html/.htm/.warc file or --format html|warc; use it for JSONL whose
    /// text field holds pages (--text-field html). Documents that do not start with a tag pass
    /// unchanged. --explain lists every block left out (rule html.nav, html.outside_main…).
    #[arg(long)]
    pub extract_html: bool,

    /// The HTML classifier's threshold, 0 to 1: blocks scored below it are left out. Lower
    /// keeps more of the page, higher removes more furniture (the curve is in
    /// docs/stage-html.md). Implies --extract-html.
    #[arg(long, value_name = "T", value_parser = parse_unit_interval)]
    pub extract_threshold: Option<f32>,

    /// Keep only documents in these languages: comma-separated ISO 639-1 or 639-3 codes or English
    /// names (fr,eng,german); add "und" to keep documents whose language is undetermined. Others
    /// are dropped and counted as dropped.language.
    #[arg(long, value_name = "LANGS", conflicts_with = "no_lang")]
    pub lang: Option<String>,

    /// Skip language detection (no lang fields in the output). The detection flags then have no
    /// effect and are refused.
    #[arg(long, conflicts_with_all = ["min_lang_confidence", "lang_allowlist", "lang_sample_bytes", "lang_first_sample_bytes"])]
    pub no_lang: bool,

    /// Drop documents that fail the quality rules corpus builders run after boilerplate removal,
    /// with datatrove's definitions: Gopher's quality rules (for English: 50 to 100,000 words,
    /// mean word length 3 to 10, at most 0.1 "#" or ellipses per word, 90% bullet lines, 30%
    /// lines ending in an ellipsis, at least 80% of words with a letter, two of "the, be, to,
    /// of, and, that, have, with"), Gopher's repetition rules (repeated lines, paragraphs and
    /// n-grams) and FineWeb's (lines ending in punctuation, short lines, repeated line
    /// characters, line feeds per word). Other languages get FineWeb-2's limits and stop words
    /// (tamis config --quality-limits LANG prints them); in Chinese, Japanese, Thai, Khmer and
    /// Burmese, words are what a word segmenter finds. Dropped documents count as
    /// dropped.quality, each under its filter and rule in the stats (quality.gopher_short_doc…);
    /// --rejects gives the rule, the value measured and the limit. Change limits or turn a
    /// filter off in a pipeline file (--config, a stage of type "quality").
    #[arg(long)]
    pub quality: bool,

    /// --quality with C4's rules too (datatrove's C4QualityFilter, run between Gopher's and
    /// FineWeb's): lines that do not end in . ? ! " or ' (or end in ...), of fewer than 3
    /// words, with a word over 1,000 characters, mentioning javascript, or about terms of use,
    /// privacy or cookie policies are removed (counted as quality.c4_no_terminal_punct…,
    /// listed by --explain with kind low_quality); Wikipedia citation marks ([1], [edit]) go;
    /// documents saying "lorem ipsum", holding a "{" or keeping fewer than 5 sentences are
    /// dropped (quality.c4_quality).
    #[arg(long)]
    pub quality_c4: bool,

    /// Mask personal data last, before near-duplicates: e-mail addresses and public IPv4
    /// addresses are replaced as datatrove's PIIFormatter replaces them (email@example.com,
    /// firstname.lastname@example.org; addresses that do not answer, such as 22.214.171.124),
    /// in turn within each document; private, loopback and documentation addresses stay.
    /// Counted in the stats (pii.emails, pii.ips, pii.documents_changed). Replacements and
    /// private addresses are settings of a pipeline file (a stage of type "pii").
    #[arg(long)]
    pub mask_pii: bool,

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

    /// The line classifier's threshold, 0 to 1, in place of the one --boilerplate names: lines
    /// scoring below it go. Any point of the curve: precise is 0.05, balanced 0.07, aggressive
    /// 0.15; on real web pages 0.1 keeps 0.985 of the article and removes 0.48 of the
    /// furniture, 0.3 keeps 0.96 and removes 0.62 (the curve is in docs/stage-boilerplate.md).
    #[arg(long, value_name = "T", value_parser = parse_unit_interval)]
    pub boilerplate_threshold: Option<f32>,

    /// Keep boilerplate lines: no rule, no repeated line, no classifier. The boilerplate flags
    /// then have no effect and are refused, and so is --explain unless pages are extracted
    /// (it then lists the page blocks the html stage left out).
    #[arg(long, conflicts_with_all = ["boilerplate", "boilerplate_threshold",
        "repeated_line_min_docs", "repeated_line_max_chars", "rules"])]
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

/// A number from 0 to 1.
fn parse_unit_interval(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(value) if (0.0..=1.0).contains(&value) => Ok(value),
        Ok(value) => Err(format!("{value} is not between 0 and 1")),
        Err(_) => Err(format!("`{text}` is not a number from 0 to 1")),
    }
}
