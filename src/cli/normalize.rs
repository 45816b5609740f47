//! `tamis normalize`: stdin → stdout.

use std::io::{Read, Write};

use anyhow::{Context, Result};

use tamis::Document;
use tamis::lang::{LangConfig, LanguageDetector, parse_lang};
use tamis::stage::{LanguageStage, RepairStage, Stage, StageRun, TypographyStage};

use super::args::NormalizeArgs;
use super::common::repair_sequence;

pub fn run(args: NormalizeArgs) -> Result<()> {
    let sequence = repair_sequence(&args.text)?;
    let hint = args.lang.as_deref().map(parse_lang).transpose()?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("-: cannot read stdin")?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            eprintln!("tamis: warning: -: invalid UTF-8 at byte {offset} (replaced by U+FFFD)");
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    };
    // A pipeline cut short: repair, the language (given, or detected without filtering), then
    // typography.
    let mut run = StageRun {
        filter: false,
        mojibake_fixes: args.explain.then(Vec::new),
        ..StageRun::default()
    };
    let mut doc = Document::new("-", text);
    RepairStage { sequence }.process(&mut doc, &mut run);
    for fix in run.mojibake_fixes.take().unwrap_or_default() {
        eprintln!(
            "tamis: mojibake {}: {:?} → {:?}",
            fix.code_page, fix.broken, fix.fixed
        );
    }
    match hint {
        Some(lang) => run.lang = lang.code(),
        None => {
            let detector = LanguageDetector::new(LangConfig::default())?;
            LanguageStage { detector }.process(&mut doc, &mut run);
        }
    }
    TypographyStage {
        policy: args.text.typography.into(),
    }
    .process(&mut doc, &mut run);
    let typeset = doc.text;
    let mut stdout = tamis::io::stdout()?.lock();
    let written = stdout
        .write_all(typeset.as_bytes())
        .and_then(|()| {
            if typeset.is_empty() {
                Ok(())
            } else {
                stdout.write_all(b"\n")
            }
        })
        .and_then(|()| stdout.flush());
    match written {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("-: cannot write stdout"),
    }
}
