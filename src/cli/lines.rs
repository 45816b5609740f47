//! `tamis lines count` and `tamis lines merge`: the repeated-line table of a corpus cleaned
//! shard by shard.

use std::path::{Path, PathBuf};

use anyhow::Result;

use tamis::{Config, Pipeline};

use super::args::{LinesCommand, LinesCountArgs, LinesMergeArgs};
use super::common::inputs;
use super::pipeline_file;
use super::report::Reporter;

pub fn run(command: LinesCommand) -> Result<()> {
    match command {
        LinesCommand::Count(args) => count(args),
        LinesCommand::Merge(args) => merge(args),
    }
}

fn count(args: LinesCountArgs) -> Result<()> {
    let mut config = match &args.config {
        Some(path) => pipeline_file::load(path)?,
        None => Config::default(),
    };
    if let Some(format) = args.format {
        config.read.format = Some(format.into());
    }
    if let Some(field) = &args.text_field {
        config.read.text_field = field.clone();
    }
    config.threads = usize::from(args.threads);
    tamis::io::refuse_output_among(&args.output, args.inputs.iter().map(Path::new))?;
    let pipeline = Pipeline::new(config)?;
    let mut reporter = Reporter::new(args.quiet).reading_only();
    let table = pipeline.count_lines(&inputs(&args.inputs), &mut reporter);
    reporter.finish();
    let table = table?;
    tamis::io::write_atomically(&args.output, &table.to_bytes())?;
    if !args.quiet {
        super::report::say(format!(
            "tamis: {} documents, {} distinct lines → {}",
            table.documents,
            table.counter.distinct_lines(),
            args.output.display()
        ));
    }
    Ok(())
}

fn merge(args: LinesMergeArgs) -> Result<()> {
    tamis::io::refuse_output_among(&args.output, args.tables.iter().map(PathBuf::as_path))?;
    let options = tamis::pipeline::MergeLines {
        part: args.part,
        min_docs: args.min_docs,
    };
    let merged = tamis::pipeline::merge_line_tables_with(&args.tables, options)?;
    tamis::io::write_atomically(&args.output, &merged.to_bytes())?;
    Ok(())
}
