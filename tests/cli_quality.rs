//! The quality stage in `tamis clean --quality`, pipeline files and `tamis config`.

mod common;

use common::*;
use predicates::prelude::*;

const ARTICLE_EN: &str = "The city council approved on Tuesday a plan to renovate the central library, which has been closed since the flood of last spring.\n\nThe work will cost about four million euros and should be finished before the end of next year, the mayor said. Most of the money comes from a regional fund that was set up to help towns recover from the storms.\n\nLibrarians have been working from a temporary building near the station, where readers can borrow books and use computers.";

const ARTICLE_FR: &str = "Le conseil municipal a approuvé mardi le projet de rénovation de la bibliothèque centrale, fermée depuis les inondations du printemps dernier.\n\nLes travaux coûteront environ quatre millions d’euros et devraient être terminés avant la fin de l’année prochaine, a précisé le maire. L'essentiel de l'argent vient d'un fonds régional créé pour aider les communes à se relever des tempêtes.\n\nLes bibliothécaires travaillent depuis un bâtiment provisoire près de la gare, où les lecteurs peuvent emprunter des livres.";

const ARTICLE_ZH: &str = "市议会周二批准了一项翻修中央图书馆的计划。该图书馆自去年春天的洪水以来一直关闭，读者只能在火车站附近的临时建筑里借书。\n\n市长说，这项工程将耗资约四百万欧元，预计明年年底前完工。大部分资金来自一个地区基金，该基金是为了帮助城镇从风暴中恢复而设立的。\n\n新图书馆将有一个更大的儿童区、一个展览室和一个咖啡馆，并且第一次在星期日开放。";

fn corpus() -> String {
    [
        record("en", ARTICLE_EN),
        record("fr", ARTICLE_FR),
        record("zh", ARTICLE_ZH),
        record("zh-menu", "首页\n新闻\n体育\n天气\n联系我们\n关于本报"),
        record(
            "menu",
            "Home\nNews\nSport\nWeather\nContact us\nAbout the newspaper",
        ),
        record(
            "repeated",
            &format!(
                "{ARTICLE_EN}\n{}",
                "The library will reopen next year.\n".repeat(12)
            ),
        ),
    ]
    .concat()
}

#[test]
fn quality_drops_are_counted_by_rule_and_rejects_say_the_measure() {
    let dir = tempfile::tempdir().unwrap();
    let (stats, rejects) = (
        dir.path().join("stats.json"),
        dir.path().join("rejects.jsonl"),
    );
    let assert = tamis()
        .args([
            "clean",
            "-",
            "-o",
            "-",
            "-q",
            "--no-dedup",
            "--quality",
            "--stats",
        ])
        .arg(&stats)
        .arg("--rejects")
        .arg(&rejects)
        .write_stdin(corpus())
        .assert()
        .success();
    // The articles stay, French judged with FineWeb-2's French stop words, Chinese with its
    // words as a segmenter cuts them; the menus go.
    assert_eq!(
        ids(&parse_jsonl(&assert.get_output().stdout)),
        ["en", "fr", "zh"]
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["dropped"]["quality"], 3);
    let quality = &stats["stages"]["quality"];
    assert_eq!(quality["gopher_short_doc"], 2);
    assert_eq!(quality["dup_line_frac"], 1);
    assert_eq!(quality["gopher_quality"], 2);
    assert_eq!(quality["gopher_repetition"], 1);
    let rejects = read_jsonl(&rejects);
    let menu = rejects.iter().find(|r| r["id"] == "menu").unwrap();
    assert_eq!(menu["reason"], "quality");
    assert_eq!(menu["quality"]["rule"], "gopher_short_doc");
    assert_eq!(menu["quality"]["limit"], 50.0);
    assert!(menu["quality"]["value"].as_f64().unwrap() < 50.0);
}

/// A news page as a crawl gives it: a menu, an article with a citation mark, a script notice,
/// a cookie line and a share line.
const PAGE_EN: &str = "Home | News | Sport | Weather\nThe city council approved on Tuesday a plan to renovate the central library, which has been closed since the flood of last spring.[3] The work will cost about four million euros.\nPlease enable JavaScript to view the comments powered by our partner.\nThe mayor said that most of the money comes from a regional fund. It was set up to help towns recover from the storms. Librarians have been working from a temporary building near the station!\nRead our privacy policy and terms of use before you comment.\nShare this article";

#[test]
fn quality_c4_removes_lines_explains_them_and_drops_lorem_ipsum() {
    let dir = tempfile::tempdir().unwrap();
    let (stats, explain) = (dir.path().join("stats.json"), dir.path().join("why.jsonl"));
    let input = [
        record("page", PAGE_EN),
        record(
            "lorem",
            &format!("{ARTICLE_EN}\nThe draft of the page still showed lorem ipsum where the story should have been."),
        ),
    ]
    .concat();
    let assert = tamis()
        .args([
            "clean",
            "-",
            "-o",
            "-",
            "-q",
            "--no-dedup",
            "--no-boilerplate",
            "--min-words",
            "0",
            "--quality-c4",
            "--stats",
        ])
        .arg(&stats)
        .arg("--explain")
        .arg(&explain)
        .write_stdin(input)
        .assert()
        .success();
    let out = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(ids(&out), ["page"]);
    // The two lines of prose stay, the citation mark gone; everything else is removed.
    let text = out[0]["text"].as_str().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("The city council") && lines[0].contains("spring. The work"));
    assert!(lines[1].starts_with("The mayor said"));
    let stats = balanced_stats(&stats);
    let quality = &stats["stages"]["quality"];
    assert_eq!(quality["c4_no_terminal_punct"], 2);
    assert_eq!(quality["c4_javascript"], 1);
    assert_eq!(quality["c4_policy"], 1);
    assert_eq!(quality["c4_quality"], 1);
    assert_eq!(quality["lorem_ipsum"], 1);
    assert_eq!(stats["dropped"]["quality"], 1);
    // --explain: each removed line with its rule, and the dropped document with its measure.
    let why = read_jsonl(&explain);
    let rules: Vec<(&str, &str)> = why
        .iter()
        .filter_map(|w| Some((w["id"].as_str()?, w["rule"].as_str()?)))
        .collect();
    assert_eq!(
        rules,
        [
            ("page", "c4_no_terminal_punct"),
            ("page", "c4_javascript"),
            ("page", "c4_policy"),
            ("page", "c4_no_terminal_punct"),
        ]
    );
    assert!(
        why.iter()
            .all(|w| w.get("rule").is_none() || w["kind"] == "low_quality")
    );
    let lorem = why.iter().find(|w| w["id"] == "lorem").unwrap();
    assert_eq!(lorem["dropped"], "quality");
    assert_eq!(lorem["quality"]["filter"], "c4_quality");
    assert_eq!(lorem["quality"]["rule"], "lorem_ipsum");
}

