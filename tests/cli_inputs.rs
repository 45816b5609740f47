//! `tamis clean` reads every input form: JSONL, directories, .txt, lines, stdin, gz and zst.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::json;

const LYON: &str =
    "Les conducteurs de tramway de la métropole de Lyon ont cessé le travail ce mardi.";
const BERLIN: &str = "Der Bundestag hat am Donnerstag das neue Heizungsgesetz beschlossen.";
const MOSCOW: &str = "В Новосибирске открылась новая станция метро «Спортивная».";

#[test]
fn jsonl_round_trips_every_other_field_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = concat!(
        r#"{"url":"https://example.fr/a","id":"fr-1","text":"Les conducteurs  de tramway ont cessé le travail.","score":0.87,"tags":["grève","Lyon"],"nested":{"a":[1,null,true]},"empty":null}"#,
        "\n",
        r#"{"id":42,"text":"Der Bundestag hat beschlossen.","lang_hint":"de"}"#,
        "\n",
        r#"{"text":"Une dépêche sans identifiant.","source":"AFP"}"#,
        "\n"
    );
    let path = write(dir.path(), "news.jsonl", input);
    let out = dir.path().join("out.jsonl");
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        r#"{"id":"fr-1","text":"Les conducteurs de tramway ont cessé le travail.","url":"https://example.fr/a","score":0.87,"tags":["grève","Lyon"],"nested":{"a":[1,null,true]},"empty":null,"lang":"fra","lang_script":"Latin","lang_confidence":1.0}"#
    );
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    let keys = keys(&second);
    assert_eq!(
        keys,
        [
            "id",
            "text",
            "lang_hint",
            "lang",
            "lang_script",
            "lang_confidence"
        ]
    );
    assert_eq!(second["id"], "42");
    let third: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    assert_eq!(third["id"], format!("{}:3", path.display()));
    assert_eq!(third["source"], "AFP");
}

#[test]
fn custom_text_and_id_fields_are_read_and_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "crawl.jsonl",
        json!({"doc_id": "c-7", "content": "Hola  mundo, esto es una prueba.", "text": "not the text"}).to_string(),
    );
    let assert = tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "--text-field",
            "content",
            "--id-field",
            "doc_id",
            "-o",
            "-",
            "-q",
            "--no-lang",
        ])
        .arg(&path)
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(
        records,
        [
            json!({"doc_id": "c-7", "content": "Hola mundo, esto es una prueba.", "text": "not the text"})
        ]
    );
}

#[test]
fn directory_is_walked_in_sorted_order_with_relative_ids() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "b/zeta.txt", format!("date 2019-03 {BERLIN}"));
    write(
        &corpus,
        "a.jsonl",
        record("ru-1", MOSCOW) + &record("ru-2", "Второй документ."),
    );
    write(&corpus, "b/alpha.txt", LYON);
    write(&corpus, "c.txt.gz", gzip("Un texte compressé.".as_bytes()));
    write(
        &corpus,
        "d/e.jsonl",
        r#"{"text":"Une dépêche sans identifiant."}"#,
    );
    write(&corpus, "README.md", "# not a document");
    write(&corpus, ".hidden/secret.txt", "skipped");
    write(&corpus, ".draft.txt", "skipped too");
    let out = dir.path().join("out.jsonl");
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&corpus)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ignored 1 file that is neither .jsonl/.ndjson, .txt, .parquet nor web pages: README.md",
        ));
    let records = read_jsonl(&out);
    assert_eq!(
        ids(&records),
        ["ru-1", "ru-2", "b/alpha", "b/zeta", "c", "d/e.jsonl:1"]
    );
    assert_eq!(records[3]["date"], "2019-03");
    assert_eq!(records[3]["text"], BERLIN);
    assert_eq!(records[4]["text"], "Un texte compressé.");
}

