//! Pipeline files: `tamis clean --print-config` writes the settings of its flags, and
//! `tamis clean --config FILE` runs them.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn corpus() -> std::path::PathBuf {
    Path::new(MANIFEST).join("corpus")
}

fn print_config(args: &[&str]) -> String {
    let output = tamis()
        .arg("clean")
        .arg("--print-config")
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_printed_pipeline_runs_as_its_flags_do() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--min-words",
        "5",
        "--boilerplate",
        "precise",
        "--lang",
        "fr,en,de",
        "--typography",
        "plain",
        "--threshold",
        "0.7",
    ];
    let settings = print_config(&flags);
    assert!(settings.contains("min_words = 5"), "{settings}");
    assert!(settings.contains("strictness = \"precise\""), "{settings}");
    assert!(settings.contains("threshold = 0.7"), "{settings}");
    let file = write(dir.path(), "pipeline.toml", &settings);
    let by_flags = dir.path().join("by-flags.jsonl");
    let by_file = dir.path().join("by-file.jsonl");
    tamis()
        .args(["clean", "-q", "-o"])
        .arg(&by_flags)
        .arg(corpus())
        .args(flags)
        .assert()
        .success();
    tamis()
        .args(["clean", "-q", "-o"])
        .arg(&by_file)
        .arg(corpus())
        .arg("--config")
        .arg(&file)
        .assert()
        .success();
    let kept = read_jsonl(&by_file);
    assert!(!kept.is_empty());
    assert_eq!(
        std::fs::read(&by_flags).unwrap(),
        std::fs::read(&by_file).unwrap()
    );
    // Printing the file's settings gives the file back.
    let again = print_config(&["--config", file.to_str().unwrap()]);
    assert_eq!(again, settings);
}

#[test]
fn a_json_pipeline_with_a_few_settings_takes_defaults_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "pipeline.json",
        r#"{"threads": 1, "stages": [
            {"type": "header"},
            {"type": "repair", "steps": [{"type": "mojibake"}, {"type": "nfc"}]},
            {"type": "language", "keep": ["fra"]},
            {"type": "boilerplate"},
            {"type": "min_words", "min_words": 3}
        ]}"#,
    );
    let settings = print_config(&["--config", file.to_str().unwrap()]);
    assert!(settings.contains("min_words = 3"), "{settings}");
    assert!(settings.contains("keep = [\"fra\"]"), "{settings}");
    assert!(settings.contains("strictness = \"balanced\""), "{settings}");
    let out = dir.path().join("out.jsonl");
    let stats = dir.path().join("stats.json");
    tamis()
        .args(["clean", "-q", "-o"])
        .arg(&out)
        .arg(corpus())
        .arg("--config")
        .arg(&file)
        .arg("--stats")
        .arg(&stats)
        .args(["--threads", "1"])
        .assert()
        .success();
    let kept = read_jsonl(&out);
    assert!(!kept.is_empty());
    assert!(kept.iter().all(|doc| doc["lang"] == "fra"));
    let stats = balanced_stats(&stats);
    assert!(stats["dropped"]["language"].as_u64().unwrap() > 0);
    assert!(stats["dedup"].is_null(), "{stats}");
}

#[test]
fn setting_flags_are_refused_with_a_pipeline_file_and_bad_files_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "pipeline.toml",
        "[[stages]]\ntype = \"min_words\"\nmin_words = 3\n",
    );
    tamis()
        .current_dir(dir.path())
        .args(["clean", "-o", "out.jsonl", "--config", "pipeline.toml"])
        .arg(corpus())
        .args(["--min-words", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--min-words cannot be combined with --config",
        ));
    assert!(file.exists());
    write(
        dir.path(),
        "typo.toml",
        "[[stages]]\ntype = \"min_words\"\nmin_wrds = 3\n",
    );
    tamis()
        .current_dir(dir.path())
        .args(["clean", "-o", "out.jsonl", "--config", "typo.toml"])
        .arg(corpus())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("typo.toml")
                .and(predicate::str::contains("unknown field \"min_wrds\"")),
        );
    write(
        dir.path(),
        "range.toml",
        "[[stages]]\ntype = \"dedup\"\nthreshold = 3.0\n",
    );
    tamis()
        .current_dir(dir.path())
        .args(["clean", "-o", "out.jsonl", "--config", "range.toml"])
        .arg(corpus())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "range.toml: threshold (dedup stage) 3 is not a similarity",
        ));
    assert!(!dir.path().join("out.jsonl").exists());
}

