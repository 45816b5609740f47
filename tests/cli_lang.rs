//! Language detection in `tamis clean` and `tamis detect`: fields, filter, allow-list, `und`.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::json;

/// One real-looking news sentence per corpus language, with the expected code.
const SENTENCES: [(&str, &str); 9] = [
    (
        "fra",
        "Le conseil régional a adopté jeudi un budget de 1,9 milliard d'euros pour l'année prochaine.",
    ),
    (
        "eng",
        "Residents had objected to the extra lorry traffic, and the approval comes with strict conditions on deliveries at night.",
    ),
    (
        "rus",
        "Областная дума приняла бюджет на следующий год в первом чтении после долгих споров.",
    ),
    (
        "deu",
        "Die Koalitionsgespräche sollen bereits in der kommenden Woche beginnen, teilte die Partei mit.",
    ),
    (
        "spa",
        "Los trabajos comenzarán en otoño y durarán unos treinta meses, según el ayuntamiento.",
    ),
    (
        "ita",
        "Le scuole resteranno chiuse anche oggi, mentre i vaporetti circolano con orari ridotti.",
    ),
    (
        "por",
        "Os produtores do Douro alertam para o aumento dos custos de produção e a falta de mão de obra.",
    ),
    (
        "ara",
        "وتوقعت الأرصاد الجوية استمرار الطقس غير المستقر حتى نهاية الأسبوع مع انخفاض في درجات الحرارة.",
    ),
    (
        "cmn",
        "博物馆负责人介绍，新馆实行免费预约参观，周一闭馆，节假日将适当延长开放时间。",
    ),
];

fn multilingual_jsonl() -> String {
    let mut jsonl: String = SENTENCES
        .iter()
        .map(|(lang, text)| record(&format!("{lang}-1"), text))
        .collect();
    jsonl.push_str(&record("short", "OK !"));
    jsonl
}

#[test]
fn clean_writes_language_fields_for_every_document() {
    let records = clean_stdin(&[], multilingual_jsonl());
    assert_eq!(records.len(), 10);
    for (record, (lang, _)) in records.iter().zip(SENTENCES) {
        assert_eq!(record["lang"], lang, "{record}");
        assert!(
            record["lang_confidence"].as_f64().unwrap() > 0.2,
            "{record}"
        );
    }
    assert_eq!(records[7]["lang_script"], "Arabic");
    assert_eq!(records[8]["lang_script"], "Mandarin");
    assert_eq!(records[9]["lang"], "und");
    let keys = keys(&records[0]);
    assert_eq!(
        keys,
        ["id", "text", "lang", "lang_script", "lang_confidence"]
    );
}

#[test]
fn lang_filter_accepts_codes_and_names_and_counts_what_it_drops() {
    let dir = tempfile::tempdir().unwrap();
    for list in ["fr,de", "fra,deu", "French,german", "FR, deu"] {
        let stats = dir.path().join("stats.json");
        let assert = tamis()
            .args([
                "clean",
                "--min-words",
                "0",
                "-",
                "-o",
                "-",
                "-q",
                "--lang",
                list,
                "--stats",
            ])
            .arg(&stats)
            .write_stdin(multilingual_jsonl())
            .assert()
            .success();
        assert_eq!(
            ids(&parse_jsonl(&assert.get_output().stdout)),
            ["fra-1", "deu-1"],
            "{list}"
        );
        let stats = balanced_stats(&stats);
        assert_eq!(stats["dropped"]["language"], 8, "{list}");
        assert_eq!(stats["stages"]["lang"]["cmn"], 1);
        assert_eq!(stats["stages"]["lang"]["und"], 1);
    }
    let assert = tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "-o",
            "-",
            "-q",
            "--lang",
            "zh,und",
        ])
        .write_stdin(multilingual_jsonl())
        .assert()
        .success();
    assert_eq!(
        ids(&parse_jsonl(&assert.get_output().stdout)),
        ["cmn-1", "short"]
    );
}

#[test]
fn unknown_language_codes_are_usage_errors_listing_the_supported_ones() {
    for flag in ["--lang", "--lang-allowlist"] {
        tamis()
            .args([
                "clean",
                "--min-words",
                "0",
                "-",
                "-o",
                "-",
                flag,
                "fr,klingon",
            ])
            .write_stdin(multilingual_jsonl())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("unknown language \"klingon\""))
            .stderr(predicate::str::contains("fra (fr, French)"));
    }
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "-o",
            "-",
            "--min-lang-confidence",
            "2",
        ])
        .write_stdin(multilingual_jsonl())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("between 0 and 1"));
}

