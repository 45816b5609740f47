//! Pipeline files on the command line: `--config FILE` reads one, `--print-config` writes one.

use std::path::Path;

use anyhow::Result;
use clap::ArgMatches;
use clap::parser::ValueSource;

use tamis::quality::Quality;
use tamis::{Config, StageConfig};

use super::args::ConfigArgs;

/// Flags every command takes with --config: the file, printing it, threads and quiet, and the
/// outputs every run may write.
pub const ALWAYS_ALLOWED: [&str; 13] = [
    "config",
    "print_config",
    "threads",
    "quiet",
    "inputs",
    "output",
    "output_format",
    "shard_documents",
    "shard_size",
    "parquet_compression",
    "stats",
    "rejects",
    "html",
];

/// The pipeline of --config, or of `of_flags` without it; --threads given on the command line
/// wins over the file's. `run_flags`: the command's own flags that may come with --config
/// (besides [`ALWAYS_ALLOWED`]).
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
    to_stdout(&config.to_toml()?)
}

/// Writes `text` to stdout; a closed pipe (`| head`) is the library's error for `-`, which
/// the binary reports as a success, not a panic.
fn to_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut stdout = tamis::io::stdout()?.lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|error| {
            tamis::Error::Io {
                path: "-".into(),
                error,
            }
            .into()
        })
}

/// `tamis config [FILE] [--json]`: the default pipeline, or FILE checked and filled in.
pub fn run(args: ConfigArgs) -> Result<()> {
    let config = match &args.file {
        Some(path) => load(path)?,
        None => Config::default(),
    };
    if let Some(lang) = &args.quality_limits {
        return print_quality_limits(&config, lang, args.json);
    }
    if args.json {
        to_stdout(&(serde_json::to_string_pretty(&config)? + "\n"))
    } else {
        print(&config)
    }
}

/// `tamis config --quality-limits LANG`: the quality filters for documents in `lang`.
fn print_quality_limits(config: &Config, lang: &str, json: bool) -> Result<()> {
    let stage = config
        .stages
        .iter()
        .find_map(|stage| match stage {
            StageConfig::Quality(quality) => Some(quality.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let code = match lang.trim() {
        "und" => "und",
        name => tamis::lang::parse_lang(name)?.code(),
    };
    let quality = Quality::new(&stage)?;
    let filters = quality.filters(code);
    if json {
        to_stdout(&(serde_json::to_string_pretty(filters)? + "\n"))
    } else {
        to_stdout(&format!(
            "# The quality filters for documents in {code}\n{}",
            toml::to_string(filters)?
        ))
    }
}

/// The pipeline settings a --config file holds (TOML, or JSON by its name).
pub fn load(path: &Path) -> Result<Config> {
    let display = path.display();
    let config = Config::from_path(path).map_err(|error| match error {
        tamis::Error::Io { error, .. } => {
            anyhow::anyhow!("cannot read the pipeline settings {display}: {error}")
        }
        other => other.into(),
    })?;
    config
        .validate()
        .map(|()| config)
        .map_err(|error| match error {
            // Named as in the file, not by the flags the file stands in for.
            tamis::Error::Config(c) => tamis::Error::Config(tamis::ConfigError::new(
                "config",
                format!("{display}: {}", in_file_terms(&c.problem)),
            ))
            .into(),
            other => other.into(),
        })
}

/// `message` with each `` `section.setting` `` named as a pipeline file names it: the setting,
/// then the stage (or table) that holds it.
fn in_file_terms(message: &str) -> String {
    const SECTIONS: [(&str, &str); 6] = [
        ("dedup.", "dedup stage"),
        ("lang.", "language stage"),
        ("boilerplate.", "boilerplate stage"),
        ("normalize.", "repair stage"),
        ("read.", "[read] table"),
        ("quality.", "quality stage"),
    ];
    super::flags::rename_settings(message, |name| {
        Some(
            SECTIONS
                .iter()
                .find_map(|(prefix, place)| {
                    name.strip_prefix(prefix)
                        .map(|field| format!("{field} ({place})"))
                })
                .unwrap_or_else(|| name.to_owned()),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::in_file_terms;

    #[test]
    fn settings_are_named_as_the_file_names_them() {
        assert_eq!(
            in_file_terms("`dedup.threshold` 1.5 is not a similarity"),
            "threshold (dedup stage) 1.5 is not a similarity"
        );
        assert_eq!(
            in_file_terms("`lang.sample_bytes` and `batch_documents`: `read.text_field`"),
            "sample_bytes (language stage) and batch_documents: text_field ([read] table)"
        );
    }
}
