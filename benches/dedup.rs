//! Near-duplicate detection throughput.
//!
//! - `dedup_signing/*` on the labelled dev data (`../shared/data/dedup-dev.jsonl`, 11k documents
//!   in 75 languages; the bundled corpus when it is absent): `fold` alone, signing fold keys
//!   (`sign_key`: shingles, one-permutation MinHash, exact hash), both (`sign_text`), and the
//!   shingle sets exact verification builds. Throughput in bytes of text; the signatures per
//!   second are the documents over the time.
//! - `dedup_whole/*`: `Pipeline::dedup` (read, parse, sign, LSH, verify, report) over a generated
//!   corpus of 1,000,000 short documents with planted near-duplicates, exact and estimated
//!   verification, and 1 thread against all cores.
//!
//! Run with `cargo bench --bench dedup`; the README's performance table quotes it.

use std::io::Write;
use std::path::Path;

#[path = "../examples/common/rng.rs"]
mod rng;
use rng::Rng;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tamis::dedup::{DedupConfig, ShingleKind, Shingler, Signer, Verify};
use tamis::io::{Input, OutputFormat, OutputSpec};
use tamis::normalize::fold;
use tamis::{Config, Job, Pipeline, Run, RunOptions, StageConfig};

/// Texts of the dev data, or of the bundled corpus's JSONL feeds when it is absent.
fn dev_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/data/dedup-dev.jsonl");
    let path = if dev.exists() {
        dev
    } else {
        root.join("corpus/feeds/wire-copies.jsonl")
    };
    std::fs::read_to_string(&path)
        .expect("read texts")
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect()
}

fn signing(c: &mut Criterion) {
    let texts = dev_texts();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let config = DedupConfig::default();
    let shingler = Shingler::new(ShingleKind::Char, config.ngram, config.seed);
    let signer = Signer::new(shingler, config.num_perm, config.seed);
    let keys: Vec<String> = texts.iter().map(|t| fold(t, true)).collect();

    let mut group = c.benchmark_group("dedup_signing");
    group.throughput(Throughput::Bytes(bytes)).sample_size(20);
    group.bench_function("fold", |b| {
        b.iter(|| texts.iter().map(|t| fold(t, true).len()).sum::<usize>())
    });
    group.bench_function("sign_key", |b| {
        b.iter(|| keys.iter().filter_map(|k| signer.sign_key(k)).count())
    });
    group.bench_function("sign_text", |b| {
        b.iter(|| texts.iter().filter_map(|t| signer.sign_text(t).1).count())
    });
    group.bench_function("shingle_set", |b| {
        b.iter(|| keys.iter().map(|k| shingler.set(k).len()).sum::<usize>())
    });
    group.finish();
}

/// `n` JSONL documents of 40–80 words from a 20,000-word vocabulary; one in five is a variant
/// of an earlier one (a copy, a word changed, a sentence added).
pub fn generated_corpus(n: usize, out: &mut impl Write) -> std::io::Result<u64> {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "pa", "zu", "che", "ban", "tor",
        "él", "ø", "ще", "да", "ни", "ko", "ma", "ri", "sen", "ul",
    ];
    let mut rng = Rng(42);
    let vocabulary: Vec<String> = (0..20_000)
        .map(|_| {
            (0..2 + rng.below(3))
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        })
        .collect();
    let mut kept: Vec<Vec<usize>> = Vec::new();
    let mut bytes = 0;
    for i in 0..n {
        let words: Vec<usize> = if i > 0 && rng.below(5) == 0 {
            let mut words = kept[rng.below(kept.len())].clone();
            match rng.below(3) {
                0 => {}
                1 => {
                    let at = rng.below(words.len());
                    words[at] = rng.below(vocabulary.len());
                }
                _ => words.extend((0..8).map(|_| rng.below(vocabulary.len()))),
            }
            words
        } else {
            let words: Vec<usize> = (0..40 + rng.below(40))
                .map(|_| rng.below(vocabulary.len()))
                .collect();
            if kept.len() < 100_000 {
                kept.push(words.clone());
            } else {
                let at = rng.below(kept.len());
                kept[at] = words.clone();
            }
            words
        };
        let text: Vec<&str> = words.iter().map(|&w| vocabulary[w].as_str()).collect();
        let text = text.join(" ");
        bytes += text.len() as u64;
        let record = serde_json::json!({"id": format!("g{i}"), "text": text});
        writeln!(out, "{record}")?;
    }
    Ok(bytes)
}

fn whole(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("generated.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&input).expect("create"));
    let bytes = generated_corpus(1_000_000, &mut file).expect("generate");
    drop(file);
    let report = OutputSpec::parse(
        dir.path().join("report.jsonl").to_str().expect("utf-8"),
        OutputFormat::Jsonl,
    );
    let options = RunOptions {
        report: Some(report),
        ..RunOptions::default()
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("dedup_whole");
    group.throughput(Throughput::Bytes(bytes)).sample_size(10);
    for (name, threads, verify) in [
        (format!("exact_threads_{cores}"), cores, Verify::Exact),
        (format!("estimate_threads_{cores}"), cores, Verify::Estimate),
        ("exact_threads_1".to_owned(), 1, Verify::Exact),
    ] {
        let config = Config {
            threads,
            stages: vec![StageConfig::Dedup(DedupConfig {
                verify,
                ..DedupConfig::default()
            })],
            ..Config::default()
        };
        let pipeline = Pipeline::new(config).expect("pipeline");
        let inputs = [Input::Path(input.clone())];
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                Run::new(&pipeline)
                    .job(Job::Dedup)
                    .inputs(inputs.clone())
                    .options(options.clone())
                    .execute()
                    .expect("dedup")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, signing, whole);
criterion_main!(benches);