#[test]
fn single_txt_file_is_one_document_with_its_header_moved_to_meta() {
    let dir = tempfile::tempdir().unwrap();
    let seed = format!(" date 2018-06 {LYON}\n\nLa Maison-Blanche discute d'une rencontre.\n");
    let path = write(dir.path(), "000_028b9dd5.txt", seed);
    let assert = tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&path)
        .args(["-o", "-", "-q", "--no-lang"])
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(
        records,
        [json!({
            "id": "000_028b9dd5",
            "text": format!("{LYON}\n\nLa Maison-Blanche discute d'une rencontre."),
            "date": "2018-06",
        })]
    );
}

#[test]
fn no_header_keeps_the_date_line_in_the_text() {
    let records = clean_stdin(&["--no-header"], format!("date 2018-06 {LYON}"));
    assert_eq!(records[0]["text"], format!("date 2018-06 {LYON}"));
    assert!(records[0].get("date").is_none());
}

#[test]
fn lines_format_makes_one_document_per_non_blank_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "sentences.txt",
        format!("{LYON}\n\n{BERLIN}\r\n{MOSCOW}\n"),
    );
    let assert = tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "--format",
            "lines",
            "-o",
            "-",
            "-q",
        ])
        .arg(&path)
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    let p = path.display();
    assert_eq!(
        ids(&records),
        [format!("{p}:1"), format!("{p}:3"), format!("{p}:4")]
    );
    assert_eq!(records[1]["text"], BERLIN);
}

#[test]
fn stdin_is_sniffed_as_jsonl_or_text_and_may_be_compressed() {
    let jsonl = record(
        "es-1",
        "El Ayuntamiento aprobó ayer la ampliación del metro.",
    );
    let assert = tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-", "-q"])
        .write_stdin(jsonl.clone())
        .assert()
        .success();
    assert_eq!(ids(&parse_jsonl(&assert.get_output().stdout)), ["es-1"]);

    let records = clean_stdin(&["--no-lang"], format!("date 2021-03-27 {MOSCOW}"));
    assert_eq!(
        records,
        [json!({"id": "stdin", "text": MOSCOW, "date": "2021-03-27"})]
    );

    for compressed in [gzip(jsonl.as_bytes()), zstd(jsonl.as_bytes())] {
        let assert = tamis()
            .args(["clean", "--min-words", "0", "-", "-o", "-", "-q"])
            .write_stdin(compressed)
            .assert()
            .success();
        assert_eq!(ids(&parse_jsonl(&assert.get_output().stdout)), ["es-1"]);
    }
}

#[test]
fn gzip_multi_member_and_zstd_files_are_decompressed_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let mut multi = gzip(record("a", LYON).as_bytes());
    multi.extend(gzip(record("b", BERLIN).as_bytes()));
    let gz = write(dir.path(), "part-0.jsonl.gz", multi);
    let zst = write(
        dir.path(),
        "part-1.jsonl.zst",
        zstd(record("c", MOSCOW).as_bytes()),
    );
    let assert = tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&gz)
        .arg(&zst)
        .args(["-o", "-", "-q"])
        .assert()
        .success();
    assert_eq!(
        ids(&parse_jsonl(&assert.get_output().stdout)),
        ["a", "b", "c"]
    );
}

#[test]
fn format_flag_overrides_the_extension_and_unknown_extensions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "dump.log", record("x", LYON));
    tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&path)
        .args(["-o", "-"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("dump.log: cannot tell the format")
                .and(predicate::str::contains("--format")),
        );
    let assert = tamis()
        .args([
            "clean",
            "--min-words",
            "0",
            "--format",
            "jsonl",
            "-o",
            "-",
            "-q",
        ])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(ids(&parse_jsonl(&assert.get_output().stdout)), ["x"]);
}

#[test]
fn byte_order_marks_and_crlf_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = format!(
        "\u{feff}{}\r\n{}",
        record("a", LYON).trim_end(),
        record("b", BERLIN)
    );
    let path = write(dir.path(), "bom.jsonl", jsonl);
    let assert = tamis()
        .args(["clean", "--min-words", "0"])
        .arg(&path)
        .args(["-o", "-", "-q"])
        .assert()
        .success();
    assert_eq!(ids(&parse_jsonl(&assert.get_output().stdout)), ["a", "b"]);
}
