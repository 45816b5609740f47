//! The bundled corpus, cleaned as the README's first command does, against `corpus/truth.json`.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use serde_json::Value;
use tamis::normalize::fold;

fn truth() -> Value {
    serde_json::from_slice(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/truth.json")).unwrap(),
    )
    .unwrap()
}

/// `tamis clean corpus/` without near-duplicate removal (the planted duplicates are checked in
/// `cli_dedup.rs`), so every document comes out.
fn clean_corpus(threads: &str) -> (Vec<u8>, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cleaned.jsonl");
    let stats = dir.path().join("stats.json");
    tamis()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "clean",
            "corpus/",
            "-q",
            "--no-dedup",
            "--threads",
            threads,
            "-o",
        ])
        .arg(&out)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    (std::fs::read(&out).unwrap(), balanced_stats(&stats))
}

#[test]
fn every_corpus_document_comes_out_with_its_date_and_fields() {
    let truth = truth();
    let (out, stats) = clean_corpus("2");
    let records = parse_jsonl(&out);
    assert_eq!(stats["documents_in"], truth["documents"]);
    assert_eq!(stats["documents_out"], truth["documents"]);

    let got: BTreeSet<String> = ids(&records).into_iter().collect();
    let want: BTreeSet<String> = truth["languages"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(got, want);

    let dates = truth["dates"].as_object().unwrap();
    assert_eq!(
        stats["stages"]["header"]["extracted"].as_u64().unwrap(),
        dates.len() as u64
    );
    for record in &records {
        let id = record["id"].as_str().unwrap();
        let text = record["text"].as_str().unwrap();
        assert!(!text.starts_with("date "), "{id}: header left in text");
        assert!(!text.contains('\r'), "{id}: CR left in text");
        assert_eq!(record.get("date"), dates.get(id), "{id}");
        assert_eq!(record["lang"], truth["languages"][id], "{id}: language");
        if truth["formats"][id].as_str().unwrap().starts_with("feeds/") {
            assert!(
                record.get("url").is_some() || record.get("agency").is_some(),
                "{id}: fields lost"
            );
        }
    }
}

#[test]
fn planted_boilerplate_goes_and_every_content_line_stays() {
    let truth = truth();
    let (out, stats) = clean_corpus("1");
    let records = parse_jsonl(&out);
    let folded_lines = |id: &str| -> Vec<String> {
        let record = records.iter().find(|r| r["id"] == id).unwrap();
        record["text"]
            .as_str()
            .unwrap()
            .lines()
            .map(|l| fold(l, false))
            .collect()
    };
    let planted = truth["boilerplate"].as_array().unwrap();
    for line in planted {
        let (id, text) = (line["id"].as_str().unwrap(), line["line"].as_str().unwrap());
        assert!(
            !folded_lines(id).contains(&fold(text, false)),
            "{id}: {text:?} kept"
        );
    }
    let removed: u64 = stats["stages"]["boilerplate"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(removed as usize, planted.len());

    // Every other line of every input document is still there (up to typography).
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let planted_lines: BTreeSet<String> = planted
        .iter()
        .map(|b| fold(b["line"].as_str().unwrap(), false))
        .collect();
    let inputs = tamis()
        .current_dir(&corpus)
        .args([
            "clean",
            ".",
            "-o",
            "-",
            "-q",
            "--no-boilerplate",
            "--typography",
            "keep",
            "--no-lang",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    for input in parse_jsonl(&inputs) {
        let id = input["id"].as_str().unwrap();
        let kept = folded_lines(id);
        for line in input["text"]
            .as_str()
            .unwrap()
            .lines()
            .map(|l| fold(l, false))
        {
            if !line.is_empty() && !planted_lines.contains(&line) {
                assert!(kept.contains(&line), "{id}: content line lost: {line:?}");
            }
        }
    }
}

#[test]
fn mojibake_is_repaired_and_french_typography_is_consistent() {
    let truth = truth();
    let (out, stats) = clean_corpus("2");
    let records = parse_jsonl(&out);
    for case in truth["mojibake"].as_array().unwrap() {
        let record = records.iter().find(|r| r["id"] == case["id"]).unwrap();
        let text = record["text"].as_str().unwrap();
        assert!(text.contains(case["fixed"].as_str().unwrap()), "{text}");
        assert!(!text.contains(case["broken"].as_str().unwrap()), "{text}");
    }
    assert!(stats["stages"]["normalize"]["mojibake"].as_u64().unwrap() >= 1);
    for record in records.iter().filter(|r| r["lang"] == "fra") {
        let id = record["id"].as_str().unwrap();
        let chars: Vec<char> = record["text"].as_str().unwrap().chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            match c {
                '\'' => assert!(
                    !(before.is_some_and(char::is_alphabetic)
                        && after.is_some_and(char::is_alphabetic)),
                    "{id}: straight apostrophe left"
                ),
                '«' => assert_eq!(after, Some('\u{a0}'), "{id}: « without no-break space"),
                '»' => assert_eq!(before, Some('\u{a0}'), "{id}: » without no-break space"),
                _ => {}
            }
        }
    }
}

#[test]
fn corpus_output_does_not_depend_on_the_thread_count() {
    assert_eq!(clean_corpus("1").0, clean_corpus("4").0);
}
