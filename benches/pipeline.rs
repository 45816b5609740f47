//! Throughput of `tamis clean`'s pipeline on the bundled corpus, replicated to ~11 MB of JSONL.
//!
//! Every figure has its baseline in the same run, because the machines are shared and noisy:
//! - `end_to_end/stages_off` reads, parses and writes the same JSONL with no stage at all, so
//!   `default / stages_off` is the cost of the stages, and `no_lang` is everything but language
//!   detection;
//! - `end_to_end/threads_1` vs `threads_N` is the parallel speed-up;
//! - `end_to_end/no_lang_with_repeated_line_pass` adds the first pass that counts lines
//!   repeated across documents (on this input, every line is: read it as a cost, not a result);
//! - `normalize/*` is each normalisation step alone on the same text.
//!
//! Near-duplicate detection is off here (the input is 300 copies of the corpus): see
//! `benches/dedup.rs`.
//!
//! Run with `cargo bench --bench pipeline`; the README's performance table quotes it.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tamis::boilerplate::{BoilerplateConfig, Strictness, Stripper};
use tamis::io::{Input, OutputFormat, OutputSpec};
use tamis::lang::{LangConfig, LanguageDetector};
use tamis::normalize::{Normalizer, Sequence, Step, Typography, TypographyPolicy};
use tamis::{Config, Document, Pipeline, Run};

const COPIES: usize = 300;

/// A configuration that only reads and writes.
fn no_stages() -> Config {
    Config::without_stages()
}

/// The corpus documents as read by tamis, with no stage applied.
fn corpus_documents() -> Vec<Document> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = dir.path().join("raw.jsonl");
    let pipeline = Pipeline::new(no_stages()).expect("pipeline");
    let input = Input::Path(corpus);
    Run::new(&pipeline)
        .inputs([input])
        .output(OutputSpec::parse(
            raw.to_str().expect("utf-8 path"),
            OutputFormat::Jsonl,
        ))
        .execute()
        .expect("read corpus");
    std::fs::read_to_string(&raw)
        .expect("read back")
        .lines()
        .map(|line| {
            let mut map: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).expect("json");
            let id = map
                .remove("id")
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let text = map
                .remove("text")
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            Document {
                id,
                text,
                meta: map,
            }
        })
        .collect()
}

/// Writes `COPIES` copies of the corpus (each id made unique) as one JSONL file.
fn replicated_jsonl(docs: &[Document], dir: &Path) -> (PathBuf, u64) {
    let path = dir.join("bench.jsonl");
    let mut out = Vec::new();
    for copy in 0..COPIES {
        for doc in docs {
            let mut doc = doc.clone();
            doc.id = format!("{}#{copy}", doc.id);
            serde_json::to_writer(&mut out, &doc.as_record("id", "text")).expect("encode");
            out.push(b'\n');
        }
    }
    std::fs::write(&path, &out).expect("write bench input");
    (path, out.len() as u64)
}

fn end_to_end(c: &mut Criterion) {
    let docs = corpus_documents();
    let dir = tempfile::tempdir().expect("temp dir");
    let (input, bytes) = replicated_jsonl(&docs, dir.path());
    let output = OutputSpec::parse(
        dir.path().join("out.jsonl").to_str().expect("utf-8 path"),
        OutputFormat::Jsonl,
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let mut group = c.benchmark_group("end_to_end");
    group.throughput(Throughput::Bytes(bytes)).sample_size(10);
    let mut variants = vec![
        (
            "stages_off".to_owned(),
            Config {
                threads: cores,
                ..no_stages()
            },
        ),
        ("no_lang".to_owned(), {
            let mut config = Config {
                threads: cores,
                ..Config::default()
            };
            config.remove("language");
            config
        }),
        (
            "default".to_owned(),
            Config {
                threads: cores,
                ..Config::default()
            },
        ),
        (
            "threads_1".to_owned(),
            Config {
                threads: 1,
                ..Config::default()
            },
        ),
    ];
    if cores > 1 {
        variants.push((
            format!("threads_{cores}"),
            Config {
                threads: cores,
                ..Config::default()
            },
        ));
    }
    for (name, mut config) in variants {
        // The input repeats the corpus 300 times, so every line would count as repeated across
        // documents and go: the repeated-line pass is measured on its own below. Every document
        // is an exact duplicate, too: near-duplicate detection has its own bench (dedup.rs).
        if let Some(boilerplate) = config.boilerplate_mut() {
            boilerplate.repeated_line_min_docs = 0;
        }
        config.remove("dedup");
        let pipeline = Pipeline::new(config).expect("pipeline");
        let inputs = [Input::Path(input.clone())];
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| clean_files(&pipeline, &inputs, &output))
        });
    }
    // The repeated-line count: a first pass over the same input (read, parse, repair, line keys).
    let mut config = Config {
        threads: cores,
        ..Config::default()
    };
    config.remove("language");
    config.remove("dedup");
    let pipeline = Pipeline::new(config).expect("pipeline");
    let inputs = [Input::Path(input.clone())];
    group.bench_function(
        BenchmarkId::from_parameter("no_lang_with_repeated_line_pass"),
        |b| b.iter(|| clean_files(&pipeline, &inputs, &output)),
    );
    group.finish();
}

/// One cleaning run of `inputs` into `output`.
fn clean_files(pipeline: &Pipeline, inputs: &[Input], output: &OutputSpec) -> tamis::Stats {
    Run::new(pipeline)
        .inputs(inputs.iter().cloned())
        .output(output.clone())
        .execute()
        .expect("run")
}

