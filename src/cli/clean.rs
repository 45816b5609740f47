//! `tamis clean`.

use anyhow::Result;
use clap::ArgMatches;
use clap::parser::ValueSource;

use tamis::boilerplate::{BoilerplateConfig, RulesFile, Strictness};
use tamis::html::HtmlConfig;
use tamis::pii::PiiConfig;
use tamis::quality::QualityConfig;
use tamis::{Config, Pipeline, Run, StageConfig};

use super::args::CleanArgs;
use super::common::{
    base_config, dedup_config, describe_banding, finish, has_web_pages, inputs, lang_config,
    language_codes, output_spec, repair_sequence, run_options,
};
use super::pipeline_file;
use super::report::Reporter;

/// Flags that may be given with --config besides every run's outputs: what to read and
/// write, and how to run.
const RUN_FLAGS: [&str; 7] = [
    "line_table",
    "explain",
    "report",
    "save_index",
    "against",
    "verbose",
    "progress",
];

pub fn run(args: CleanArgs, matches: &ArgMatches) -> Result<()> {
    let config = pipeline_file::resolve(
        args.config.as_deref(),
        matches,
        &RUN_FLAGS,
        args.common.threads,
        || config_of_flags(&args, matches),
    )?;
    if args.print_config {
        return pipeline_file::print(&config);
    }
    let pipeline = Pipeline::new(config)?;
    let output = output_spec(args.output.as_deref().unwrap_or("-"), args.output_format);
    let mut reporter = Reporter::new(args.common.quiet);
    if let Some(dedup) = pipeline.config().dedup() {
        describe_banding(&mut reporter, &args.dedup, dedup);
    }
    let inputs = inputs(&args.inputs);
    let mut options = run_options(&args.dedup, args.explain.as_deref(), &args.common);
    options.line_table = args.line_table.clone();
    options.shard = args.shard.limit();
    options.parquet_compression = args.shard.parquet_compression.into();
    let result = Run::new(&pipeline)
        .inputs(inputs)
        .output(output)
        .options(options)
        .observe(&mut reporter)
        .execute();
    finish(reporter, result)
}

/// The pipeline of the flags: the default list of stages, edited.
fn config_of_flags(args: &CleanArgs, matches: &ArgMatches) -> Result<Config> {
    let mut config = base_config(&args.common);
    let given = |flag: &str| matches.value_source(flag) == Some(ValueSource::CommandLine);
    if args.no_header {
        config.remove("header");
    }
    let pages = args.extract_html
        || args.extract_threshold.is_some()
        || has_web_pages(&args.inputs, &args.common);
    let quality = args.quality || args.quality_c4 || config.has("quality");
    if args.no_boilerplate && args.explain.is_some() && !pages && !quality {
        // Without pages or the quality stage, --no-boilerplate leaves nothing for --explain to
        // list; with them, the html stage's blocks left out and the quality stage's drops are
        // still explained.
        let mut command = <super::args::Cli as clap::CommandFactory>::command();
        command.build();
        let mut clean = command.find_subcommand("clean").cloned().unwrap_or(command);
        clean
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "the argument '--explain <FILE>' cannot be used with '--no-boilerplate' when no \
                 page is extracted and no quality filter runs: with the boilerplate stage off \
                 nothing is removed to explain. Drop one of them, or add --extract-html if the \
                 text field holds web pages",
            )
            .exit();
    }
    if pages {
        let mut html = HtmlConfig::default();
        if let Some(threshold) = args.extract_threshold {
            html.threshold = threshold;
        }
        config.set(StageConfig::Html(html));
    }
    config.set(StageConfig::Repair {
        steps: repair_sequence(&args.text)?,
    });
    if args.no_lang {
        config.remove("language");
    } else {
        let mut lang = lang_config(&args.detection)?;
        if let Some(list) = &args.lang {
            lang.keep = language_codes(list)?;
        }
        config.set(StageConfig::Language(lang));
    }
    if args.no_boilerplate {
        config.remove("boilerplate");
    } else {
        // On pages, the HTML stage's block classifier has judged every block: the line
        // classifier and the repeated-line count add little there (docs/stage-html.md), so
        // they are off unless asked for.
        let mut boilerplate = BoilerplateConfig {
            strictness: if pages && !given("boilerplate") && args.boilerplate_threshold.is_none() {
                Strictness::Rules
            } else {
                args.boilerplate.into()
            },
            threshold: args.boilerplate_threshold,
            repeated_line_min_docs: if pages && !given("repeated_line_min_docs") {
                0
            } else {
                args.repeated_line_min_docs
            },
            repeated_line_max_chars: args.repeated_line_max_chars,
            ..BoilerplateConfig::default()
        };
        if let Some(path) = &args.rules {
            let file = RulesFile::load(path)?;
            boilerplate.disable = file.disable;
            boilerplate.extra_rules = file.rules;
        }
        config.set(StageConfig::Boilerplate(boilerplate));
    }
    if args.quality || args.quality_c4 {
        let mut quality = QualityConfig::default();
        quality.c4_quality.enabled = args.quality_c4;
        config.set(StageConfig::Quality(Box::new(quality)));
    }
    if args.mask_pii {
        config.set(StageConfig::Pii(PiiConfig::default()));
    }
    match args.min_words {
        0 => config.remove("min_words"),
        min_words => config.set(StageConfig::MinWords { min_words }),
    }
    config.set(StageConfig::Typography {
        policy: args.text.typography.into(),
    });
    if args.no_dedup {
        config.remove("dedup");
    } else {
        config.set(StageConfig::Dedup(dedup_config(&args.dedup.settings)));
    }
    Ok(config)
}
