//! `tamis lines count` / `merge` and `tamis clean --line-table`: a corpus cleaned shard by shard
//! loses the lines the whole corpus repeats, as one run over it would.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

const TAGLINE: &str = "Il Gazzettino del Lago — quotidiano online della provincia";

/// Two shards: the tagline is in two documents of the first and one of the second, so neither
/// shard alone repeats it in three documents (the default), the corpus does.
fn shards(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let doc = |id: &str, body: &str| {
        serde_json::json!({"id": id, "text": format!("{TAGLINE}\n{body}")}).to_string() + "\n"
    };
    let first = doc(
        "a1",
        "La fiera del libro apre sabato sul lungolago con trenta editori e molti incontri con gli autori.",
    ) + &doc(
        "a2",
        "Il traghetto per Bellagio riprende le corse serali da lunedì, con un orario ridotto fino a giugno.",
    );
    let second = doc("b1", "Il derby di domenica finisce pari: due reti nel finale e molte proteste sugli spalti dello stadio.")
        + &serde_json::json!({"id": "b2", "text": "Nessuna intestazione qui: un articolo senza la riga del giornale, sulla pesca nel lago."}).to_string()
        + "\n";
    (
        write(dir, "shard-1.jsonl", first),
        write(dir, "shard-2.jsonl", second),
    )
}

/// `tamis ARGS… INPUT` in `dir`.
fn run(dir: &Path, args: &[&str], input: &Path) -> assert_cmd::assert::Assert {
    tamis().current_dir(dir).args(args).arg(input).assert()
}

fn clean(dir: &Path, input: &Path, out: &str, extra: &[&str]) {
    tamis()
        .current_dir(dir)
        .args(["clean", "-q", "--no-dedup", "--min-words", "0", "-o", out])
        .arg(input)
        .args(extra)
        .assert()
        .success();
}

#[test]
fn shards_cleaned_with_the_merged_table_match_one_run_over_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (first, second) = shards(d);
    for (shard, table) in [(&first, "1.lines"), (&second, "2.lines")] {
        tamis()
            .current_dir(d)
            .args(["lines", "count", "-q", "-o", table])
            .arg(shard)
            .assert()
            .success();
    }
    tamis()
        .current_dir(d)
        .args(["lines", "merge", "1.lines", "2.lines", "-o", "all.lines"])
        .assert()
        .success();
    clean(d, &first, "clean-1.jsonl", &["--line-table", "all.lines"]);
    clean(d, &second, "clean-2.jsonl", &["--line-table", "all.lines"]);
    let corpus = write(
        d,
        "corpus/all.jsonl",
        std::fs::read_to_string(&first).unwrap() + &std::fs::read_to_string(&second).unwrap(),
    );
    clean(d, &corpus, "whole.jsonl", &[]);
    let by_shards = [
        read_jsonl(&d.join("clean-1.jsonl")),
        read_jsonl(&d.join("clean-2.jsonl")),
    ]
    .concat();
    let whole = read_jsonl(&d.join("whole.jsonl"));
    assert_eq!(by_shards, whole);
    assert!(
        whole
            .iter()
            .all(|doc| !doc["text"].as_str().unwrap().contains("Gazzettino"))
    );
    // Alone, a shard does not see the tagline as repeated.
    clean(d, &first, "alone.jsonl", &[]);
    assert!(
        read_jsonl(&d.join("alone.jsonl"))[0]["text"]
            .as_str()
            .unwrap()
            .contains("Gazzettino")
    );
}

