//! Writes the HTML classifier's features of every block of every page of a JSONL file of
//! `{id, html}` records, one `{id, text, f, main, path, rule}` line per block, for
//! `scripts/train_html.py` (features computed by the crate, so training and use cannot drift).
//! `path` is the block's element and its ancestors; `rule` says whether the named line rules
//! that run after the html stage (`--boilerplate rules`, in the language detected on the
//! page's blocks) remove the block.

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: html_features PAGES.jsonl")?;
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let rules = tamis::boilerplate::Stripper::new(&tamis::boilerplate::BoilerplateConfig {
        strictness: tamis::boilerplate::Strictness::Rules,
        repeated_line_min_docs: 0,
        ..Default::default()
    })?;
    for line in file.lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let id = record["id"].as_str().unwrap_or_default();
        let html = record["html"].as_str().unwrap_or_default();
        let blocks = tamis::html::debug_features(html);
        let joined: Vec<&str> = blocks.iter().map(|(text, ..)| text.as_str()).collect();
        let joined = joined.join("\n");
        let lang = tamis::detect_language(&joined).lang;
        let (_, removals) = rules.strip(&joined, lang);
        let removed: std::collections::HashSet<usize> = removals.iter().map(|r| r.line).collect();
        for (at, (text, features, main, path)) in blocks.into_iter().enumerate() {
            let rule = removed.contains(&(at + 1));
            let line = serde_json::json!({"id": id, "text": text, "f": features, "main": main, "path": path, "rule": rule});
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
