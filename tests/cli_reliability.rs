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
        .code(1)
        .stderr(predicate::str::contains("blocker"));
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
