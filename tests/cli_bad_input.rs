//! Bad input is never dropped silently and never panics: it is skipped and counted, or it stops
//! the run with a message naming the file and the line or byte offset.

mod common;

use common::*;
use predicates::prelude::*;

const GOOD: &str = r#"{"id":"ok","text":"Les agriculteurs dénoncent des marges injustes."}"#;

fn mixed_jsonl() -> String {
    [
        GOOD,
        r#"{"id":"trunc","text":"Une ligne coupée"#,
        r#"["an","array"]"#,
        r#"{"id":"notext","body":"Le texte est ailleurs."}"#,
        r#"{"id":"num","text":12}"#,
        "",
        r#"{"id":"ok2","text":"Le préfet a reçu une délégation."}"#,
    ]
    .join("\n")
}

#[test]
fn bad_records_are_skipped_counted_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "mixed.jsonl", mixed_jsonl());
    let stats = dir.path().join("stats.json");
    let p = input.display().to_string();
    let assert = tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&input)
        .args(["-o", "-", "--stats"])
        .arg(&stats)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{p}: line 2: malformed JSON: EOF while parsing a string"
        )))
        .stderr(predicate::str::contains(format!(
            "{p}: line 3: expected a JSON object, found an array"
        )))
        .stderr(predicate::str::contains(format!(
            "{p}: line 4: record has no \"text\" field"
        )))
        .stderr(predicate::str::contains(format!(
            "{p}: line 5: field \"text\" is a number, not a string"
        )))
        .stderr(predicate::str::contains("7 documents in").not())
        .stderr(predicate::str::contains(
            "6 documents in, 2 out, 4 dropped (bad_record: 4)",
        ));
    assert_eq!(
        ids(&parse_jsonl(&assert.get_output().stdout)),
        ["ok", "ok2"]
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["dropped"]["bad_record"], 4);
}

#[test]
fn fail_mode_stops_at_the_first_bad_record_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "mixed.jsonl", mixed_jsonl());
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&input)
        .args(["-o", "-", "--on-bad-input", "fail"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "tamis: error: {}: line 2: malformed JSON",
            input.display()
        )))
        .stderr(predicate::str::contains("line 3").not());
}

#[test]
fn only_the_first_ten_warnings_are_printed_then_a_count() {
    let mut jsonl = String::new();
    for i in 0..25 {
        jsonl.push_str(&format!("{{\"id\":\"{i}\",\"txt\":\"mauvais champ\"}}\n"));
    }
    jsonl.push_str(GOOD);
    let assert = tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-"])
        .write_stdin(jsonl)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "15 more bad input warnings not shown",
        ))
        .stderr(predicate::str::contains(
            "26 documents in, 1 out, 25 dropped (bad_record: 25)",
        ));
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("record has no \"text\" field").count(), 10);
}

#[test]
fn invalid_utf8_is_repaired_and_counted_or_located_in_fail_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = format!("{GOOD}\n").into_bytes();
    let second_line_start = bytes.len();
    bytes.extend_from_slice(b"{\"id\":\"latin1\",\"text\":\"Caf\xe9 cr\xe8me\"}\n");
    let input = write(dir.path(), "latin1.jsonl", &bytes);
    let stats = dir.path().join("stats.json");
    let bad_offset = second_line_start + br#"{"id":"latin1","text":"Caf"#.len();
    let assert = tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&input)
        .args(["-o", "-", "--stats"])
        .arg(&stats)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "line 2: invalid UTF-8 at byte {bad_offset}"
        )));
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(records[1]["text"], "Caf\u{fffd} cr\u{fffd}me");
    let stats = balanced_stats(&stats);
    assert_eq!(stats["invalid_utf8_documents"], 1);
    assert_eq!(stats["documents_out"], 2);

    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&input)
        .args(["-o", "-", "--on-bad-input", "fail"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: line 2: invalid UTF-8 at byte {bad_offset}",
            input.display()
        )));

    // A whole text file gives a byte offset without a line.
    let txt = write(dir.path(), "latin1.txt", b"Ol\xe1 mundo");
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&txt)
        .args(["-o", "-", "--on-bad-input", "fail"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: invalid UTF-8 at byte 2",
            txt.display()
        )));
}

#[test]
fn unreadable_truncated_and_empty_inputs_are_one_line_errors_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = String::new();
    for i in 0..2_000 {
        big.push_str(&record(
            &i.to_string(),
            &format!("Les chefs d'État se sont parlés {i} fois par téléphone."),
        ));
    }
    let gz = gzip(big.as_bytes());
    let zst = zstd(big.as_bytes());
    let cases = [
        (
            dir.path().join("missing.jsonl"),
            "missing.jsonl: No such file or directory",
        ),
        (
            write(dir.path(), "cut.jsonl.gz", &gz[..gz.len() / 2]),
            "cut.jsonl.gz: truncated or corrupt gzip stream",
        ),
        (
            write(dir.path(), "cut.jsonl.zst", &zst[..zst.len() / 2]),
            "cut.jsonl.zst: truncated or corrupt zstd stream",
        ),
        (
            write(dir.path(), "fake.jsonl.gz", big.as_bytes()),
            "fake.jsonl.gz: truncated or corrupt gzip stream",
        ),
        (
            write(dir.path(), "empty.jsonl", ""),
            "empty.jsonl: input is empty",
        ),
        (
            write(dir.path(), "blank.txt", " \n\n"),
            "blank.txt: input is empty",
        ),
    ];
    for (path, message) in cases {
        let out = dir.path().join("out.jsonl");
        let assert = tamis()
            .args(["clean", "--min-words", "0"])
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(stderr.contains(message), "{message:?} not in {stderr:?}");
        assert_eq!(
            stderr.lines().filter(|l| l.contains("error")).count(),
            1,
            "{stderr}"
        );
        assert!(!out.exists());
    }
    let empty_dir = dir.path().join("nothing");
    write(&empty_dir, "notes.md", "# notes");
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&empty_dir)
        .args(["-o", "-"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("directory holds no .jsonl"));
    tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("-: input is empty"));
}

#[test]
fn empty_documents_are_dropped_and_counted() {
    let jsonl = [
        GOOD,
        r#"{"id":"blank","text":" \n\t "}"#,
        r#"{"id":"void","text":""}"#,
    ]
    .join("\n");
    tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-"])
        .write_stdin(jsonl)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "3 documents in, 1 out, 2 dropped (empty: 2)",
        ));
}

#[test]
fn usage_errors_exit_with_code_2() {
    tamis()
        .args(["clean", "--min-words", "0", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output"));
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "-o",
            "-",
            "--on-bad-input",
            "ignore",
        ])
        .assert()
        .code(2);
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "-o",
            "-",
            "--text-field",
            "id",
        ])
        .write_stdin(GOOD)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must differ"));
}

/// xz or bzip2 data piped in was read as one binary document, with exit code 0.
#[test]
fn xz_or_bzip2_on_stdin_is_refused_with_how_to_decompress_it() {
    // The first bytes of `xz` and `bzip2` output for any text.
    let xz: &[u8] = &[
        0xfd, b'7', b'z', b'X', b'Z', 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46,
    ];
    let bzip2: &[u8] = b"BZh91AY&SY\x8a\x1b\x0c\x7f\x00\x00";
    for (data, tool) in [(xz, "xzcat"), (bzip2, "bzcat")] {
        let dir = tempfile::tempdir().unwrap();
        tamis()
            .current_dir(dir.path())
            .args(["clean", "-", "-q", "-o", "out.jsonl"])
            .write_stdin(data)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(tool));
        assert!(!dir.path().join("out.jsonl").exists());
    }
}
