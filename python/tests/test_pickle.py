"""Everything a cluster engine ships to its workers pickles, and comes back the same."""

import multiprocessing
import pickle

import tamis
from test_dedup import BUDGET, BUDGET_COPY, RAIN


def test_pipeline_round_trip_keeps_every_setting_and_result():
    p = tamis.Pipeline(min_words=3, lang={"keep": ["fra", "deu"]}, dedup={"threshold": 0.7})
    q = pickle.loads(pickle.dumps(p))
    assert q.config == p.config
    doc = {"id": "a", "text": "La vendange a commencé lundi dans le Médoc, sous le soleil."}
    assert q.clean(doc) == p.clean(doc)


def test_deduplicator_round_trip_keeps_documents_and_a_loaded_index(tmp_path):
    first = tamis.Deduplicator(threshold=0.75)
    first.add("budget", BUDGET)
    first.save(tmp_path / "seen.idx")
    d = tamis.Deduplicator.load(tmp_path / "seen.idx", threshold=0.75)
    d.add_batch([("rain", RAIN), ("copy", BUDGET_COPY), ("empty", "")])
    e = pickle.loads(pickle.dumps(d))
    assert len(e) == len(d) == 3
    assert e.config == d.config
    assert e.clusters() == d.clusters()
    assert e.duplicates() == d.duplicates() == [("copy", "budget", 1.0)]
    e.add("copy2", BUDGET_COPY)
    assert e.duplicate_mask() == [False, True, False, True]


def test_detection_and_removal_round_trip():
    d = tamis.detect("Die Weinlese hat am Montag im Rheingau begonnen.")
    assert pickle.loads(pickle.dumps(d)) == d
    _, removals = tamis.strip_boilerplate("Texte.\nPartager sur Facebook | Twitter", "fr")
    assert removals and pickle.loads(pickle.dumps(removals)) == removals


def _clean_in_worker(args):
    pipeline, doc = args
    return pipeline.clean(doc)


def test_a_pipeline_runs_in_worker_processes():
    p = tamis.Pipeline(min_words=0)
    docs = [{"id": str(i), "text": f"Le numéro {i} dit \"bonjour\"..."} for i in range(8)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        out = pool.map(_clean_in_worker, [(p, d) for d in docs])
    assert out == [p.clean(d) for d in docs]