#[test]
fn a_table_counted_with_other_settings_or_not_a_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (first, _) = shards(d);
    run(d, &["lines", "count", "-q", "-o", "1.lines"], &first).success();
    // Cleaned without header extraction: the lines were keyed after it.
    let no_header = ["clean", "-q", "--no-header", "-o"];
    run(
        d,
        &[&no_header[..], &["x.jsonl", "--line-table", "1.lines"]].concat(),
        &first,
    )
    .code(1)
    .stderr(predicate::str::contains("1.lines: counted with other"));
    // The way the message gives: count with the pipeline file of the cleaning flags.
    let printed = tamis()
        .args(["clean", "--print-config", "--no-header"])
        .output()
        .unwrap();
    write(d, "no-header.toml", printed.stdout);
    let count = [
        "lines",
        "count",
        "-q",
        "--config",
        "no-header.toml",
        "-o",
        "nh.lines",
    ];
    run(d, &count, &first).success();
    run(
        d,
        &[&no_header[..], &["nh.jsonl", "--line-table", "nh.lines"]].concat(),
        &first,
    )
    .success();
    let no_boilerplate = ["clean", "-q", "--no-boilerplate", "-o", "x.jsonl"];
    run(
        d,
        &[&no_boilerplate[..], &["--line-table", "1.lines"]].concat(),
        &first,
    )
    .code(2)
    .stderr(predicate::str::contains("--line-table"));
    tamis()
        .current_dir(d)
        .args(["lines", "merge", "1.lines"])
        .arg(&first)
        .args(["-o", "all.lines"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("shard-1.jsonl: not a line table"));
    assert!(!d.join("x.jsonl").exists() && !d.join("all.lines").exists());
    assert!(d.join("nh.jsonl").exists());
}

#[test]
fn a_table_merged_in_parts_and_pruned_cleans_as_the_whole_table() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (first, second) = shards(d);
    for (shard, table) in [(&first, "1.lines"), (&second, "2.lines")] {
        run(d, &["lines", "count", "-q", "-o", table], shard).success();
    }
    let merge = |args: &[&str]| {
        tamis()
            .current_dir(d)
            .args(["lines", "merge"])
            .args(args)
            .assert()
    };
    merge(&["1.lines", "2.lines", "-o", "all.lines"]).success();
    for part in ["0/2", "1/2"] {
        let out = format!("p{}.lines", &part[..1]);
        merge(&[
            "1.lines",
            "2.lines",
            "--part",
            part,
            "--min-docs",
            "3",
            "-o",
            &out,
        ])
        .success();
    }
    merge(&["p1.lines", "p0.lines", "-o", "parts.lines"]).success();
    let whole = std::fs::metadata(d.join("all.lines")).unwrap().len();
    let pruned = std::fs::metadata(d.join("parts.lines")).unwrap().len();
    // 52 bytes of header, 12 a line: the tagline alone is left of the 5 distinct lines.
    assert_eq!(((whole - 52) / 12, (pruned - 52) / 12), (5, 1));
    clean(
        d,
        &first,
        "with-whole.jsonl",
        &["--line-table", "all.lines"],
    );
    clean(
        d,
        &first,
        "with-parts.jsonl",
        &["--line-table", "parts.lines"],
    );
    assert_eq!(
        read_jsonl(&d.join("with-parts.jsonl")),
        read_jsonl(&d.join("with-whole.jsonl"))
    );
    assert!(
        !std::fs::read_to_string(d.join("with-parts.jsonl"))
            .unwrap()
            .contains("Gazzettino")
    );

    // A part alone, a table pruned above the run's threshold, a missing or repeated part, a
    // pruned table added to other counts: each refused, saying what to do.
    run(
        d,
        &["clean", "-q", "-o", "x.jsonl", "--line-table", "p0.lines"],
        &first,
    )
    .code(1)
    .stderr(predicate::str::contains("only part 0/2 of the line table"));
    let lower = [
        "clean",
        "-q",
        "--repeated-line-min-docs",
        "2",
        "-o",
        "x.jsonl",
    ];
    run(
        d,
        &[&lower[..], &["--line-table", "parts.lines"]].concat(),
        &first,
    )
    .code(1)
    .stderr(predicate::str::contains(
        "pruned to lines of at least 3 documents",
    ));
    merge(&["p0.lines", "-o", "x.lines"])
        .code(2)
        .stderr(predicate::str::contains(
            "parts 1/2 of the line table are missing",
        ));
    merge(&["p0.lines", "./p0.lines", "-o", "x.lines"])
        .code(2)
        .stderr(predicate::str::contains("given twice"));
    std::fs::copy(d.join("p0.lines"), d.join("p0-copy.lines")).unwrap();
    merge(&["p0.lines", "p0-copy.lines", "-o", "x.lines"])
        .code(1)
        .stderr(predicate::str::contains("this part was given already"));
    merge(&["parts.lines", "1.lines", "-o", "x.lines"])
        .code(1)
        .stderr(predicate::str::contains(
            "a part or a pruned table cannot be added",
        ));
    merge(&["1.lines", "--part", "2/2", "-o", "x.lines"])
        .code(2)
        .stderr(predicate::str::contains("is not a part"));
    assert!(!d.join("x.jsonl").exists() && !d.join("x.lines").exists());
}

