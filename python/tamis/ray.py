"""Run tamis over a corpus cut in shards on a Ray cluster (``pip install "tamis[ray]"``).

:func:`clean` schedules the stages of ``tamis clean`` over shards as Ray tasks that exchange
small files, never documents:

1. count each shard's lines (one task per shard), merge the counts (one task per part of the
   line keys, each keeping the lines repeated enough to matter, then one task joining them);
2. clean each shard against the merged counts, without near-duplicates (one task per shard);
3. sign each cleaned shard (one task per shard);
4. find the candidate pairs of each range of LSH bands (one task per range);
5. join them into clusters (one task);
6. filter each cleaned shard (one task per shard).

The kept documents are those of one ``tamis clean`` run over the shards in order, with
``dedup={"verify": "estimate"}`` (the sharded stages verify pairs by their sketches). Every
task writes its output whole or not at all, and a task whose output exists is not run again:
call :func:`clean` again after a failure, or after adding workers, and it goes on where it
stopped. ``output_dir`` must then hold a run of the same shards and settings.

>>> import ray, tamis.ray                                      # doctest: +SKIP
>>> ray.init()                                                  # doctest: +SKIP
>>> result = tamis.ray.clean(["shards/00.jsonl.zst", "shards/01.jsonl.zst"], "out/",
...                          lang={"keep": ["fr", "en"]})       # doctest: +SKIP
>>> result["outputs"]                                           # doctest: +SKIP
['out/kept/00000.jsonl.zst', 'out/kept/00001.jsonl.zst']
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Union

from ._tamis import SHARDED_THRESHOLD, Pipeline, dedup_cluster, dedup_pairs, merge_line_tables

__all__ = ["clean"]

PathLike = Union[str, "os.PathLike[str]"]


def _shards(inputs: Union[PathLike, Sequence[PathLike]]) -> List[str]:
    """Each input is a shard; a single directory stands for the files it holds."""
    if isinstance(inputs, (str, os.PathLike)):
        path = Path(inputs)
        if path.is_dir():
            return sorted(str(p) for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        return [str(path)]
    shards = [str(p) for p in inputs]
    if not shards:
        raise ValueError("no shard given")
    return shards


def _write_json(path: Path, value: Any) -> None:
    """Writes ``value`` as JSON, whole or not at all."""
    tmp = path.with_name(path.name + ".tamis-tmp")
    tmp.write_text(json.dumps(value, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise ValueError(f"{path}: not the JSON tamis wrote ({e}); the file is damaged: remove it") from e


def _done(*paths: str) -> bool:
    """Whether a task's outputs are all there (and its ``.json`` ones readable): a file cut
    short by an interrupted run, or emptied, has the task run again."""
    for path in paths:
        if not os.path.exists(path):
            return False
        if path.endswith(".json"):
            try:
                _read_json(Path(path))
            except (OSError, ValueError):
                return False
    return True


def _check_places(shards: List[str], directories: List[str], out: Path) -> None:
    """Refuses a shard given twice, an output directory that is a shard's directory or is inside
    a directory given as the shards, and one that holds a shard: the stage files would be
    written among the shards (and read as shards the next time)."""
    seen: Dict[str, str] = {}
    for shard in shards:
        real = os.path.realpath(shard)
        if real in seen:
            raise ValueError(f"{shard}: this shard is given twice (also as {seen[real]})")
        seen[real] = shard
    real_out = Path(os.path.realpath(out))
    places = [(d, True) for d in directories] + [(os.path.dirname(r), False) for r in seen]
    for directory, given_as_input in places:
        real_dir = Path(os.path.realpath(directory))
        if real_out == real_dir or (given_as_input and real_dir in real_out.parents):
            raise ValueError(
                f"output_dir {out} is in the shards' directory {directory}: its stage files "
                "would be written among the shards; give a directory of its own"
            )
    for real, shard in seen.items():
        if real_out in Path(real).parents:
            raise ValueError(
                f"{shard}: this shard is inside output_dir {out}, where the run writes its files; "
                "give a directory of its own"
            )


# The tasks: plain functions, wrapped by ray.remote when scheduled. Each returns what the next
# steps need, and skips its work when its output is already there.


def _count(pipeline: Pipeline, shard: str, out: str) -> bool:
    if os.path.exists(out):
        return False
    pipeline.count_lines(shard, out)
    return True


def _merge(tables: List[str], out: str, part: Optional[str], min_docs: int) -> bool:
    if os.path.exists(out):
        return False
    merge_line_tables(tables, out, part=part, min_docs=min_docs)
    return True


def _clean(pipeline: Pipeline, shard: str, out: str, stats: str, line_table: Optional[str]) -> bool:
    if _done(out, stats):
        return False
    pipeline.run(shard, out, stats=stats, line_table=line_table)
    return True


def _sign(pipeline: Pipeline, shard: str, out: str, name: str) -> bool:
    if os.path.exists(out):
        return False
    pipeline.sign_shard(shard, out, name=name)
    return True


def _pairs(signatures: List[str], out: str, bands: tuple) -> bool:
    if os.path.exists(out):
        return False
    dedup_pairs(signatures, out, bands=bands)
    return True


def _cluster(edges: List[str], out: str, report: str, summary: str) -> bool:
    if _done(out, report, summary):
        return False
    counters = dedup_cluster(edges, out, report=report)
    _write_json(Path(summary), counters)
    return True


def _filter(pipeline: Pipeline, shard: str, clusters: str, out: str, name: str, stats: str) -> bool:
    if _done(out, stats):
        return False
    pipeline.filter_shard(shard, clusters, out, name=name, stats=stats)
    return True


class _Stages:
    """Schedules the tasks of one step and waits for them, with progress on stderr."""

    def __init__(self, ray: Any, cpus_per_task: float, progress: bool) -> None:
        self.ray = ray
        self.cpus = cpus_per_task
        self.progress = progress
        self.redone = 0

    def run(self, step: str, function: Any, calls: List[tuple]) -> None:
        remote = self.ray.remote(num_cpus=self.cpus, max_retries=2)(function)
        pending = [remote.remote(*args) for args in calls]
        refs = list(pending)
        done = 0
        while pending:
            ready, pending = self.ray.wait(pending, num_returns=1)
            self.ray.get(ready)  # raises the task's error, named
            done += len(ready)
            if self.progress:
                print(f"tamis.ray: {step}: {done}/{len(refs)}", file=sys.stderr, flush=True)
        self.redone += sum(bool(r) for r in self.ray.get(refs))


def _add_input(total: Dict[str, Any], stats: Dict[str, Any]) -> None:
    """Adds a shard's cleaning stats to the run's: what was read and what cleaning dropped."""
    for key in ("documents_in", "bytes_in", "invalid_utf8_documents"):
        total[key] = total.get(key, 0) + stats.get(key, 0)
    _add_drops(total, stats)


def _add_drops(total: Dict[str, Any], stats: Dict[str, Any]) -> None:
    for reason, count in stats.get("dropped", {}).items():
        total["dropped"][reason] = total["dropped"].get(reason, 0) + count


def _add_output(total: Dict[str, Any], stats: Dict[str, Any]) -> None:
    """Adds what a shard's last step wrote."""
    for key in ("documents_out", "bytes_out"):
        total[key] = total.get(key, 0) + stats.get(key, 0)
    for lang, count in stats.get("languages", {}).items():
        total["languages"][lang] = total["languages"].get(lang, 0) + count


