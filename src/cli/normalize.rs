//! `tamis normalize`: stdin → stdout.

use std::io::{Read, Write};

use anyhow::{Context, Result};

use tamis::lang::{LangConfig, LanguageDetector, parse_lang};
use tamis::normalize::Typography;

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
    let explain = args.explain;
    let repaired = sequence.apply_explained(
        text,
        |_| {},
        |fix| {
            if explain {
                eprintln!(
                    "tamis: mojibake {}: {:?} → {:?}",
                    fix.code_page, fix.broken, fix.fixed
                );
            }
        },
    );
    let lang = match hint {
        Some(lang) => lang.code(),
        None => {
            LanguageDetector::new(LangConfig::default())?
                .detect(&repaired)
                .lang
        }
    };
    let typeset = Typography::new(args.text.typography.into()).apply(&repaired, lang);
    let mut stdout = std::io::stdout().lock();
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
