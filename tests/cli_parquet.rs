//! Parquet input and output: a Hugging Face–style dataset directory cleaned like the same data
//! as JSONL, columns passed through with their types, and every kind of bad Parquet input
//! refused or counted with a message naming the file.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use common::{balanced_stats, parse_jsonl, read_jsonl, tamis, write};
use serde_json::{Value, json};

/// FineWeb-like rows: multilingual news text with boilerplate, typed metadata, a null url.
fn rows() -> Vec<Value> {
    let texts = [
        (
            "fr",
            "Les pêcheurs bretons craignent une nouvelle baisse des quotas de sole et de merlu pour l'an prochain. Bruxelles doit trancher avant la fin du mois.\nÀ Lorient, premier port de pêche fraîche du pays, les armateurs estiment qu’une réduction de 20 % mettrait en péril une vingtaine de navires.\nPartager sur Facebook",
        ),
        (
            "de",
            "Der Stadtrat hat am Dienstag den neuen Haushalt für das kommende Jahr beschlossen. Die Ausgaben für Schulen und Kindergärten steigen deutlich.\nDie Opposition kritisierte die hohe Neuverschuldung und kündigte Widerstand an.\nLesen Sie auch: Wie die Stadt ihre Schulden abbauen will",
        ),
        (
            "es",
            "El paro bajó en 48.000 personas en el último trimestre, según los datos publicados este jueves por el Instituto Nacional de Estadística.\nLos sindicatos advierten de que gran parte del empleo creado es temporal y mal pagado.",
        ),
        (
            "en",
            "The harbour authority confirmed on Monday that the new ferry terminal will open in the spring, two years later than planned.\nLocal businesses say the delay has cost them thousands of visitors each summer.\nShare this article",
        ),
        (
            "it",
            "Il consiglio comunale ha approvato il piano per la nuova pista ciclabile lungo il lago, che collegherà i due paesi entro la fine dell'anno prossimo.\nI commercianti del centro temono la perdita di parcheggi.",
        ),
    ];
    let mut rows = Vec::new();
    for copy in 0..2 {
        for (i, (lang, text)) in texts.iter().enumerate() {
            let n = copy * texts.len() + i;
            // The second copy repeats the first: near-duplicates for the dedup stage.
            rows.push(json!({
                "text": text,
                "id": format!("<urn:uuid:{n:08}-fw>"),
                "dump": "CC-MAIN-2024-10",
                "url": if n == 3 { Value::Null } else { json!(format!("https://example.{lang}/a/{n}")) },
                "date": format!("2024-02-{:02}T10:30:00", n + 1),
                "language_score": 0.9 + n as f64 / 100.0,
                "token_count": 40 + n as i64,
                "tags": [lang, "news"],
            }));
        }
    }
    rows
}

fn fineweb_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("text", DataType::Utf8, true),
        Field::new("id", DataType::Utf8, true),
        Field::new("dump", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("date", DataType::Timestamp(TimeUnit::Second, None), true),
        Field::new("language_score", DataType::Float64, true),
        Field::new("token_count", DataType::Int64, true),
        Field::new(
            "tags",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            true,
        ),
    ]))
}

/// Writes `rows` as a Parquet file of `schema`, `per_group` rows per row group.
fn write_parquet(path: &Path, schema: &SchemaRef, rows: &[Value], per_group: usize) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::File::create(path).unwrap();
    let properties = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_size(per_group)
        .build();
    let mut writer =
        parquet::arrow::ArrowWriter::try_new(file, Arc::clone(schema), Some(properties)).unwrap();
    let mut decoder = arrow_json::ReaderBuilder::new(Arc::clone(schema))
        .with_coerce_primitive(true)
        .build_decoder()
        .unwrap();
    let lines: String = rows.iter().map(|r| r.to_string() + "\n").collect();
    let mut rest = lines.as_bytes();
    while !rest.is_empty() {
        let read = decoder.decode(rest).unwrap();
        rest = &rest[read..];
        if let Some(batch) = decoder.flush().unwrap() {
            writer.write(&batch).unwrap();
        }
    }
    writer.close().unwrap();
}

/// The rows of a Parquet file as JSON records (nulls left out), and its schema.
fn read_parquet(path: &Path) -> (Vec<Value>, SchemaRef) {
    let file = std::fs::File::open(path).unwrap();
    let builder =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let schema = Arc::clone(builder.schema());
    let mut writer = arrow_json::LineDelimitedWriter::new(Vec::new());
    for batch in builder.build().unwrap() {
        writer.write(&batch.unwrap()).unwrap();
    }
    writer.finish().unwrap();
    (parse_jsonl(&writer.into_inner()), schema)
}