def clean(
    inputs: Union[PathLike, Sequence[PathLike]],
    output_dir: PathLike,
    *,
    pipeline: Optional[Pipeline] = None,
    bands_per_task: int = 4,
    line_parts: Optional[int] = None,
    cpus_per_task: float = 1,
    compression: Optional[str] = "zst",
    progress: bool = True,
    **settings: Any,
) -> Dict[str, Any]:
    """Cleans the shards ``inputs`` (paths, each one shard; or a directory whose files are the
    shards) on the current Ray cluster into ``output_dir``, as ``tamis clean`` would clean them
    in one run, in order.

    Settings are those of :class:`tamis.Pipeline` (keyword arguments by section, or
    ``pipeline=``); the near-duplicate threshold is ``tamis.SHARDED_THRESHOLD`` (0.82) unless
    ``dedup={"threshold": …}`` says otherwise (or ``pipeline=`` is given): pairs are verified by
    their sketches, and 0.82 keeps their precision above 0.99 where 0.8 does not. Every worker must see ``inputs`` and ``output_dir`` at the same paths (a
    shared file system). ``bands_per_task``: LSH bands merged by one pairs task (16 bands at the
    default threshold). ``line_parts``: merges of the line counts, each holding its share of
    the corpus's distinct lines (default: one per 8 shards, at most 64). ``cpus_per_task``: the CPUs Ray reserves for each task, and the threads
    it runs. ``compression``: ``"zst"``, ``"gz"`` or ``None`` for the written shards.

    Returns ``{"outputs": [kept shard per input, in order], "report": duplicates report or
    None, "stats": the run's counters (also in output_dir/stats.json), "redone": tasks that
    ran (0 when everything was there)}``.
    """
    import ray  # the optional dependency: pip install "tamis[ray]"

    if not ray.is_initialized():
        ray.init()
    if pipeline is not None and settings:
        raise TypeError("give settings or pipeline=, not both")
    if pipeline is None:
        # Pairs are verified by their sketches: the sharded stages' threshold, unless chosen.
        dedup_settings = settings.get("dedup") or {}
        if isinstance(dedup_settings, dict) and "threshold" not in dedup_settings:
            settings["dedup"] = {**dedup_settings, "threshold": SHARDED_THRESHOLD}
        pipeline = Pipeline(**settings)
    if compression not in (None, "zst", "gz"):
        raise ValueError(f'compression {compression!r}: use "zst", "gz" or None')
    if bands_per_task < 1:
        raise ValueError("bands_per_task must be at least 1")
    # Ray's workers do not run in this directory: every path they get is absolute.
    if not isinstance(inputs, (str, os.PathLike)):
        inputs = list(inputs)  # read once, should it be a generator
    shards = [os.path.abspath(s) for s in _shards(inputs)]
    given = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    _check_places(shards, [str(p) for p in given if Path(p).is_dir()], Path(os.path.abspath(output_dir)))
    config = dict(pipeline.config)
    config["threads"] = max(1, int(cpus_per_task))
    stages = config["stages"]
    dedup = any(stage["type"] == "dedup" for stage in stages)
    min_docs = max((stage["repeated_line_min_docs"] for stage in stages
                    if stage["type"] == "boilerplate"), default=0)
    count_lines = min_docs > 0
    # Cleaning runs without near-duplicates; the sharded stages find them.
    cleaner = Pipeline(**{**config, "stages": [s for s in stages if s["type"] != "dedup"]})
    worker = Pipeline(**config)

    out = Path(os.path.abspath(output_dir))
    out.mkdir(parents=True, exist_ok=True)
    run_file = out / "run.json"
    run = {"shards": shards, "settings": pipeline.config,
           "bands_per_task": bands_per_task, "line_parts": line_parts,
           "compression": compression}
    if run_file.exists():
        if _read_json(run_file) != json.loads(json.dumps(run)):
            raise ValueError(
                f"{out} holds a run of other shards or settings ({run_file}): give another "
                "output_dir, or remove that one to start again"
            )
    else:
        _write_json(run_file, run)
    for sub in ("lines", "clean", "sigs", "edges", "kept"):
        (out / sub).mkdir(exist_ok=True)
    ext = ".jsonl" + {"zst": ".zst", "gz": ".gz", None: ""}[compression]
    names = [f"{i:05d}" for i in range(len(shards))]
    stages = _Stages(ray, cpus_per_task, progress)

    table = None
    if count_lines:
        tables = [str(out / "lines" / f"{n}.lines") for n in names]
        stages.run("count lines", _count, [(cleaner, s, t) for s, t in zip(shards, tables)])
        table = str(out / "lines" / "all.lines")
        parts = line_parts or min(64, max(1, len(shards) // 8))
        if parts == 1:
            stages.run("merge line counts", _merge, [(tables, table, None, min_docs)])
        else:
            part_tables = [str(out / "lines" / f"part-{i:03d}.lines") for i in range(parts)]
            stages.run("merge line counts", _merge,
                       [(tables, t, f"{i}/{parts}", min_docs) for i, t in enumerate(part_tables)])
            stages.run("join line counts", _merge, [(part_tables, table, None, 0)])
    cleaned = [str(out / "clean" / f"{n}{ext}") for n in names]
    clean_stats = [str(out / "clean" / f"{n}.stats.json") for n in names]
    stages.run("clean", _clean,
               [(cleaner, s, c, st, table) for s, c, st in zip(shards, cleaned, clean_stats)])

    total: Dict[str, Any] = {"dropped": {}, "languages": {}}
    for path in clean_stats:
        _add_input(total, _read_json(Path(path)))
    report = None
    if not dedup:
        outputs = cleaned
        for path in clean_stats:
            _add_output(total, _read_json(Path(path)))
    else:
        sigs = [str(out / "sigs" / f"{n}.sigs") for n in names]
        stages.run("sign", _sign, [(worker, c, s, n) for c, s, n in zip(cleaned, sigs, names)])
        bands, _rows = worker.dedup_banding()
        ranges = [(a, min(a + bands_per_task, bands)) for a in range(0, bands, bands_per_task)]
        edges = [str(out / "edges" / f"{a:03d}-{b:03d}.edges") for a, b in ranges]
        stages.run("pairs", _pairs, [(sigs, e, r) for e, r in zip(edges, ranges)])
        clusters = str(out / "clusters")
        report = str(out / "duplicates.jsonl")
        summary = str(out / "dedup.json")
        stages.run("cluster", _cluster, [(edges, clusters, report, summary)])
        outputs = [str(out / "kept" / f"{n}{ext}") for n in names]
        kept_stats = [str(out / "kept" / f"{n}.stats.json") for n in names]
        stages.run("filter", _filter,
                   [(worker, c, clusters, k, n, st)
                    for c, k, n, st in zip(cleaned, outputs, names, kept_stats)])
        for path in kept_stats:
            kept = _read_json(Path(path))
            _add_output(total, kept)
            _add_drops(total, kept)
        total["dedup"] = _read_json(Path(summary))
    total["shards"] = len(shards)
    _write_json(out / "stats.json", total)
    return {"outputs": outputs, "report": report, "stats": total, "redone": stages.redone}
