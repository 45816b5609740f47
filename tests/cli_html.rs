//! HTML input: pages read from .html files, stdin and JSONL fields, their main text extracted
//! by the html stage, furniture accounted for in --explain and the stats.

mod common;

use std::path::{Path, PathBuf};

use common::{balanced_stats, parse_jsonl, read_jsonl, tamis, write};
use serde_json::Value;

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn page(name: &str) -> String {
    std::fs::read_to_string(pages().join(name)).unwrap()
}

fn by_id(records: &[Value], id: &str) -> Value {
    records
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no document {id} in {records:?}"))
        .clone()
}

/// Main-text sentences and furniture of each test page.
const EXPECTED: [(&str, &[&str], &[&str]); 3] = [
    (
        "fr-crue",
        &[
            "La Seine est montée de près de deux mètres en trois jours à Rouen.",
            "Nous n’avions pas vu un tel niveau depuis 2018",
            "Météo-France maintient la vigilance orange pour les crues sur la Seine aval.",
            "qui fera un nouveau point lundi matin.",
        ],
        &[
            "Accueil",
            "Partager sur Facebook",
            "Nous utilisons des cookies",
            "Lire aussi",
            "Courage aux riverains",
            "Les plus lus",
            "Le FC Rouen s’impose",
            "Recevez chaque matin",
            "Tous droits réservés",
            "Mentions légales",
            "window.dataLayer",
            "color: #333",
        ],
    ),
    (
        "de-rezept",
        &[
            "backe ich jedes Jahr den Apfelstrudel meiner Großmutter.",
            "1 kg säuerliche Äpfel, zum Beispiel Boskop",
            "Lauwarm mit Vanillesoße oder Schlagsahne servieren.",
        ],
        &[
            "Startseite",
            "Twittern",
            "Das könnte dich auch interessieren",
            "Kaiserschmarrn mit Apfelmus",
            "Melde dich für meinen Newsletter an",
            "Impressum",
        ],
    ),
    (
        "es-noticia",
        &[
            "El pleno municipal aprobó el jueves",
            "La obra costará 1,2 millones de euros",
            "una mejora esperada desde hace años.",
        ],
        &["Portada", "Hemeroteca", "Política de privacidad"],
    ),
];

fn assert_main_text(records: &[Value], text_field: &str) {
    for (id, kept, removed) in EXPECTED {
        let text = by_id(records, id)[text_field].as_str().unwrap().to_owned();
        for sentence in kept {
            assert!(
                text.contains(sentence),
                "{id}: lost {sentence:?} in\n{text}"
            );
        }
        for furniture in removed {
            assert!(
                !text.contains(furniture),
                "{id}: kept {furniture:?} in\n{text}"
            );
        }
        assert!(!text.contains('<'), "{id}: markup left in\n{text}");
    }
}

#[test]
fn html_files_in_a_directory_give_their_main_text_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let stats = dir.path().join("stats.json");
    tamis()
        .arg("clean")
        .arg(pages())
        .args(["--min-words", "0", "--no-dedup", "-q", "-o"])
        .arg(&out)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    let records = read_jsonl(&out);
    assert_eq!(records.len(), 3);
    assert_main_text(&records, "text");
    assert_eq!(
        by_id(&records, "fr-crue")["title"],
        "Crue de la Seine : les quais bas de Rouen fermés jusqu’à lundi – Le Courrier normand"
    );
    assert_eq!(by_id(&records, "de-rezept")["lang"], "deu");
    assert_eq!(by_id(&records, "es-noticia")["lang"], "spa");
    // The French page went through typography as usual: guillemets with no-break spaces.
    assert!(
        by_id(&records, "fr-crue")["text"]
            .as_str()
            .unwrap()
            .contains("«\u{a0}Nous")
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["stages"]["html"]["pages"], 3);
    assert!(stats["stages"]["html"]["html.nav"].as_u64().unwrap() >= 5);
    assert!(stats["stages"]["html"]["html.comments"].as_u64().unwrap() >= 2);
}

