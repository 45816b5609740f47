//! `tamis clean`.

use std::path::Path;

use anyhow::Result;
use clap::ArgMatches;
use clap::parser::ValueSource;

use tamis::boilerplate::{BoilerplateConfig, RulesFile};
use tamis::dedup::DedupConfig;
use tamis::io::OutputSpec;
use tamis::pipeline::PipelineFile;
use tamis::{Config, Pipeline, Run};

use super::args::CleanArgs;
use super::common::{
    base_config, dedup_config, describe_banding, finish, inputs, lang_config, language_codes,
    repair_sequence, run_options,
};
use super::report::Reporter;

/// Flags that may be given with --config: what to read and write, and how to run.
const RUN_FLAGS: [&str; 15] = [
    "inputs",
    "output",
    "output_format",
    "config",
    "print_config",
    "explain",
    "report",
    "stats",
    "rejects",
    "save_index",
    "against",
    "threads",
    "quiet",
    "verbose",
    "progress",
];

pub fn run(args: CleanArgs, matches: &ArgMatches) -> Result<()> {
    let config = match &args.config {
        Some(path) => {
            refuse_setting_flags(matches)?;
            let mut config = load_config(path)?;
            if matches.value_source("threads") == Some(ValueSource::CommandLine) {
                config.threads = usize::from(args.common.threads);
            }
            config
        }
        None => config_of_flags(&args)?,
    };
    if args.print_config {
        let text = toml::to_string_pretty(&PipelineFile::from(&config))?;
        print!("{text}");
        return Ok(());
    }
    let pipeline = Pipeline::new(config)?;
    let output = OutputSpec::parse(
        args.output.as_deref().unwrap_or("-"),
        args.output_format.into(),
    );
    let mut reporter = Reporter::new(args.common.quiet);
    if pipeline.config().dedup.enabled {
        describe_banding(&mut reporter, &args.dedup, &pipeline.config().dedup);
    }
    let inputs = inputs(&args.inputs);
    let options = run_options(&args.dedup, args.explain.as_deref(), &args.common);
    let result = Run::new(&pipeline)
        .inputs(inputs)
        .output(output)
        .options(options)
        .observe(&mut reporter)
        .execute();
    finish(reporter, result)
}

/// The pipeline settings a --config file holds (TOML, or JSON by its name).
fn load_config(path: &Path) -> Result<Config> {
    let display = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read the pipeline settings {display}: {e}"))?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let parsed: std::result::Result<PipelineFile, String> = if is_json {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        toml::from_str(&text).map_err(|e| e.to_string())
    };
    // The parsers quote names in backticks, which the error printer reads as settings.
    let file = parsed.map_err(|e| {
        let problem = format!("{display}: {}", e.replace('`', "\""));
        tamis::Error::Config(tamis::ConfigError::new("config", problem))
    })?;
    Ok(Config::try_from(file)?)
}

/// Refuses the flags that change a setting when --config gives them all.
fn refuse_setting_flags(matches: &ArgMatches) -> Result<()> {
    for id in matches.ids() {
        let name = id.as_str();
        // Groups of flattened arguments are named after their struct: not flags.
        let is_group = name.chars().any(|c| c.is_ascii_uppercase());
        if is_group
            || RUN_FLAGS.contains(&name)
            || matches.value_source(name) != Some(ValueSource::CommandLine)
        {
            continue;
        }
        let flag = format!("--{}", name.replace('_', "-"));
        return Err(tamis::Error::Config(tamis::ConfigError::new(
            "config",
            format!(
                "{flag} cannot be combined with --config: the file holds every setting of the \
                 pipeline; change it there (or drop --config)"
            ),
        ))
        .into());
    }
    Ok(())
}

/// The pipeline settings of the flags.
fn config_of_flags(args: &CleanArgs) -> Result<Config> {
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
    Ok(Config {
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
    })
}
