//! What the commands share: building a `Config` from common flags, language lists, and the end
//! of a run (stats file, summary).

use anyhow::Result;

use std::path::Path;

use tamis::Observer;
use tamis::dedup::{DedupConfig, KeepPolicy, Numbers, ShingleKind, Verify};
use tamis::io::{Input, OutputFormat, OutputSpec, ReadOptions};
use tamis::lang::LangConfig;
use tamis::normalize::Sequence;
use tamis::pipeline::RunOptions;
use tamis::{Config, StageConfig, Stats};

use super::args::{
    CommonArgs, DedupArgs, DedupSettingsArgs, DetectionArgs, KeepArg, NumbersArg, OutputFormatArg,
    ReadArgs, ShingleArg, TextArgs, VerifyArg,
};
use super::report::Reporter;

/// The configuration set by the flags every command has.
pub fn base_config(common: &CommonArgs) -> Config {
    read_config(&common.read, common.threads)
}

/// The configuration set by the reading flags and --threads.
pub fn read_config(read: &ReadArgs, threads: u16) -> Config {
    Config {
        read: ReadOptions {
            format: read.format.map(Into::into),
            text_field: read.text_field.clone(),
            id_field: read.id_field.clone(),
        },
        on_bad_input: read.on_bad_input.into(),
        threads: usize::from(threads),
        ..Config::default()
    }
}

/// `config` with its dedup stage alone (the default one when it has none): near-duplicate
/// commands compare documents as they are read, with no cleaning stage to build.
pub fn dedup_only(mut config: Config) -> Config {
    let dedup = config.dedup().cloned().unwrap_or_default();
    config.stages = vec![StageConfig::Dedup(dedup)];
    config
}

/// The documents' output: `--output-format` when given, else Parquet for a name ending
/// `.parquet`, else JSONL.
pub fn output_spec(path: &str, format: Option<OutputFormatArg>) -> OutputSpec {
    let format = match format {
        Some(format) => format.into(),
        None => OutputFormat::from_path(Path::new(path)).unwrap_or(OutputFormat::Jsonl),
    };
    OutputSpec::parse(path, format)
}

pub fn inputs(args: &[String]) -> Vec<Input> {
    args.iter().map(|arg| Input::parse(arg)).collect()
}

/// The repair steps of the text flags.
pub fn repair_sequence(args: &TextArgs) -> Result<Sequence> {
    let skipped: Vec<&str> = args
        .no_repair
        .as_deref()
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Ok(Sequence::default_without(&skipped)?)
}

/// The language settings of the detection flags.
pub fn lang_config(args: &DetectionArgs) -> Result<LangConfig> {
    Ok(LangConfig {
        min_confidence: args.min_lang_confidence,
        sample_bytes: args.lang_sample_bytes,
        first_sample_bytes: args.lang_first_sample_bytes,
        allowlist: match &args.lang_allowlist {
            Some(list) => language_codes(list)?,
            None => Vec::new(),
        },
        ..LangConfig::default()
    })
}

/// The items of a comma-separated language list; the library checks each code.
pub fn language_codes(list: &str) -> Result<Vec<String>> {
    let codes: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    if codes.is_empty() {
        let problem = format!("empty language list \"{list}\"");
        return Err(tamis::Error::Config(tamis::ConfigError::new("lang", problem)).into());
    }
    Ok(codes)
}

/// The near-duplicate settings of the dedup flags.
pub fn dedup_config(args: &DedupSettingsArgs) -> DedupConfig {
    DedupConfig {
        threshold: args.threshold,
        num_perm: args.num_perm,
        shingle: match args.shingle {
            ShingleArg::Char => ShingleKind::Char,
            ShingleArg::Word => ShingleKind::Word,
        },
        ngram: args.ngram,
        verify: match args.verify {
            VerifyArg::Exact => Verify::Exact,
            VerifyArg::Estimate => Verify::Estimate,
        },
        min_replaced_chars: args.replaced_passage,
        numbers: match args.numbers {
            NumbersArg::Fold => Numbers::Fold,
            NumbersArg::Keep => Numbers::Keep,
        },
        keep: match args.keep {
            KeepArg::First => KeepPolicy::First,
            KeepArg::Longest => KeepPolicy::Longest,
            KeepArg::Newest => KeepPolicy::Newest,
        },
        annotate: args.annotate,
        ..DedupConfig::default()
    }
}

/// The extra outputs of the dedup flags, --explain and --stats.
pub fn run_options(args: &DedupArgs, explain: Option<&Path>, common: &CommonArgs) -> RunOptions {
    let jsonl = |path: &Path| OutputSpec::parse(&path.to_string_lossy(), OutputFormat::Jsonl);
    RunOptions {
        explain: explain.map(jsonl),
        report: args.report.as_deref().map(jsonl),
        save_index: args.save_index.clone(),
        against: args.against.clone(),
        stats: common.stats.clone(),
        rejects: common.rejects.as_deref().map(jsonl),
        html: common.html.clone(),
        line_table: None,
        shard: None,
        parquet_compression: Default::default(),
    }
}

/// With --verbose, what the banding chosen for the threshold catches.
pub fn describe_banding(reporter: &mut Reporter, args: &DedupArgs, config: &DedupConfig) {
    if args.verbose {
        reporter.notice(&config.describe_banding());
    }
}

/// Reports the end of a run (the library wrote the stats file with the other outputs).
pub fn finish(mut reporter: Reporter, result: tamis::Result<Stats>) -> Result<()> {
    reporter.finish();
    let stats = result?;
    reporter.summary(&stats);
    Ok(())
}

/// Whether an input is web pages: `--format html|warc`, or a `.html`/`.htm`/`.warc` file named
/// or in a directory named.
pub fn has_web_pages(input_args: &[String], common: &CommonArgs) -> bool {
    let format = common.read.format.map(tamis::io::Format::from);
    if format.is_some_and(tamis::io::Format::is_web_page) {
        return true;
    }
    // An input that cannot be listed is reported by the run itself (and --print-config needs
    // none).
    let Ok(expanded) = tamis::io::expand_inputs(&inputs(input_args), format) else {
        return false;
    };
    expanded
        .files
        .iter()
        .any(|file| file.format.is_some_and(tamis::io::Format::is_web_page))
}
