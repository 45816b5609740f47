//! What the commands share: building a `Config` from common flags, language lists, and the end
//! of a run (stats file, summary).

use anyhow::{Context, Result};

use tamis::io::{Input, ReadOptions, write_atomically};
use tamis::lang::LangConfig;
use tamis::normalize::Sequence;
use tamis::{Config, Stats};

use super::args::{CommonArgs, DetectionArgs, TextArgs};
use super::report::Reporter;

/// The configuration set by the flags every command has.
pub fn base_config(common: &CommonArgs) -> Config {
    Config {
        read: ReadOptions {
            format: common.format.map(Into::into),
            text_field: common.text_field.clone(),
            id_field: common.id_field.clone(),
        },
        on_bad_input: common.on_bad_input.into(),
        threads: common.threads,
        ..Config::default()
    }
}

pub fn inputs(args: &[String]) -> Vec<Input> {
    args.iter().map(|arg| Input::parse(arg)).collect()
}

/// The repair steps of the text flags.
pub fn repair_sequence(args: &TextArgs) -> Result<Sequence> {
    let skipped: Vec<&str> = args
        .no_repair
        .as_deref()
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Ok(Sequence::default_without(&skipped)?)
}

/// The language settings of the detection flags.
pub fn lang_config(args: &DetectionArgs) -> Result<LangConfig> {
    Ok(LangConfig {
        min_confidence: args.min_lang_confidence,
        sample_bytes: args.lang_sample_bytes,
        allowlist: match &args.lang_allowlist {
            Some(list) => language_codes(list)?,
            None => Vec::new(),
        },
        ..LangConfig::default()
    })
}

/// The items of a comma-separated language list; the library checks each code.
pub fn language_codes(list: &str) -> Result<Vec<String>> {
    let codes: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    if codes.is_empty() {
        return Err(tamis::Error::Config(format!("empty language list \"{list}\"")).into());
    }
    Ok(codes)
}

/// Reports the end of a run and writes the stats file.
pub fn finish(
    mut reporter: Reporter,
    result: tamis::Result<Stats>,
    common: &CommonArgs,
) -> Result<()> {
    reporter.finish();
    let stats = result?;
    if let Some(path) = &common.stats {
        let mut json =
            serde_json::to_vec_pretty(&stats).context("cannot encode the stats as JSON")?;
        json.push(b'\n');
        write_atomically(path, &json, true)?;
    }
    reporter.summary(&stats);
    Ok(())
}
