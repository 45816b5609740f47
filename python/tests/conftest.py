"""Shared fixtures: the bundled corpus, read as documents by tamis itself."""

import json
import os
import shutil
from pathlib import Path

import pytest

import tamis

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def corpus_docs(tmp_path_factory):
    """Every document of corpus/ as a run reads it (ids, fields), untouched: a pipeline with
    every stage off writes them out."""
    out = tmp_path_factory.mktemp("as-read") / "docs.jsonl"
    bare = tamis.Pipeline(
        extract_header=False,
        normalize=[],
        lang={"enabled": False},
        boilerplate={"enabled": False},
        min_words=0,
        typography="keep",
        dedup={"enabled": False},
    )
    stats = bare.run(str(CORPUS), str(out))
    docs = read_jsonl(out)
    assert stats["documents_in"] == len(docs) > 50
    return docs


@pytest.fixture(scope="session")
def tamis_binary():
    """The tamis command built by `cargo test` / `cargo build` (TAMIS_BIN overrides)."""
    candidates = [os.environ.get("TAMIS_BIN")] + [
        str(ROOT / "target" / profile / "tamis") for profile in ("debug", "release")
    ]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("tamis")
    if found:
        return found
    pytest.skip("no tamis binary: run `cargo build` first (scripts/test does)")