fn jsonl(rows: &[Value]) -> String {
    rows.iter()
        .map(|r| {
            let mut r = r.clone();
            r.as_object_mut().unwrap().retain(|_, v| !v.is_null());
            r.to_string() + "\n"
        })
        .collect()
}

/// A dataset laid out as on the Hugging Face hub: a README, `data/train-0000N-of-00002.parquet`.
fn hub_dataset(dir: &Path) -> PathBuf {
    let root = dir.join("dataset");
    let rows = rows();
    let schema = fineweb_schema();
    write(
        &root,
        "README.md",
        "---\nlicense: odc-by\n---\n# A small crawl\n",
    );
    write_parquet(
        &root.join("data/train-00000-of-00002.parquet"),
        &schema,
        &rows[..6],
        4,
    );
    write_parquet(
        &root.join("data/train-00001-of-00002.parquet"),
        &schema,
        &rows[6..],
        4,
    );
    root
}

/// The stats that do not depend on the input's format.
fn comparable(stats: &Value) -> Value {
    let mut stats = stats.clone();
    let object = stats.as_object_mut().unwrap();
    object.remove("seconds");
    stats
}

fn sorted(mut records: Vec<Value>) -> Vec<Value> {
    // Parquet has one column order for the file; compare records as objects.
    records.sort_by_key(|r| r["id"].to_string());
    records
}

#[test]
fn a_parquet_dataset_cleans_to_the_same_documents_and_stats_as_the_same_data_as_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = hub_dataset(dir.path());
    let as_jsonl = write(dir.path(), "same/train.jsonl", jsonl(&rows()));
    let run = |input: &Path, out: &str, stats: &str| {
        tamis()
            .args(["clean", "-q"])
            .arg(input)
            .arg("-o")
            .arg(dir.path().join(out))
            .arg("--stats")
            .arg(dir.path().join(stats))
            .assert()
            .success();
        (
            balanced_stats(&dir.path().join(stats)),
            dir.path().join(out),
        )
    };
    let (from_parquet, out_parquet) = run(&dataset, "from-parquet.jsonl", "p.json");
    let (from_jsonl, out_jsonl) = run(&as_jsonl, "from-jsonl.jsonl", "j.json");
    assert_eq!(comparable(&from_parquet), comparable(&from_jsonl));
    assert_eq!(from_parquet["documents_in"], 10);
    assert_eq!(from_parquet["dropped"]["duplicate"], 5, "{from_parquet}");
    let (parquet_docs, jsonl_docs) = (read_jsonl(&out_parquet), read_jsonl(&out_jsonl));
    assert_eq!(parquet_docs.len(), 5);
    // Typed columns come out as JSON values of their type; the timestamp as its ISO text.
    let first = &parquet_docs[0];
    assert_eq!(first["token_count"], 40);
    assert_eq!(first["tags"], json!(["fr", "news"]));
    assert_eq!(first["date"], "2024-02-01T10:30:00");
    assert!(!first["text"].as_str().unwrap().contains("Partager"));
    assert_eq!(first["lang"], "fra");
    // The null url is left out, as the JSONL record leaves it out.
    assert!(parquet_docs[3].get("url").is_none(), "{}", parquet_docs[3]);
    assert_eq!(parquet_docs, jsonl_docs);
    // And Parquet out: `tamis clean dataset/ -o out.parquet`, the same documents and stats.
    let (to_parquet, out) = run(&dataset, "out.parquet", "pp.json");
    assert_eq!(comparable(&to_parquet), comparable(&from_jsonl));
    let (records, _) = read_parquet(&out);
    assert_eq!(sorted(records), sorted(jsonl_docs));
}

#[test]
fn jsonl_cleaned_to_parquet_holds_the_records_jsonl_output_holds() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in/news.jsonl", jsonl(&rows()));
    for out in ["out.jsonl", "out.parquet"] {
        tamis()
            .args(["clean", "-q"])
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join(out))
            .assert()
            .success();
    }
    let (from_parquet, schema) = read_parquet(&dir.path().join("out.parquet"));
    let from_jsonl = read_jsonl(&dir.path().join("out.jsonl"));
    assert_eq!(sorted(from_parquet), sorted(from_jsonl));
    // tamis' own columns are typed as tamis types them.
    let type_of = |name: &str| schema.field_with_name(name).unwrap().data_type().clone();
    assert_eq!(type_of("lang_confidence"), DataType::Float64);
    assert_eq!(type_of("token_count"), DataType::Int64);
    // And the file is zstd-compressed.
    let file = std::fs::File::open(dir.path().join("out.parquet")).unwrap();
    let reader = parquet::file::serialized_reader::SerializedFileReader::new(file).unwrap();
    use parquet::file::reader::FileReader;
    let column = reader.metadata().row_group(0).column(0).compression();
    assert!(
        matches!(column, parquet::basic::Compression::ZSTD(_)),
        "{column:?}"
    );
}

