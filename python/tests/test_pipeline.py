"""tamis.Pipeline: one document, a batch, files; the same results as the command line."""

import json
import subprocess

import pytest

import tamis
from conftest import CORPUS, read_jsonl


def test_clean_passes_other_keys_through_and_keeps_the_id_type():
    p = tamis.Pipeline(min_words=0)
    doc = {
        "id": 17,
        "text": " date 2018-06 L’administration  américaine \"négocie\"",
        "url": "https://example.org/a",
        "score": 0.5,
        "tags": ["a", {"b": None}],
        "big": 2**70,
    }
    out = p.clean(doc)
    assert out["id"] == 17
    assert out["text"] == "L’administration américaine «\u00a0négocie\u00a0»"
    assert out["date"] == "2018-06"
    assert (out["url"], out["score"], out["tags"], out["big"]) == (
        doc["url"], 0.5, ["a", {"b": None}], 2**70,
    )
    assert out["lang"] == "fra"
    assert list(out)[:2] == ["id", "text"]


def test_clean_drops_with_none_and_refuses_what_is_not_a_document():
    p = tamis.Pipeline()  # min_words 20 by default
    assert p.clean({"id": "a", "text": "Trop court."}) is None
    with pytest.raises(ValueError, match="text"):
        p.clean({"id": "a", "body": "no text field"})
    with pytest.raises(TypeError, match="str"):
        p.clean({"id": "a", "text": 42})
    with pytest.raises(TypeError):
        p.clean({"id": "a", "text": "x", "when": object()})


def test_settings_are_checked_and_named():
    with pytest.raises(tamis.ConfigError, match="threshold"):
        tamis.Pipeline(dedup={"threshold": 1.5})
    with pytest.raises(tamis.ConfigError, match="threshhold"):
        tamis.Pipeline(dedup={"threshhold": 0.7})
    p = tamis.Pipeline(min_words=0, read={"text_field": "content", "id_field": "url"})
    out = p.clean({"url": "https://a.example/1", "content": "Le  conseil a voté."})
    assert out == {"url": "https://a.example/1", "content": "Le conseil a voté.", "lang": out["lang"],
                   "lang_script": "Latin", "lang_confidence": out["lang_confidence"]}


def test_a_pipeline_from_the_stages_of_a_pipeline_file():
    p = tamis.Pipeline(stages=[{"type": "repair"}, {"type": "language", "keep": ["fra"]},
                               {"type": "dedup", "threshold": 0.7}])
    stages = p.config["stages"]
    assert [s["type"] for s in stages] == ["repair", "language", "dedup"]
    assert stages[2]["threshold"] == 0.7 and stages[1]["keep"] == ["fra"]
    assert repr(p) == "Pipeline(repair → language → dedup)"
    assert p.clean({"id": "en", "text": "The council approved the budget on Tuesday night."}) is None
    with pytest.raises(tamis.ConfigError, match="unknown"):
        tamis.Pipeline(stages=[{"type": "translate"}])
    with pytest.raises(tamis.ConfigError, match="comes last"):
        tamis.Pipeline(stages=[{"type": "dedup"}, {"type": "repair"}])


def test_keyword_sections_edit_the_default_pipeline():
    p = tamis.Pipeline(min_words=0, lang={"keep": ["fra"]}, dedup={"enabled": False},
                       boilerplate={"repeated_line_min_docs": 5})
    stages = p.config["stages"]
    assert [s["type"] for s in stages] == ["header", "repair", "language", "boilerplate", "typography"]
    assert stages[2]["keep"] == ["fra"] and stages[2]["sample_bytes"] == 2048
    assert stages[3]["repeated_line_min_docs"] == 5
    with pytest.raises(tamis.ConfigError, match="unknown setting"):
        tamis.Pipeline(langs={"keep": ["fra"]})


