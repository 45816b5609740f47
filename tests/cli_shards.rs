//! `tamis dedup sign / pairs / cluster / filter`: a corpus deduplicated shard by shard, through
//! files, gives what one process gives (with `--verify estimate`); damaged, mismatched or
//! incomplete files are refused with a message that says what to do.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;

/// The bundled corpus.
fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(rel)
}

/// Runs the four stages over `shards` (paths relative to `dir`), signed with `settings`, the
/// bands cut in two ranges given in reverse order, and returns the kept documents of every
/// shard, concatenated, and the report of `dedup cluster`.
fn sharded(dir: &Path, shards: &[&str], settings: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let mut sigs = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let out = format!("{i}.sigs");
        let mut args = vec!["dedup", "sign", "-q", shard, "-o", &out];
        args.extend(settings);
        ok(dir, &args);
        sigs.push(out);
    }
    let sigs: Vec<&str> = sigs.iter().map(String::as_str).collect();
    ok(
        dir,
        &[
            &["dedup", "pairs", "-q", "--bands", "7..", "-o", "b.edges"],
            &sigs[..],
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &["dedup", "pairs", "-q", "--bands", "0..7", "-o", "a.edges"],
            &sigs[..],
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            "dedup",
            "cluster",
            "-q",
            "b.edges",
            "a.edges",
            "-o",
            "all.clusters",
            "--report",
            "report.jsonl",
        ],
    );
    let mut kept = Vec::new();
    let mut shard_reports = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let out = format!("kept-{i}.jsonl");
        let report = format!("report-{i}.jsonl");
        let args = vec![
            "dedup",
            "filter",
            "-q",
            shard,
            "--clusters",
            "all.clusters",
            "-o",
            &out,
            "--report",
            &report,
        ];
        ok(dir, &args);
        kept.extend(std::fs::read(dir.join(&out)).unwrap());
        shard_reports.extend(std::fs::read(dir.join(&report)).unwrap());
    }
    let report = std::fs::read(dir.join("report.jsonl")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&shard_reports),
        String::from_utf8_lossy(&report),
        "the shards' reports, in order, are the corpus report"
    );
    (kept, report)
}

#[test]
fn cleaning_shard_by_shard_keeps_what_one_run_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let feeds = corpus("feeds");
    let news = corpus("news");
    // One process over the corpus.
    tamis()
        .current_dir(d)
        .args([
            "clean",
            "-q",
            "--verify",
            "estimate",
            "-o",
            "one.jsonl",
            "--report",
            "one-report.jsonl",
        ])
        .arg(&feeds)
        .arg(&news)
        .assert()
        .success();
    // Shard by shard: lines counted and merged, each shard cleaned without dedup, then the
    // four stages over the cleaned shards.
    for (shard, table) in [(&feeds, "1.lines"), (&news, "2.lines")] {
        tamis()
            .current_dir(d)
            .args(["lines", "count", "-q", "-o", table])
            .arg(shard)
            .assert()
            .success();
    }
    ok(
        d,
        &["lines", "merge", "1.lines", "2.lines", "-o", "all.lines"],
    );
    for (shard, out) in [(&feeds, "clean-1.jsonl"), (&news, "clean-2.jsonl")] {
        tamis()
            .current_dir(d)
            .args([
                "clean",
                "-q",
                "--no-dedup",
                "--line-table",
                "all.lines",
                "-o",
                out,
            ])
            .arg(shard)
            .assert()
            .success();
    }
    let (kept, report) = sharded(d, &["clean-1.jsonl", "clean-2.jsonl"], &[]);
    let one = std::fs::read(d.join("one.jsonl")).unwrap();
    let one_report = std::fs::read(d.join("one-report.jsonl")).unwrap();
    assert!(!one_report.is_empty(), "the corpus has duplicates to find");
    assert_eq!(
        String::from_utf8_lossy(&report),
        String::from_utf8_lossy(&one_report)
    );
    assert_eq!(ids(&parse_jsonl(&kept)), ids(&parse_jsonl(&one)));
    assert!(
        kept == one,
        "the kept documents are byte for byte those of one run"
    );
}

