//! `tamis dedup`.

use anyhow::Result;
use clap::ArgMatches;

use tamis::{Job, Pipeline, Run, StageConfig};

use super::args::DedupCmdArgs;
use super::common::{
    base_config, dedup_config, dedup_only, describe_banding, finish, inputs, output_spec,
    run_options,
};
use super::pipeline_file;
use super::report::Reporter;

/// Flags that may be given with --config besides every run's outputs.
const RUN_FLAGS: [&str; 4] = ["report", "save_index", "against", "verbose"];

pub fn run(args: DedupCmdArgs, matches: &ArgMatches) -> Result<()> {
    if let Some(step) = args.step {
        return super::shards::run(step, matches);
    }
    let config = pipeline_file::resolve(
        args.config.as_deref(),
        matches,
        &RUN_FLAGS,
        args.common.threads,
        || {
            let mut config = base_config(&args.common);
            config.set(StageConfig::Dedup(dedup_config(&args.dedup.settings)));
            Ok(dedup_only(config))
        },
    )?;
    if args.print_config {
        return pipeline_file::print(&config);
    }
    if args.output.is_none()
        && args.dedup.report.is_none()
        && args.dedup.save_index.is_none()
        && args.common.html.is_none()
    {
        return Err(tamis::Error::Config(tamis::ConfigError::new(
            "output",
            "nothing to write: give --report FILE (the clusters), -o FILE (the kept documents)\
             , --save-index FILE and/or --html FILE (the report page)",
        ))
        .into());
    }
    let pipeline = Pipeline::new(dedup_only(config))?;
    let output = args
        .output
        .as_deref()
        .map(|path| output_spec(path, args.output_format));
    let mut reporter = Reporter::new(args.common.quiet);
    if output.is_none() {
        reporter = reporter.writing_no_documents();
    }
    if let Some(dedup) = pipeline.config().dedup() {
        describe_banding(&mut reporter, &args.dedup, dedup);
    }
    let mut options = run_options(&args.dedup, None, &args.common);
    options.shard = args.shard.limit();
    options.parquet_compression = args.shard.parquet_compression.into();
    let mut run = Run::new(&pipeline)
        .job(Job::Dedup)
        .inputs(inputs(&args.inputs))
        .options(options);
    if let Some(output) = output {
        run = run.output(output);
    }
    let result = run.observe(&mut reporter).execute();
    finish(reporter, result)
}
