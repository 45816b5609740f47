//! Pipeline files on the command line: `--config FILE` reads one, `--print-config` writes one.

use std::path::Path;

use anyhow::Result;
use clap::ArgMatches;
use clap::parser::ValueSource;

use tamis::Config;
use tamis::pipeline::PipelineFile;

/// Flags every command takes with --config: the file, printing it, threads and quiet.
pub const ALWAYS_ALLOWED: [&str; 5] = ["config", "print_config", "threads", "quiet", "inputs"];

/// The pipeline of --config, or of `of_flags` without it; --threads given on the command line
/// wins over the file's.
pub fn resolve(
    config_file: Option<&Path>,
    matches: &ArgMatches,
    run_flags: &[&str],
    threads: u16,
    of_flags: impl FnOnce() -> Result<Config>,
) -> Result<Config> {
    let Some(path) = config_file else {
        return of_flags();
    };
    refuse_setting_flags(matches, run_flags)?;
    let mut config = load(path)?;
    if matches.value_source("threads") == Some(ValueSource::CommandLine) {
        config.threads = usize::from(threads);
    }
    Ok(config)
}

/// Prints `config` as a pipeline file (TOML) on stdout.
pub fn print(config: &Config) -> Result<()> {
    print!("{}", toml::to_string_pretty(&PipelineFile::from(config))?);
    Ok(())
}

/// The pipeline settings a --config file holds (TOML, or JSON by its name).
pub fn load(path: &Path) -> Result<Config> {
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

/// Refuses the flags that change a setting when --config gives them all; `run_flags` (what to
/// read and write, how to run) may still be given.
pub fn refuse_setting_flags(matches: &ArgMatches, run_flags: &[&str]) -> Result<()> {
    for id in matches.ids() {
        let name = id.as_str();
        // Groups of flattened arguments are named after their struct: not flags.
        let is_group = name.chars().any(|c| c.is_ascii_uppercase());
        if is_group
            || run_flags.contains(&name)
            || ALWAYS_ALLOWED.contains(&name)
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