/// A corpus with exact copies across shards, near copies with other dates and lengths, and a
/// document with nothing to compare.
fn dated_corpus(d: &Path) -> Vec<&'static str> {
    let base = "Le conseil municipal de Quimper a voté mardi soir le budget de l'année, après trois \
                heures de débat sur la piscine, les écoles et le tramway";
    let doc = |id: &str, text: &str, date: &str| {
        serde_json::json!({"id": id, "text": text, "date": date}).to_string() + "\n"
    };
    let other = "La météo annonce de la pluie sur toute la Bretagne pour le week-end prochain, \
                 avec des rafales sur les côtes du Finistère et du Morbihan";
    write(
        d,
        "s1.jsonl",
        doc("a", base, "2018-06") + &doc("b", other, "2018-07") + &doc("c", "— … —", "2018-08"),
    );
    write(
        d,
        "s2.jsonl",
        doc("d", &format!("{base}."), "2019-01")
            + &doc(
                "e",
                &format!("{base}, selon le maire et son adjoint aux finances"),
                "2018-01",
            )
            + &doc("f", base, "2017-05"),
    );
    write(
        d,
        "s3.jsonl",
        doc("g", &format!("{other}."), "2020-02")
            + &doc(
                "h",
                "Un texte seul, sans copie ailleurs dans le corpus du tout.",
                "2020-03",
            ),
    );
    vec!["s1.jsonl", "s2.jsonl", "s3.jsonl"]
}

#[test]
fn every_keep_policy_and_annotation_match_one_dedup_run() {
    for settings in [
        vec!["--keep", "first", "--threshold", "0.8"],
        vec!["--keep", "longest", "--threshold", "0.7"],
        vec![
            "--keep",
            "newest",
            "--annotate",
            "--ngram",
            "4",
            "--threshold",
            "0.8",
        ],
    ] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let shards = dated_corpus(d);
        let mut one = vec![
            "dedup",
            "-q",
            "--verify",
            "estimate",
            "-o",
            "one.jsonl",
            "--report",
            "one-report.jsonl",
        ];
        one.extend(&shards);
        one.extend(&settings);
        ok(d, &one);
        // Settings are given when signing; the other stages take them from the files.
        let (kept, report) = sharded(d, &shards, &settings);
        let one_kept = std::fs::read(d.join("one.jsonl")).unwrap();
        let one_report = std::fs::read(d.join("one-report.jsonl")).unwrap();
        assert!(
            !one_report.is_empty(),
            "{settings:?}: the corpus has duplicates"
        );
        assert_eq!(
            String::from_utf8_lossy(&report),
            String::from_utf8_lossy(&one_report),
            "{settings:?}"
        );
        assert_eq!(
            String::from_utf8_lossy(&kept),
            String::from_utf8_lossy(&one_kept),
            "{settings:?}"
        );
    }
}

/// Signs the dated corpus, pairs `bands` (all without), and returns the directory.
fn signed(bands: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (i, shard) in dated_corpus(d).iter().enumerate() {
        ok(
            d,
            &["dedup", "sign", "-q", shard, "-o", &format!("{i}.sigs")],
        );
    }
    let mut pairs = vec![
        "dedup", "pairs", "-q", "0.sigs", "1.sigs", "2.sigs", "-o", "a.edges",
    ];
    if let Some(bands) = bands {
        pairs.extend(["--bands", bands]);
    }
    ok(d, &pairs);
    dir
}

