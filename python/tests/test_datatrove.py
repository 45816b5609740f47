"""The datatrove adapters in a real datatrove pipeline, on the bundled corpus."""

import json

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import tamis  # noqa: E402
from tamis.datatrove import (  # noqa: E402
    TamisBoilerplateStripper,
    TamisDeduplicator,
    TamisFormatter,
    TamisLanguageFilter,
    TamisQualityFilter,
)


def _documents(corpus_docs):
    return [
        Document(text=d["text"], id=str(d["id"]), metadata={k: v for k, v in d.items() if k not in ("id", "text")})
        for d in corpus_docs
    ]


def _read_output(folder):
    docs = []
    for path in sorted(folder.glob("*.jsonl*")):
        import gzip

        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            docs.extend(json.loads(line) for line in f if line.strip())
    return docs


def test_a_datatrove_pipeline_with_the_tamis_steps(corpus_docs, tmp_path):
    languages = ["fr", "en", "de", "es", "it", "pt", "ru", "zh", "ar"]
    LocalPipelineExecutor(
        pipeline=[
            _documents(corpus_docs),
            TamisFormatter(),
            TamisLanguageFilter(languages=languages),
            TamisBoilerplateStripper(min_words=5),
            TamisDeduplicator(threshold=0.8),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    out = _read_output(tmp_path / "out")
    by_id = {d["id"]: d for d in out}
    assert 0 < len(out) < len(corpus_docs)
    # Formatted as the library formats, in the language the filter found.
    for doc in out:
        lang = doc["metadata"]["language"]
        assert tamis.language_code(lang) in {tamis.language_code(l) for l in languages}
        assert doc["text"] == tamis.normalize(doc["text"], lang=lang)
    # No near-duplicates left, and what a tamis run drops as duplicates is gone here too.
    d = tamis.Deduplicator()
    d.add_batch([(doc["id"], doc["text"]) for doc in out])
    assert d.clusters() == []
    # Photo credits and share lines are gone.
    assert not any("Partager sur" in doc["text"] or "© Photo" in doc["text"] for doc in out)
    assert len(by_id) == len(out)


def test_the_language_filter_labels_only_when_asked(corpus_docs):
    step = TamisLanguageFilter(label_only=True)
    docs = _documents(corpus_docs)
    kept = list(step.run(iter(docs)))
    assert len(kept) == len(docs)
    assert all("language" in d.metadata and "language_score" in d.metadata for d in kept)


def test_the_deduplicator_step_annotates_instead_of_dropping(corpus_docs):
    docs = _documents(corpus_docs)
    annotated = list(TamisDeduplicator(annotate=True).run(iter(docs)))
    assert len(annotated) == len(docs)
    dropped = len(docs) - len(list(TamisDeduplicator().run(iter(_documents(corpus_docs)))))
    assert dropped > 0
    assert sum(d.metadata["dup_kept"] != d.id for d in annotated) == dropped


def test_the_quality_filter_drops_as_datatrove_s_filters_and_says_why(tmp_path):
    article = (
        "The city council approved on Tuesday a plan to renovate the central library, which has "
        "been closed since the flood of last spring. The work will cost about four million euros "
        "and should be finished before the end of next year, the mayor said. Most of the money "
        "comes from a regional fund that was set up to help towns recover from the storms."
    )
    docs = [
        Document(text=article, id="a", metadata={"language": "en"}),
        Document(text="Home\nNews\nSport\nWeather\nContact us", id="m", metadata={}),
        Document(text="市议会周二批准了一项翻修中央图书馆的计划。", id="zh", metadata={}),
    ]
    step = TamisQualityFilter()
    kept = list(step.run(iter(docs)))
    # Chinese is judged on its words as a segmenter cuts them: one sentence is too short.
    assert [d.id for d in kept] == ["a"]
    assert docs[2].metadata["quality"]["rule"] == "gopher_short_doc"
    assert docs[1].metadata["quality"]["rule"] == "gopher_short_doc"
    assert docs[1].metadata["quality"]["limit"] == 50.0
    # Settings as in a pipeline file, checked when the step is made; the step pickles.
    import pickle

    lenient = pickle.loads(pickle.dumps(TamisQualityFilter(gopher_quality={"min_doc_words": 3})))
    assert lenient.settings == {"gopher_quality": {"min_doc_words": 3}}
    with pytest.raises(tamis.ConfigError, match="min_words"):
        TamisQualityFilter(gopher_quality={"min_words": 3})


def test_the_quality_filter_with_c4_rewrites_the_text_as_datatrove_s_c4_filter_does():
    page = (
        "Home | News | Sport\n"
        "The city council approved on Tuesday a plan to renovate the central library.[2] "
        "It has been closed since the flood of last spring.\n"
        "Please enable JavaScript to see the comments.\n"
        "The work will cost about four million euros. It should be finished next year. "
        "Most of the money comes from a regional fund. The mayor said so on Tuesday!\n"
        "Share this"
    )
    off = {"enabled": False}
    step = TamisQualityFilter(
        gopher_quality=off, gopher_repetition=off, fineweb_quality=off, c4_quality={"enabled": True}
    )
    docs = [
        Document(text=page, id="p", metadata={"language": "en"}),
        Document(text="Lorem ipsum dolor sit amet. " * 8, id="l", metadata={"language": "en"}),
    ]
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["p"]
    lines = kept[0].text.split("\n")
    assert lines[0].startswith("The city council") and "[2]" not in lines[0]
    assert lines[1].startswith("The work will cost") and len(lines) == 2
    assert docs[1].metadata["quality"]["filter"] == "c4_quality"
    assert docs[1].metadata["quality"]["rule"] == "lorem_ipsum"


def test_every_step_skips_and_counts_a_text_with_a_lone_surrogate(corpus_docs):
    """Python strings may hold a lone surrogate (a JSON `\\ud800` read by Python, a bad
    decode); UTF-8 may not. Each step drops that document, counts it, and goes on."""
    steps = [
        TamisFormatter(),
        TamisLanguageFilter(),
        TamisBoilerplateStripper(),
        TamisQualityFilter(),
        TamisDeduplicator(),
    ]
    for step in steps:
        docs = _documents(corpus_docs)[:12]
        bad = Document(text="Le conseil a voté \ud800 le budget.", id="bad", metadata={})
        docs.insert(3, bad)
        kept = list(step.run(iter(docs)))
        assert "bad" not in [d.id for d in kept], step.name
        assert len(kept) >= 1, step.name
        counted = step.stats.get_repr() if hasattr(step.stats, "get_repr") else str(step.stats)
        assert "invalid_text" in counted, (step.name, counted)
    # The others go through as they would alone.
    docs = _documents(corpus_docs)[:12]
    alone = [d.text for d in TamisFormatter().run(iter(docs))]
    docs = _documents(corpus_docs)[:12]
    docs.insert(3, Document(text="\udfff", id="bad", metadata={}))
    assert [d.text for d in TamisFormatter().run(iter(docs))] == alone
