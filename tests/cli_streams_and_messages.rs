//! Regression tests from a bad-input trial: a closed stdout, `/dev/stdin`, ids no file system
//! takes, negative numbers after flags, control characters in names, a pretty-printed `.json`
//! file, and a pipeline file's wrong setting pointed at.

mod common;

use std::path::Path;
use std::process::Command;

use common::{read_jsonl, record, tamis, write};
use predicates::prelude::*;

const PROSE: &str = "Le conseil municipal a voté hier soir le budget de la ville pour l’année \
                     prochaine, après un long débat entre les élus de la majorité et ceux de \
                     l’opposition sur les dépenses.";

fn corpus(dir: &Path) -> std::path::PathBuf {
    let lines: String = (0..3)
        .map(|i| record(&format!("d{i}"), &format!("{PROSE} Séance numéro {i}.")) + "\n")
        .collect();
    write(dir, "in.jsonl", lines)
}

/// Cleans one document per id (`ids.jsonl`) into the `.txt` directory `txt`, successfully.
fn clean_to_txt(dir: &Path, ids: &[&str]) {
    let lines: String = ids
        .iter()
        .enumerate()
        .map(|(i, id)| record(id, &format!("{PROSE} Numéro {i}.")))
        .collect();
    write(dir, "ids.jsonl", lines);
    tamis()
        .current_dir(dir)
        .args(["clean", "ids.jsonl", "-o", "txt", "--output-format", "txt"])
        .args(["--no-dedup", "-q"])
        .assert()
        .success();
}

/// Runs `tamis ARGS` from a shell with its standard output closed (`>&-`).
fn with_stdout_closed(dir: &Path, args: &str) -> std::process::Output {
    let tamis = assert_cmd::cargo::cargo_bin!("tamis");
    Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("exec '{}' {args} >&-", tamis.display()))
        .output()
        .unwrap()
}

#[test]
fn a_closed_stdout_is_an_error_not_documents_counted_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    for args in [
        "clean in.jsonl -o -",
        "clean in.jsonl -o - --stats stats.json",
        "dedup in.jsonl -o -",
        "clean in.jsonl -o out.jsonl --stats -",
        "config",
    ] {
        let output = with_stdout_closed(d, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args}: {stderr}");
        assert!(
            stderr.contains("standard output is closed"),
            "{args}: {stderr}"
        );
        // Refused before the run: nothing written, nothing counted.
        assert!(!d.join("stats.json").exists(), "{args}");
        assert!(!d.join("out.jsonl").exists(), "{args}");
    }
    // A pipe closed by its reader is not this: `| head` still ends quietly.
    let tamis = assert_cmd::cargo::cargo_bin!("tamis");
    let piped = Command::new("sh")
        .current_dir(d)
        .arg("-c")
        .arg(format!(
            "'{}' clean in.jsonl -o - -q | head -c 1",
            tamis.display()
        ))
        .output()
        .unwrap();
    assert!(piped.status.success());
    // And `> /dev/null` is the user's choice.
    let null = Command::new("sh")
        .current_dir(d)
        .arg("-c")
        .arg(format!(
            "'{}' clean in.jsonl -o - -q > /dev/null",
            tamis.display()
        ))
        .output()
        .unwrap();
    assert!(
        null.status.success(),
        "{}",
        String::from_utf8_lossy(&null.stderr)
    );
}

#[test]
fn dev_stdin_redirected_from_a_file_is_read_like_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = corpus(d);
    for name in ["/dev/stdin", "/dev/fd/0"] {
        // A file, not a pipe, on standard input: `tamis clean /dev/stdin < in.jsonl`.
        let status = Command::new(assert_cmd::cargo::cargo_bin!("tamis"))
            .current_dir(d)
            .args(["clean", name, "-o", "out.jsonl", "-q", "--no-dedup"])
            .stdin(std::fs::File::open(&input).unwrap())
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        assert_eq!(read_jsonl(&d.join("out.jsonl")).len(), 3, "{name}");
    }
}

#[test]
fn an_id_no_file_system_takes_is_written_as_one_file_not_a_failed_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let deep = "d/".repeat(2100) + "e";
    let wide = format!("{}/f", "b".repeat(200)).repeat(30);
    clean_to_txt(d, &[&deep, &wide, "a", "a.txt/b"]);
    let files = common::walk(&d.join("txt"));
    assert_eq!(files.len(), 4, "{files:?}");
    for file in &files {
        let relative = file.strip_prefix(d.join("txt")).unwrap();
        assert!(relative.as_os_str().len() < 1100, "{}", relative.display());
    }
    assert!(d.join("txt/a.txt").is_file());
}

#[test]
fn a_negative_number_after_a_flag_is_refused_for_its_value_with_the_flag_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    tamis()
        .current_dir(d)
        .args([
            "clean",
            "in.jsonl",
            "-o",
            "out.jsonl",
            "--threshold",
            "-0.5",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--threshold -0.5 is not a similarity",
        ))
        .stderr(predicate::str::contains("unexpected argument").not());
}

#[test]
fn control_characters_in_a_name_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "bad\u{1b}[31mname\r.jsonl";
    let output = tamis()
        .current_dir(dir.path())
        .args(["clean", name, "-o", "out.jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\r'),
        "{stderr:?}"
    );
    assert!(stderr.contains(r"bad\u{1b}[31mname\r.jsonl"), "{stderr}");
}

#[test]
fn a_pretty_printed_json_file_is_told_that_tamis_reads_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pretty = format!("{{\n  \"id\": \"a\",\n  \"text\": \"{PROSE}\"\n}}\n");
    write(d, "pretty.json", pretty);
    write(
        d,
        "array.json",
        format!("[{}]\n", record("a", PROSE).trim_end()),
    );
    for name in ["pretty.json", "array.json"] {
        tamis()
            .current_dir(d)
            .args(["clean", name, "-o", "out.jsonl"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("tamis reads JSON Lines"))
            .stderr(predicate::str::contains("jq -c"));
    }
}

