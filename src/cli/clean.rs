//! `tamis clean`.

use anyhow::Result;

use tamis::io::OutputSpec;
use tamis::{Config, Pipeline};

use super::args::CleanArgs;
use super::common::{base_config, finish, inputs, lang_config, language_codes, repair_sequence};
use super::report::Reporter;

pub fn run(args: CleanArgs) -> Result<()> {
    let mut lang = lang_config(&args.detection)?;
    lang.enabled = !args.no_lang;
    if let Some(list) = &args.lang {
        lang.keep = language_codes(list)?;
    }
    let config = Config {
        extract_header: !args.no_header,
        normalize: repair_sequence(&args.text)?,
        lang,
        typography: args.text.typography.into(),
        ..base_config(&args.common)
    };
    let pipeline = Pipeline::new(config)?;
    let output = OutputSpec::parse(&args.output, args.output_format.into());
    let mut reporter = Reporter::new(args.common.quiet);
    let result = pipeline.run(&inputs(&args.inputs), &output, &mut reporter);
    finish(reporter, result, &args.common)
}