#[test]
fn a_line_table_given_twice_is_refused_not_counted_twice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (first, _) = shards(d);
    run(d, &["lines", "count", "-q", "-o", "1.lines"], &first).success();
    std::fs::create_dir(d.join("sub")).unwrap();
    for twice in [
        "1.lines",
        "./1.lines",
        "sub/../1.lines",
        "missing/../1.lines",
    ] {
        tamis()
            .current_dir(d)
            .args(["lines", "merge", "1.lines", twice, "-o", "two.lines"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("given twice"));
        assert!(!d.join("two.lines").exists());
    }
}

/// A run that counts repeated lines skips repair in its main pass for the texts the count saw
/// repair keep as they were: the documents and the repair counters are those of a run given the
/// same counts as a table, which repairs every document.
#[test]
fn skipping_repair_for_texts_it_kept_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let doc = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string() + "\n";
    let bodies = [
        "La fiera del libro apre sabato sul lungolago con trenta editori e molti incontri.",
        "Le conseil a votÃ© le budget mardi soir, aprÃ¨s trois heures de dÃ©bat.",
        "Tom &amp; Jerry ritornano al cinema estivo del parco, ogni venerdì di luglio.",
        "Il traghetto per Bellagio riprende le corse serali da lunedì, con un orario ridotto.",
        "Zero\u{200b}width spaces and a C1 control\u{85} inside an otherwise tidy English line.",
        "date 2018-06\nLe marché couvert rouvre ses portes après deux ans de travaux en centre-ville.",
        "La fiera del libro apre sabato sul lungolago con trenta editori e molti incontri.",
    ];
    let mut corpus = String::new();
    for (i, body) in bodies.iter().enumerate() {
        corpus += &doc(&format!("d{i}"), &format!("{TAGLINE}\n{body}"));
        if i == 2 {
            // A bad record takes a place in the reading order of both passes.
            corpus += "{\"id\": \"broken\", \"text\": \n";
        }
    }
    let input = write(d, "corpus.jsonl", corpus);
    run(d, &["lines", "count", "-q", "-o", "all.lines"], &input).success();
    let stats = |name: &str| {
        let stats: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d.join(name)).unwrap()).unwrap();
        (
            stats["documents_out"].clone(),
            stats["dropped"].clone(),
            stats["stages"]["normalize"].clone(),
            stats["stages"]["mojibake"].clone(),
        )
    };
    clean(d, &input, "one-run.jsonl", &["--stats", "one-run.json"]);
    clean(
        d,
        &input,
        "with-table.jsonl",
        &["--line-table", "all.lines", "--stats", "with-table.json"],
    );
    let one_run = read_jsonl(&d.join("one-run.jsonl"));
    assert_eq!(one_run, read_jsonl(&d.join("with-table.jsonl")));
    assert_eq!(stats("one-run.json"), stats("with-table.json"));
    let texts: Vec<&str> = one_run
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), bodies.len());
    assert!(
        texts[1].contains("votée") || texts[1].contains("voté "),
        "{}",
        texts[1]
    );
    assert!(texts[2].starts_with("Tom & Jerry"), "{}", texts[2]);
    assert!(
        !texts[4].contains('\u{200b}') && !texts[4].contains('\u{85}'),
        "{}",
        texts[4]
    );
    assert!(texts.iter().all(|t| !t.contains("Gazzettino")));
}
