//! Regression tests for the ways a run could destroy a file, hang, or call a loss a success:
//! each test is named after what it guards.

mod common;

use common::*;
use predicates::prelude::*;

const CORPUS: &str = concat!(
    r#"{"id":"de-1","text":"Der Gemeinderat hat gestern Abend den Haushalt für das kommende Jahr beschlossen."}"#,
    "\n",
    r#"{"id":"fr-2","text":"Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine."}"#,
    "\n"
);

fn clean(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = tamis();
    cmd.current_dir(dir)
        .args(["clean", "--min-words", "0", "-q"]);
    cmd
}

#[test]
fn stats_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "v.jsonl", CORPUS);
    for stats in ["v.jsonl", "./v.jsonl"] {
        clean(dir.path())
            .args(["v.jsonl", "-o", "o.jsonl", "--stats", stats])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("also an input"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), CORPUS);
        assert!(!dir.path().join("o.jsonl").exists());
    }
}

#[test]
fn two_spellings_of_one_output_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    let absolute = dir.path().join("X.jsonl");
    let cases: Vec<Vec<String>> = vec![
        vec!["--explain".into(), absolute.display().to_string()],
        vec!["--report".into(), "./X.jsonl".into()],
        vec!["--stats".into(), "sub/../X.jsonl".into()],
        vec!["--save-index".into(), "./X.jsonl".into()],
    ];
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for extra in cases {
        clean(dir.path())
            .args(["in.jsonl", "-o", "X.jsonl"])
            .args(&extra)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "give each output a file of its own",
            ));
        assert!(!absolute.exists(), "{extra:?}");
    }
    // dedup's own outputs too.
    tamis()
        .current_dir(dir.path())
        .args([
            "dedup",
            "in.jsonl",
            "-q",
            "-o",
            "X.jsonl",
            "--save-index",
            "./X.jsonl",
        ])
        .assert()
        .code(2);
    assert!(!absolute.exists());
}

#[cfg(unix)]
#[test]
fn an_output_fifo_is_written_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    let fifo = dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    clean(dir.path())
        .args(["in.jsonl", "-o", "out.fifo", "--stats", "stats.json"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    let received = reader.join().unwrap();
    assert_eq!(ids(&parse_jsonl(&received)), ["de-1", "fr-2"]);
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    assert_eq!(
        balanced_stats(&dir.path().join("stats.json"))["documents_out"],
        2
    );
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn a_stats_file_that_cannot_be_written_leaves_no_output_in_place() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    write(dir.path(), "blocker", "a file, not a directory");
    clean(dir.path())
        .args(["in.jsonl", "-o", "out.jsonl", "--explain", "why.jsonl"])
        .args(["--stats", "blocker/stats.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "blocker is a file, not a directory",
        ));
    assert!(!dir.path().join("out.jsonl").exists());
    assert!(!dir.path().join("why.jsonl").exists());
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn numeric_ids_keep_their_text_and_never_collide() {
    let input = concat!(
        r#"{"id":99999999999999999999,"text":"Der Gemeinderat hat gestern Abend den Haushalt beschlossen.","price":1.10}"#,
        "\n",
        r#"{"id":99999999999999999998,"text":"Le conseil municipal a voté hier soir le budget de la ville."}"#,
        "\n",
        r#"{"id":-0,"text":"Il consiglio comunale ha approvato ieri sera il bilancio della città."}"#,
        "\n",
        r#"{"id":1e2,"text":"Rada miasta przyjęła wczoraj wieczorem budżet na przyszły rok."}"#,
        "\n"
    );
    let out = tamis()
        .args([
            "clean",
            "-",
            "-o",
            "-",
            "-q",
            "--min-words",
            "0",
            "--no-dedup",
        ])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = parse_jsonl(&out);
    assert_eq!(
        ids(&records),
        ["99999999999999999999", "99999999999999999998", "-0", "1e2"]
    );
    // Other numbers pass through as written.
    assert!(String::from_utf8_lossy(&out).contains(r#""price":1.10"#));
}

#[test]
fn a_run_where_every_record_is_bad_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "in.jsonl",
        concat!(
            r#"{"id":"a","content":"Le conseil municipal a voté hier soir le budget."}"#,
            "\n",
            r#"{"id":"b","content":"Der Gemeinderat hat gestern Abend den Haushalt beschlossen."}"#,
            "\n"
        ),
    );
    clean(dir.path())
        .args(["in.jsonl", "-o", "out.jsonl", "--stats", "stats.json"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("all 2 records were bad input")
                .and(predicate::str::contains("--text-field")),
        );
    assert!(!dir.path().join("out.jsonl").exists());
    assert!(!dir.path().join("stats.json").exists());
    // With the right field, the same file is fine.
    clean(dir.path())
        .args(["in.jsonl", "-o", "out.jsonl", "--text-field", "content"])
        .assert()
        .success();
    assert_eq!(read_jsonl(&dir.path().join("out.jsonl")).len(), 2);
}

#[cfg(unix)]
#[test]
fn a_fifo_input_is_read_once_and_never_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Sniffed like stdin: no extension, gzip-compressed.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, gzip(CORPUS.as_bytes())).unwrap())
    };
    // The default run counts repeated lines first: it reads the input twice.
    clean(dir.path())
        .args(["feed", "-o", "out.jsonl"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    writer.join().unwrap();
    assert_eq!(
        ids(&read_jsonl(&dir.path().join("out.jsonl"))),
        ["de-1", "fr-2"]
    );
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn threads_beyond_1024_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    clean(dir.path())
        .args(["in.jsonl", "-o", "out.jsonl", "--threads", "100000"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("0..=1024"));
}

#[test]
fn compression_tamis_cannot_write_or_read_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    for name in ["out.jsonl.bz2", "out.jsonl.xz"] {
        clean(dir.path())
            .args(["in.jsonl", "-o", name])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("tamis cannot write"));
        assert!(!dir.path().join(name).exists());
    }
    write(dir.path(), "old.jsonl.bz2", "BZh9");
    clean(dir.path())
        .args(["old.jsonl.bz2", "-o", "out.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bzcat old.jsonl.bz2 | tamis clean -",
        ));
}

