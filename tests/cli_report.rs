//! The run report page: `--html` on clean, dedup and detect, and `tamis report` from files.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The page of `tamis clean corpus/`, with its stats.
fn clean_corpus(dir: &Path) -> (String, Value) {
    let page = dir.join("report.html");
    let stats = dir.join("stats.json");
    tamis()
        .args(["clean", "-q", "-o"])
        .arg(dir.join("out.jsonl"))
        .arg(corpus())
        .arg("--html")
        .arg(&page)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    (
        std::fs::read_to_string(page).unwrap(),
        balanced_stats(&stats),
    )
}

#[test]
fn the_page_of_a_cleaning_run_matches_its_stats() {
    let dir = tempfile::tempdir().unwrap();
    let (page, stats) = clean_corpus(dir.path());
    for section in [
        "accounting",
        "languages",
        "boilerplate",
        "duplicates",
        "settings",
    ] {
        assert!(
            page.contains(&format!("<section id={section}>")),
            "{section}"
        );
    }
    let kpi = |n: &Value, label: &str| format!("<b>{n}</b>{label}");
    assert!(page.contains(&kpi(&stats["documents_in"], "read")));
    assert!(page.contains(&kpi(&stats["documents_out"], "written")));
    for (reason, count) in stats["dropped"].as_object().unwrap() {
        assert!(
            page.contains(&format!(
                "<td>dropped: {reason}</td><td class=n>{count}</td>"
            )),
            "{reason}"
        );
    }
    // Every language written, with its count; nine languages in the corpus.
    let languages = stats["languages"].as_object().unwrap();
    assert_eq!(languages.len(), 9);
    for (lang, count) in languages {
        assert!(
            page.contains(&format!("<td>{lang}</td><td class=n>{count}</td>")),
            "{lang}"
        );
    }
    // Boilerplate kinds as counted, with examples of removed lines.
    for (kind, count) in stats["stages"]["boilerplate_kinds"].as_object().unwrap() {
        assert!(
            page.contains(&format!("<td>{kind}</td><td class=n>{count}</td>")),
            "{kind}"
        );
    }
    assert!(page.contains("Partager cet article"));
    // Every cluster, with the planted typo marked in its duplicate.
    let clusters = stats["dedup"]["clusters"].as_u64().unwrap();
    assert_eq!(
        page.matches("<details class=cluster").count() as u64,
        clusters
    );
    assert!(page.contains("kept <code>nwz-55104</code>"));
    assert!(page.contains("<del>deutlich</del><ins>deutlih</ins>"));
    assert!(page.contains("threshold 0.8"));
    assert!(
        page.contains("type = &quot;dedup&quot;"),
        "the settings as a pipeline file"
    );
    // Self-contained: nothing fetched.
    for fetching in ["<link", "<script src", "<img", "<iframe", "url("] {
        assert!(!page.contains(fetching), "{fetching}");
    }
}

#[test]
fn dedup_without_an_output_still_shows_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("dupes.html");
    tamis()
        .args(["dedup", "-q", "--report"])
        .arg(dir.path().join("dupes.jsonl"))
        .arg("--html")
        .arg(&page)
        .arg(corpus())
        .assert()
        .success();
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.contains("<title>tamis dedup</title>"));
    assert!(page.contains("<del>deutlich</del><ins>deutlih</ins>"));
    assert!(page.contains("Near-duplicate detection") || page.contains("Near-duplicates"));
}

/// `tamis report --stats STATS.json ARGS… -o OUT` in `dir`.
fn report(dir: &Path, args: &[&str], out: &str) -> assert_cmd::assert::Assert {
    tamis()
        .current_dir(dir)
        .args(["report", "--stats", "stats.json"])
        .args(args)
        .args(["-o", out])
        .assert()
}

