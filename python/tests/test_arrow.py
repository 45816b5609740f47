"""Pipeline.clean_arrow and Parquet files: Arrow tables cleaned as `tamis clean` cleans a
Parquet file, column types kept; the README's Hugging Face `datasets` example."""

import sys

import pytest

import tamis
from conftest import CORPUS, read_jsonl

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def news_table(docs):
    """The corpus documents as a typed table: an int32 column, a timestamp, a list."""
    return pa.table(
        {
            "id": [d["id"] for d in docs],
            "text": [d["text"] for d in docs],
            "rank": pa.array(list(range(len(docs))), pa.int32()),
            "crawled": pa.array(
                [1_700_000_000_000 + 1000 * i for i in range(len(docs))], pa.timestamp("ms")
            ),
            "tags": [[d.get("source", "?"), "news"] for d in docs],
        }
    )


def test_clean_arrow_keeps_what_clean_batch_keeps_with_the_columns_types(corpus_docs):
    pipeline = tamis.Pipeline()
    table = news_table(corpus_docs)
    cleaned, stats = pipeline.clean_arrow(table, with_stats=True)
    rows = [{k: v for k, v in r.items() if k in ("id", "text")} for r in table.to_pylist()]
    expected, batch_stats = pipeline.clean_batch(rows, with_stats=True)
    assert cleaned.column("id").to_pylist() == [d["id"] for d in expected]
    assert cleaned.column("text").to_pylist() == [d["text"] for d in expected]
    assert cleaned.column("lang").to_pylist() == [d["lang"] for d in expected]
    assert stats["documents_in"] == len(corpus_docs) == batch_stats["documents_in"]
    assert stats["dropped"] == batch_stats["dropped"]
    assert stats["documents_out"] + sum(stats["dropped"].values()) == stats["documents_in"]
    schema = cleaned.schema
    assert schema.field("rank").type == pa.int32()
    assert schema.field("crawled").type == pa.timestamp("ms")
    assert schema.field("tags").type == pa.list_(pa.string())
    assert schema.field("lang_confidence").type == pa.float64()
    # Pass-through values are the input's, row for row.
    by_id = {r["id"]: r for r in table.to_pylist()}
    for row in cleaned.to_pylist():
        assert row["crawled"] == by_id[row["id"]]["crawled"]
        assert row["tags"] == by_id[row["id"]]["tags"]


def test_clean_arrow_takes_batches_readers_and_other_text_columns(corpus_docs):
    pipeline = tamis.Pipeline(dedup={"enabled": False}, min_words=0)
    table = news_table(corpus_docs)
    whole = pipeline.clean_arrow(table)
    assert pipeline.clean_arrow(table.to_batches(max_chunksize=7)).equals(whole)
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=5))
    assert pipeline.clean_arrow(reader).equals(whole)
    assert pipeline.clean_arrow(iter(table.to_batches())).equals(whole)
    renamed = table.rename_columns(["doc", "body", "rank", "crawled", "tags"])
    other = tamis.Pipeline(
        dedup={"enabled": False}, min_words=0, read={"text_field": "body", "id_field": "doc"}
    ).clean_arrow(renamed)
    assert other.column("body").to_pylist() == whole.column("text").to_pylist()
    empty = pipeline.clean_arrow(table.slice(0, 0))
    assert empty.num_rows == 0


def test_clean_arrow_says_what_is_wrong(corpus_docs, monkeypatch):
    pipeline = tamis.Pipeline()
    with pytest.raises(tamis.BadInputError, match=r'table\.parquet: no column "text"'):
        pipeline.clean_arrow(pa.table({"body": ["Un texte sans colonne text."]}))
    with pytest.raises(tamis.BadInputError, match="Int64, not a string"):
        pipeline.clean_arrow(pa.table({"text": [1, 2]}))
    with pytest.raises(TypeError, match="among the batches"):
        pipeline.clean_arrow([news_table(corpus_docs[:2]).to_batches()[0], "pas un lot"])
    # Nulls in the text column are bad records, counted.
    table = pa.table({"id": ["a", "b"], "text": [corpus_docs[0]["text"], None]})
    cleaned, stats = tamis.Pipeline(min_words=0).clean_arrow(table, with_stats=True)
    assert cleaned.num_rows == 1 and stats["dropped"] == {"bad_record": 1}
    # Without pyarrow, the call says what to install.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match="pip install pyarrow"):
        pipeline.clean_arrow([])


def test_run_writes_and_reads_parquet_like_jsonl(tmp_path):
    pipeline = tamis.Pipeline()
    stats_jsonl = pipeline.run(CORPUS, tmp_path / "out.jsonl")
    stats_parquet = pipeline.run(CORPUS, tmp_path / "out.parquet")
    assert stats_parquet["documents_out"] == stats_jsonl["documents_out"]
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("id").to_pylist() == [d["id"] for d in read_jsonl(tmp_path / "out.jsonl")]
    # And back: the Parquet file cleaned again gives the same documents as the JSONL one.
    again_parquet = pipeline.run(tmp_path / "out.parquet", tmp_path / "again.jsonl")
    again_jsonl = pipeline.run(tmp_path / "out.jsonl", tmp_path / "again2.jsonl")
    assert again_parquet["dropped"] == again_jsonl["dropped"]
    assert [d["text"] for d in read_jsonl(tmp_path / "again.jsonl")] == [
        d["text"] for d in read_jsonl(tmp_path / "again2.jsonl")
    ]


def test_the_readme_datasets_example(tmp_path, corpus_docs, monkeypatch):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    (tmp_path / "data").mkdir()
    pq.write_table(news_table(corpus_docs), tmp_path / "data" / "train-00000-of-00001.parquet")
    # As in the README, with a local dataset in place of one from the hub.
    from datasets import Dataset, load_dataset
    from datasets.table import InMemoryTable

    ds = load_dataset("parquet", data_dir=str(tmp_path / "data"), split="train")
    cleaned = Dataset(InMemoryTable(tamis.Pipeline().clean_arrow(ds.data.table)))
    assert 0 < cleaned.num_rows < ds.num_rows
    assert set(ds.column_names) < set(cleaned.column_names)
    assert cleaned.features["rank"] == datasets.Value("int32")
    assert all(lang for lang in cleaned["lang"])


def test_run_shards_and_compresses_a_parquet_output(tmp_path):
    pipeline = tamis.Pipeline()
    whole = pipeline.run(CORPUS, tmp_path / "whole.jsonl")
    stats = pipeline.run(
        CORPUS, tmp_path / "part.parquet", shard_documents=25, parquet_compression="snappy"
    )
    assert stats["documents_out"] == whole["documents_out"]
    shards = sorted(tmp_path.glob("part-*.parquet"))
    assert [p.name for p in shards][:2] == ["part-00000.parquet", "part-00001.parquet"]
    assert len(shards) == -(-whole["documents_out"] // 25)
    ids = [i for p in shards for i in pq.read_table(p).column("id").to_pylist()]
    assert ids == [d["id"] for d in read_jsonl(tmp_path / "whole.jsonl")]
    codec = pq.ParquetFile(shards[0]).metadata.row_group(0).column(0).compression
    assert codec == "SNAPPY"
    with pytest.raises(tamis.ConfigError, match="parquet_compression"):
        pipeline.run(CORPUS, tmp_path / "x.parquet", parquet_compression="brotli")