#[test]
fn stats_dash_prints_the_stats_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    let out = clean(dir.path())
        .args(["in.jsonl", "-o", "out.jsonl", "--stats", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stats: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(stats["documents_out"], 2);
    assert!(!dir.path().join("-").exists());
    for other in [["--stats", "-"], ["--rejects", "-"], ["--explain", "-"]] {
        clean(dir.path())
            .args(["in.jsonl", "-o", "-"])
            .args(other)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("both write to stdout"));
    }
}

#[test]
fn an_empty_shard_among_good_ones_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.jsonl", CORPUS);
    write(dir.path(), "empty.jsonl", "");
    clean(dir.path())
        .args([
            "a.jsonl",
            "empty.jsonl",
            "-o",
            "out.jsonl",
            "--stats",
            "s.json",
        ])
        .args(["--no-dedup"])
        .assert()
        .success();
    assert_eq!(read_jsonl(&dir.path().join("out.jsonl")).len(), 2);
    let stats = balanced_stats(&dir.path().join("s.json"));
    assert_eq!(stats["stages"]["inputs"]["empty"], 1);
    tamis()
        .current_dir(dir.path())
        .args(["clean", "a.jsonl", "empty.jsonl", "-o", "out.jsonl"])
        .assert()
        .success()
        .stderr(predicate::str::contains("empty.jsonl: input is empty"));
    // Nothing but empty inputs is still an error.
    clean(dir.path())
        .args(["empty.jsonl", "-o", "out2.jsonl"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("input is empty"));
}

#[test]
fn a_byte_order_mark_on_a_later_line_keeps_its_record() {
    let dir = tempfile::tempdir().unwrap();
    // Two files that each began with a BOM, joined with cat.
    let joined = format!("\u{feff}{}", CORPUS.replace("\n{", "\n\u{feff}{"));
    write(dir.path(), "joined.jsonl", joined);
    clean(dir.path())
        .args(["joined.jsonl", "-o", "out.jsonl", "--no-dedup"])
        .assert()
        .success();
    assert_eq!(
        ids(&read_jsonl(&dir.path().join("out.jsonl"))),
        ["de-1", "fr-2"]
    );
}

