"""The sharded near-duplicate stages from Python: sign, pairs, cluster, filter give what one
run gives (with verification by estimate), and refuse what does not fit."""

import pytest

import tamis

from conftest import CORPUS

SHARDS = [CORPUS / "feeds", CORPUS / "news"]


def test_stages_over_shards_keep_what_one_dedup_run_keeps(tmp_path):
    p = tamis.Pipeline(dedup={"verify": "estimate", "keep": "longest"})
    one = p.run(SHARDS, tmp_path / "one.jsonl", job="dedup", report=tmp_path / "one-report.jsonl")
    bands, rows = p.dedup_banding()
    assert (bands, rows) == (16, 8)
    infos = [
        p.sign_shard(shard, tmp_path / f"{i}.sigs", name=f"shard-{i}")
        for i, shard in enumerate(SHARDS)
    ]
    assert [i["name"] for i in infos] == ["shard-0", "shard-1"]
    assert sum(i["documents"] for i in infos) == one["documents_in"]
    sigs = [tmp_path / f"{i}.sigs" for i in range(len(SHARDS))]
    first = tamis.dedup_pairs(sigs, tmp_path / "a.edges", bands=(0, 10))
    second = tamis.dedup_pairs(sigs, tmp_path / "b.edges", bands="10..")
    assert first["bands"] == (0, 10) and second["bands"] == (10, 16)
    assert first["verified_pairs"] > 0
    summary = tamis.dedup_cluster(
        [tmp_path / "a.edges", tmp_path / "b.edges"], tmp_path / "all.clusters",
        report=tmp_path / "report.jsonl",
    )
    assert summary["duplicates"] == one["dedup"]["duplicates"] > 0
    assert summary["verify"] == "estimate" and summary["keep"] == "longest"
    kept = b""
    for i, shard in enumerate(SHARDS):
        stats = p.filter_shard(shard, tmp_path / "all.clusters", tmp_path / f"kept-{i}.jsonl",
                               name=f"shard-{i}")
        assert stats["documents_in"] == infos[i]["documents"]
        kept += (tmp_path / f"kept-{i}.jsonl").read_bytes()
    assert kept == (tmp_path / "one.jsonl").read_bytes()
    assert (tmp_path / "report.jsonl").read_bytes() == (tmp_path / "one-report.jsonl").read_bytes()


def test_stage_files_refuse_compression_and_wrong_shards(tmp_path):
    p = tamis.Pipeline()
    with pytest.raises(tamis.ConfigError, match="not compressed"):
        p.sign_shard(SHARDS[0], tmp_path / "0.sigs.zst")
    p.sign_shard(SHARDS[0], tmp_path / "0.sigs", name="feeds")
    tamis.dedup_pairs([tmp_path / "0.sigs"], tmp_path / "a.edges")
    tamis.dedup_cluster([tmp_path / "a.edges"], tmp_path / "all.clusters")
    with pytest.raises(tamis.TamisError, match="not the same ids or texts|documents, but"):
        p.filter_shard(SHARDS[1], tmp_path / "all.clusters", tmp_path / "kept.jsonl", name="feeds")
    assert not (tmp_path / "kept.jsonl").exists()
    with pytest.raises(tamis.ConfigError, match="band range"):
        tamis.dedup_pairs([tmp_path / "0.sigs"], tmp_path / "x.edges", bands="x")


def test_line_tables_merged_in_parts_clean_as_the_whole(tmp_path):
    p = tamis.Pipeline(dedup={"enabled": False})
    tables = [tmp_path / f"{i}.lines" for i in range(len(SHARDS))]
    for shard, table in zip(SHARDS, tables):
        p.count_lines(shard, table)
    tamis.merge_line_tables(tables, tmp_path / "all.lines")
    for i in range(3):
        tamis.merge_line_tables(tables, tmp_path / f"p{i}.lines", part=f"{i}/3", min_docs=3)
    with pytest.raises(tamis.ConfigError, match="parts 2/3 of the line table are missing"):
        tamis.merge_line_tables([tmp_path / "p0.lines", tmp_path / "p1.lines"], tmp_path / "x.lines")
    tamis.merge_line_tables([tmp_path / f"p{i}.lines" for i in range(3)], tmp_path / "parts.lines")
    assert (tmp_path / "parts.lines").stat().st_size < (tmp_path / "all.lines").stat().st_size
    for table in ("all", "parts"):
        p.run(SHARDS[1], tmp_path / f"{table}.jsonl", line_table=tmp_path / f"{table}.lines")
    assert (tmp_path / "parts.jsonl").read_bytes() == (tmp_path / "all.jsonl").read_bytes()
    with pytest.raises(tamis.ConfigError, match="is not a part"):
        tamis.merge_line_tables(tables, tmp_path / "x.lines", part="3/3")


def test_no_spelling_of_an_input_is_written_by_the_file_writing_calls(tmp_path):
    """Paths through a missing directory (`new/../x`) are the file they lead to: refused when
    that file is read, and nothing is created."""
    p = tamis.Pipeline(dedup={"enabled": False})
    shard = tmp_path / "shard.jsonl"
    shard.write_bytes((CORPUS / "feeds" / "harbour-times.jsonl").read_bytes())
    before = shard.read_bytes()
    with pytest.raises(tamis.TamisError, match="also an input"):
        p.count_lines(shard, tmp_path / "new" / ".." / "shard.jsonl")
    with pytest.raises(tamis.TamisError, match="also an input"):
        p.run(shard, tmp_path / "out.jsonl", stats=tmp_path / "new" / "deep" / ".." / ".." / "shard.jsonl")
    p.count_lines(shard, tmp_path / "1.lines")
    with pytest.raises(tamis.TamisError, match="also an input"):
        tamis.merge_line_tables([tmp_path / "1.lines"], tmp_path / "x" / ".." / "1.lines")
    with pytest.raises(tamis.ConfigError, match="given twice"):
        tamis.merge_line_tables([tmp_path / "1.lines", tmp_path / "." / "1.lines"], tmp_path / "2.lines")
    assert shard.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["1.lines", "shard.jsonl"]