def test_a_stage_listed_twice_runs_twice():
    # A second boilerplate pass after typography sees the text typeset; one pass counts the
    # corpus's repeated lines.
    two = tamis.Pipeline(stages=[
        {"type": "language"},
        {"type": "boilerplate", "strictness": "rules", "repeated_line_min_docs": 0},
        {"type": "typography"},
        {"type": "boilerplate", "strictness": "rules", "repeated_line_min_docs": 0,
         "extra_rules": [{"name": "quote_only", "kind": "navigation", "pattern": "^«\\s.+\\s»$",
                          "max_chars": 80}]},
    ])
    text = "Le conseil municipal a voté le budget mardi soir.\n«Une décision historique»"
    out = two.clean({"id": "a", "text": text})
    assert out["text"] == "Le conseil municipal a voté le budget mardi soir."
    one = tamis.Pipeline(stages=two.config["stages"][:3])
    assert "historique" in one.clean({"id": "a", "text": text})["text"]


def test_process_batch_gives_one_result_per_document_in_order():
    p = tamis.Pipeline(min_words=3)
    docs = [
        {"id": "de", "text": "Die Weinlese hat am Montag im Rheingau begonnen."},
        {"id": "short", "text": "Zu kurz."},
        {"text": "La vendange a commencé lundi dans le Médoc."},
    ]
    out = p.process_batch(docs)
    assert [o and o["id"] for o in out] == ["de", None, "2"]
    assert out[0]["lang"] == "deu" and out[2]["lang"] == "fra"
    assert out == [p.clean(d) for d in docs[:2]] + [p.clean({"id": "2", **docs[2]})]


def test_clean_batch_gives_what_a_run_over_the_files_gives(corpus_docs, tmp_path):
    p = tamis.Pipeline()
    kept, stats = p.clean_batch(corpus_docs, with_stats=True)
    out = tmp_path / "run.jsonl"
    run_stats = p.run(str(CORPUS), str(out))
    assert kept == read_jsonl(out)
    for key in ("documents_in", "documents_out", "dropped", "bytes_in", "bytes_out", "stages"):
        assert stats[key] == run_stats[key], key
    assert stats["documents_in"] == stats["documents_out"] + sum(stats["dropped"].values())
    assert stats["dropped"].get("duplicate", 0) > 0
    assert p.clean_batch(corpus_docs) == kept


def test_the_same_documents_as_the_command_line(corpus_docs, tamis_binary, tmp_path):
    out = tmp_path / "cli.jsonl"
    subprocess.run([tamis_binary, "clean", str(CORPUS), "-o", str(out), "-q"], check=True)
    assert tamis.Pipeline().clean_batch(corpus_docs) == read_jsonl(out)


def test_run_writes_every_output_and_refuses_to_overwrite_an_input(tmp_path):
    p = tamis.Pipeline()
    stats = p.run(
        [str(CORPUS / "feeds"), CORPUS / "news"],
        tmp_path / "out.jsonl.zst",
        report=tmp_path / "dupes.jsonl",
        explain=tmp_path / "explain.jsonl",
        stats=tmp_path / "stats.json",
        save_index=tmp_path / "seen.idx",
        html=tmp_path / "report.html",
    )
    assert "<section id=duplicates>" in (tmp_path / "report.html").read_text()
    for name in ("out.jsonl.zst", "dupes.jsonl", "explain.jsonl", "stats.json", "seen.idx"):
        assert (tmp_path / name).exists(), name
    assert json.loads((tmp_path / "stats.json").read_text())["documents_out"] == stats["documents_out"]
    detected = p.run(CORPUS, tmp_path / "langs.jsonl", job="detect")
    assert detected["documents_out"] == detected["documents_in"]
    assert {"id", "lang"} <= set(read_jsonl(tmp_path / "langs.jsonl")[0])
    victim = tmp_path / "input.jsonl"
    victim.write_text('{"id": "a", "text": "Bonjour tout le monde"}\n')
    with pytest.raises(tamis.TamisError):
        p.run(victim, victim)
    assert victim.read_text() == '{"id": "a", "text": "Bonjour tout le monde"}\n'
    with pytest.raises(tamis.ConfigError, match="job"):
        p.run(CORPUS, tmp_path / "x.jsonl", job="translate")
    with pytest.raises(OSError, match="missing"):
        p.run(tmp_path / "missing.jsonl", tmp_path / "y.jsonl")


