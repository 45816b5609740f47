//! The quality stage's cost, beside the job it runs in (one run, both figures, these machines
//! being shared and noisy):
//! - `quality_in_clean/{without,with}_quality`: `tamis clean` of real web pages (the team's dev
//!   pages, `../shared/data/boilerplate-web/dev_html.jsonl.zst`, or the file
//!   `TAMIS_QUALITY_PAGES` names; the bundled `tests/pages/` when neither is there), HTML
//!   extraction and every default stage but near-duplicates, one thread: `(with - without) /
//!   with` is the quality stage's share of the job (the README's figure, target ≤ 10%);
//! - `quality_in_clean_text/*`: the same on the pages' plain text
//!   (`../shared/data/boilerplate-web/dev.jsonl`), when there;
//! - `quality_judge/*`: `Quality::judge` alone on those texts, default filters and with C4's.
//!
//! Run with `cargo bench --bench quality`. The comparison with datatrove's four filters on the
//! same documents is `scripts/quality_parity.py` (it runs both).

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tamis::html::HtmlConfig;
use tamis::io::{Input, OutputFormat, OutputSpec};
use tamis::quality::{Quality, QualityConfig};
use tamis::{Config, Pipeline, Run, StageConfig};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The pipeline of `tamis clean` without near-duplicates, on one thread, with or without the
/// quality stage.
fn config(pages: bool, quality: bool) -> Config {
    let mut config = Config {
        threads: 1,
        ..Config::default()
    };
    config.remove("dedup");
    if pages {
        config.set(StageConfig::Html(HtmlConfig::default()));
        config.read.text_field = "html".into();
    }
    if quality {
        config.set(StageConfig::Quality(Box::default()));
    }
    config
}

fn clean(pipeline: &Pipeline, input: &Path, output: &OutputSpec) {
    Run::new(pipeline)
        .inputs([Input::Path(input.to_path_buf())])
        .output(output.clone())
        .execute()
        .expect("clean");
}

fn quality_in_clean(c: &mut Criterion, group: &str, input: &Path, pages: bool) {
    let bytes = std::fs::metadata(input).map_or(0, |m| m.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let output = OutputSpec::parse(
        dir.path().join("out.jsonl").to_str().expect("utf-8 path"),
        OutputFormat::Jsonl,
    );
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(bytes)).sample_size(10);
    for (name, quality) in [("without_quality", false), ("with_quality", true)] {
        let pipeline = Pipeline::new(config(pages, quality)).expect("pipeline");
        group.bench_function(name, |b| b.iter(|| clean(&pipeline, input, &output)));
    }
    group.finish();
}

fn web_pages(c: &mut Criterion) {
    let path = std::env::var_os("TAMIS_QUALITY_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data/boilerplate-web/dev_html.jsonl.zst"));
    if path.exists() {
        quality_in_clean(c, "quality_in_clean", &path, true);
    } else {
        eprintln!(
            "quality_in_clean: {} not found, the bundled pages instead",
            path.display()
        );
        quality_in_clean(c, "quality_in_clean", &root().join("tests/pages"), true);
    }
    let text = root().join("../shared/data/boilerplate-web/dev.jsonl");
    if text.exists() {
        quality_in_clean(c, "quality_in_clean_text", &text, false);
    }
}

fn judge(c: &mut Criterion) {
    let text = root().join("../shared/data/boilerplate-web/dev.jsonl");
    let path = if text.exists() {
        text
    } else {
        root().join("corpus/feeds/wire-copies.jsonl")
    };
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .expect("read texts")
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let langs: Vec<&'static str> = texts
        .iter()
        .map(|t| tamis::detect_language(t).lang)
        .collect();
    let mut group = c.benchmark_group("quality_judge");
    group.throughput(Throughput::Bytes(bytes)).sample_size(20);
    let with_c4 = QualityConfig {
        c4_quality: tamis::quality::C4Quality {
            enabled: true,
            ..Default::default()
        },
        ..Default::default()
    };
    for (name, settings) in [("default", QualityConfig::default()), ("with_c4", with_c4)] {
        let quality = Quality::new(&settings).expect("quality");
        group.bench_function(name, |b| {
            b.iter(|| {
                texts
                    .iter()
                    .zip(&langs)
                    .filter(|(text, lang)| quality.judge(text, lang).is_ok())
                    .count()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, web_pages, judge);
criterion_main!(benches);
