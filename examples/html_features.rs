//! Writes the HTML classifier's features of every block of every page of a JSONL file of
//! `{id, html}` records, one `{id, text, f, main}` line per block, for
//! `scripts/train_html.py` (features computed by the crate, so training and use cannot drift).

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: html_features PAGES.jsonl")?;
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in file.lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let id = record["id"].as_str().unwrap_or_default();
        let html = record["html"].as_str().unwrap_or_default();
        for (text, features, main) in tamis::html::debug_features(html) {
            let line = serde_json::json!({"id": id, "text": text, "f": features, "main": main});
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