#[test]
fn explain_lists_every_block_left_out_with_its_rule_and_score() {
    let dir = tempfile::tempdir().unwrap();
    let explain = dir.path().join("explain.jsonl");
    tamis()
        .arg("clean")
        .arg(pages().join("fr-crue.html"))
        .args(["--no-dedup", "-q", "-o"])
        .arg(dir.path().join("out.jsonl"))
        .arg("--explain")
        .arg(&explain)
        .assert()
        .success();
    let removals = read_jsonl(&explain);
    let rule_of = |text: &str| {
        removals
            .iter()
            .find(|r| r["text"].as_str().unwrap().starts_with(text))
            .map(|r| r["rule"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{text:?} not explained in {removals:?}"))
    };
    assert_eq!(rule_of("Accueil"), "html.nav");
    assert_eq!(rule_of("Partager sur Facebook"), "html.share");
    assert_eq!(rule_of("Marie R."), "html.comments");
    assert_eq!(rule_of("© 2024 Le Courrier normand"), "html.footer");
    assert_eq!(rule_of("Le FC Rouen"), "html.aside");
    for removal in &removals {
        assert_eq!(removal["id"], "fr-crue");
        if removal["rule"].as_str().unwrap().starts_with("html.") {
            let why = removal["why"][0].as_str().unwrap();
            assert!(why.starts_with("score 0."), "{removal}");
        }
    }
}

#[test]
fn explain_with_no_boilerplate_lists_the_blocks_of_pages_and_is_refused_without_pages() {
    let dir = tempfile::tempdir().unwrap();
    let explain = dir.path().join("explain.jsonl");
    tamis()
        .arg("clean")
        .arg(pages().join("fr-crue.html"))
        .args(["--no-dedup", "--no-boilerplate", "-q", "-o"])
        .arg(dir.path().join("out.jsonl"))
        .arg("--explain")
        .arg(&explain)
        .assert()
        .success();
    let removals = read_jsonl(&explain);
    assert!(
        removals
            .iter()
            .any(|r| r["text"] == "Accueil" && r["rule"] == "html.nav"),
        "{removals:?}"
    );
    assert!(
        removals
            .iter()
            .all(|r| r["rule"].as_str().unwrap().starts_with("html.")),
        "only the html stage removes blocks: {removals:?}"
    );
    // Plain text: nothing would be removed, so the pair is refused, saying what to do.
    write(
        dir.path(),
        "plain.jsonl",
        "{\"id\":\"a\",\"text\":\"Le conseil municipal a voté le budget hier soir.\"}\n",
    );
    tamis()
        .current_dir(dir.path())
        .args(["clean", "plain.jsonl", "-o", "o.jsonl", "--no-boilerplate"])
        .args(["--explain", "why.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot be used with '--no-boilerplate'",
        ))
        .stderr(predicates::str::contains("--extract-html"));
    assert!(!dir.path().join("o.jsonl").exists());
}

#[test]
fn a_page_of_furniture_only_is_dropped_as_empty_and_a_tricky_one_read_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "menu.html",
        "<html><body><nav><a href=/>Accueil</a> <a href=/sport>Sport</a></nav>\
         <footer>© 2024 Le Journal</footer></body></html>",
    );
    write(
        dir.path(),
        "tricky.html",
        "<html><body><article><p>Le conseil municipal a voté le budget mardi soir, après trois \
         heures de débat et deux suspensions de séance.</p>\
         <select><style>.x{}</style></select>\
         <p>Le maire a promis de publier le détail des dépenses avant la fin du mois, poste par \
         poste, sur le site de la ville.</p></article></body></html>",
    );
    let stats = dir.path().join("stats.json");
    let rejects = dir.path().join("rejects.jsonl");
    let out = dir.path().join("out.jsonl");
    tamis()
        .arg("clean")
        .arg(dir.path().join("menu.html"))
        .arg(dir.path().join("tricky.html"))
        .args(["--no-dedup", "--min-words", "0", "-q", "-o"])
        .arg(&out)
        .arg("--stats")
        .arg(&stats)
        .arg("--rejects")
        .arg(&rejects)
        .assert()
        .success();
    let stats = balanced_stats(&stats);
    assert_eq!(stats["stages"]["html"]["no_main_text"], 1, "{stats}");
    assert_eq!(stats["dropped"]["empty"], 1, "{stats}");
    assert!(
        stats["stages"]["html"].get("read_stopped_early").is_none(),
        "{stats}"
    );
    let rejected = read_jsonl(&rejects);
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["reason"], "empty");
    let records = read_jsonl(&out);
    assert_eq!(records.len(), 1);
    assert!(
        records[0]["text"]
            .as_str()
            .unwrap()
            .ends_with("sur le site de la ville."),
        "{records:?}"
    );
}

