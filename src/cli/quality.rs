//! `tamis quality calibrate`: limits and stop words from a reference corpus.

use std::path::Path;

use anyhow::{Result, bail};

use tamis::quality::{CalibrationSettings, QualityConfig};
use tamis::{Config, Pipeline, StageConfig};

use super::args::{QualityCalibrateArgs, QualityCommand};
use super::common::inputs;
use super::pipeline_file;
use super::report::Reporter;

pub fn run(command: QualityCommand) -> Result<()> {
    match command {
        QualityCommand::Calibrate(args) => calibrate(args),
    }
}

fn calibrate(args: QualityCalibrateArgs) -> Result<()> {
    if !(args.tail >= 0.0 && args.tail <= 0.5) {
        bail!(tamis::Error::Config(tamis::ConfigError::new(
            "tail",
            format!("--tail is {}: a share from 0 to 0.5", args.tail)
        )));
    }
    if !(args.stop_word_share > 0.0 && args.stop_word_share <= 1.0) {
        bail!(tamis::Error::Config(tamis::ConfigError::new(
            "stop_word_share",
            format!(
                "--stop-word-share is {}: a share above 0, at most 1",
                args.stop_word_share
            )
        )));
    }
    if args.min_documents == 0 || args.max_documents < args.min_documents {
        bail!(tamis::Error::Config(tamis::ConfigError::new(
            "min_documents",
            format!(
                "--min-documents {} and --max-documents {}: at least 1, and no more than \
                 --max-documents",
                args.min_documents, args.max_documents
            )
        )));
    }
    let lang = args
        .lang
        .as_deref()
        .map(|name| tamis::lang::parse_lang(name).map(|l| l.code()))
        .transpose()?;
    let mut config = match &args.config {
        Some(path) => pipeline_file::load(path)?,
        None => Config::default(),
    };
    let quality = match config.stage("quality") {
        Some(StageConfig::Quality(quality)) => (**quality).clone(),
        _ => QualityConfig::default(),
    };
    // The reference is measured as the quality stage would see it: after the stages before it.
    let mut measuring = config.clone();
    measuring.set(StageConfig::Quality(Box::new(quality.clone())));
    let before = measuring
        .stages
        .iter()
        .position(|s| s.name() == "quality")
        .unwrap_or(measuring.stages.len());
    measuring.stages.truncate(before);
    if let Some(format) = args.format {
        measuring.read.format = Some(format.into());
    }
    if let Some(field) = &args.text_field {
        measuring.read.text_field = field.clone();
    }
    measuring.threads = usize::from(args.threads);
    tamis::io::refuse_output_among(&args.output, args.inputs.iter().map(Path::new))?;
    let settings = CalibrationSettings {
        tail: args.tail,
        stop_word_share: args.stop_word_share,
        max_documents: args.max_documents,
        min_documents: args.min_documents,
    };
    let pipeline = Pipeline::new(measuring)?;
    let mut reporter = Reporter::new(args.quiet).reading_only();
    let calibrated =
        pipeline.calibrate_quality(&inputs(&args.inputs), lang, settings, &mut reporter);
    reporter.finish();
    let calibrated = calibrated?;
    let (limits, mut notices) = calibrated.calibrator.finish();
    // Nothing left out unsaid.
    for (count, what) in [
        (calibrated.bad_records, "unreadable record(s) skipped"),
        (
            calibrated.dropped,
            "document(s) the stages dropped (empty, or a language left out)",
        ),
        (
            calibrated.undetermined,
            "document(s) of undetermined language left out (--lang sets one)",
        ),
    ] {
        if count > 0 {
            notices.push(format!("{count} {what}"));
        }
    }
    for notice in &notices {
        super::report::say(format!("tamis: {notice}"));
    }
    if limits.is_empty() {
        bail!(
            "no language has {} reference documents with words ({} read, {} dropped by the \
             stages, {} of undetermined language, {} unreadable): nothing to calibrate; give \
             more text, --lang, or a lower --min-documents",
            args.min_documents,
            calibrated.documents,
            calibrated.dropped,
            calibrated.undetermined,
            calibrated.bad_records
        );
    }
    let mut quality = quality;
    let documents = calibrated.calibrator.documents();
    for (lang, table) in &limits {
        quality.languages.insert(lang.clone(), table.clone());
    }
    config.set(StageConfig::Quality(Box::new(quality)));
    // The file must load as a run would load it.
    Pipeline::new(config.clone())?;
    let header = format!(
        "# tamis quality calibrate: limits from {} reference documents (tail {}, stop words \
         from {} of the words)\n# {}\n",
        calibrated.documents,
        args.tail,
        args.stop_word_share,
        limits
            .keys()
            .map(|lang| format!(
                "{lang}: {} documents",
                documents.get(lang.as_str()).unwrap_or(&0)
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let text = header + &config.to_toml()?;
    tamis::io::write_atomically(&args.output, text.as_bytes())?;
    if !args.quiet {
        super::report::say(format!(
            "tamis: {} documents read; limits for {} → {}",
            calibrated.documents,
            limits.keys().cloned().collect::<Vec<_>>().join(", "),
            args.output.display()
        ));
    }
    Ok(())
}
