#!/usr/bin/env python3
"""The Python package against the Python tools people use today, on the team's dedup dev set
(../shared/data/dedup-dev.jsonl: 11k documents, 75 languages; not in this repository), each
measured in this run (the machines are shared: read the ratios):

1. cleaning: ``Pipeline.process_batch`` (repair, language, typography: the same jobs) and
   ``Pipeline.clean_batch`` (the whole pipeline) against ftfy.fix_text + sacremoses'
   MosesPunctNormalizer + pycld2 language detection, one document at a time; and the batch
   call against a per-document loop of ``Pipeline.clean``;
2. near-duplicates: ``Deduplicator`` against rensa's pipeline as ../shared/peers/minhash_peer.py
   runs it (word 5-grams, 128 permutations, 16 bands), with pair F1 on the labels;
3. datatrove: the ``tamis.datatrove`` steps against the datatrove steps they replace
   (FTFYFormatter, C4QualityFilter, the four MinHash stages), each in a LocalPipelineExecutor
   on the same file. datatrove's LanguageFilter needs a fastText model downloaded at run time:
   not measurable offline.

usage: .peers/bin/python scripts/bench_python.py [DATA.jsonl]
(build tamis in release mode into that virtualenv first: scripts/test installs a debug build in
development mode, which the same source tree then serves to every virtualenv)
needs, in that virtualenv: tamis (VIRTUAL_ENV=.peers .venv/bin/maturin develop --release -m
python/Cargo.toml), ftfy, sacremoses, pycld2, rensa, "datatrove[processing]", orjson; langid
(langid.py, pure Python) for a second baseline.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "peers"))

import tamis  # noqa: E402


def timed(fn):
    """(result, wall seconds, CPU seconds of this process and its threads)."""
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w, time.process_time() - c


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def detect_pycld2(text):
    import pycld2

    try:
        _, _, details = pycld2.detect(text)
        return details[0][1] if details and details[0][1] != "un" else "en"
    except pycld2.error:
        return "en"


def detect_langid(text):
    import langid

    return langid.classify(text)[0]


def baseline_clean(records, detect):
    import ftfy
    from sacremoses import MosesPunctNormalizer

    normalizers = {}
    out = []
    for r in records:
        text = ftfy.fix_text(r["text"])
        lang = detect(text)
        moses = normalizers.get(lang)
        if moses is None:
            moses = normalizers[lang] = MosesPunctNormalizer(lang)
        text = "\n".join(moses.normalize(line) for line in text.split("\n"))
        out.append({"id": r["id"], "text": text, "lang": lang})
    return out


def row(name, wall, cpu, base=None):
    ratio = "" if base is None else f"{base[0] / wall:7.1f}× {base[1] / cpu:7.1f}×"
    print(f"  {name:<58} {wall:8.2f} s {cpu:8.2f} s  {ratio}")


def cleaning(records, mb):
    print(f"\n1. Cleaning {len(records)} documents, {mb:.1f} MB (wall, CPU; ratios: baseline / this)")
    docs = [{"id": r["id"], "text": r["text"]} for r in records]
    try:
        import langid

        langid.classify("warm up: the model loads on first use")
        _, lw, lc = timed(lambda: baseline_clean(records, detect_langid))
        row("ftfy + sacremoses + langid.py, per document", lw, lc)
    except ImportError:
        lw = lc = None
        print("  (langid.py not installed: pip install langid for its row)")
    _, bw, bc = timed(lambda: baseline_clean(records, detect_pycld2))
    row("ftfy + sacremoses + pycld2, per document (baseline)", bw, bc)
    same_jobs = tamis.Pipeline(extract_header=False, boilerplate={"enabled": False}, min_words=0,
                               dedup={"enabled": False})
    _, w, c = timed(lambda: same_jobs.process_batch(docs))
    row("tamis Pipeline.process_batch: repair, language, typography", w, c, (bw, bc))
    if lw is not None:
        print(f"  {'(against the langid.py baseline)':<58} {'':>10} {'':>10}  {lw / w:7.1f}× {lc / c:7.1f}×")
    full = tamis.Pipeline()
    _, w, c = timed(lambda: full.clean_batch(docs))
    row("tamis Pipeline.clean_batch: every stage, near-duplicates", w, c, (bw, bc))
    _, lw, lc = timed(lambda: [same_jobs.clean(d) for d in docs])
    row("tamis Pipeline.clean, one call per document", lw, lc, (bw, bc))
    _, w, c = timed(lambda: same_jobs.process_batch(docs))
    print(f"  batch call vs per-document loop: {lw / w:.1f}× wall, {lc / c:.1f}× CPU")


def dedup(path, records):
    from minhash_peer import score

    print("\n2. Near-duplicates (wall, CPU; pair precision / recall / F1 on the labels)")
    t0 = time.perf_counter()
    peer = subprocess.run([sys.executable, os.path.join(SHARED, "peers", "minhash_peer.py"), path,
                           "--lib", "rensa", "--score"], capture_output=True, text=True, check=True)
    peer_wall_outside = time.perf_counter() - t0
    wall = float(re.search(r"wall_seconds=([\d.]+)", peer.stderr).group(1))
    stages = dict(re.findall(r"(\w+)=([\d.]+)", re.search(r"stage_seconds (.*)", peer.stderr).group(1)))
    # Reading the JSON and importing rensa are outside tamis' timing below: outside rensa's too.
    work = wall - float(stages.get("read", 0)) - float(stages.get("import", 0))
    score_line = next((l for l in peer.stderr.splitlines() if "f1" in l), "")
    print(f"  rensa (minhash_peer.py, word 5-grams): {work:.2f} s shingling to clusters "
          f"({wall:.2f} s with reading, {peer_wall_outside:.2f} s with start-up); {score_line.strip()}")
    ids = [str(r["id"]) for r in records]
    gt = [r["cluster"] for r in records]

    def run():
        d = tamis.Deduplicator()
        d.add_batch([(i, r["text"]) for i, r in zip(ids, records)])
        return d.clusters()

    clusters, w, c = min((timed(run) for _ in range(3)), key=lambda r: r[1])
    position = {doc_id: i for i, doc_id in enumerate(ids)}
    pred = list(range(len(ids)))
    for members in clusters:
        for m in members:
            pred[position[m]] = position[members[0]]
    s = score(gt, pred)
    print(f"  tamis Deduplicator (defaults): {w:.2f} s wall, {c:.2f} s CPU; "
          f"P {s['precision']} R {s['recall']} F1 {s['f1']}; {work / w:.1f}× rensa's wall (best of 3)")


def datatrove_steps(path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import C4QualityFilter
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.readers import JsonlReader

    from tamis.datatrove import TamisBoilerplateStripper, TamisDeduplicator, TamisFormatter

    print("\n3. datatrove steps, one task (wall; ratio: datatrove / tamis)")
    folder, name = os.path.split(os.path.abspath(path))

    def pipeline_seconds(step):
        with tempfile.TemporaryDirectory() as logs:
            reader = JsonlReader(folder, glob_pattern=name, text_key="text", id_key="id")
            t0 = time.perf_counter()
            LocalPipelineExecutor(pipeline=[reader, step], tasks=1, workers=1, logging_dir=logs).run()
            return time.perf_counter() - t0

    reading = pipeline_seconds(lambda data, rank=0, world_size=1: (d for d in data))
    print(f"  reading alone: {reading:.2f} s (included in every line below)")
    pairs = [
        ("FTFYFormatter", FTFYFormatter(), "TamisFormatter(typography=keep)",
         TamisFormatter(typography="keep")),
        ("FTFYFormatter", FTFYFormatter(), "TamisFormatter (+ language)", TamisFormatter()),
        ("C4QualityFilter (line rules)", C4QualityFilter(filter_no_terminal_punct=False),
         "TamisBoilerplateStripper", TamisBoilerplateStripper()),
    ]
    for peer_name, peer, ours_name, ours in pairs:
        p = pipeline_seconds(peer)
        t = pipeline_seconds(ours)
        print(f"  {peer_name:<30} {p:7.2f} s   {ours_name:<32} {t:6.2f} s   "
              f"{p / t:5.1f}× ({(p - reading) / max(t - reading, 1e-3):5.1f}× without reading)")
    with tempfile.TemporaryDirectory() as work:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(HERE, "datatrove_minhash.py"), path, work],
                       check=True, capture_output=True)
        p = time.perf_counter() - t0
    t = pipeline_seconds(TamisDeduplicator())
    print(f"  {'MinHash, 4 stages':<30} {p:7.2f} s   {'TamisDeduplicator':<32} {t:6.2f} s   {p / t:5.1f}×")


def main():
    try:
        from loguru import logger  # datatrove's logger: its progress would drown the table

        logger.remove()
    except ImportError:
        pass
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SHARED, "data", "dedup-dev.jsonl")
    records = read(path)
    mb = sum(len(r["text"].encode()) for r in records) / 1e6
    print(f"tamis {tamis.__version__} on {os.cpu_count()} cores; {path}")
    if tamis._tamis.__build__ != "release":
        sys.exit("this tamis is a debug build: rebuild it with --release (see the docstring)")
    cleaning(records, mb)
    dedup(path, records)
    datatrove_steps(path)


if __name__ == "__main__":
    main()
