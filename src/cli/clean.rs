//! `tamis clean`.

use anyhow::{Context, Result};

use tamis::io::{Input, OutputSpec, ReadOptions, write_atomically};
use tamis::{Config, Pipeline};

use super::args::{CleanArgs, CommonArgs};
use super::report::Reporter;

pub fn run(args: CleanArgs) -> Result<()> {
    let config = Config {
        read: read_options(&args.common),
        on_bad_input: args.common.on_bad_input.into(),
        extract_header: !args.no_header,
        threads: args.common.threads,
        ..Config::default()
    };
    let pipeline = Pipeline::new(config)?;
    let inputs: Vec<Input> = args.inputs.iter().map(|arg| Input::parse(arg)).collect();
    let output = OutputSpec::parse(&args.output, args.output_format.into());
    let mut reporter = Reporter::new(args.common.quiet);
    let result = pipeline.run(&inputs, &output, &mut reporter);
    reporter.finish();
    let stats = result?;
    if let Some(path) = &args.common.stats {
        let mut json =
            serde_json::to_vec_pretty(&stats).context("cannot encode the stats as JSON")?;
        json.push(b'\n');
        write_atomically(path, &json, true)?;
    }
    reporter.summary(&stats);
    Ok(())
}

pub fn read_options(common: &CommonArgs) -> ReadOptions {
    ReadOptions {
        format: common.format.map(Into::into),
        text_field: common.text_field.clone(),
        id_field: common.id_field.clone(),
    }
}
