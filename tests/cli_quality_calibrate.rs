//! `tamis quality calibrate`: limits and stop words from a reference corpus.

mod common;

use common::*;
use predicates::prelude::*;

/// Sentences of a Welsh reference the user trusts.
const SENTENCES: [&str; 8] = [
    "Mae'r cyngor sir wedi pleidleisio dros y gyllideb newydd ar gyfer yr ysgolion a'r llyfrgell.",
    "Bydd y gwaith yn dechrau yn ystod yr haf, yn ôl y maer, a bydd yn para dwy flynedd.",
    "Daw rhan o'r arian o'r rhanbarth ac o'r llywodraeth.",
    "Gall y trigolion roi eu barn mewn cyfarfod cyhoeddus ym mis Mehefin.",
    "Bydd yr harbwr newydd yn agor i'r cychod cyn diwedd y flwyddyn.",
    "Canodd y plant yn Gymraeg ar gyfer gŵyl y wlad.",
    "Mae hen ddihareb yn dweud bod y môr yn fawr i bawb.",
    "Mae'r goleuadau wedi cael eu gosod ar y bont ar gyfer y teithwyr.",
];

fn reference(documents: usize) -> String {
    (0..documents)
        .map(|i| {
            let text = (0..3 + i % 5)
                .map(|k| SENTENCES[(i + k * 3) % SENTENCES.len()])
                .collect::<Vec<_>>()
                .join("\n");
            record(&format!("ref-{i}"), &text)
        })
        .collect()
}

#[test]
fn calibrate_writes_a_pipeline_file_with_the_language_s_limits_and_stop_words() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "reference.jsonl", reference(80));
    let output = dir.path().join("welsh.toml");
    tamis()
        // Eight sentences make a small vocabulary, every word over the 0.8% a stop word has by
        // default.
        .args([
            "quality",
            "calibrate",
            "--lang",
            "cy",
            "--stop-word-share",
            "0.03",
            "-q",
        ])
        .arg("-o")
        .arg(&output)
        .arg(&input)
        .assert()
        .success();
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.starts_with("# tamis quality calibrate: limits from 80 reference documents"));
    assert!(text.contains("cym: 80 documents"), "{text}");
    // The file is a pipeline tamis clean runs; the language gets the calibrated limits.
    let assert = tamis()
        .args(["config"])
        .arg(&output)
        .args(["--quality-limits", "cy", "--json"])
        .assert()
        .success();
    let limits: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let stop_words = limits["gopher_quality"]["stop_words"].as_array().unwrap();
    assert!(
        stop_words[0] == "y" || stop_words[0] == "yn",
        "the most frequent first"
    );
    assert!(stop_words.iter().any(|w| w == "y") && stop_words.iter().any(|w| w == "yn"));
    assert!(!stop_words.iter().any(|w| w == "llyfrgell"));
    assert!(!stop_words.iter().any(|w| w == "," || w == "."));
    let min = limits["gopher_quality"]["min_avg_word_length"]
        .as_f64()
        .unwrap();
    let max = limits["gopher_quality"]["max_avg_word_length"]
        .as_f64()
        .unwrap();
    assert!(2.0 < min && min <= max && max < 8.0, "{min} {max}");
    assert_eq!(limits["fineweb_quality"]["line_punct_thr"], 1.0);
    // Other languages keep theirs.
    tamis()
        .args(["config"])
        .arg(&output)
        .args(["--quality-limits", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"l'\""));
    // Cleaning with it runs.
    let corpus = [
        reference(2),
        record("menu", "Hafan\nNewyddion\nChwaraeon\nCysylltu"),
    ]
    .concat();
    tamis()
        .args(["clean", "-", "-o", "-", "-q", "--config"])
        .arg(&output)
        .write_stdin(corpus)
        .assert()
        .success();
}

#[test]
fn calibrate_refuses_bad_settings_and_says_when_too_little_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "reference.jsonl", reference(10));
    let output = dir.path().join("limits.toml");
    tamis()
        .args(["quality", "calibrate", "--tail", "0.7", "-o"])
        .arg(&output)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--tail is 0.7"));
    tamis()
        .args(["quality", "calibrate", "--lang", "cy", "-q", "-o"])
        .arg(&output)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cym: 10 document(s) with words, fewer than the 50 needed",
        ))
        .stderr(predicate::str::contains("nothing to calibrate"));
    assert!(!output.exists(), "no file when nothing was calibrated");
    tamis()
        .args(["quality", "calibrate", "-o"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2);
    // Records that cannot be read are counted and said, not lost silently.
    let mut corpus = reference(60);
    corpus.push_str("{\"id\": \"broken\", \"text\": \n");
    let broken = write(dir.path(), "broken.jsonl", corpus);
    tamis()
        .args(["quality", "calibrate", "--lang", "cy", "-q", "-o"])
        .arg(&output)
        .arg(&broken)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 unreadable record(s) skipped"));
}