#[test]
fn tamis_report_makes_the_page_from_the_files_of_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tamis()
        .args(["clean", "-q", "-o"])
        .arg(d.join("out.jsonl"))
        .arg(corpus())
        .arg("--stats")
        .arg(d.join("stats.json"))
        .arg("--report")
        .arg(d.join("dupes.jsonl"))
        .arg("--explain")
        .arg(d.join("why.jsonl"))
        .assert()
        .success();
    report(
        d,
        &["--report", "dupes.jsonl", "--explain", "why.jsonl"],
        "report.html",
    )
    .success();
    let page = std::fs::read_to_string(d.join("report.html")).unwrap();
    let (with_texts, _) = {
        let other = tempfile::tempdir().unwrap();
        clean_corpus(other.path())
    };
    // The same accounting, languages and removals as the page of the run itself; clusters
    // without their texts.
    for section in ["accounting", "languages"] {
        let cut = |p: &str| {
            let start = p.find(&format!("<section id={section}>")).unwrap();
            p[start..start + p[start..].find("</section>").unwrap()].to_owned()
        };
        assert_eq!(cut(&page), cut(&with_texts), "{section}");
    }
    assert_eq!(page.matches("<details class=cluster").count(), 6);
    assert!(page.contains("duplicate <code>wire-0003</code> · similarity 0.979"));
    assert!(page.contains("Partager cet article"));
    // Never over an input; a file that is not stats is named.
    report(d, &[], "stats.json")
        .code(2)
        .stderr(predicate::str::contains(
            "it is also an input (stats.json, the --stats file)",
        ));
    tamis()
        .arg("report")
        .arg("--stats")
        .arg(d.join("why.jsonl"))
        .arg("-o")
        .arg(d.join("x.html"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "why.jsonl: not the stats of a tamis run",
        ));
    write(d, "bad.jsonl", "{\"size\": 2}\n");
    report(d, &["--report", "bad.jsonl"], "x.html")
        .code(1)
        .stderr(predicate::str::contains(
            "bad.jsonl:1: no \"duplicates\" list",
        ));
    assert!(!d.join("x.html").exists());
}

#[test]
fn the_page_is_an_output_like_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    tamis()
        .args(["clean", "-q", "-o"])
        .arg(&out)
        .arg("--html")
        .arg(&out)
        .arg(corpus())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--html"));
    // A failed run leaves no page.
    let page = dir.path().join("report.html");
    tamis()
        .args(["clean", "-q", "--on-bad-input", "fail", "-o"])
        .arg(&out)
        .arg("--html")
        .arg(&page)
        .arg(write(
            dir.path(),
            "in.jsonl",
            "{\"id\": 1, \"text\": \"ok\"}\nnot json\n",
        ))
        .assert()
        .code(1);
    assert!(!page.exists());
}

#[test]
fn compressed_stats_and_pages_are_written_and_read_compressed() {
    // Regression: --stats and --html named .gz/.zst were written uncompressed.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tamis()
        .current_dir(d)
        .args(["clean", "-q", "-o", "out.jsonl", "--html", "page.html.gz"])
        .args(["--stats", "stats.json.zst", "--report", "dupes.jsonl.gz"])
        .args(["--explain", "why.jsonl.zst"])
        .arg(corpus())
        .assert()
        .success();
    let page = std::fs::read(d.join("page.html.gz")).unwrap();
    assert_eq!(&page[..2], b"\x1f\x8b", "gzip");
    let stats = std::fs::read(d.join("stats.json.zst")).unwrap();
    assert_eq!(&stats[..4], b"\x28\xb5\x2f\xfd", "zstd");
    let stats: Value =
        serde_json::from_slice(&zstd::decode_all(stats.as_slice()).unwrap()).unwrap();
    assert_eq!(stats["documents_in"], 66);
    tamis()
        .current_dir(d)
        .args([
            "report",
            "--stats",
            "stats.json.zst",
            "--report",
            "dupes.jsonl.gz",
        ])
        .args(["--explain", "why.jsonl.zst", "-o", "again.html"])
        .assert()
        .success();
    let again = std::fs::read_to_string(d.join("again.html")).unwrap();
    assert_eq!(again.matches("<details class=cluster").count(), 6);
    assert!(again.contains("Partager cet article"));
}