#[test]
fn explain_says_why_the_quality_stage_dropped_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let explain = dir.path().join("why.jsonl");
    tamis()
        .args([
            "clean",
            "-",
            "-o",
            "-",
            "-q",
            "--no-dedup",
            "--quality",
            "--explain",
        ])
        .arg(&explain)
        .write_stdin(corpus())
        .assert()
        .success();
    let why = read_jsonl(&explain);
    let dropped = |id: &str| {
        why.iter()
            .find(|w| w["id"] == id && w.get("dropped").is_some())
            .unwrap()
    };
    let menu = dropped("menu");
    assert_eq!(menu["dropped"], "quality");
    assert_eq!(menu["quality"]["rule"], "gopher_short_doc");
    assert_eq!(menu["quality"]["limit"], 50.0);
    let repeated = dropped("repeated");
    assert_eq!(repeated["quality"]["filter"], "gopher_repetition");
    // The report page reads these lines beside the boilerplate stage's.
    let stats = dir.path().join("stats.json");
    tamis()
        .args([
            "clean",
            "-",
            "-o",
            "-",
            "-q",
            "--no-dedup",
            "--quality",
            "--stats",
        ])
        .arg(&stats)
        .write_stdin(corpus())
        .assert()
        .success();
    tamis()
        .args(["report", "--stats"])
        .arg(&stats)
        .arg("--explain")
        .arg(&explain)
        .arg("-o")
        .arg(dir.path().join("report.html"))
        .assert()
        .success();
}

#[test]
fn a_pipeline_file_sets_limits_per_language() {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = write(
        dir.path(),
        "pipeline.toml",
        "[[stages]]\ntype = \"language\"\n\n[[stages]]\ntype = \"quality\"\n\n\
         [stages.languages.fr.gopher_quality]\nmin_doc_words = 500\n",
    );
    let assert = tamis()
        .args(["clean", "-", "-o", "-", "-q", "--config"])
        .arg(&pipeline)
        .write_stdin(corpus())
        .assert()
        .success();
    assert_eq!(ids(&parse_jsonl(&assert.get_output().stdout)), ["en", "zh"]);
    let bad = write(
        dir.path(),
        "bad.toml",
        "[[stages]]\ntype = \"quality\"\n[stages.languages.klingon]\n",
    );
    tamis()
        .args(["config"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language \"klingon\""))
        .stderr(predicate::str::contains("bad.toml"));
    let negative = write(
        dir.path(),
        "negative.toml",
        "[[stages]]\ntype = \"quality\"\n[stages.fineweb_quality]\nnew_line_ratio = -0.3\n",
    );
    tamis()
        .args(["config"])
        .arg(&negative)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fineweb_quality.new_line_ratio"));
}

#[test]
fn config_prints_the_quality_limits_of_a_language() {
    tamis()
        .args(["config", "--quality-limits", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains("documents in fra"))
        .stdout(predicate::str::contains("\"l'\""))
        .stdout(predicate::str::contains("min_avg_word_length = 2.0"));
    tamis()
        .args(["config", "--quality-limits", "english", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"min_doc_words\": 50"));
    tamis()
        .args(["config", "--quality-limits", "klingon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language"));
}

#[test]
fn mask_pii_replaces_public_addresses_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    let text = "Pour toute question, écrivez à claire.martin@ville-lyon.fr ou appelez le standard. Le serveur public 151.101.1.69 répond, la passerelle 192.168.1.1 reste privée.";
    let assert = tamis()
        .args([
            "clean",
            "-",
            "-o",
            "-",
            "-q",
            "--min-words",
            "0",
            "--mask-pii",
            "--stats",
        ])
        .arg(&stats)
        .write_stdin(record("a", text) + &record("b", "Rien à masquer dans ce texte-ci."))
        .assert()
        .success();
    let out = parse_jsonl(&assert.get_output().stdout);
    let masked = out[0]["text"].as_str().unwrap();
    assert!(
        masked.contains("écrivez à email@example.com ou"),
        "{masked}"
    );
    assert!(masked.contains("public 22.214.171.124 répond") && masked.contains("192.168.1.1"));
    let stats = balanced_stats(&stats);
    let pii = &stats["stages"]["pii"];
    assert_eq!(
        (pii["emails"].as_u64(), pii["ips"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(pii["documents_changed"], 1);
    // Without the flag, nothing is masked.
    let plain = clean_stdin(&[], record("a", text));
    assert!(
        plain[0]["text"]
            .as_str()
            .unwrap()
            .contains("claire.martin@ville-lyon.fr")
    );
}
