//! The command line, as clap sees it. Help texts are the user manual: keep them exact.

use clap::{Parser, Subcommand};

mod clean;
mod dedup;
mod lines;
mod output;
mod quality;
mod read;
mod text;
mod values;

pub use clean::*;
pub use dedup::*;
pub use lines::*;
pub use output::*;
pub use quality::*;
pub use read::*;
pub use text::*;
pub use values::*;

/// tamis (French for "sieve") turns a raw multilingual text corpus into a clean one.
///
/// Inputs are JSONL files, Parquet files, .txt files, web pages and archives, directories (walked
/// recursively in sorted order) or - for stdin; .gz and .zst are decompressed on the fly. Every document read is accounted for:
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
    /// A pipeline file lists the stages of tamis clean in the order they run, each a [[stages]]
    /// table tagged by its type, with its settings; a stage left out is off, a setting left out
    /// takes its default. Stages may come in another order than the default one, and one may be
    /// listed twice (two boilerplate passes), as long as dedup comes last, language comes once
    /// and before the stages that work by it (boilerplate, typography), and one boilerplate
    /// stage at most removes corpus-repeated lines. tamis clean, dedup and detect run one with
    /// --config FILE.
    ///
    /// Without FILE, prints the default pipeline: every stage and every setting, a starting
    /// point to edit (tamis clean --print-config prints the pipeline its flags make). With FILE
    /// (TOML, or JSON when named .json), checks it as a run would (unknown settings, stages in an
    /// order that cannot run, values out of range: exit code 2 with the setting named) and prints
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

    /// Tools of the quality stage: calibrate its limits and stop words on a reference corpus.
    ///
    /// The quality stage (tamis clean --quality) judges documents with FineWeb-2's limits for
    /// the languages it covers; for a language or a domain it does not fit, compute limits from
    /// text you trust (tamis quality calibrate --help).
    ///
    /// Example: tamis quality calibrate reference/ -o limits.toml
    Quality {
        #[command(subcommand)]
        command: QualityCommand,
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