#[test]
fn pages_in_a_jsonl_field_are_extracted_and_plain_text_passes_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let plain = "Le conseil municipal a voté le budget mardi soir, après trois heures de débats \
                 sur la piscine, les écoles et la rénovation de la halle du marché couvert.";
    let lines = [
        serde_json::json!({"id": "page", "url": "https://example.org/crue", "html": page("fr-crue.html")}),
        serde_json::json!({"id": "plain", "html": plain}),
    ];
    let input = write(
        dir.path(),
        "crawl.jsonl",
        lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
    );
    let stats = dir.path().join("stats.json");
    let output = tamis()
        .arg("clean")
        .arg(&input)
        .args([
            "--extract-html",
            "--text-field",
            "html",
            "--min-words",
            "0",
            "--no-dedup",
            "-q",
            "-o",
            "-",
            "--stats",
        ])
        .arg(&stats)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let records = parse_jsonl(&output.stdout);
    let page = by_id(&records, "page");
    assert_eq!(page["url"], "https://example.org/crue");
    assert!(
        page["html"]
            .as_str()
            .unwrap()
            .starts_with("Crue de la Seine")
    );
    assert!(!page["html"].as_str().unwrap().contains("Accueil"));
    assert_eq!(by_id(&records, "plain")["html"], plain);
    let stats = balanced_stats(&stats);
    assert_eq!(stats["stages"]["html"]["pages"], 1);
    assert_eq!(stats["stages"]["html"]["not_html"], 1);
}

#[test]
fn format_html_reads_a_page_from_stdin() {
    let output = tamis()
        .args([
            "clean",
            "-",
            "--format",
            "html",
            "--min-words",
            "0",
            "--no-dedup",
            "-q",
        ])
        .args(["-o", "-"])
        .write_stdin(page("de-rezept.html"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let records = parse_jsonl(&output.stdout);
    assert_eq!(records.len(), 1);
    let text = records[0]["text"].as_str().unwrap();
    assert!(text.contains("Den Strudel bei 190 Grad etwa 40 Minuten backen"));
    assert!(!text.contains("Impressum"));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let run = |threads: &str| {
        let out = dir.path().join(format!("out-{threads}.jsonl"));
        let explain = dir.path().join(format!("explain-{threads}.jsonl"));
        tamis()
            .arg("clean")
            .arg(pages())
            .args(["-q", "--threads", threads, "-o"])
            .arg(&out)
            .arg("--explain")
            .arg(&explain)
            .assert()
            .success();
        (std::fs::read(out).unwrap(), std::fs::read(explain).unwrap())
    };
    assert_eq!(run("1"), run("3"));
}

#[test]
fn a_page_without_the_html_stage_in_a_pipeline_file_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "plain.toml",
        "[[stages]]\ntype = \"language\"\n",
    );
    let output = tamis()
        .arg("clean")
        .arg(pages().join("es-noticia.html"))
        .arg("--config")
        .arg(&config)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("es-noticia.html holds web pages"),
        "{message}"
    );
    assert!(message.contains("type = \"html\""), "{message}");

    let with_html = write(
        dir.path(),
        "html.toml",
        "[[stages]]\ntype = \"html\"\nthreshold = 0.3\n\n[[stages]]\ntype = \"language\"\n",
    );
    tamis()
        .arg("clean")
        .arg(pages().join("es-noticia.html"))
        .arg("--config")
        .arg(&with_html)
        .args(["-q", "-o", "-"])
        .assert()
        .success()
        .stdout(predicates::str::contains("carril bici"));
}

