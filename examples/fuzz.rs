//! A mutational fuzzer on stable Rust for the parts of tamis that read untrusted bytes: the
//! JSONL / text / gzip / zstd readers, the repair and typography steps, and the rules-file
//! parser. It mutates built-in multilingual seeds (flips, inserts, deletions, splices, and
//! tokens that tend to break text code: mojibake, entities, combining marks, invisible and
//! control characters, quotes, truncated compressed frames) and checks, for every input:
//!
//! - `reader`: no panic; every record is parsed or reported as bad input.
//! - `repair`: no panic; the default repair and every typography policy are idempotent; the
//!   steps that promise it (all but `html_entities`, `mojibake` and `c1_controls`, which turn
//!   references and Windows-1252 bytes into the characters they stand for) keep every letter and
//!   digit (compared in NFD, so composition does not count as a change).
//! - `rules`: no panic in parsing a TOML or JSON rules file and compiling its rules.
//!
//! ```sh
//! cargo run --release --example fuzz -- repair --seconds 600 [--seed N]
//! ```
//!
//! A failing input is written to `fuzz-found/TARGET-SEED-N.bin` and the run exits with code 1;
//! turn it into a regression test in `tests/fuzz_found.rs`.

use std::borrow::Cow;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tamis::boilerplate::{BoilerplateConfig, RulesFile, Stripper};
use tamis::io::{Input, Parsed, RawReader, ReadOptions, expand_inputs, parse_record};
use tamis::normalize::{Normalizer, Sequence, Typography, TypographyPolicy};
use unicode_normalization::UnicodeNormalization;

const SEEDS: &[&str] = &[
    r#"{"id":"fr-1","text":"date 2018-06 Le sommet s’est ouvert «sans surprise» à Bruxelles.\n© Photo. AFP Lire aussi : le budget"}"#,
    r#"{"id":2,"text":"L'Ã©tÃ© a Ã©tÃ© chaud â€” trÃ¨s chaud&nbsp;!","url":"https://x.fr/1"}"#,
    r#"{"id":"de","text":"Der Zug fährt um 12:35 Uhr ab. „Wir sind spät“, sagte sie …"}"#,
    r#"{"id":"ru","text":"Снегопад парализовал движение — «это рекорд», сообщили в мэрии."}"#,
    r#"{"id":"zh","text":"高铁今天开通。「这是第一步」，他说。\u200b图片来源：新华社"}"#,
    r#"{"id":"ar","text":"افتتح معرض القاهرة الدولي للكتاب أبوابه أمس؟ نعم."}"#,
    "Il a dit : « Quelqu'un ici » ... non ! L\u{2019}été -- 1\u{00a0}000 km\r\nsoft\u{00ad}hyphen",
    "e\u{0301} \u{1100}\u{1161} ﬁ ① ｆｕｌｌ\u{200d}\u{202e}x\u{0085}\u{009c}&#x41;&amp;&lt;",
];

const TOKENS: &[&str] = &[
    "Ã©",
    "â€™",
    "â€œ",
    "Ã",
    "&amp;",
    "&#",
    "&#x",
    "&nbsp;",
    "&;",
    "\u{200b}",
    "\u{feff}",
    "\u{0301}",
    "\u{00ad}",
    "\u{202f}",
    "\u{00a0}",
    "«",
    "»",
    "\"",
    "'",
    "’",
    "„",
    "…",
    "...",
    " -- ",
    "\r\n",
    "\n",
    "\t",
    "{",
    "}",
    "[",
    "\\u",
    "\\ud800",
    "\u{0080}",
    "\u{009f}",
    "\u{1100}",
    "\u{1161}",
    "한",
    "ﬁ",
    "١٢",
    "؟",
    "。",
    ":",
    " !",
    "date 2018-06 ",
    "© Photo. ",
];

const RULE_SEEDS: &[&str] = &[
    "disable = [\"fr_partager\"]\n[[rules]]\nname = \"fr_en_images\"\nkind = \"photo_credit\"\nlangs = [\"fr\"]\npattern = '^en images\\s*:'\nmax_chars = 200\n",
    r#"{"disable": ["en_share"], "rules": [{"name": "x", "kind": "share", "langs": ["en", "de"], "pattern": "^(share|teilen)$", "max_chars": 40}]}"#,
];

/// A target's check of one input: `Err` names the broken promise.
type Check = dyn Fn(&[u8]) -> Result<(), String>;

