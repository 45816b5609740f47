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

fn clean_corpus(threads: &str) -> (Vec<u8>, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cleaned.jsonl");
    let stats = dir.path().join("stats.json");
    tamis()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["clean", "corpus/", "-q", "--threads", threads, "-o"])
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
fn planted_lines_survive_up_to_typography_until_the_boilerplate_stage_lands() {
    // Repair and typography must not destroy content: every planted line is still there, equal
    // to the input line once both are folded (quotes, apostrophes and spaces aside).
    let truth = truth();
    let (out, _) = clean_corpus("1");
    let records = parse_jsonl(&out);
    let text_of = |id: &str| {
        records
            .iter()
            .find(|r| r["id"] == id)
            .and_then(|r| r["text"].as_str())
            .unwrap()
            .to_owned()
    };
    for planted in truth["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .chain(truth["lookalikes"].as_array().unwrap())
    {
        let id = planted["id"].as_str().unwrap();
        let line = fold(planted["line"].as_str().unwrap(), false);
        assert!(
            text_of(id).lines().any(|l| fold(l, false) == line),
            "{id}: {line:?} lost"
        );
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
