//! Boilerplate stripping in `tamis clean`: line rules, explanations, rule files.

mod common;

use common::*;
use predicates::prelude::*;

/// Shaped like the seed document: a date header glued to the lede, a photo credit glued to a
/// related article's title, mixed apostrophes.
const SEED_LIKE: &str = " date 2019-07 La vague de chaleur qui touche le sud de la France inquiète les viticulteurs de l’Hérault.

Selon la chambre d'agriculture, près d'un tiers des grappes exposées au soleil ont grillé.

© Photo. Sputnik / Ivan Petrov Lire aussi: «La canicule n’épargne pas les vignes du Languedoc»

Pour comprendre, il faut lire aussi les attendus du rapport publié par la préfecture.

La photo du vignoble dévasté a fait le tour des réseaux sociaux dès dimanche matin.
";

#[test]
fn the_glued_credit_line_goes_and_every_other_line_stays_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "canicule.txt", SEED_LIKE);
    let explain = dir.path().join("explain.jsonl");
    let stats = dir.path().join("stats.json");
    let assert = tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&input)
        .args(["-o", "-", "-q", "--typography", "keep", "--explain"])
        .arg(&explain)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    let expected: String = SEED_LIKE
        .trim_start_matches(" date 2019-07 ")
        .lines()
        .filter(|l| !l.starts_with("© Photo"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("\n\n\n", "\n\n");
    assert_eq!(records[0]["text"], expected.trim_end());
    let explanations = read_jsonl(&explain);
    assert_eq!(
        explanations,
        [serde_json::json!({
            "id": "canicule",
            "line": 5,
            "text": "© Photo. Sputnik / Ivan Petrov Lire aussi: «La canicule n’épargne pas les vignes du Languedoc»",
            "rule": "photo_copyright_sign",
            "kind": "photo_credit",
        })]
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["stages"]["boilerplate"]["photo_copyright_sign"], 1);
}

#[test]
fn no_boilerplate_keeps_every_line() {
    let assert = tamis()
        .args([
            "clean",
            "-",
            "-o",
            "-",
            "-q",
            "--no-boilerplate",
            "--typography",
            "keep",
        ])
        .write_stdin(SEED_LIKE)
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert!(
        records[0]["text"]
            .as_str()
            .unwrap()
            .contains("© Photo. Sputnik")
    );
}

#[test]
fn a_document_of_boilerplate_only_is_dropped_as_empty() {
    let jsonl = record(
        "share",
        "Partager sur Facebook Partager sur Twitter\n\nLire aussi : Un autre article",
    ) + &record(
        "ok",
        "Le préfet a reçu une délégation d’agriculteurs en fin de matinée à Agen.",
    );
    tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-"])
        .write_stdin(jsonl)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "2 documents in, 1 out, 1 dropped (empty: 1)",
        ));
}

#[test]
fn rule_files_add_and_disable_rules_and_bad_ones_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(
        dir.path(),
        "rules.toml",
        "disable = [\"fr_lire_aussi\"]\n\n[[rules]]\nname = \"fr_en_images\"\nkind = \"photo_credit\"\nlangs = [\"fr\"]\npattern = '^en images\\s*:'\nmax_chars = 200\n",
    );
    let text = "Le conseil régional a adopté jeudi un budget de 1,9 milliard d’euros pour l’année prochaine.\n\nEn images : la séance en direct\n\nLire aussi : Le budget de l’an dernier";
    let explain = dir.path().join("explain.jsonl");
    tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-", "-q", "--rules"])
        .arg(&rules)
        .arg("--explain")
        .arg(&explain)
        .write_stdin(record("fr-1", text))
        .assert()
        .success()
        .stdout(predicate::str::contains("Lire aussi"));
    let explanations = read_jsonl(&explain);
    assert_eq!(explanations.len(), 1);
    assert_eq!(explanations[0]["rule"], "fr_en_images");

    let bad = write(
        dir.path(),
        "bad.json",
        r#"{"rules": [{"name": "x", "kind": "share", "pattern": "^(x", "max_chars": 9}]}"#,
    );
    tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-", "--rules"])
        .arg(&bad)
        .write_stdin(record("a", text))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "boilerplate rule \"x\": invalid pattern",
        ));
    let typo = write(dir.path(), "typo.toml", "disable = [\"fr_lire_ausi\"]\n");
    tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-", "--rules"])
        .arg(&typo)
        .write_stdin(record("a", text))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown built-in boilerplate rule \"fr_lire_ausi\"",
        ));
}

#[test]
fn the_explain_file_may_not_be_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "news.jsonl", record("a", SEED_LIKE));
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&input)
        .args(["-o", "-", "--explain"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write"));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        record("a", SEED_LIKE)
    );
}

#[test]
fn documents_under_min_words_are_dropped_after_stripping() {
    let long = "Le conseil régional a adopté jeudi un budget de 1,9 milliard d’euros pour l’année prochaine, en hausse de quatre pour cent, après neuf heures de débats.";
    let jsonl = record("long", long)
        + &record("stub", "Lire aussi : un très long titre d’article\n\nBref.")
        + &record(
            "zh",
            "广州博物馆新馆开放首日吸引了上万名市民参观，馆内展出文物超过两千件。",
        )
        + &record("zh-stub", "今日停课。");
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    let assert = tamis()
        .args(["clean", "-", "-o", "-", "-q", "--stats"])
        .arg(&stats)
        .write_stdin(jsonl.clone())
        .assert()
        .success();
    assert_eq!(
        ids(&parse_jsonl(&assert.get_output().stdout)),
        ["long", "zh"]
    );
    assert_eq!(balanced_stats(&stats)["dropped"]["too_short"], 2);
    let assert = tamis()
        .args(["clean", "-", "-o", "-", "-q", "--min-words", "0"])
        .write_stdin(jsonl)
        .assert()
        .success();
    assert_eq!(parse_jsonl(&assert.get_output().stdout).len(), 4);
}