#[test]
fn parquet_to_parquet_keeps_every_column_with_its_type_and_adds_tamis_columns() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = hub_dataset(dir.path());
    let out = dir.path().join("clean/out.parquet");
    tamis()
        .args(["clean", "-q", "--annotate"])
        .arg(&dataset)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let (records, schema) = read_parquet(&out);
    let input = fineweb_schema();
    for field in input.fields() {
        let written = schema.field_with_name(field.name()).unwrap();
        assert_eq!(written.data_type(), field.data_type(), "{}", field.name());
    }
    for (name, data_type) in [
        ("lang", DataType::Utf8),
        ("lang_confidence", DataType::Float64),
        ("dup_cluster", DataType::UInt64),
        ("dup_kept", DataType::Utf8),
    ] {
        assert_eq!(
            schema.field_with_name(name).unwrap().data_type(),
            &data_type
        );
    }
    // --annotate keeps the duplicates and says which document of their cluster is kept.
    assert_eq!(records.len(), 10);
    assert_eq!(records[1]["date"], "2024-02-02T10:30:00");
    assert_eq!(records[1]["tags"], json!(["de", "news"]));
    assert_eq!(records[6]["dup_kept"], records[1]["id"]);
}

#[test]
fn parquet_text_and_id_columns_are_chosen_like_jsonl_fields() {
    let dir = tempfile::tempdir().unwrap();
    let schema = Arc::new(Schema::new(vec![
        Field::new("doc_id", DataType::Int64, false),
        Field::new("content", DataType::LargeUtf8, true),
    ]));
    let rows: Vec<Value> = rows()
        .iter()
        .enumerate()
        .map(|(i, r)| json!({"doc_id": 1000 + i, "content": r["text"]}))
        .collect();
    let input = dir.path().join("corpus.parquet");
    write_parquet(&input, &schema, &rows, 100);
    let assert = tamis()
        .args([
            "clean",
            "-q",
            "--no-dedup",
            "--text-field",
            "content",
            "--id-field",
            "doc_id",
        ])
        .arg(&input)
        .args(["-o", "-"])
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(records.len(), 10);
    assert_eq!(records[0]["doc_id"], "1000");
    assert!(
        records[0]["content"]
            .as_str()
            .unwrap()
            .starts_with("Les pêcheurs")
    );
}

#[test]
fn null_text_rows_are_counted_bad_records_named_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = rows();
    rows[2]["text"] = Value::Null;
    let input = dir.path().join("nulls.parquet");
    write_parquet(&input, &fineweb_schema(), &rows, 4);
    let rejects = dir.path().join("rejects.jsonl");
    let stats = dir.path().join("stats.json");
    let assert = tamis()
        .args(["clean", "--no-dedup"])
        .arg(&input)
        .args(["-o", "-"])
        .arg("--rejects")
        .arg(&rejects)
        .arg("--stats")
        .arg(&stats)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("nulls.parquet: row 3:"), "{stderr}");
    let stats = balanced_stats(&stats);
    assert_eq!(stats["dropped"]["bad_record"], 1);
    let rejected = read_jsonl(&rejects);
    assert_eq!(rejected[0]["row"], 3);
    assert!(rejected[0].get("offset").is_none() && rejected[0].get("line").is_none());
    assert_eq!(rejected[0]["reason"], "bad_record");
    // Under --on-bad-input fail, the run stops there.
    tamis()
        .args(["clean", "--no-dedup", "--on-bad-input", "fail"])
        .arg(&input)
        .args(["-o", "-"])
        .assert()
        .failure();
}

