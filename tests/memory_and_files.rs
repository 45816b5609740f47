//! `Pipeline::clean` (documents in memory) and a `Run` over files are one loop: on the same
//! documents they keep the same documents, cleaned the same way, with the same stats.

use std::path::Path;

use tamis::io::{Input, OutputFormat, OutputSpec, Parsed, RawReader, ReadOptions, parse_record};
use tamis::{Config, Document, Pipeline, Run, Stats};

/// Every document of `path` (a file or a directory), as a run reads them.
fn read_documents(path: &Path) -> Vec<Document> {
    let expanded = tamis::io::expand_inputs(&[Input::Path(path.to_path_buf())], None).unwrap();
    RawReader::new(expanded.files)
        .map(
            |raw| match parse_record(raw.unwrap(), &ReadOptions::default()) {
                Parsed::Document { doc, .. } => doc,
                Parsed::Bad(bad) => panic!("{bad}"),
            },
        )
        .collect()
}

/// The stats without the run's duration.
fn timeless(mut stats: Stats) -> Stats {
    stats.seconds = 0.0;
    stats
}

fn same_in_memory_as_in_files(config: Config) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs = read_documents(&corpus);
    assert!(docs.len() > 50, "the bundled corpus is read");
    let pipeline = Pipeline::new(config).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cleaned.jsonl");
    let from_files = Run::new(&pipeline)
        .inputs([Input::Path(corpus.clone())])
        .output(OutputSpec {
            path: Some(out.clone()),
            format: OutputFormat::Jsonl,
        })
        .execute()
        .unwrap();
    let in_memory = pipeline.clean(docs).unwrap();

    assert_eq!(in_memory.documents, read_documents(&out));
    assert_eq!(timeless(in_memory.stats), timeless(from_files));
}

#[test]
fn cleaning_in_memory_gives_what_a_run_over_files_gives() {
    let config = Config::default();
    assert!(config.dedup().is_some() && config.boilerplate().unwrap().repeated_line_min_docs > 0);
    same_in_memory_as_in_files(config);
}

#[test]
fn annotating_duplicates_in_memory_gives_what_a_run_over_files_gives() {
    let mut config = Config::default().without("min_words");
    config.dedup_mut().unwrap().annotate = true;
    same_in_memory_as_in_files(config);
}

#[test]
fn cleaning_without_deduplication_in_memory_gives_what_a_run_over_files_gives() {
    let mut config = Config::default();
    config.remove("dedup");
    config.batch_documents = 7; // several batches
    same_in_memory_as_in_files(config);
}