/// xorshift64*: small, fast, reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.insert(at, rng.next() as u8),
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            3 if !data.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            4 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(32)).min(data.len());
                let copy = data[start..end].to_vec();
                data.splice(at..at, copy);
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
            _ => data.truncate(at),
        }
    }
    data
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(target) = args.first().cloned() else {
        bail!("usage: fuzz reader|repair|rules [--seconds N] [--seed N]");
    };
    let flag = |name: &str, default: u64| -> Result<u64> {
        match args.iter().position(|a| a == name) {
            Some(i) => args
                .get(i + 1)
                .context("a value after the flag")?
                .parse()
                .with_context(|| format!("{name} takes a number")),
            None => Ok(default),
        }
    };
    let seconds = flag("--seconds", 60)?;
    let seed = flag("--seed", 0x5eed_7a31)?;
    let mut rng = Rng(seed | 1);
    let work = tempfile::tempdir()?;
    let seeds = seeds_for(&target)?;
    let check: Box<Check> = match target.as_str() {
        "reader" => {
            let dir = work.path().to_path_buf();
            Box::new(move |bytes: &[u8]| check_reader(&dir, bytes))
        }
        "repair" => Box::new(|bytes: &[u8]| check_repair(&String::from_utf8_lossy(bytes))),
        "rules" => Box::new(|bytes: &[u8]| check_rules(&String::from_utf8_lossy(bytes))),
        other => bail!("unknown target {other}: reader, repair or rules"),
    };
    // Silence the default panic message: failures are reported below with their input.
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let (mut runs, mut found) = (0u64, 0u64);
    while started.elapsed() < Duration::from_secs(seconds) {
        let input = mutate(&mut rng, &seeds);
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&input)))
            .unwrap_or_else(|panic| Err(format!("panic: {}", panic_message(&panic))));
        runs += 1;
        if let Err(problem) = outcome {
            found += 1;
            let path = save(&target, seed, found, &input)?;
            eprintln!("{target}: {problem}\n  input saved to {}", path.display());
            if found >= 10 {
                break;
            }
        }
    }
    println!(
        "{target}: {runs} inputs in {:.0} s, {found} failing",
        started.elapsed().as_secs_f64()
    );
    if found > 0 {
        std::process::exit(1);
    }
    Ok(())
}

fn seeds_for(target: &str) -> Result<Vec<Vec<u8>>> {
    let mut seeds: Vec<Vec<u8>> = match target {
        "rules" => RULE_SEEDS.iter().map(|s| s.as_bytes().to_vec()).collect(),
        _ => SEEDS.iter().map(|s| s.as_bytes().to_vec()).collect(),
    };
    if target == "reader" {
        let jsonl = SEEDS[..6].join("\n").into_bytes();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&jsonl)?;
        seeds.push(gz.finish()?);
        seeds.push(zstd::encode_all(&jsonl[..], 3)?);
        seeds.push(jsonl);
    }
    Ok(seeds)
}

fn save(target: &str, seed: u64, n: u64, input: &[u8]) -> Result<PathBuf> {
    let dir = Path::new("fuzz-found");
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{target}-{seed}-{n}.bin"));
    std::fs::write(&path, input)?;
    Ok(path)
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// Reads `bytes` under every name the reader treats differently; errors are fine, panics not.
fn check_reader(dir: &Path, bytes: &[u8]) -> Result<(), String> {
    for name in [
        "in.jsonl",
        "in.jsonl.gz",
        "in.jsonl.zst",
        "in.txt",
        "in.ndjson",
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
        let Ok(expanded) = expand_inputs(&[Input::Path(path.clone())], None) else {
            continue;
        };
        let options = ReadOptions::default();
        for raw in RawReader::new(expanded.files) {
            let Ok(raw) = raw else { break };
            match parse_record(raw, &options) {
                Parsed::Document { .. } | Parsed::Bad(_) => {}
            }
        }
        std::fs::remove_file(&path).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The letters and digits of `text`, decomposed (NFD), sorted: removing a control character
/// between two combining marks lets NFD reorder them, which loses nothing.
fn alphanumerics(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.nfd().filter(|c| c.is_alphanumeric()).collect();
    chars.sort_unstable();
    chars
}

fn check_repair(text: &str) -> Result<(), String> {
    let repair = Sequence::default();
    let once = repair.normalize(text).into_owned();
    let twice = repair.normalize(&once);
    if twice != once {
        return Err(format!("repair is not idempotent: {once:?} → {twice:?}"));
    }
    let keeping = Sequence::default_without(&["html_entities", "mojibake", "c1_controls"])
        .map_err(|e| e.to_string())?;
    let kept = keeping.normalize(text);
    if alphanumerics(&kept) != alphanumerics(text) {
        return Err(format!("a letter or digit changed: {text:?} → {kept:?}"));
    }
    for policy in [
        TypographyPolicy::Native,
        TypographyPolicy::Plain,
        TypographyPolicy::Keep,
    ] {
        let typography = Typography::new(policy);
        for lang in ["fra", "eng", "deu", "rus", "zho", "ara", "und"] {
            let once: Cow<'_, str> = typography.apply(&once, lang);
            let twice = typography.apply(&once, lang);
            if twice != once {
                return Err(format!(
                    "typography {policy:?} {lang} is not idempotent: {once:?} → {twice:?}"
                ));
            }
            if alphanumerics(&once) != alphanumerics(&repair.normalize(text)) {
                return Err(format!(
                    "typography {policy:?} {lang} changed a letter or digit: {once:?}"
                ));
            }
        }
    }
    Ok(())
}

fn check_rules(text: &str) -> Result<(), String> {
    let parsed = [
        toml::from_str::<RulesFile>(text).ok(),
        serde_json::from_str::<RulesFile>(text).ok(),
    ];
    for file in parsed.into_iter().flatten() {
        let config = BoilerplateConfig {
            disable: file.disable,
            extra_rules: file.rules,
            ..BoilerplateConfig::default()
        };
        if let Ok(stripper) = Stripper::new(&config) {
            let _ = stripper.strip(SEEDS[6], "fra");
        }
    }
    Ok(())
}
