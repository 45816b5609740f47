//! Outputs: stdout, compressed files, one .txt per document, atomic writes, and the refusal to
//! overwrite an input.

mod common;

use std::io::Read;

use common::*;
use predicates::prelude::*;

const CORPUS: &str = concat!(
    r#"{"id":"it-1","text":"L'acqua alta ha raggiunto ieri sera a Venezia i 187 centimetri.","url":"https://x.it/1"}"#,
    "\n",
    r#"{"id":"pt/2","text":"A Carris vai reforçar a frota de elétricos históricos de Lisboa."}"#,
    "\n",
    r#"{"id":"ar-3","text":"افتتح معرض القاهرة الدولي للكتاب أبوابه أمس."}"#,
    "\n"
);

fn plain_output() -> Vec<u8> {
    tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-", "-q"])
        .write_stdin(CORPUS)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

#[test]
fn compressed_outputs_decompress_to_the_plain_output() {
    let plain = plain_output();
    assert_eq!(ids(&parse_jsonl(&plain)), ["it-1", "pt/2", "ar-3"]);
    let dir = tempfile::tempdir().unwrap();
    for name in ["out.jsonl.gz", "out.jsonl.zst", "out.jsonl"] {
        let out = dir.path().join(name);
        tamis()
            .args(["clean", "--min-words", "0", "-", "-q", "-o"])
            .arg(&out)
            .write_stdin(CORPUS)
            .assert()
            .success();
        let bytes = std::fs::read(&out).unwrap();
        let decoded = if name.ends_with(".gz") {
            let mut text = Vec::new();
            flate2::read::MultiGzDecoder::new(&bytes[..])
                .read_to_end(&mut text)
                .unwrap();
            text
        } else if name.ends_with(".zst") {
            zstd::decode_all(&bytes[..]).unwrap()
        } else {
            bytes
        };
        assert_eq!(decoded, plain, "{name}");
    }
}

#[test]
fn txt_output_writes_one_file_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("texts");
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "-q",
            "--output-format",
            "txt",
            "-o",
        ])
        .arg(&out)
        .write_stdin(CORPUS)
        .assert()
        .success();
    let files: Vec<String> = walk(&out)
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    assert_eq!(files, ["ar-3.txt", "it-1.txt", "pt/2.txt"]);
    assert_eq!(
        std::fs::read_to_string(out.join("pt/2.txt")).unwrap(),
        "A Carris vai reforçar a frota de elétricos históricos de Lisboa.\n"
    );
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "--output-format",
            "txt",
            "-o",
            "-",
        ])
        .write_stdin(CORPUS)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give a directory"));
}

#[test]
fn missing_output_directories_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a/b/out.jsonl");
    tamis()
        .args(["clean", "--min-words", "0", "-", "-q", "-o"])
        .arg(&out)
        .write_stdin(CORPUS)
        .assert()
        .success();
    assert_eq!(read_jsonl(&out).len(), 3);
}