fn normalize_steps(c: &mut Criterion) {
    let docs = corpus_documents();
    let detector = LanguageDetector::new(LangConfig::default()).expect("detector");
    let langs: Vec<&str> = docs.iter().map(|d| detector.detect(&d.text).lang).collect();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(bytes));
    let mut steps: Vec<(&str, Box<dyn Normalizer>)> = Step::all()
        .into_iter()
        .map(|step| (step.name(), Box::new(step) as Box<dyn Normalizer>))
        .collect();
    steps.push(("repair", Box::new(Sequence::default())));
    group.bench_function("fold", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| tamis::normalize::fold(&d.text, true).len())
                .sum::<usize>()
        })
    });
    for (name, step) in steps {
        group.bench_function(name, |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| step.normalize(&d.text).len())
                    .sum::<usize>()
            })
        });
    }
    // What `tamis clean` and `tamis normalize` do to each document once its language is known:
    // the figure compared with ftfy + Moses by `scripts/normalize_vs_peer.sh`.
    for policy in [TypographyPolicy::Native, TypographyPolicy::Plain] {
        let name = format!("repair_and_typography_{policy:?}").to_lowercase();
        let sequence = Sequence::default();
        let typography = Typography::new(policy);
        group.bench_function(name, |b| {
            b.iter(|| {
                docs.iter()
                    .zip(&langs)
                    .map(|(d, lang)| typography.apply(&sequence.normalize(&d.text), lang).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();

    // The fast path: clean, mostly-ASCII English text, where most steps only scan.
    let english: Vec<&Document> = docs
        .iter()
        .zip(&langs)
        .filter(|(_, l)| **l == "eng")
        .map(|(d, _)| d)
        .collect();
    let mut group = c.benchmark_group("normalize_ascii");
    group.throughput(Throughput::Bytes(
        english.iter().map(|d| d.text.len() as u64).sum(),
    ));
    let sequence = Sequence::default();
    let typography = Typography::new(TypographyPolicy::Native);
    group.bench_function("repair_and_typography_native", |b| {
        b.iter(|| {
            english
                .iter()
                .map(|d| typography.apply(&sequence.normalize(&d.text), "eng").len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// The boilerplate stage (rules only, and with the classifier) next to the normalisation stage (repair + native typography), on the
/// same documents: the rules must not cost more than normalisation.
fn boilerplate_rules(c: &mut Criterion) {
    let docs = corpus_documents();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    boilerplate_beside_normalisation(c, "boilerplate", &texts, 100);
}

/// The boilerplate stage (rules only, then with the classifier) on `texts`, as `tamis clean`
/// runs it (no explanations asked for), and repair + native typography on the same texts.
fn boilerplate_beside_normalisation(
    c: &mut Criterion,
    group: &str,
    texts: &[&str],
    sample_size: usize,
) {
    let detector = LanguageDetector::new(LangConfig::default()).expect("detector");
    let langs: Vec<&str> = texts.iter().map(|t| detector.detect(t).lang).collect();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let sequence = Sequence::default();
    let mut group = c.benchmark_group(group);
    group
        .throughput(Throughput::Bytes(bytes))
        .sample_size(sample_size);
    for strictness in [Strictness::Rules, Strictness::Balanced] {
        let stripper = Stripper::new(&BoilerplateConfig {
            strictness,
            ..BoilerplateConfig::default()
        })
        .expect("rules");
        group.bench_function(strictness.as_str(), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .zip(&langs)
                    .map(|(t, lang)| stripper.strip_explained(t, lang, None, false).1.len())
                    .sum::<usize>()
            })
        });
    }
    let typography = Typography::new(TypographyPolicy::Native);
    group.bench_function("normalisation_baseline", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&langs)
                .map(|(t, lang)| typography.apply(&sequence.normalize(t), lang).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// Real web pages as plain text, when the team's dev data is beside the checkout
/// (`../shared/data/boilerplate-web/dev.jsonl`, or the file `TAMIS_WEB_PAGES` names): the
/// boilerplate stage on long pages full of furniture, next to normalisation on the same text.
fn boilerplate_web_pages(c: &mut Criterion) {
    let path = std::env::var_os("TAMIS_WEB_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/boilerplate-web/dev.jsonl")
        });
    let Ok(jsonl) = std::fs::read_to_string(&path) else {
        eprintln!("boilerplate_web: {} not found, skipped", path.display());
        return;
    };
    let texts: Vec<String> = jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    boilerplate_beside_normalisation(c, "boilerplate_web", &texts, 20);
}

fn language_detection(c: &mut Criterion) {
    let docs = corpus_documents();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let mut group = c.benchmark_group("lang");
    group.throughput(Throughput::Bytes(bytes));
    let detector = LanguageDetector::new(LangConfig::default()).expect("detector");
    group.bench_function("tamis_detect", |b| {
        b.iter(|| {
            docs.iter()
                .filter(|d| detector.detect(&d.text).lang == "fra")
                .count()
        })
    });
    group.bench_function("whatlang_bare", |b| {
        b.iter(|| {
            docs.iter()
                .filter(|d| whatlang::detect_lang(&d.text) == Some(whatlang::Lang::Fra))
                .count()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    end_to_end,
    normalize_steps,
    boilerplate_rules,
    boilerplate_web_pages,
    language_detection
);
criterion_main!(benches);