#[test]
fn html_stage_listed_after_another_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "late.toml",
        "[[stages]]\ntype = \"repair\"\n\n[[stages]]\ntype = \"html\"\n",
    );
    tamis()
        .arg("clean")
        .arg(pages())
        .arg("--config")
        .arg(&config)
        .args(["-o", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("comes first"));
}

#[test]
fn extract_threshold_out_of_range_is_refused() {
    tamis()
        .arg("clean")
        .arg(pages())
        .args(["--extract-threshold", "1.5", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("1.5 is not between 0 and 1"));
}

#[test]
fn a_higher_threshold_keeps_less_of_the_page() {
    let words = |threshold: &str| {
        let output = tamis()
            .arg("clean")
            .arg(pages().join("fr-crue.html"))
            .args([
                "--extract-threshold",
                threshold,
                "--min-words",
                "0",
                "--no-dedup",
            ])
            .args(["-q", "-o", "-"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let records = parse_jsonl(&output.stdout);
        records.first().map_or(0, |r| {
            r["text"].as_str().unwrap().split_whitespace().count()
        })
    };
    let (loose, default, strict) = (words("0.01"), words("0.3"), words("0.99"));
    assert!(loose > default, "{loose} <= {default}");
    assert!(default > strict, "{default} <= {strict}");
}

#[test]
fn a_page_in_a_legacy_charset_is_decoded_by_its_meta_charset() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"windows-1251\">\
        <title>Погода в Москве</title></head><body><nav><a href=\"/\">Главная</a></nav>\
        <article><p>В понедельник в Москве ожидается до пяти градусов тепла, небольшой дождь \
        и порывистый ветер, сообщили синоптики Гидрометцентра.</p><p>К среде температура \
        опустится ниже нуля, а в выходные в столице выпадет первый снег.</p></article></body></html>";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(html);
    assert!(!unmappable);
    let page = write(dir.path(), "pogoda.html", bytes);
    let stats = dir.path().join("stats.json");
    let output = tamis()
        .arg("clean")
        .arg(&page)
        .args(["--min-words", "0", "--no-dedup", "-q", "-o", "-", "--stats"])
        .arg(&stats)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let records = parse_jsonl(&output.stdout);
    let text = records[0]["text"].as_str().unwrap();
    assert!(text.contains("В понедельник в Москве ожидается"), "{text}");
    assert!(!text.contains("Главная"), "{text}");
    assert_eq!(records[0]["title"], "Погода в Москве");
    assert_eq!(records[0]["lang"], "rus");
    assert_eq!(balanced_stats(&stats)["invalid_utf8_documents"], 0);
}

/// A WARC record of `kind` with `block`, as crawlers write them.
fn warc_record(kind: &str, url: &str, id: &str, block: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n\
         WARC-Date: 2024-02-03T18:12:00Z\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

fn http_page(page: &str) -> Vec<u8> {
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n".to_vec();
    http.extend_from_slice(page.as_bytes());
    http
}

fn crawl() -> Vec<u8> {
    [
        warc_record("warcinfo", "", "0", b"software: test-crawler\r\n"),
        warc_record(
            "request",
            "https://courrier.example/crue",
            "1",
            b"GET /crue HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://courrier.example/crue",
            "2",
            &http_page(&page("fr-crue.html")),
        ),
        warc_record(
            "response",
            "https://courrier.example/old",
            "3",
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: /crue\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://courrier.example/logo.png",
            "4",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
        ),
        warc_record(
            "response",
            "https://kuechen.example/strudel",
            "5",
            &http_page(&page("de-rezept.html")),
        ),
    ]
    .concat()
}

#[test]
fn a_warc_file_gives_one_document_per_html_response_and_counts_the_other_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "crawl.warc.gz", common::gzip(&crawl()));
    let stats = dir.path().join("stats.json");
    let out = dir.path().join("out.jsonl");
    tamis()
        .arg("clean")
        .arg(&input)
        .args(["--min-words", "0", "-q", "-o"])
        .arg(&out)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    let records = read_jsonl(&out);
    assert_eq!(common::ids(&records), ["<urn:uuid:2>", "<urn:uuid:5>"]);
    assert_eq!(records[0]["url"], "https://courrier.example/crue");
    assert_eq!(records[0]["date"], "2024-02-03T18:12:00Z");
    assert!(
        records[0]["text"]
            .as_str()
            .unwrap()
            .contains("Météo-France maintient la vigilance orange")
    );
    assert!(!records[1]["text"].as_str().unwrap().contains("Impressum"));
    let stats = balanced_stats(&stats);
    assert_eq!(stats["documents_in"], 2);
    let warc = &stats["stages"]["warc"];
    assert_eq!(warc["skipped_not_response"], 2, "{stats}");
    assert_eq!(warc["skipped_status"], 1);
    assert_eq!(warc["skipped_not_html"], 1);
}

/// Common Crawl's WET file: a warcinfo record, then one conversion record per page.
fn wet() -> Vec<u8> {
    let conversion = |url: &str, id: &str, text: &str| {
        let mut record = warc_record("conversion", url, id, text.as_bytes());
        // WET records carry `text/plain`, not `application/http`.
        let at = record
            .windows(7)
            .position(|w| w == b"Content")
            .expect("a Content-Type header");
        let end = at + record[at..].iter().position(|&b| b == b'\r').unwrap();
        record.splice(at..end, b"Content-Type: text/plain".iter().copied());
        record
    };
    [
        warc_record("warcinfo", "", "0", b"isPartOf: CC-MAIN-2024-10\r\n"),
        conversion(
            "https://courrier.example/crue",
            "w1",
            "Crue de la Loire : la vigilance orange maintenue\nMétéo-France maintient la vigilance orange pour le département, où la Loire doit atteindre son pic samedi soir.",
        ),
        conversion(
            "https://kuechen.example/strudel",
            "w2",
            "Apfelstrudel wie bei Oma\nDen Teig hauchdünn ausziehen, mit Butter bestreichen und die Äpfel darauf verteilen.",
        ),
    ]
    .concat()
}

#[test]
fn a_wet_file_gives_one_plain_text_document_per_conversion_record() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "CC-MAIN-1.warc.wet.gz", common::gzip(&wet()));
    let stats = dir.path().join("stats.json");
    let out = dir.path().join("out.jsonl");
    // Plain text: no --extract-html needed, none asked for.
    tamis()
        .arg("clean")
        .arg(&input)
        .args(["--min-words", "0", "-q", "-o"])
        .arg(&out)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    let records = read_jsonl(&out);
    assert_eq!(common::ids(&records), ["<urn:uuid:w1>", "<urn:uuid:w2>"]);
    assert_eq!(records[0]["url"], "https://courrier.example/crue");
    assert_eq!(records[0]["date"], "2024-02-03T18:12:00Z");
    assert_eq!(records[0]["lang"], "fra");
    assert!(
        records[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Apfelstrudel wie bei Oma\nDen Teig")
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["documents_in"], 2);
    assert_eq!(
        stats["stages"]["warc"]["skipped_not_response"], 1,
        "the warcinfo record"
    );
    // From stdin, or under another name, --format wet says how to read it.
    let renamed = write(dir.path(), "crawl-text.gz", common::gzip(&wet()));
    let assert = tamis()
        .arg("clean")
        .arg(&renamed)
        .args(["--format", "wet", "--min-words", "0", "-q", "-o", "-"])
        .assert()
        .success();
    assert_eq!(
        common::ids(&parse_jsonl(&assert.get_output().stdout)).len(),
        2
    );
}

