//! `tamis clean`.

use anyhow::Result;

use tamis::boilerplate::{BoilerplateConfig, RulesFile};
use tamis::dedup::DedupConfig;
use tamis::io::OutputSpec;
use tamis::{Config, Pipeline};

use super::args::CleanArgs;
use super::common::{
    base_config, dedup_config, describe_banding, finish, inputs, lang_config, language_codes,
    repair_sequence, run_options,
};
use super::report::Reporter;

pub fn run(args: CleanArgs) -> Result<()> {
    let mut lang = lang_config(&args.detection)?;
    lang.enabled = !args.no_lang;
    if let Some(list) = &args.lang {
        lang.keep = language_codes(list)?;
    }
    let mut boilerplate = BoilerplateConfig {
        enabled: !args.no_boilerplate,
        strictness: args.boilerplate.into(),
        repeated_line_min_docs: args.repeated_line_min_docs,
        repeated_line_max_chars: args.repeated_line_max_chars,
        ..BoilerplateConfig::default()
    };
    if let Some(path) = &args.rules {
        let file = RulesFile::load(path)?;
        boilerplate.disable = file.disable;
        boilerplate.extra_rules = file.rules;
    }
    let config = Config {
        extract_header: !args.no_header,
        normalize: repair_sequence(&args.text)?,
        lang,
        boilerplate,
        min_words: args.min_words,
        typography: args.text.typography.into(),
        dedup: DedupConfig {
            enabled: !args.no_dedup,
            ..dedup_config(&args.dedup)
        },
        ..base_config(&args.common)
    };
    let pipeline = Pipeline::new(config)?;
    let output = OutputSpec::parse(&args.output, args.output_format.into());
    let mut reporter = Reporter::new(args.common.quiet);
    if !args.no_dedup {
        describe_banding(&mut reporter, &args.dedup, &pipeline.config().dedup);
    }
    let inputs = inputs(&args.inputs);
    let options = run_options(&args.dedup, args.explain.as_deref(), &args.common);
    let result = pipeline.run_with_options(&inputs, &output, &options, &mut reporter);
    finish(reporter, result)
}