#[test]
fn missing_bands_are_named_with_the_command_that_makes_them() {
    let dir = signed(Some("0..5"));
    let d = dir.path();
    tamis()
        .current_dir(d)
        .args(["dedup", "cluster", "a.edges", "-o", "all.clusters"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no edges file covers bands 5..14 of the 14: run `tamis dedup pairs --bands 5..14`",
        ));
    assert!(!d.join("all.clusters").exists());
    tamis()
        .current_dir(d)
        .args([
            "dedup", "pairs", "0.sigs", "--bands", "12..20", "-o", "x.edges",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("signed with 14 bands (0..14)"));
}

#[test]
fn filter_refuses_a_shard_other_than_the_one_signed() {
    let dir = signed(None);
    let d = dir.path();
    ok(
        d,
        &["dedup", "cluster", "-q", "a.edges", "-o", "all.clusters"],
    );
    // s2's documents under s1's name: same count, other ids and texts.
    tamis()
        .current_dir(d)
        .args(["dedup", "filter", "s2.jsonl", "--name", "s1.jsonl", "--clusters", "all.clusters", "-o", "kept.jsonl"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("s2.jsonl: 3 documents as the shard signed as s1.jsonl held, but not the same ids or texts"));
    assert!(!d.join("kept.jsonl").exists(), "nothing is written");
    // A shard with a document more.
    let mut longer = std::fs::read_to_string(d.join("s3.jsonl")).unwrap();
    longer.push_str("{\"id\": \"z\", \"text\": \"Un ajout.\"}\n");
    write(d, "other/s3.jsonl", longer);
    tamis()
        .current_dir(d)
        .args([
            "dedup",
            "filter",
            "other/s3.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "kept.jsonl",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "3 documents, but the shard signed as s3.jsonl held 2",
        ));
    assert!(!d.join("kept.jsonl").exists());
    // A shard the clusters do not know.
    write(d, "s9.jsonl", "{\"id\": \"q\", \"text\": \"Rien.\"}\n");
    tamis()
        .current_dir(d)
        .args([
            "dedup",
            "filter",
            "s9.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "kept.jsonl",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "has no shard s9.jsonl; its shards are s1.jsonl, s2.jsonl, s3.jsonl",
        ));
}

#[test]
fn damaged_foreign_and_mismatched_files_are_refused() {
    let dir = signed(None);
    let d = dir.path();
    let sigs = std::fs::read(d.join("0.sigs")).unwrap();
    write(d, "cut.sigs", &sigs[..sigs.len() / 2]);
    write(d, "text.sigs", "{\"id\": 1}\n");
    ok(
        d,
        &[
            "dedup", "sign", "-q", "s1.jsonl", "--name", "other", "--ngram", "4", "-o", "n4.sigs",
        ],
    );
    for (file, message) in [
        (
            "cut.sigs",
            "cut.sigs: no end marker where it should be: the file is truncated",
        ),
        (
            "text.sigs",
            "text.sigs: not a signature file (write one with `tamis dedup sign`)",
        ),
        (
            "n4.sigs",
            "n4.sigs: signed with other near-duplicate settings than 1.sigs",
        ),
    ] {
        tamis()
            .current_dir(d)
            .args(["dedup", "pairs", "1.sigs", file, "-o", "x.edges"])
            .assert()
            .failure()
            .stderr(predicate::str::contains(message));
    }
    tamis()
        .current_dir(d)
        .args(["dedup", "pairs", "0.sigs", "0.sigs", "-o", "x.edges"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "signs the shard s1.jsonl as 0.sigs does: give each shard once",
        ));
    tamis()
        .current_dir(d)
        .args(["dedup", "cluster", "0.sigs", "-o", "x.clusters"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("0.sigs: not an edges file"));
    tamis()
        .current_dir(d)
        .args(["dedup", "sign", "s1.jsonl", "-o", "s.sigs.zst"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not compressed"));
    tamis()
        .current_dir(d)
        .args(["dedup", "sign", "s1.jsonl", "-o", "s1.jsonl"])
        .assert()
        .code(2);
    assert!(!d.join("x.edges").exists() && !d.join("x.clusters").exists());
}

#[test]
fn an_empty_shard_signs_and_filters_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "empty.jsonl", "");
    write(
        d,
        "one.jsonl",
        "{\"id\": \"a\", \"text\": \"Un article sur la pêche au thon à Concarneau cet été.\"}\n",
    );
    ok(d, &["dedup", "sign", "-q", "empty.jsonl", "-o", "0.sigs"]);
    ok(d, &["dedup", "sign", "-q", "one.jsonl", "-o", "1.sigs"]);
    ok(
        d,
        &["dedup", "pairs", "-q", "0.sigs", "1.sigs", "-o", "a.edges"],
    );
    ok(
        d,
        &["dedup", "cluster", "-q", "a.edges", "-o", "all.clusters"],
    );
    ok(
        d,
        &[
            "dedup",
            "filter",
            "-q",
            "empty.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "k0.jsonl",
            "--stats",
            "s0.json",
        ],
    );
    ok(
        d,
        &[
            "dedup",
            "filter",
            "-q",
            "one.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "k1.jsonl",
        ],
    );
    assert_eq!(std::fs::read(d.join("k0.jsonl")).unwrap(), b"");
    assert_eq!(read_jsonl(&d.join("k1.jsonl")).len(), 1);
    let stats = balanced_stats(&d.join("s0.json"));
    assert_eq!(stats["documents_in"], 0);
}

#[test]
fn stage_files_are_byte_identical_whatever_the_threads() {
    let dir = signed(None);
    let d = dir.path();
    let mut files = Vec::new();
    for threads in ["1", "3"] {
        // The same names each time: the edges name the signature files they come from.
        let sign = [
            "dedup", "sign", "-q", "-j", threads, "s2.jsonl", "-o", "s.sigs",
        ];
        ok(d, &[&sign[..], &["--name", "s2.jsonl"]].concat());
        ok(
            d,
            &[
                "dedup", "pairs", "-q", "-j", threads, "0.sigs", "s.sigs", "2.sigs", "-o",
                "e.edges",
            ],
        );
        ok(
            d,
            &[
                "dedup",
                "cluster",
                "-q",
                "-j",
                threads,
                "e.edges",
                "-o",
                "c.clusters",
            ],
        );
        files.push(["s.sigs", "e.edges", "c.clusters"].map(|f| std::fs::read(d.join(f)).unwrap()));
    }
    assert!(files[0] == files[1]);
    assert_eq!(files[0][0], std::fs::read(d.join("1.sigs")).unwrap());
}

#[test]
fn cluster_finds_moved_signatures_when_told_where() {
    let dir = signed(None);
    let d = dir.path();
    std::fs::create_dir(d.join("moved")).unwrap();
    for sigs in ["0.sigs", "1.sigs", "2.sigs"] {
        std::fs::rename(d.join(sigs), d.join("moved").join(sigs)).unwrap();
    }
    tamis()
        .current_dir(d)
        .args(["dedup", "cluster", "a.edges", "-o", "all.clusters"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("0.sigs: No such file").and(predicate::str::contains(
                "where they are elsewhere, give them in the same order (--signatures)",
            )),
        );
    tamis()
        .current_dir(d)
        .args([
            "dedup",
            "cluster",
            "a.edges",
            "-o",
            "all.clusters",
            "--signatures",
        ])
        .args(["moved/1.sigs", "moved/0.sigs", "moved/2.sigs"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "these signatures are not those the pairs were found in",
        ));
    ok(
        d,
        &[
            "dedup",
            "cluster",
            "-q",
            "a.edges",
            "-o",
            "all.clusters",
            "--signatures",
            "moved/0.sigs",
            "moved/1.sigs",
            "moved/2.sigs",
        ],
    );
    assert!(d.join("all.clusters").exists());
}

#[test]
fn bad_records_are_skipped_alike_when_signing_and_filtering() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "Le conseil municipal de Brest a voté le budget de l'année après un long débat";
    let doc = |id: &str| serde_json::json!({"id": id, "text": text}).to_string() + "\n";
    write(
        d,
        "s1.jsonl",
        doc("a") + "{\"id\": \"broken\", \"text\": \n" + &doc("b"),
    );
    ok(d, &["dedup", "sign", "-q", "s1.jsonl", "-o", "1.sigs"]);
    ok(d, &["dedup", "pairs", "-q", "1.sigs", "-o", "a.edges"]);
    ok(
        d,
        &["dedup", "cluster", "-q", "a.edges", "-o", "all.clusters"],
    );
    ok(
        d,
        &[
            "dedup",
            "filter",
            "-q",
            "s1.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "kept.jsonl",
            "--stats",
            "s.json",
        ],
    );
    assert_eq!(ids(&read_jsonl(&d.join("kept.jsonl"))), ["a"]);
    let stats = balanced_stats(&d.join("s.json"));
    assert_eq!(stats["dropped"]["bad_record"], 1);
    assert_eq!(stats["dropped"]["duplicate"], 1);
    // Failing on bad input stops the signing, naming the line, and writes nothing.
    tamis()
        .current_dir(d)
        .args([
            "dedup",
            "sign",
            "s1.jsonl",
            "--on-bad-input",
            "fail",
            "-o",
            "x.sigs",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("s1.jsonl: line 2: malformed JSON"));
    assert!(!d.join("x.sigs").exists());
}