#[test]
fn gzip_data_under_a_plain_name_is_read_and_utf16_is_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "shard.jsonl", gzip(CORPUS.as_bytes()));
    clean(dir.path())
        .args(["shard.jsonl", "-o", "out.jsonl", "--no-dedup"])
        .assert()
        .success();
    assert_eq!(read_jsonl(&dir.path().join("out.jsonl")).len(), 2);
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(CORPUS.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write(dir.path(), "windows.jsonl", utf16);
    clean(dir.path())
        .args(["windows.jsonl", "-o", "out2.jsonl"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("UTF-16").and(predicate::str::contains("iconv")));
}

#[test]
fn json_nested_deeper_than_128_levels_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        r#"{{"id":"deep","text":"Le conseil municipal a voté hier soir le budget de la ville.","tree":{}{}}}"#,
        "[".repeat(600),
        "]".repeat(600)
    );
    let too_deep = format!(
        r#"{{"id":"too-deep","text":"Der Gemeinderat hat gestern den Haushalt beschlossen.","tree":{}{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    write(dir.path(), "in.jsonl", format!("{deep}\n{too_deep}\n"));
    clean(dir.path())
        .args(["in.jsonl", "-o", "out.jsonl", "--no-dedup"])
        .assert()
        .success();
    let out = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with(r#"{"id":"deep","#));
    assert!(out.contains(&"[".repeat(600)));
    tamis()
        .current_dir(dir.path())
        .args(["clean", "in.jsonl", "-o", "out.jsonl", "--min-words", "0"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nested 5001 levels deep"));
}

#[test]
fn flags_that_would_do_nothing_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    for extra in [
        ["--no-dedup", "--threshold", "0.9"],
        ["--no-lang", "--lang-allowlist", "fr"],
        ["--no-boilerplate", "--explain", "why.jsonl"],
    ] {
        clean(dir.path())
            .args(["in.jsonl", "-o", "out.jsonl"])
            .args(extra)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot be used with"));
    }
}

#[test]
fn annotate_says_when_it_replaces_a_users_own_fields() {
    let input = concat!(
        r#"{"id":"a","text":"Le conseil municipal a voté hier soir le budget.","dup_cluster":"mine"}"#,
        "\n",
        r#"{"id":"b","text":"Le conseil municipal a voté hier soir le budget."}"#,
        "\n"
    );
    tamis()
        .args(["dedup", "-", "--annotate", "-o", "-"])
        .write_stdin(input)
        .assert()
        .success()
        .stderr(predicate::str::contains("replaced by --annotate"));
}

#[test]
fn detect_reports_text_read_not_text_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", CORPUS);
    tamis()
        .current_dir(dir.path())
        .args(["detect", "in.jsonl", "-o", "langs.jsonl"])
        .assert()
        .success()
        .stderr(predicate::str::contains("of text read").and(predicate::str::contains("→").not()));
}

#[test]
fn txt_output_appears_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let bad = format!("{CORPUS}{{\"id\":\"broken\",\"text\":\n");
    write(dir.path(), "in.jsonl", &bad);
    let txt = |out: &str| {
        let mut cmd = clean(dir.path());
        cmd.args(["in.jsonl", "--output-format", "txt", "-o", out]);
        cmd.args(["--on-bad-input", "fail", "--no-dedup"]);
        cmd
    };
    // A new directory: not created at all.
    txt("fresh").assert().code(1);
    assert!(!dir.path().join("fresh").exists());
    // An existing one: nothing added, what was there stays.
    write(dir.path(), "old/keep.txt", "from an earlier run");
    txt("old").assert().code(1);
    assert_eq!(
        walk(&dir.path().join("old")),
        [dir.path().join("old/keep.txt")]
    );
    assert!(temp_leftovers(dir.path()).is_empty());
    // And when the run succeeds, the files are all there, the earlier one too.
    write(dir.path(), "in.jsonl", CORPUS);
    txt("old").assert().success();
    let mut names: Vec<String> = walk(&dir.path().join("old"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["de-1.txt", "fr-2.txt", "keep.txt"]);
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn txt_output_shortens_ids_too_long_for_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(400);
    write(
        dir.path(),
        "in.jsonl",
        format!(
            "{{\"id\":\"{long}\",\"text\":\"Le conseil municipal a voté hier soir le budget.\"}}\n"
        ),
    );
    clean(dir.path())
        .args(["in.jsonl", "--output-format", "txt", "-o", "out"])
        .assert()
        .success();
    let files = walk(&dir.path().join("out"));
    assert_eq!(files.len(), 1);
    assert!(files[0].file_name().unwrap().len() < 255);
}

#[test]
fn rejects_account_for_every_document_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let article = "Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine après un long débat entre la majorité et l’opposition réunies.";
    write(
        dir.path(),
        "in.jsonl",
        format!(
            "{}{}{}not json\n{}",
            record("a", article),
            record("b", article),
            record("c", "Kurz."),
            record("e", "   ")
        ),
    );
    tamis()
        .current_dir(dir.path())
        .args([
            "clean",
            "in.jsonl",
            "-o",
            "out.jsonl",
            "--rejects",
            "rejects.jsonl",
        ])
        .args(["--stats", "stats.json", "--min-words", "5", "-q"])
        .assert()
        .success();
    let stats = balanced_stats(&dir.path().join("stats.json"));
    let rejects = read_jsonl(&dir.path().join("rejects.jsonl"));
    let out = read_jsonl(&dir.path().join("out.jsonl"));
    assert_eq!(
        out.len() + rejects.len(),
        stats["documents_in"].as_u64().unwrap() as usize
    );
    let reasons: Vec<(&str, &str)> = rejects
        .iter()
        .map(|r| (r["reason"].as_str().unwrap(), r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("too_short", "c"),
            ("bad_record", ""),
            ("empty", "e"),
            ("duplicate", "b")
        ]
    );
    assert_eq!(rejects[1]["line"], 4);
    assert_eq!(rejects[1]["record"], "not json");
    assert!(
        rejects[1]["problem"]
            .as_str()
            .unwrap()
            .contains("malformed JSON")
    );
    assert_eq!(rejects[3]["duplicate_of"], "a");
}
