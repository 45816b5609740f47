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
        "disable = [\"fr_lire_aussi\", \"read_also_fr\"]\n\n[[rules]]\nname = \"fr_en_images\"\nkind = \"photo_credit\"\nlangs = [\"fr\"]\npattern = '^en images\\s*:'\nmax_chars = 200\n",
    );
    let text = "Le conseil régional a adopté jeudi un budget de 1,9 milliard d’euros pour l’année prochaine.\n\nEn images : la séance en direct\n\nLire aussi : Le budget de l’an dernier";
    let explain = dir.path().join("explain.jsonl");
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "--boilerplate",
            "rules",
            "-",
            "-o",
            "-",
            "-q",
        ])
        .arg("--rules")
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

/// 60 generated articles: 50 carry the same credit line that no built-in rule knows, two share
/// a sentence.
fn generated_corpus() -> String {
    let towns = ["Lyon", "Nantes", "Lille", "Rennes", "Nice", "Brest"];
    let places = [
        "musées",
        "bibliothèques",
        "piscines",
        "parcs",
        "écoles",
        "théâtres",
        "stades",
        "marchés",
        "gares",
        "crèches",
    ];
    let mut jsonl = String::new();
    for i in 0..60 {
        let (town, place) = (towns[i % towns.len()], places[i / towns.len()]);
        let mut text = format!(
            "Le conseil municipal de {town} a voté mardi soir un nouveau plan pour les {place} de la ville, après un long débat sur les tarifs et les horaires d’ouverture."
        );
        if i < 50 {
            text.push_str("\n\nAgence Régionale de Presse — reproduction interdite sans accord");
        }
        if i == 7 || i == 41 {
            text.push_str("\n\nLe maire a promis une réponse écrite à chaque association avant la fin du mois.");
        }
        jsonl.push_str(&record(&format!("doc-{i}"), &text));
    }
    jsonl
}

#[test]
fn a_line_shared_by_50_documents_goes_and_one_shared_by_2_stays() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "generated.jsonl", generated_corpus());
    let explain = dir.path().join("explain.jsonl");
    let stats = dir.path().join("stats.json");
    let assert = tamis()
        .args(["clean", "--no-dedup"])
        .arg(&input)
        .args(["-o", "-", "-q", "--explain"])
        .arg(&explain)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(records.len(), 60);
    assert!(
        records
            .iter()
            .all(|r| !r["text"].as_str().unwrap().contains("Agence Régionale"))
    );
    let shared = records
        .iter()
        .filter(|r| r["text"].as_str().unwrap().contains("Le maire a promis"))
        .count();
    assert_eq!(shared, 2);
    let explanations = read_jsonl(&explain);
    assert_eq!(explanations.len(), 50);
    assert!(
        explanations
            .iter()
            .all(|e| e["rule"] == "corpus_repeated_line" && e["kind"] == "repeated")
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["stages"]["boilerplate"]["corpus_repeated_line"], 50);
    assert_eq!(stats["stages"]["repeated_lines"]["repeated_lines"], 1);

    // The same for any number of threads.
    let run = |threads: &str| {
        tamis()
            .arg("clean")
            .arg(&input)
            .args(["-o", "-", "-q", "--threads", threads])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run("1"), run("4"));

    // Off with 0.
    let assert = tamis()
        .arg("clean")
        .arg(&input)
        .args(["-o", "-", "-q", "--repeated-line-min-docs", "0"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&assert.get_output().stdout).contains("Agence Régionale"));
    // Stdin is read twice through a temporary copy, which does not outlive the run.
    let temp = tempfile::tempdir().unwrap();
    let assert = tamis()
        .env("TMPDIR", temp.path())
        .args(["clean", "-", "-o", "-", "-q", "--no-dedup"])
        .write_stdin(gzip(generated_corpus().as_bytes()))
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(records.len(), 60);
    assert!(
        records
            .iter()
            .all(|r| !r["text"].as_str().unwrap().contains("Agence Régionale"))
    );
    assert!(walk(temp.path()).is_empty());
}

/// A web page as a WET dump holds it: menu, article, related list, footer.
const WEB_PAGE: &str = "Home
News
Sport
The city council approved next year's budget on Tuesday night after a debate of more than four hours about the money that should go to schools and to public transport.
Opposition members criticised the rise in local taxes, which the majority says is needed to pay for the renovation of public buildings across the city.
What happens next
The budget now goes to the regional prefecture, which has two months to check that it balances.
Related articles
City hall opens new library wing
Bus drivers vote on new contract
Leave a comment
Privacy policy
Terms of use";

