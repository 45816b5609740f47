//! Extracts the main text of each page of a JSONL file of `{id, html}` records, as
//! `{id, text}` lines on stdout, with pages per CPU-second on stderr (a dev harness for the
//! HTML extractor: `cargo run --release --example html_extract -- pages.jsonl > out.jsonl`).

use std::io::{BufRead, Write};
use std::time::Instant;

/// The allocator the `tamis` binary uses, so that the timing is the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: html_extract PAGES.jsonl")?;
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut pages = Vec::new();
    for line in file.lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let id = record["id"].as_str().unwrap_or_default().to_owned();
        let html = record["html"].as_str().unwrap_or_default().to_owned();
        pages.push((id, html));
    }
    let mut config = tamis::html::HtmlConfig::default();
    if let Some(t) = std::env::args().nth(2) {
        config.threshold = t.parse()?;
    }
    // The fastest of a few passes (HTML_EXTRACT_PASSES, 3 by default): the machine is shared.
    let passes: usize = std::env::var("HTML_EXTRACT_PASSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let mut seconds = f64::INFINITY;
    let mut extracted = Vec::new();
    for _ in 0..passes.max(1) {
        let start = Instant::now();
        extracted = pages
            .iter()
            .map(|(_, html)| tamis::html::extract_with(html, &config))
            .collect();
        seconds = seconds.min(start.elapsed().as_secs_f64());
    }
    let bytes: usize = pages.iter().map(|(_, html)| html.len()).sum();
    eprintln!(
        "{} pages, {:.3} s (fastest of {passes} passes), {:.0} pages/s, {:.0} MB/s",
        pages.len(),
        seconds,
        pages.len() as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    );
    let mut out = std::io::stdout().lock();
    for ((id, _), page) in pages.iter().zip(extracted) {
        writeln!(out, "{}", serde_json::json!({"id": id, "text": page.text}))?;
        if std::env::var_os("HTML_EXTRACT_REMOVED").is_some() {
            for removed in page.removed {
                eprintln!("{id}\t{}\t{}", removed.rule, removed.text);
            }
        }
    }
    Ok(())
}
