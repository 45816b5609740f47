//! Dumps the boilerplate classifier's first-stage features of every line of a JSONL corpus, as
//! `clean` computes them (header, repair, language, corpus-repeated lines), for
//! `scripts/train_boilerplate.py`:
//!
//! ```sh
//! cargo run --release --example line_features -- pages.jsonl > features.jsonl
//! ```
//!
//! One JSON line per document: `{"id", "lang", "lines": [{"n", "text", "x": [...]}]}`, with the
//! features named in the first line: `{"features": [...]}`.

use std::io::{BufRead, BufWriter, Write};

use anyhow::{Context, Result, bail};
use tamis::boilerplate::{
    BoilerplateConfig, LINE_FEATURE_NAMES, LineCounter, Stripper, document_keys,
};
use tamis::{Config, Document, Pipeline, Verdict};

fn main() -> Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        bail!("usage: line_features PAGES.jsonl > FEATURES.jsonl");
    };
    let file = std::fs::File::open(&path).with_context(|| format!("cannot open {path}"))?;
    let mut config = Config::default();
    for name in ["min_words", "typography", "boilerplate"] {
        config.remove(name);
    }
    let pipeline = Pipeline::new(config)?;
    let mut pages = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        let record: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{path}:{}", n + 1))?;
        let id = record["id"].as_str().unwrap_or_default().to_owned();
        let text = record["text"].as_str().unwrap_or_default();
        if let Verdict::Keep(doc) = pipeline.process(Document::new(id, text)).verdict {
            let lang = doc.meta["lang"].as_str().unwrap_or("und").to_owned();
            pages.push((doc, lang));
        }
    }
    let defaults = BoilerplateConfig::default();
    let mut counter = LineCounter::default();
    for (doc, _) in &pages {
        counter.add(&document_keys(&doc.text, defaults.repeated_line_max_chars));
    }
    let repeated = counter.repeated(defaults.repeated_line_min_docs);
    let stripper = Stripper::new(&defaults)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{}",
        serde_json::json!({ "features": LINE_FEATURE_NAMES })
    )?;
    for (doc, lang) in &pages {
        let lines: Vec<_> = stripper
            .line_features(
                &doc.text,
                lang,
                Some((&repeated, defaults.repeated_line_max_chars)),
            )
            .into_iter()
            .map(|(n, text, x, protection)| {
                serde_json::json!({ "n": n, "text": text, "x": x, "protection": protection })
            })
            .collect();
        let record = serde_json::json!({ "id": doc.id, "lang": lang, "lines": lines });
        writeln!(out, "{record}")?;
    }
    Ok(())
}