#[test]
fn a_truncated_warc_file_keeps_its_whole_records_or_fails_with_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let whole = crawl();
    let input = write(dir.path(), "cut.warc", &whole[..whole.len() - 500]);
    // Skip (the default): the records before the cut are read, the cut one counted.
    let output = tamis()
        .arg("clean")
        .arg(&input)
        .args(["--min-words", "0", "-o", "-"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(common::ids(&parse_jsonl(&output.stdout)), ["<urn:uuid:2>"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 malformed WARC record(s)"));
    // Fail: the run stops, naming the file and the record's byte offset; nothing written.
    let output = tamis()
        .arg("clean")
        .arg(&input)
        .args(["--on-bad-input", "fail", "-q", "-o"])
        .arg(dir.path().join("out.jsonl"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("cut.warc"), "{message}");
    assert!(
        message.contains("the file ends inside a WARC record"),
        "{message}"
    );
    assert!(message.contains("at byte"), "{message}");
    assert!(!dir.path().join("out.jsonl").exists());
}

#[test]
fn detect_reads_the_main_text_of_pages_and_dedup_leaves_them_aside() {
    let output = tamis()
        .arg("detect")
        .arg(pages())
        .arg("-q")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let records = parse_jsonl(&output.stdout);
    let langs: Vec<&str> = records
        .iter()
        .map(|r| r["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["deu", "spa", "fra"]);

    // Near-duplicates alone run no html stage: pages in a directory are ignored with a note,
    // as files tamis does not read, rather than compared as raw markup.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        pages().join("fr-crue.html"),
        dir.path().join("fr-crue.html"),
    )
    .unwrap();
    write(
        dir.path(),
        "docs.jsonl",
        "{\"id\":\"a\",\"text\":\"Le conseil municipal a voté le budget mardi soir.\"}\n",
    );
    let output = tamis()
        .arg("dedup")
        .arg(dir.path())
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(parse_jsonl(&output.stdout).len(), 1);
    let notes = String::from_utf8_lossy(&output.stderr);
    assert!(notes.contains("ignored 1 file of web pages"), "{notes}");
}

#[test]
fn web_pages_on_stdin_without_the_html_stage_are_refused_with_the_flags_to_use() {
    let output = tamis()
        .args(["clean", "-", "-o", "-"])
        .write_stdin(crawl())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("a WARC archive"), "{message}");
    assert!(message.contains("--format warc"), "{message}");
    let output = tamis()
        .args([
            "clean",
            "-",
            "--format",
            "warc",
            "--min-words",
            "0",
            "-q",
            "-o",
            "-",
        ])
        .write_stdin(crawl())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(parse_jsonl(&output.stdout).len(), 2);
}

#[test]
fn a_truncated_warc_gz_fails_naming_the_file_instead_of_hanging() {
    // The gzip stream ends early: its decoder fails on every read, so it must stop the run (it
    // once looped for ever, counting a malformed record at each failed read).
    let dir = tempfile::tempdir().unwrap();
    let whole = common::gzip(&crawl());
    let input = write(dir.path(), "cut.warc.gz", &whole[..whole.len() - 12]);
    let output = tamis()
        .arg("clean")
        .arg(&input)
        .args(["--min-words", "0", "-q", "-o"])
        .arg(dir.path().join("out.jsonl"))
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("cut.warc.gz"), "{message}");
    assert!(message.contains("truncated or corrupt gzip"), "{message}");
    assert!(!dir.path().join("out.jsonl").exists());
}

#[test]
fn under_skip_a_malformed_warc_record_is_counted_and_reading_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let whole = crawl();
    // Garbage where the second record (the request) starts.
    let at = memchr_find(&whole, b"WARC/1.0\r\nWARC-Type: request").unwrap();
    let mut damaged = whole[..at].to_vec();
    damaged.extend_from_slice(b"HTTP/1.1 garbage left by a broken writer\r\n\r\n");
    damaged.extend_from_slice(&whole[at + 10..]);
    let input = write(dir.path(), "damaged.warc", &damaged);
    let stats = dir.path().join("stats.json");
    let output = tamis()
        .arg("clean")
        .arg(&input)
        .args(["--min-words", "0", "-o", "-", "--stats"])
        .arg(&stats)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(parse_jsonl(&output.stdout).len(), 2);
    let notes = String::from_utf8_lossy(&output.stderr);
    assert!(
        notes.contains("1 malformed WARC record(s) skipped"),
        "{notes}"
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["stages"]["warc"]["malformed_records"], 1, "{stats}");

    tamis()
        .arg("clean")
        .arg(&input)
        .args(["--on-bad-input", "fail", "-q", "-o", "-"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("expected a WARC record"));
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