#[test]
fn bad_parquet_inputs_are_refused_with_a_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.parquet");
    write_parquet(&good, &fineweb_schema(), &rows(), 4);
    let bytes = std::fs::read(&good).unwrap();
    let truncated = write(dir.path(), "truncated.parquet", &bytes[..bytes.len() / 2]);
    let not_parquet = write(
        dir.path(),
        "notes.parquet",
        "Ceci n'est pas un fichier Parquet.\n",
    );
    let int_text = dir.path().join("int-text.parquet");
    write_parquet(
        &int_text,
        &Arc::new(Schema::new(vec![Field::new("text", DataType::Int64, true)])),
        &[json!({"text": 7})],
        4,
    );
    let no_text = dir.path().join("no-text.parquet");
    write_parquet(
        &no_text,
        &Arc::new(Schema::new(vec![Field::new("body", DataType::Utf8, true)])),
        &[json!({"body": "Un texte."})],
        4,
    );
    let gzipped = write(dir.path(), "good.parquet.gz", common::gzip(&bytes));
    let cases: [(&Path, &str); 5] = [
        (&truncated, "not a readable Parquet file"),
        (&not_parquet, "not a readable Parquet file"),
        (&int_text, "column \"text\" is of type Int64, not a string"),
        (
            &no_text,
            "no column \"text\" holds the text (columns: body)",
        ),
        (&gzipped, "Parquet compresses its pages itself"),
    ];
    for (path, message) in cases {
        let out = dir.path().join("out.jsonl");
        let assert = tamis()
            .args(["clean", "-q"])
            .arg(path)
            .arg("-o")
            .arg(&out)
            .assert()
            .failure();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            stderr.contains(name) && stderr.contains(message),
            "{name}: {stderr}"
        );
        assert!(!out.exists(), "{name}: no output is left behind");
    }
    // Parquet is read from its footer: stdin cannot hold it.
    let assert = tamis()
        .args(["clean", "-q", "-", "-o", "-"])
        .write_stdin(bytes)
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("cannot come from standard input"),
        "{stderr}"
    );
}

#[test]
fn files_whose_schemas_differ_are_written_to_parquet_or_refused_naming_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let rows = rows();
    write_parquet(
        &dir.path().join("in/a.parquet"),
        &fineweb_schema(),
        &rows[..5],
        4,
    );
    let mut wider = fineweb_schema().fields().to_vec();
    wider.push(Arc::new(Field::new("licence", DataType::Utf8, true)));
    let later: Vec<Value> = rows[5..]
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r["licence"] = json!("cc-by");
            r
        })
        .collect();
    write_parquet(
        &dir.path().join("in/b.parquet"),
        &Arc::new(Schema::new(wider)),
        &later,
        4,
    );
    // A column the first documents bring is a column of the output, null where absent.
    let jsonl_out = dir.path().join("out.jsonl");
    let parquet_out = dir.path().join("wide.parquet");
    for out in [&jsonl_out, &parquet_out] {
        tamis()
            .args(["clean", "-q", "--no-dedup"])
            .arg(dir.path().join("in"))
            .arg("-o")
            .arg(out)
            .assert()
            .success();
    }
    assert_eq!(read_jsonl(&jsonl_out)[5]["licence"], "cc-by");
    let (records, _) = read_parquet(&parquet_out);
    assert_eq!(sorted(records), sorted(read_jsonl(&jsonl_out)));
    // A value of another type than the column's cannot be written: said, and nothing written.
    let mut other = fineweb_schema().fields().to_vec();
    other[6] = Arc::new(Field::new("token_count", DataType::Utf8, true));
    let mut texts: Vec<Value> = rows[5..].to_vec();
    texts[2]["token_count"] = json!("quarante-six");
    std::fs::remove_file(dir.path().join("in/b.parquet")).unwrap();
    write_parquet(
        &dir.path().join("in/c.parquet"),
        &Arc::new(Schema::new(other)),
        &texts,
        4,
    );
    let out = dir.path().join("out.parquet");
    let assert = tamis()
        .args(["clean", "-q", "--no-dedup"])
        .arg(dir.path().join("in"))
        .arg("-o")
        .arg(&out)
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("does not fit the Parquet schema")
            && stderr.contains("quarante-six")
            && stderr.contains("document 8 (id \"<urn:uuid:00000007-fw>\")"),
        "{stderr}"
    );
    assert!(!out.exists());
    // Nor any shard of it: the files appear together or not at all.
    tamis()
        .args(["clean", "-q", "--no-dedup", "--shard-documents", "3"])
        .arg(dir.path().join("in"))
        .arg("-o")
        .arg(&out)
        .assert()
        .failure();
    assert!(io_shards(dir.path(), "out-").is_empty());
}

/// The files of `dir` whose names start with `prefix`, sorted.
fn io_shards(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .collect();
    found.sort();
    found
}

