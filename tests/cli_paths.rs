//! No spelling of a path may destroy a file tamis reads: every output of every command, named
//! with each spelling of one of its inputs (through a directory that exists or not, a symbolic
//! link, a hard link, an absolute path, a linked parent directory), is refused with exit code 2,
//! leaves the input byte for byte intact and creates nothing.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;

const CORPUS: &str = concat!(
    r#"{"id":"fr-1","text":"Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine, après un long débat."}"#,
    "\n",
    r#"{"id":"de-2","text":"Der Gemeinderat hat gestern Abend den Haushalt für das kommende Jahr nach langer Debatte beschlossen."}"#,
    "\n",
    r#"{"id":"fr-3","text":"Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine, après un long débat !"}"#,
    "\n",
);

/// Every file and directory under `dir` (links not followed), with the bytes of each file.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    walkdir(dir)
}

fn walkdir(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(path.clone());
                found.insert(path, None);
            } else if kind.is_symlink() {
                found.insert(
                    path.clone(),
                    Some(
                        std::fs::read_link(&path)
                            .unwrap()
                            .into_os_string()
                            .into_encoded_bytes(),
                    ),
                );
            } else {
                found.insert(path.clone(), Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    found
}

/// A directory with a corpus and every file the commands read: a pipeline file, a rules
/// file, a line table, a saved index, stats, a report, explanations, signatures, edges and
/// clusters, each made by tamis itself; `sub/` and a link `linked` to the directory itself.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let at = dir.path();
    write(at, "in.jsonl", CORPUS);
    write(
        at,
        "rules.toml",
        "[[rules]]\nname = \"lire-aussi\"\nkind = \"read_also\"\npattern = \"^LIRE AUSSI\"\nmax_chars = 200\n",
    );
    let run = |args: &[&str]| {
        tamis().current_dir(at).args(args).assert().success();
    };
    let config = tamis().arg("config").output().unwrap().stdout;
    write(at, "pipeline.toml", config);
    run(&[
        "clean",
        "in.jsonl",
        "-o",
        "kept.jsonl",
        "-q",
        "--min-words",
        "0",
        "--stats",
        "stats.json",
        "--report",
        "dupes.jsonl",
        "--explain",
        "why.jsonl",
        "--save-index",
        "seen.idx",
    ]);
    run(&["lines", "count", "in.jsonl", "-o", "1.lines", "-q"]);
    run(&["dedup", "sign", "in.jsonl", "-o", "1.sigs", "-q"]);
    run(&["dedup", "pairs", "1.sigs", "-o", "1.edges", "-q"]);
    run(&["dedup", "cluster", "1.edges", "-o", "all.clusters", "-q"]);
    for name in ["kept.jsonl", "dupes.jsonl", "why.jsonl"] {
        std::fs::remove_file(at.join(name)).unwrap();
    }
    std::fs::create_dir(at.join("sub")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(at, at.join("linked")).unwrap();
    dir
}

/// Every way to name `name` (a file in `dir`) that tamis must see through. Links are made in
/// `dir` as they are needed.
fn spellings(dir: &Path, name: &str) -> Vec<String> {
    let mut all = vec![
        format!("./sub/../{name}"),
        format!("missing/../{name}"),
        format!("missing/deeper/../../{name}"),
        dir.join(name).display().to_string(),
        format!("{}/missing/../{name}", dir.display()),
    ];
    #[cfg(unix)]
    {
        let symlink = format!("{name}.symlink");
        if !dir.join(&symlink).exists() {
            std::os::unix::fs::symlink(dir.join(name), dir.join(&symlink)).unwrap();
        }
        let hardlink = format!("{name}.hardlink");
        if !dir.join(&hardlink).exists() {
            std::fs::hard_link(dir.join(name), dir.join(&hardlink)).unwrap();
        }
        all.extend([
            symlink,
            hardlink,
            format!("linked/{name}"),
            format!("linked/missing/../{name}"),
            format!("sub/../linked/sub/../{name}"),
        ]);
    }
    all
}

/// A command that reads `protects`, with `OUT` where the output under test goes.
struct Case {
    protects: &'static str,
    args: &'static [&'static str],
}

