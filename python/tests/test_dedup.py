"""tamis.Deduplicator: clusters, duplicates, saved indexes."""

import pytest

import tamis

BUDGET = "Le conseil municipal a voté le budget 2019 mardi soir, après trois heures de débat animé entre la majorité et l'opposition."
BUDGET_COPY = "Le conseil municipal a vote le budget 2019 mardi soir apres trois heures de debat anime entre la majorite et l opposition"
RAIN = "La météo annonce de la pluie sur toute la Bretagne pour le week-end prochain, avec des rafales de vent sur les côtes."
BUDGET_EDITED = "Le conseil municipal a voté le budget 2019 mardi soir, après trois heures de débat animé entre la majorité et l'opposition municipale."


def test_clusters_and_duplicates_of_added_documents():
    d = tamis.Deduplicator()
    d.add("budget", BUDGET)
    d.add_batch([("rain", RAIN), {"id": "copy", "text": BUDGET_COPY}, {"id": "edited", "text": BUDGET_EDITED}])
    assert len(d) == 4
    assert d.clusters() == [["budget", "copy", "edited"]]
    dupes = d.duplicates()
    assert [(a, b) for a, b, _ in dupes] == [("copy", "budget"), ("edited", "budget")]
    assert dupes[0][2] == 1.0 and 0.8 <= dupes[1][2] < 1.0
    assert d.duplicate_mask() == [False, False, True, True]
    notes = d.annotations()
    assert notes[2] == {"dup_cluster": 0, "dup_size": 3, "dup_kept": "budget"}
    assert notes[1]["dup_kept"] == "rain"
    assert d.summary()["duplicates"] == 2


def test_same_clusters_as_the_library_function_and_the_pipeline():
    docs = [("a", BUDGET), ("b", RAIN), ("c", BUDGET_COPY)]
    d = tamis.Deduplicator()
    d.add_batch(docs)
    assert d.clusters() == [["a", "c"]]
    p = tamis.Pipeline(min_words=0)
    kept = p.clean_batch([{"id": i, "text": t} for i, t in docs])
    assert [k["id"] for k in kept] == ["a", "b"]


def test_keep_newest_reads_the_date():
    d = tamis.Deduplicator(keep="newest")
    d.add("old", BUDGET, date="2018-06")
    d.add("new", BUDGET_COPY, date="2019-01-02")
    assert d.clusters() == [["new", "old"]]


def test_settings_are_checked():
    with pytest.raises(tamis.ConfigError, match="threshold"):
        tamis.Deduplicator(threshold=0)
    with pytest.raises(tamis.ConfigError, match="unknown field"):
        tamis.Deduplicator(treshold=0.7)


def test_a_saved_index_finds_duplicates_of_earlier_documents(tmp_path):
    first = tamis.Deduplicator()
    first.add_batch([("budget", BUDGET), ("rain", RAIN)])
    first.save(tmp_path / "seen.idx.zst")
    later = tamis.Deduplicator.load(tmp_path / "seen.idx.zst")
    later.add_batch([("copy", BUDGET_COPY), ("new", "Un tout autre sujet, sans rapport avec les précédents, sur la pêche en mer.")])
    assert later.duplicate_mask() == [True, False]
    assert later.duplicates()[0][:2] == ("copy", "budget")
    with pytest.raises(tamis.TamisError, match="num_perm|ngram"):
        tamis.Deduplicator.load(tmp_path / "seen.idx.zst", num_perm=64)
