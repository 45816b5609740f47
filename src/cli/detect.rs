//! `tamis detect`.

use anyhow::Result;
use clap::ArgMatches;

use tamis::io::{OutputFormat, OutputSpec};
use tamis::{Job, Pipeline, Run, RunOptions, StageConfig};

use super::args::{DetectArgs, DetectFormatArg};
use super::common::{base_config, finish, has_web_pages, inputs, lang_config};
use super::pipeline_file;
use super::report::Reporter;

pub fn run(args: DetectArgs, matches: &ArgMatches) -> Result<()> {
    let mut config = pipeline_file::resolve(
        args.config.as_deref(),
        matches,
        &[],
        args.common.threads,
        || {
            // The default pipeline, whose stages up to the language stage detect runs.
            let mut config = base_config(&args.common);
            if has_web_pages(&args.inputs, &args.common) {
                config.set(StageConfig::Html(Default::default()));
            }
            config.set(StageConfig::Language(lang_config(&args.detection)?));
            Ok(config)
        },
    )?;
    if args.print_config {
        return pipeline_file::print(&config);
    }
    // A pipeline file without a language stage detects with the default settings.
    if config.language().is_none() {
        config.set(StageConfig::Language(Default::default()));
    }
    let pipeline = Pipeline::new(config)?;
    let output = OutputSpec::parse(&args.output, OutputFormat::Jsonl);
    let tsv = args.output_format == DetectFormatArg::Tsv;
    let mut reporter = Reporter::new(args.common.quiet).reading_only();
    let options = RunOptions {
        stats: args.common.stats.clone(),
        html: args.common.html.clone(),
        rejects: args
            .common
            .rejects
            .as_ref()
            .map(|path| OutputSpec::parse(&path.to_string_lossy(), OutputFormat::Jsonl)),
        ..RunOptions::default()
    };
    let result = Run::new(&pipeline)
        .job(Job::Detect { tsv })
        .inputs(inputs(&args.inputs))
        .output(output)
        .options(options)
        .observe(&mut reporter)
        .execute();
    finish(reporter, result)
}