#[test]
fn a_wrong_stage_setting_in_a_pipeline_file_is_pointed_at_with_its_stage() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let config = tamis().arg("config").output().unwrap().stdout;
    let config = String::from_utf8(config).unwrap();
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    for (from, to, stage) in [
        ("threshold = 0.8", "threshold = \"high\"", "(\"dedup\")"),
        ("min_words = 20", "min_words = -2", "(\"min_words\")"),
        ("threshold = 0.8", "thresold = 0.8", "(\"dedup\")"),
    ] {
        assert_eq!(config.matches(from).count(), 1, "{from}");
        let changed = config.replace(from, to);
        write(d, "p.toml", &changed);
        let line = line_of(&changed, to);
        tamis()
            .current_dir(d)
            .args(["clean", "in.jsonl", "-o", "out.jsonl", "--config", "p.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("at line {line}, column")))
            .stderr(predicate::str::contains(stage));
    }
}

#[test]
fn the_summary_counts_the_languages_of_the_documents_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let german = "Der Gemeinderat hat gestern Abend den Haushalt der Stadt für das kommende Jahr \
                  nach einer langen Debatte zwischen der Mehrheit und der Opposition beschlossen.";
    let lines = [record("fr", &format!("{PROSE} Un.")), record("de", german)].join("\n");
    write(d, "two.jsonl", lines + "\n");
    tamis()
        .current_dir(d)
        .args(["clean", "two.jsonl", "-o", "out.jsonl", "--lang", "fr"])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 out, 1 dropped (language: 1)"))
        .stderr(predicate::str::contains("languages: fra 1;"));
}

#[test]
fn dedup_without_an_output_says_nothing_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    tamis()
        .current_dir(d)
        .args(["dedup", "in.jsonl", "--report", "r.jsonl"])
        .assert()
        .success()
        .stderr(predicate::str::contains("3 documents read, none written"))
        .stderr(predicate::str::contains(" out").not());
}

#[test]
fn a_rules_file_s_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    write(d, "unknown.json", r#"{"disable": ["fr_partage"]}"#);
    write(
        d,
        "no-max.toml",
        "[[rules]]\nname = \"x\"\nkind = \"share\"\npattern = \"^x\"\n",
    );
    write(
        d,
        "lang.toml",
        "[[rules]]\nname = \"x\"\nkind = \"share\"\nlangs = [\"xx\"]\npattern = \"^x\"\nmax_chars = 9\n",
    );
    for (file, message) in [
        (
            "unknown.json",
            "unknown.json: unknown built-in boilerplate rule \"fr_partage\"; built-in rules with a name like it: fr_partager",
        ),
        ("no-max.toml", "missing field \"max_chars\""),
        (
            "lang.toml",
            "lang.toml: boilerplate rule \"x\": unknown language \"xx\"",
        ),
    ] {
        tamis()
            .current_dir(d)
            .args(["clean", "in.jsonl", "-o", "out.jsonl", "--rules", file])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn dash_for_an_output_only_a_file_can_hold_is_refused_not_a_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let run = |args: &[&str]| tamis().current_dir(d).args(args).assert();
    run(&["dedup", "sign", "-q", "in.jsonl", "-o", "1.sigs"]).success();
    run(&["dedup", "pairs", "-q", "1.sigs", "-o", "1.edges"]).success();
    run(&[
        "clean", "-q", "in.jsonl", "-o", "o.jsonl", "--stats", "s.json",
    ])
    .success();
    for (args, flag) in [
        (
            &["clean", "in.jsonl", "-o", "x.jsonl", "--html", "-"][..],
            "--html -",
        ),
        (
            &["clean", "in.jsonl", "-o", "x.jsonl", "--save-index", "-"],
            "--save-index -",
        ),
        (
            &["dedup", "in.jsonl", "--save-index", "-"],
            "--save-index -",
        ),
        (&["lines", "count", "in.jsonl", "-o", "-"], "-o -"),
        (&["dedup", "sign", "in.jsonl", "-o", "-"], "-o -"),
        (&["dedup", "pairs", "1.sigs", "-o", "-"], "-o -"),
        (&["dedup", "cluster", "1.edges", "-o", "-"], "-o -"),
        (
            &["dedup", "cluster", "1.edges", "-o", "c", "--report", "-"],
            "--report -",
        ),
        (&["report", "--stats", "s.json", "-o", "-"], "-o -"),
    ] {
        run(args).code(2).stderr(predicate::str::contains(format!(
            "{flag}: this output can only be a file"
        )));
        assert!(!d.join("-").exists(), "{args:?}");
        assert!(
            !d.join("x.jsonl").exists() && !d.join("c").exists(),
            "{args:?}"
        );
    }
    // Where standard output can take it, `-` is standard output.
    run(&["dedup", "in.jsonl", "--report", "-", "-q"]).success();
    assert!(!d.join("-").exists());
}

#[test]
fn txt_output_into_an_existing_directory_never_needs_a_file_to_become_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "txt/a.txt", "an earlier run's\n");
    std::fs::create_dir_all(d.join("txt/c.txt")).unwrap();
    clean_to_txt(d, &["a.txt/b", "c"]);
    assert_eq!(
        std::fs::read_to_string(d.join("txt/a.txt")).unwrap(),
        "an earlier run's\n"
    );
    assert!(d.join("txt/a.txt_b.txt").is_file());
    assert!(d.join("txt/c-2.txt").is_file());
}