#[test]
fn the_classifier_removes_furniture_after_the_article_and_explains_why() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "page.jsonl", record("page", WEB_PAGE));
    let explain = dir.path().join("explain.jsonl");
    let stats = dir.path().join("stats.json");
    let assert = tamis()
        .args(["clean", "--no-dedup", "--min-words", "0"])
        .arg(&input)
        .args(["-o", "-", "-q", "--explain"])
        .arg(&explain)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    let text = parse_jsonl(&assert.get_output().stdout)[0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    // The article, its sub-heading and its last short paragraph stay.
    for kept in [
        "The city council approved",
        "What happens next",
        "The budget now goes to the regional prefecture",
    ] {
        assert!(text.contains(kept), "{kept} lost: {text}");
    }
    // The footer goes; the related headlines read like short article lines and stay at the
    // default setting.
    for gone in [
        "Related articles",
        "Leave a comment",
        "Privacy policy",
        "Terms of use",
    ] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
    let explanations = read_jsonl(&explain);
    let context: Vec<_> = explanations
        .iter()
        .filter(|e| e["rule"] == "context")
        .collect();
    assert!(!context.is_empty());
    for e in &context {
        let why = e["why"].as_array().expect("why");
        assert!(!why.is_empty() && why.iter().all(|w| w.is_string()), "{e}");
    }
    assert!(context.iter().any(|e| e["kind"] == "legal"));
    assert!(explanations.iter().any(|e| e["rule"] == "comments_en"));
    let stats = balanced_stats(&stats);
    let kinds = stats["stages"]["boilerplate_kinds"].as_object().unwrap();
    let by_kind: u64 = kinds.values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(by_kind as usize, explanations.len());

    // --boilerplate rules keeps what only the classifier removes; --no-boilerplate with a
    // setting is a usage error.
    let assert = tamis()
        .args([
            "clean",
            "--no-dedup",
            "--min-words",
            "0",
            "--boilerplate",
            "rules",
        ])
        .arg(&input)
        .args(["-o", "-", "-q"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(text.contains("Bus drivers vote"));
    tamis()
        .args(["clean", "--no-boilerplate", "--boilerplate", "precise"])
        .arg(&input)
        .args(["-o", "-"])
        .assert()
        .code(2);
}

#[test]
fn repeated_sentences_of_a_sentence_corpus_are_not_boilerplate() {
    // Regression: with --format lines, every sentence found three times or more came out empty.
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for n in 0..200 {
        lines.push_str(&format!(
            "Document numéro {n} : le conseil municipal a voté le budget de la ville.\n"
        ));
        if n % 50 == 0 {
            lines.push_str("Le maire a promis une réponse écrite à chaque association.\n");
        }
    }
    let input = write(dir.path(), "sentences.txt", &lines);
    let stats = dir.path().join("stats.json");
    tamis()
        .args([
            "clean",
            "--format",
            "lines",
            "--min-words",
            "0",
            "--no-dedup",
        ])
        .arg(&input)
        .args(["-o", "-", "-q", "--stats"])
        .arg(&stats)
        .assert()
        .success();
    let stats = balanced_stats(&stats);
    assert_eq!(stats["documents_out"], 204);
    assert!(stats["dropped"].get("empty").is_none(), "{stats}");
}

/// A news page as plain text: furniture before and after an article.
const NEWS_PAGE: &str = "Accueil\nActualité\nSport\nCulture\nSe connecter\n\
Crue de la Seine : les quais bas de Rouen fermés jusqu’à lundi\n\
La Seine est montée de près de deux mètres en trois jours à Rouen, et la préfecture a fermé les quais bas.\n\
Les péniches amarrées au quai de la Bourse ont été déplacées vers le bassin Saint-Gervais vendredi soir.\n\
Météo-France maintient la vigilance orange pour les crues sur la Seine aval jusqu’à lundi au moins.\n\
Les plus lus\nLe FC Rouen s’impose face à Orléans\nUn nouveau cinéma ouvrira en 2025\n\
Newsletter\nMentions légales\nContact\nPlan du site\n";

#[test]
fn boilerplate_threshold_moves_along_the_curve_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "crue.txt", NEWS_PAGE);
    let lines_kept = |args: &[&str]| {
        let output = tamis()
            .arg("clean")
            .arg(&input)
            .args(["--min-words", "0", "--no-dedup", "-q", "-o", "-"])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let records = parse_jsonl(&output.stdout);
        records[0]["text"].as_str().unwrap().lines().count()
    };
    let balanced = lines_kept(&[]);
    assert_eq!(lines_kept(&["--boilerplate-threshold", "0.07"]), balanced);
    let loose = lines_kept(&["--boilerplate-threshold", "0.0"]);
    let strict = lines_kept(&["--boilerplate-threshold", "0.4"]);
    assert!(
        loose >= balanced && balanced >= strict,
        "{loose} {balanced} {strict}"
    );
    assert!(loose > strict, "the threshold changed nothing: {loose}");
    // The article's sentences stay at any threshold.
    assert!(strict >= 3);

    tamis()
        .arg("clean")
        .arg(&input)
        .args(["--boilerplate-threshold", "-0.5", "-o", "-"])
        .assert()
        .code(2);
    let config = write(
        dir.path(),
        "bad.toml",
        "[[stages]]\ntype = \"boilerplate\"\nthreshold = 7.0\n",
    );
    tamis()
        .arg("clean")
        .arg(&input)
        .arg("--config")
        .arg(&config)
        .args(["-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "7 is not a score: give a number from 0 to 1",
        ));
}

/// A rules file's parse error named the file's own `rules` table as the `--rules` flag
/// ("expected `disable` or --rules"): the file's names stay as written.
#[test]
fn a_rules_file_parse_error_keeps_the_file_s_own_names() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("extra.toml", "[[extra]]\nname = \"x\"\n"),
        ("extra.json", r#"{"extra": []}"#),
    ] {
        let file = write(dir.path(), name, content);
        tamis()
            .args(["clean", "-", "-o", "-", "--rules"])
            .arg(&file)
            .write_stdin(record("a", "Un texte."))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains("\"rules\""))
            .stderr(predicate::str::contains("--rules").not());
    }
}
