"""tamis.ray on a local Ray (2 CPUs, no dashboard, no usage stats, no network): the same kept
documents, report and counts as one run, resumed without redoing finished work."""

import os

import pytest

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
if os.environ.get("TAMIS_REQUIRE_RAY"):
    import ray  # scripts/test installs it: a missing Ray is a failure there, not a skip
else:
    ray = pytest.importorskip("ray")

import tamis
import tamis.ray

from conftest import CORPUS

SHARDS = [CORPUS / "feeds", CORPUS / "news"]
SETTINGS = {"dedup": {"verify": "estimate"}}


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_clean_matches_one_run_and_resumes(local_ray, tmp_path, monkeypatch):
    # tamis.ray's default threshold is the sharded stages' (verification by sketch).
    assert tamis.SHARDED_THRESHOLD == 0.82
    one = tamis.Pipeline(dedup={"verify": "estimate", "threshold": 0.82}).run(
        SHARDS, tmp_path / "one.jsonl", report=tmp_path / "one-report.jsonl"
    )
    # A relative output directory: Ray's workers run elsewhere, and get absolute paths.
    monkeypatch.chdir(tmp_path)
    out = "ray"
    run = lambda **extra: tamis.ray.clean(  # noqa: E731
        SHARDS, out, compression=None, progress=False, bands_per_task=5, line_parts=2,
        **{**SETTINGS, **extra}
    )
    result = run()
    bands, _rows = tamis.Pipeline(dedup={"threshold": 0.82}).dedup_banding()
    pairs_tasks = -(-bands // 5)
    # count ×2, merge ×2 parts + join, clean ×2, sign ×2, pairs, cluster, filter ×2
    assert result["redone"] == 2 + 3 + 2 + 2 + pairs_tasks + 1 + 2
    kept = b"".join(open(path, "rb").read() for path in result["outputs"])
    assert kept == (tmp_path / "one.jsonl").read_bytes()
    assert open(result["report"], "rb").read() == (tmp_path / "one-report.jsonl").read_bytes()
    stats = result["stats"]
    for key in ("documents_in", "documents_out", "dropped", "languages", "bytes_out"):
        assert stats[key] == one[key], key
    assert stats["documents_out"] + sum(stats["dropped"].values()) == stats["documents_in"]
    assert stats["dedup"]["clusters"] == one["dedup"]["clusters"] > 0

    # Everything is there: nothing runs again.
    assert run()["redone"] == 0
    # A lost output is made again, alone.
    os.remove(result["outputs"][1])
    again = run()
    assert again["redone"] == 1
    assert b"".join(open(p, "rb").read() for p in again["outputs"]) == kept
    # Another run's directory is not mixed with this one.
    with pytest.raises(ValueError, match="other shards or settings"):
        tamis.ray.clean(SHARDS, out, compression=None, progress=False, bands_per_task=5,
                        line_parts=2, dedup={"verify": "estimate", "threshold": 0.7})

    # A stats file cut short (an interrupted run, a full disk) has its task run again, rather
    # than every later run failing on it.
    (tmp_path / out / "clean" / "00000.stats.json").write_bytes(b"")
    (tmp_path / out / "kept" / "00001.stats.json").write_bytes(b"")
    again = run()
    assert again["redone"] == 2
    assert again["stats"]["documents_out"] == stats["documents_out"]
    assert b"".join(open(p, "rb").read() for p in again["outputs"]) == kept


def test_ray_clean_refuses_an_output_among_the_shards_and_a_shard_given_twice(local_ray, tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    first, second = sorted((CORPUS / "feeds").glob("*.jsonl"))[:2]
    for source in (first, second):
        (shards / source.name).write_bytes(source.read_bytes())
    a, b = sorted(str(p) for p in shards.iterdir())
    clean = lambda inputs, out: tamis.ray.clean(inputs, out, progress=False)  # noqa: E731
    with pytest.raises(ValueError, match="in the shards' directory"):
        clean(shards, shards)
    with pytest.raises(ValueError, match="in the shards' directory"):
        clean(shards, shards / "out")
    with pytest.raises(ValueError, match="in the shards' directory"):
        clean([a, b], shards)
    with pytest.raises(ValueError, match="given twice"):
        clean([a, b, str(shards / ".." / "shards" / os.path.basename(a))], tmp_path / "out")
    with pytest.raises(ValueError, match="in the shards' directory"):
        clean((p for p in [shards]), shards)  # a generator, read once
    inside = tmp_path / "run" / "clean"
    inside.mkdir(parents=True)
    (inside / "00000.jsonl").write_bytes(first.read_bytes())
    with pytest.raises(ValueError, match="inside output_dir"):
        clean([str(inside / "00000.jsonl")], tmp_path / "run")
    # Nothing was written anywhere.
    assert sorted(p.name for p in shards.iterdir()) == sorted([first.name, second.name])
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == ["clean"]