#[test]
fn dedup_and_detect_take_their_stages_from_a_pipeline_file() {
    let dir = tempfile::tempdir().unwrap();
    let settings = print_config(&["--threshold", "0.75", "--min-lang-confidence", "0.5"]);
    let file = write(dir.path(), "pipeline.toml", &settings);
    let stats = dir.path().join("stats.json");
    tamis()
        .args(["dedup", "-q", "--report"])
        .arg(dir.path().join("report.jsonl"))
        .arg("--stats")
        .arg(&stats)
        .arg("--config")
        .arg(&file)
        .arg(corpus())
        .assert()
        .success();
    assert_eq!(balanced_stats(&stats)["dedup"]["threshold"], 0.75);
    let by_file = tamis()
        .args(["detect", "-q", "--config"])
        .arg(&file)
        .arg(corpus())
        .output()
        .unwrap();
    let by_flags = tamis()
        .args(["detect", "-q", "--min-lang-confidence", "0.5"])
        .arg(corpus())
        .output()
        .unwrap();
    assert!(by_file.status.success());
    assert_eq!(by_file.stdout, by_flags.stdout);
    tamis()
        .args(["detect", "--config"])
        .arg(&file)
        .args(["--min-lang-confidence", "0.1"])
        .arg(corpus())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--min-lang-confidence cannot be combined",
        ));
}

fn config(args: &[&str]) -> String {
    let output = tamis().arg("config").args(args).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn tamis_config_prints_the_default_pipeline_and_fills_in_a_short_file() {
    // Without a file: the pipeline of tamis clean's defaults, every stage listed.
    let default = config(&[]);
    assert_eq!(default, print_config(&[]));
    for stage in [
        "header",
        "repair",
        "language",
        "boilerplate",
        "min_words",
        "typography",
        "dedup",
    ] {
        assert!(
            default.contains(&format!("type = \"{stage}\"")),
            "{stage}: {default}"
        );
    }

    // A short file: the stages it names with their defaults filled in, the others absent.
    let dir = tempfile::tempdir().unwrap();
    let short = write(
        dir.path(),
        "short.toml",
        "[[stages]]\ntype = \"language\"\nkeep = [\"fr\", \"de\"]\n\n\
         [[stages]]\ntype = \"dedup\"\nthreshold = 0.7\n",
    );
    let effective = config(&[short.to_str().unwrap()]);
    assert!(effective.contains("threshold = 0.7"), "{effective}");
    assert!(effective.contains("sample_bytes = 2048"), "{effective}");
    assert!(effective.contains("num_perm"), "{effective}");
    for absent in ["boilerplate", "min_words", "header", "typography", "repair"] {
        assert!(
            !effective.contains(&format!("type = \"{absent}\"")),
            "{absent}: {effective}"
        );
    }
    // The effective pipeline is a fixed point, in TOML and in JSON.
    let again = write(dir.path(), "effective.toml", &effective);
    assert_eq!(config(&[again.to_str().unwrap()]), effective);
    let json = config(&["--json", short.to_str().unwrap()]);
    let json_file = write(dir.path(), "effective.json", &json);
    assert_eq!(config(&[json_file.to_str().unwrap()]), effective);
}

#[test]
fn tamis_config_names_what_is_wrong_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.toml",
        "[[stages]]\ntype = \"dedup\"\nthreshold = 1.5\n",
    );
    tamis()
        .arg("config")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.toml: threshold (dedup stage) 1.5 is not a similarity",
        ));
    let unknown = write(
        dir.path(),
        "unknown.toml",
        "[[stages]]\ntype = \"dedup\"\nthreshhold = 0.7\n",
    );
    tamis()
        .arg("config")
        .arg(&unknown)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("threshhold"));
}

#[test]
fn printing_a_pipeline_into_a_closed_pipe_is_not_a_panic() {
    // Regression: `tamis config --json | head -3` panicked ("failed printing to stdout").
    for args in [
        &["config", "--json"][..],
        &["config"],
        &["clean", "--print-config"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tamis"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the child writes (it has not started running yet).
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.status.success(), "{args:?}: {stderr}");
    }
}