#[test]
fn the_allowlist_narrows_candidates_without_filtering() {
    // Bokmål written the Danish way is still one of the two allowed languages; nothing is dropped.
    let norwegian = "Regjeringen la fram forslaget til statsbudsjett for neste år, og opposisjonen kritiserte det.";
    let jsonl = record("no-1", norwegian) + &record("fr-1", SENTENCES[0].1);
    let records = clean_stdin(&["--lang-allowlist", "nb,sv"], jsonl);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["lang"], "nob");
    assert!(["nob", "swe", "und"].contains(&records[1]["lang"].as_str().unwrap()));
}

#[test]
fn min_confidence_zero_always_guesses_for_text_with_letters() {
    let jsonl = record("short", "Merci !") + &record("digits", "12:35 — 2018");
    let assert = tamis()
        .args(["detect", "-", "-q", "--min-lang-confidence", "0"])
        .write_stdin(jsonl.clone())
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_ne!(records[0]["lang"], "und");
    assert_eq!(records[1]["lang"], "und");
    let assert = tamis()
        .args(["detect", "-", "-q"])
        .write_stdin(jsonl)
        .assert()
        .success();
    assert_eq!(parse_jsonl(&assert.get_output().stdout)[0]["lang"], "und");
}

#[test]
fn no_lang_skips_detection() {
    let records = clean_stdin(&["--no-lang"], multilingual_jsonl());
    assert!(records.iter().all(|r| r.get("lang").is_none()));
    tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "-",
            "-o",
            "-",
            "--no-lang",
            "--lang",
            "fr",
        ])
        .assert()
        .code(2);
}

#[test]
fn an_input_lang_field_is_replaced_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    let jsonl = json!({"id": "x", "lang": "en", "text": SENTENCES[0].1, "url": "u"}).to_string();
    let assert = tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-", "-q", "--stats"])
        .arg(&stats)
        .write_stdin(jsonl)
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(records[0]["lang"], "fra");
    let keys = keys(&records[0]);
    assert_eq!(
        keys,
        [
            "id",
            "text",
            "lang",
            "url",
            "lang_script",
            "lang_confidence"
        ]
    );
    assert_eq!(
        balanced_stats(&stats)["stages"]["lang"]["replaced_input_field"],
        1
    );
}

#[test]
fn detect_writes_one_line_per_document_as_json_or_tsv() {
    let jsonl = multilingual_jsonl() + &record("empty", "  ");
    let assert = tamis()
        .args(["detect", "-", "-q"])
        .write_stdin(jsonl.clone())
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(records.len(), 11);
    assert_eq!(
        records[0],
        json!({"id": "fra-1", "lang": "fra", "lang_script": "Latin", "lang_confidence": records[0]["lang_confidence"]})
    );
    assert_eq!(
        records[10],
        json!({"id": "empty", "lang": "und", "lang_script": null, "lang_confidence": 0.0})
    );

    let assert = tamis()
        .args(["detect", "-", "-q", "--output-format", "tsv"])
        .write_stdin(jsonl)
        .assert()
        .success();
    let tsv = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0], "id\tlang\tlang_script\tlang_confidence");
    assert!(lines[2].starts_with("eng-1\teng\tLatin\t"), "{}", lines[2]);
    assert_eq!(lines[11], "empty\tund\t\t0.0");
}

#[test]
fn detect_output_is_identical_whatever_the_thread_count() {
    let mut jsonl = String::new();
    for i in 0..3_000 {
        let (_, text) = SENTENCES[i % SENTENCES.len()];
        jsonl.push_str(&record(&i.to_string(), &format!("{text} {i}")));
    }
    let run = |threads: &str| {
        tamis()
            .args(["detect", "-", "-q", "--threads", threads])
            .write_stdin(jsonl.clone())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run("1"), run("4"));
}

/// A sure guess on the first 512 bytes ends detection; `--lang-first-sample-bytes 0` reads the
/// full sample, as does a first sample as large as it.
#[test]
fn the_first_sample_flag_decides_how_much_is_read() {
    let german = "Der Streik der Lokführergewerkschaft hat am Montag den Fernverkehr der Bahn \
                  lahmgelegt, und viele Pendler mussten auf das Auto umsteigen. ";
    let russian = "Сильнейший за последние десять лет снегопад парализовал движение в \
                   Екатеринбурге, и многие жители не смогли добраться до работы. ";
    let text = format!("{}{}", german.repeat(4), russian.repeat(20));
    let lang = |flags: &[&str]| {
        let assert = tamis()
            .args(["detect", "-", "-q"])
            .args(flags)
            .write_stdin(record("mixed", &text))
            .assert()
            .success();
        parse_jsonl(&assert.get_output().stdout)[0]["lang"].clone()
    };
    assert_eq!(lang(&[]), "deu");
    assert_eq!(lang(&["--lang-first-sample-bytes", "0"]), "rus");
    assert_eq!(lang(&["--lang-first-sample-bytes", "2048"]), "rus");
}
