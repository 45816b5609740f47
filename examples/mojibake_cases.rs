//! Scores tamis's repair on mojibake test cases in ftfy's format (a JSON array of
//! `{"original", "fixed-encoding"?, "fixed", "expect"}`; ftfy ships them in its source tree,
//! `tests/test-cases/*.json`, which this repository does not include):
//!
//! ```sh
//! cargo run --release --example mojibake_cases -- cases.json [--show]
//! ```
//!
//! Only the cases marked `"pass"` count. A case is *broken* when its expected encoding fix
//! (`fixed-encoding`, else `fixed`) differs from the original, *correct* otherwise. The repair
//! runs with every step but `whitespace`; results are compared after NFC, with curly quotes
//! and apostrophes made straight on both sides (ftfy's `fixed` uncurls them) and without the
//! control and invisible characters that tamis's documented steps remove. `--show` prints
//! every case tamis gets wrong.

use anyhow::{Context, Result, bail};
use tamis::normalize::{Normalizer, Sequence};
use unicode_normalization::UnicodeNormalization;

/// The text as compared: NFC, quotes straight, and without the control and invisible
/// characters that tamis's documented steps remove.
fn comparable(text: &str) -> String {
    text.nfc()
        .filter(|&c| !(c.is_control() && c != '\n' && c != '\t'))
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}'))
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            other => other,
        })
        .collect()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        bail!("usage: mojibake_cases CASES.json [--show]");
    };
    let show = args.iter().any(|a| a == "--show");
    // `--only mojibake` scores one step alone (the judge), `--strict` compares exactly.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    let strict = args.iter().any(|a| a == "--strict");
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text)?;
    let repair = match only {
        Some(step) => {
            let all = [
                "html_entities",
                "invisible",
                "mojibake",
                "c1_controls",
                "nfc",
                "whitespace",
            ];
            let others: Vec<&str> = all.into_iter().filter(|s| s != step).collect();
            Sequence::default_without(&others)?
        }
        None => Sequence::default_without(&["whitespace"])?,
    };
    let comparable = |text: &str| {
        if strict {
            text.to_owned()
        } else {
            comparable(text)
        }
    };
    let (mut broken, mut fixed, mut correct, mut untouched) = (0, 0, 0, 0);
    for case in &cases {
        if case["expect"] != "pass" {
            continue;
        }
        let original = case["original"].as_str().unwrap_or_default();
        let expected = case["fixed-encoding"]
            .as_str()
            .or(case["fixed"].as_str())
            .unwrap_or_default();
        let out = repair.normalize(original);
        let is_broken = comparable(expected) != comparable(original);
        let right = comparable(&out) == comparable(expected);
        if is_broken {
            broken += 1;
            fixed += usize::from(right);
        } else {
            correct += 1;
            untouched += usize::from(right);
        }
        if show && !right {
            let side = if is_broken { "missed" } else { "harmed" };
            println!("{side}: {original:?}\n   got {out:?}\n  want {expected:?}");
        }
    }
    let all = broken + correct;
    println!(
        "broken fixed: {fixed}/{broken}; correct left alone: {untouched}/{correct} ({:.1}%); overall {:.1}%",
        100.0 * untouched as f64 / correct.max(1) as f64,
        100.0 * (fixed + untouched) as f64 / all.max(1) as f64
    );
    Ok(())
}