const CASES: &[Case] = &[
    // tamis clean: the corpus, and every file it reads besides.
    Case {
        protects: "in.jsonl",
        args: &["clean", "in.jsonl", "-o", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["clean", "in.jsonl", "-o", "o.jsonl", "--stats", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["clean", "in.jsonl", "-o", "o.jsonl", "--report", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["clean", "in.jsonl", "-o", "o.jsonl", "--rejects", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["clean", "in.jsonl", "-o", "o.jsonl", "--explain", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["clean", "in.jsonl", "-o", "o.jsonl", "--html", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["clean", "in.jsonl", "-o", "o.jsonl", "--save-index", "OUT"],
    },
    Case {
        protects: "pipeline.toml",
        args: &[
            "clean",
            "in.jsonl",
            "--config",
            "pipeline.toml",
            "-o",
            "o.jsonl",
            "--stats",
            "OUT",
        ],
    },
    Case {
        protects: "rules.toml",
        args: &["clean", "in.jsonl", "--rules", "rules.toml", "-o", "OUT"],
    },
    Case {
        protects: "1.lines",
        args: &[
            "clean",
            "in.jsonl",
            "--line-table",
            "1.lines",
            "-o",
            "o.jsonl",
            "--rejects",
            "OUT",
        ],
    },
    Case {
        protects: "seen.idx",
        args: &[
            "clean",
            "in.jsonl",
            "--against",
            "seen.idx",
            "-o",
            "o.jsonl",
            "--stats",
            "OUT",
        ],
    },
    // tamis dedup and detect.
    Case {
        protects: "in.jsonl",
        args: &["dedup", "in.jsonl", "-o", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["dedup", "in.jsonl", "--report", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["dedup", "in.jsonl", "-o", "o.jsonl", "--save-index", "OUT"],
    },
    Case {
        protects: "seen.idx",
        args: &["dedup", "in.jsonl", "--against", "seen.idx", "-o", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["detect", "in.jsonl", "-o", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["detect", "in.jsonl", "-o", "o.jsonl", "--stats", "OUT"],
    },
    // The shard commands and the files between them.
    Case {
        protects: "in.jsonl",
        args: &["lines", "count", "in.jsonl", "-o", "OUT"],
    },
    Case {
        protects: "1.lines",
        args: &["lines", "merge", "1.lines", "-o", "OUT"],
    },
    Case {
        protects: "in.jsonl",
        args: &["dedup", "sign", "in.jsonl", "-o", "OUT"],
    },
    Case {
        protects: "1.sigs",
        args: &["dedup", "pairs", "1.sigs", "-o", "OUT"],
    },
    Case {
        protects: "1.edges",
        args: &["dedup", "cluster", "1.edges", "-o", "OUT"],
    },
    Case {
        protects: "1.edges",
        args: &["dedup", "cluster", "1.edges", "-o", "c2", "--report", "OUT"],
    },
    Case {
        protects: "1.sigs",
        args: &[
            "dedup",
            "cluster",
            "1.edges",
            "--signatures",
            "1.sigs",
            "-o",
            "c2",
            "--stats",
            "OUT",
        ],
    },
    Case {
        protects: "in.jsonl",
        args: &[
            "dedup",
            "filter",
            "in.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "OUT",
        ],
    },
    Case {
        protects: "all.clusters",
        args: &[
            "dedup",
            "filter",
            "in.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "o.jsonl",
            "--report",
            "OUT",
        ],
    },
    Case {
        protects: "in.jsonl",
        args: &[
            "dedup",
            "filter",
            "in.jsonl",
            "--clusters",
            "all.clusters",
            "-o",
            "o.jsonl",
            "--stats",
            "OUT",
        ],
    },
    // tamis report reads a run's files.
    Case {
        protects: "stats.json",
        args: &["report", "--stats", "stats.json", "-o", "OUT"],
    },
];

#[test]
fn no_spelling_of_an_input_is_written_by_any_output() {
    let dir = fixture();
    let at = dir.path();
    let mut tried = 0;
    for case in CASES {
        for spelled in spellings(at, case.protects) {
            let before = snapshot(at);
            let args: Vec<&str> = case
                .args
                .iter()
                .map(|a| if *a == "OUT" { spelled.as_str() } else { a })
                .collect();
            tamis()
                .current_dir(at)
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("also an input"));
            assert_eq!(snapshot(at), before, "tamis {args:?} changed the directory");
            tried += 1;
        }
    }
    assert!(tried >= CASES.len() * 5);
}

#[test]
fn a_txt_directory_that_holds_an_input_is_refused_however_spelled() {
    let dir = fixture();
    let at = dir.path();
    for spelled in [".", "missing/..", "sub/..", "linked", "linked/missing/.."] {
        let before = snapshot(at);
        tamis()
            .current_dir(at)
            .args([
                "clean",
                "in.jsonl",
                "-q",
                "--output-format",
                "txt",
                "-o",
                spelled,
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("also an input"));
        assert_eq!(snapshot(at), before, "-o {spelled}");
    }
}

#[test]
fn two_outputs_spelled_apart_through_a_missing_directory_are_refused() {
    let dir = fixture();
    let at = dir.path();
    let before = snapshot(at);
    tamis()
        .current_dir(at)
        .args([
            "clean",
            "in.jsonl",
            "-q",
            "-o",
            "o.jsonl",
            "--rejects",
            "new/../o.jsonl",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "give each output a file of its own",
        ));
    assert_eq!(snapshot(at), before);
}

#[test]
fn a_path_through_a_missing_directory_creates_only_what_it_needs() {
    let dir = fixture();
    let at = dir.path();
    tamis()
        .current_dir(at)
        .args([
            "clean",
            "in.jsonl",
            "-q",
            "--min-words",
            "0",
            "-o",
            "brandnew/../a.jsonl",
        ])
        .args(["--stats", "made/deep/../s.json"])
        .assert()
        .success();
    assert!(at.join("a.jsonl").is_file());
    assert!(at.join("made/s.json").is_file());
    assert!(
        !at.join("brandnew").exists(),
        "a directory only passed through is not made"
    );
    assert!(!at.join("made/deep").exists());
}

#[test]
fn a_failed_run_leaves_no_directory_it_made() {
    let dir = fixture();
    let at = dir.path();
    write(at, "bad.jsonl", "not json\n");
    let before = snapshot(at);
    tamis()
        .current_dir(at)
        .args(["clean", "bad.jsonl", "-q", "-o", "newdir/deep/o.jsonl"])
        .args(["--stats", "newdir/s.json", "--rejects", "other/r.jsonl"])
        .assert()
        .code(1);
    assert_eq!(snapshot(at), before);
    tamis()
        .current_dir(at)
        .args([
            "clean",
            "bad.jsonl",
            "-q",
            "--output-format",
            "txt",
            "-o",
            "t/x/docs",
        ])
        .assert()
        .code(1);
    assert_eq!(snapshot(at), before);
}

#[test]
fn a_file_used_as_a_directory_is_a_usage_error_naming_it() {
    let dir = fixture();
    let at = dir.path();
    let before = snapshot(at);
    for spelled in [
        "in.jsonl/o.jsonl",
        "./in.jsonl/../o.jsonl",
        "stats.json/x/y",
    ] {
        tamis()
            .current_dir(at)
            .args(["clean", "in.jsonl", "-q", "-o", spelled])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is a file, not a directory"));
    }
    tamis()
        .current_dir(at)
        .args(["clean", "in.jsonl", "-q", "-o", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    assert_eq!(snapshot(at), before);
}