#[test]
fn a_failed_run_leaves_no_output_and_keeps_an_older_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let bad = format!("{CORPUS}{{\"id\":\"broken\",\"text\":\n");
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "--on-bad-input",
            "fail",
            "-o",
        ])
        .arg(&out)
        .write_stdin(bad.clone())
        .assert()
        .code(1);
    assert!(!out.exists(), "no output after a failed run");
    assert!(temp_leftovers(dir.path()).is_empty());

    std::fs::write(&out, "previous result\n").unwrap();
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "--on-bad-input",
            "fail",
            "-o",
        ])
        .arg(&out)
        .write_stdin(bad)
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous result\n");
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "news.jsonl", CORPUS);
    let sneaky = dir.path().join("sub/../news.jsonl");
    for out in [input.clone(), sneaky] {
        tamis()
            .args(["clean", "--min-words", "0"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("refusing to write")
                    .and(predicate::str::contains("also an input")),
            );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), CORPUS);
    }
    // A file found by walking a directory is protected too.
    let corpus = dir.path().join("corpus");
    let walked = write(&corpus, "deep/part.jsonl", CORPUS);
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&corpus)
        .arg("-o")
        .arg(&walked)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&walked).unwrap(), CORPUS);
    // And txt output may not go into an input directory.
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&corpus)
        .args(["--output-format", "txt", "-o"])
        .arg(&corpus)
        .assert()
        .code(2);
    assert_eq!(walk(&corpus), [walked]);
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    // Enough documents for several batches, with some dropped as empty.
    let mut jsonl = String::new();
    for i in 0..10_000 {
        let text = match i % 4 {
            0 => format!("Dépêche n°{i} : la  rencontre entre les deux présidents est reportée."),
            1 => format!(
                "Nachricht {i}: Der Zug fällt heute aus.\r\n\r\n\r\nBitte beachten Sie die Aushänge."
            ),
            2 => format!("Новость {i}: снегопад парализовал движение."),
            _ if i % 8 == 3 => "   \n ".to_owned(),
            _ => format!("date 2020-0{} 新闻{i}：高铁线路今天正式开通。", 1 + i % 9),
        };
        jsonl.push_str(&record(&format!("d{i}"), &text));
    }
    let input = write(dir.path(), "many.jsonl", &jsonl);
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let out = dir.path().join(format!("out-{threads}.jsonl"));
        let stats = dir.path().join(format!("stats-{threads}.json"));
        // These generated texts differ only by numbers, so every line would count as repeated
        // across documents: that stage is checked elsewhere.
        tamis()
            .args(["clean", "--min-words", "0", "--repeated-line-min-docs", "0"])
            // They fold to four texts: near-duplicate removal is checked in cli_dedup.rs.
            .arg("--no-dedup")
            .arg(&input)
            .args(["-q", "--threads", threads, "-o"])
            .arg(&out)
            .arg("--stats")
            .arg(&stats)
            .assert()
            .success();
        let stats = balanced_stats(&stats);
        assert_eq!(stats["documents_in"], 10_000);
        assert_eq!(stats["dropped"]["empty"], 1_250);
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(parse_jsonl(&outputs[0]).len(), 8_750);
}

#[test]
fn sigint_sigterm_and_sighup_leave_no_temporary_output_or_stdin_spool() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    for (signal, code, said) in [
        ("INT", 130, "interrupted"),
        ("TERM", 143, "terminated"),
        ("HUP", 129, "hung up"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let spools = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.jsonl");
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("tamis"))
            .args(["clean", "--min-words", "0", "-", "-q", "-o"])
            .arg(&out)
            .env("TMPDIR", spools.path())
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Some input, then stdin stays open: the run is in progress when the signal comes.
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(CORPUS.as_bytes()).unwrap();
        stdin.flush().unwrap();
        assert!(
            wait_for(|| !temp_leftovers(dir.path()).is_empty()),
            "the run should be writing a temporary file"
        );
        assert!(
            wait_for(|| !temp_leftovers(spools.path()).is_empty()),
            "stdin should be spooling"
        );
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let output = child.wait_with_output().unwrap();
        drop(stdin);
        assert_eq!(output.status.code(), Some(code), "SIG{signal}");
        assert!(String::from_utf8_lossy(&output.stderr).contains(said));
        assert!(!out.exists());
        assert!(temp_leftovers(dir.path()).is_empty(), "SIG{signal}");
        assert!(temp_leftovers(spools.path()).is_empty(), "SIG{signal}");
    }
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    use std::process::{Command, Stdio};

    let mut jsonl = String::new();
    // More than the write buffer and the pipe hold together.
    for i in 0..20_000 {
        jsonl.push_str(&record(
            &i.to_string(),
            "Le Kremlin n’a pas confirmé cette information.",
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "big.jsonl", jsonl);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("tamis"))
        .args(["clean", "--min-words", "0", "--repeated-line-min-docs", "0"])
        .arg(&input)
        .args(["-q", "-o", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, like `| head -0`
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}

/// A signal during `.txt` output left the staging directory and the directories made for it.
#[test]
fn a_signal_during_txt_output_removes_the_staging_and_the_directories_made_for_it() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("tamis"))
        .current_dir(dir.path())
        .args(["clean", "--min-words", "0", "--no-dedup", "-", "-q"])
        .args(["--output-format", "txt", "-o", "new/deep/docs"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(CORPUS.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let staging = || {
        std::fs::read_dir(dir.path().join("new/deep")).map_or(0, |entries| {
            entries
                .filter(|e| {
                    let name = e.as_ref().unwrap().file_name();
                    name.to_string_lossy().ends_with(".tamis-tmp")
                })
                .count()
        })
    };
    assert!(
        wait_for(|| staging() == 1),
        "the run should be staging its directory"
    );
    let killed = Command::new("kill")
        .args(["-TERM".to_owned(), child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(output.status.code(), Some(143));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