#[test]
fn a_sharded_output_holds_the_documents_of_one_output_in_numbered_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let whole = dir.path().join("whole.jsonl");
    tamis()
        .args(["clean", "-q"])
        .arg(&corpus)
        .arg("-o")
        .arg(&whole)
        .assert()
        .success();
    let whole = read_jsonl(&whole);
    assert!(whole.len() > 50);
    // By documents, to Parquet.
    tamis()
        .args(["clean", "-q", "--shard-documents", "25"])
        .arg(&corpus)
        .arg("-o")
        .arg(dir.path().join("part.parquet"))
        .assert()
        .success();
    let shards = io_shards(dir.path(), "part-");
    let names: Vec<&str> = shards
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    let expected = whole.len().div_ceil(25);
    assert_eq!(names.len(), expected);
    assert_eq!(names[0], "part-00000.parquet");
    let mut from_parquet = Vec::new();
    for shard in &shards {
        let (records, _) = read_parquet(shard);
        assert!(records.len() <= 25);
        from_parquet.extend(records);
    }
    assert_eq!(common::ids(&from_parquet), common::ids(&whole));
    // By size, to compressed JSONL: the records in order, none split.
    tamis()
        .args(["clean", "-q", "--shard-size", "8k"])
        .arg(&corpus)
        .arg("-o")
        .arg(dir.path().join("part.jsonl.zst"))
        .assert()
        .success();
    let mut from_jsonl = Vec::new();
    let shards = io_shards(dir.path(), "part-0");
    let jsonl_shards: Vec<&PathBuf> = shards
        .iter()
        .filter(|p| p.to_str().unwrap().ends_with(".jsonl.zst"))
        .collect();
    assert!(jsonl_shards.len() >= 3, "{jsonl_shards:?}");
    for shard in jsonl_shards {
        let bytes = zstd::decode_all(std::fs::File::open(shard).unwrap()).unwrap();
        assert!(bytes.len() < 8 * 1024 + 4096, "{}", bytes.len());
        from_jsonl.extend(parse_jsonl(&bytes));
    }
    assert_eq!(from_jsonl, whole);
    // Sharding is how a run writes, not a pipeline setting: it goes with --config too.
    let config = write(dir.path(), "pipeline.toml", "stages = []\n");
    tamis()
        .args(["clean", "-q", "--shard-documents", "30", "--config"])
        .arg(&config)
        .arg(&corpus)
        .arg("-o")
        .arg(dir.path().join("bare.jsonl"))
        .assert()
        .success();
    assert_eq!(
        io_shards(dir.path(), "bare-").len(),
        3,
        "66 documents by 30"
    );
    // Shards of an earlier run are not mixed with a new run's.
    let assert = tamis()
        .args(["clean", "-q", "--shard-documents", "40"])
        .arg(&corpus)
        .arg("-o")
        .arg(dir.path().join("part.parquet"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("part-00000.parquet"), "{stderr}");
    // Standard output cannot be numbered.
    tamis()
        .args(["clean", "-q", "--shard-documents", "40", "-o", "-"])
        .arg(&corpus)
        .assert()
        .failure();
}

#[test]
fn an_empty_parquet_file_named_alone_is_an_empty_input() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.parquet");
    write_parquet(&empty, &fineweb_schema(), &[], 4);
    let assert = tamis()
        .args(["clean", "-q"])
        .arg(&empty)
        .args(["-o", "-"])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("empty.parquet") && stderr.contains("empty"),
        "{stderr}"
    );
}

#[test]
fn parquet_output_is_byte_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = hub_dataset(dir.path());
    let mut outputs = Vec::new();
    for threads in ["1", "2", "3"] {
        let out = dir.path().join(format!("out-{threads}.parquet"));
        tamis()
            .args(["clean", "-q", "--threads", threads])
            .arg(&dataset)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn parquet_compression_is_zstd_unless_another_codec_is_asked_for() {
    use parquet::file::reader::FileReader;
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in/news.jsonl", jsonl(&rows()));
    let codec_of = |args: &[&str]| {
        let out = dir.path().join("out.parquet");
        tamis()
            .args(["clean", "-q", "--no-dedup"])
            .args(args)
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let file = std::fs::File::open(&out).unwrap();
        let reader = parquet::file::serialized_reader::SerializedFileReader::new(file).unwrap();
        let codec = reader.metadata().row_group(0).column(1).compression();
        let (records, _) = read_parquet(&out);
        assert_eq!(records.len(), 10);
        format!("{codec:?}")
    };
    assert!(codec_of(&[]).starts_with("ZSTD"));
    assert_eq!(codec_of(&["--parquet-compression", "snappy"]), "SNAPPY");
    assert_eq!(codec_of(&["--parquet-compression", "none"]), "UNCOMPRESSED");
    assert!(codec_of(&["--parquet-compression", "gzip"]).starts_with("GZIP"));
}
