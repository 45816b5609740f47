//! `tamis normalize`, `tamis detect`, and the repair, typography and detection flags.

use std::path::PathBuf;

use clap::Args;

use super::*;

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

    /// Bytes of words the detector reads first: when its guess on them is sure (confidence at
    /// least 0.7), it stops there, else it reads up to --lang-sample-bytes. 0 always reads
    /// --lang-sample-bytes: slower, and no more accurate on real multilingual text.
    #[arg(long, default_value_t = 512, value_name = "BYTES")]
    pub lang_first_sample_bytes: usize,
}