def test_a_pipeline_file_reads_as_the_command_line_reads_it(tmp_path, tamis_binary):
    printed = subprocess.run(
        [tamis_binary, "clean", "--print-config", "--lang", "fr,en", "--min-words", "5"],
        check=True, capture_output=True, text=True,
    ).stdout
    path = tmp_path / "pipeline.toml"
    path.write_text(printed)
    p = tamis.Pipeline.from_file(path)
    assert {"type": "min_words", "min_words": 5} in p.config["stages"]
    assert p.to_toml() == printed
    (tmp_path / "p.json").write_text(json.dumps({"stages": [{"type": "dedup", "threshold": 0.7}]}))
    assert tamis.Pipeline.from_file(tmp_path / "p.json").config["stages"][0]["threshold"] == 0.7


def test_shards_cleaned_with_merged_line_counts_match_one_run(tmp_path):
    tagline = "Il Gazzettino del Lago — quotidiano online della provincia"
    bodies = [
        "La fiera del libro apre sabato sul lungolago con trenta editori e molti incontri.",
        "Il traghetto per Bellagio riprende le corse serali da lunedì, con un orario ridotto.",
        "Il derby di domenica finisce pari: due reti nel finale e molte proteste sugli spalti.",
    ]
    shards = []
    for n, chunk in enumerate([bodies[:2], bodies[2:]]):
        path = tmp_path / f"shard-{n}.jsonl"
        path.write_text("".join(
            json.dumps({"id": f"{n}-{i}", "text": f"{tagline}\n{body}"}) + "\n" for i, body in enumerate(chunk)
        ))
        shards.append(path)
    p = tamis.Pipeline(min_words=0, dedup={"enabled": False})
    counts = [p.count_lines(shard, tmp_path / f"{shard.stem}.lines") for shard in shards]
    assert [c["documents"] for c in counts] == [2, 1]
    tamis.merge_line_tables([tmp_path / f"{s.stem}.lines" for s in shards], tmp_path / "all.lines")
    kept = []
    for shard in shards:
        p.run(shard, tmp_path / f"{shard.stem}.clean.jsonl", line_table=tmp_path / "all.lines")
        kept += read_jsonl(tmp_path / f"{shard.stem}.clean.jsonl")
    assert [d["text"] for d in kept] == bodies


def test_the_quality_section_adds_the_quality_stage():
    article = (
        "The city council approved on Tuesday a plan to renovate the central library, which has "
        "been closed since the flood of last spring. The work will cost about four million euros "
        "and should be finished before the end of next year, the mayor said. Most of the money "
        "comes from a regional fund that was set up to help towns recover from the storms."
    )
    docs = [{"id": "a", "text": article}, {"id": "m", "text": "Home\nNews\nSport\nWeather\nContact us"}]
    assert [d["id"] for d in tamis.Pipeline(min_words=0).clean_batch(docs)] == ["a", "m"]
    p = tamis.Pipeline(min_words=0, quality={})
    kept, stats = p.clean_batch(docs, with_stats=True)
    assert [d["id"] for d in kept] == ["a"]
    assert stats["dropped"] == {"quality": 1}
    assert stats["stages"]["quality"]["gopher_short_doc"] == 1
    # Its settings, as in a pipeline file; an unknown one is named.
    off = {"enabled": False}
    lenient = tamis.Pipeline(
        min_words=0,
        quality={"gopher_quality": off, "gopher_repetition": off, "fineweb_quality": off},
    )
    assert [d["id"] for d in lenient.clean_batch(docs)] == ["a", "m"]
    with pytest.raises(tamis.ConfigError, match="min_words"):
        tamis.Pipeline(quality={"gopher_quality": {"min_words": 3}})


def test_the_pii_section_masks_addresses():
    doc = {"id": "a", "text": "Écrire à claire.martin@ville-lyon.fr depuis 151.101.1.69 ou 192.168.1.1."}
    masked = tamis.Pipeline(min_words=0, pii={}).clean(doc)["text"]
    assert "email@example.com" in masked and "22.214.171.124" in masked and "192.168.1.1" in masked
    assert "claire.martin" in tamis.Pipeline(min_words=0).clean(doc)["text"]
