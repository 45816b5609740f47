//! The values flags take, and what they mean to the library.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Txt,
    Lines,
    Html,
    Warc,
    Wet,
    Parquet,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormatArg {
    Jsonl,
    Txt,
    Parquet,
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
            FormatArg::Html => tamis::io::Format::Html,
            FormatArg::Warc => tamis::io::Format::Warc,
            FormatArg::Wet => tamis::io::Format::Wet,
            FormatArg::Parquet => tamis::io::Format::Parquet,
        }
    }
}

impl From<OutputFormatArg> for tamis::io::OutputFormat {
    fn from(arg: OutputFormatArg) -> Self {
        match arg {
            OutputFormatArg::Jsonl => tamis::io::OutputFormat::Jsonl,
            OutputFormatArg::Txt => tamis::io::OutputFormat::Txt,
            OutputFormatArg::Parquet => tamis::io::OutputFormat::Parquet,
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
