"""tamis' stages as datatrove pipeline steps.

Put them where datatrove users put ``FTFYFormatter``, ``LanguageFilter``,
``C4QualityFilter`` and the MinHash stages; each works on batches of documents, in parallel
in Rust::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from tamis.datatrove import (
        TamisBoilerplateStripper, TamisDeduplicator, TamisFormatter, TamisLanguageFilter,
        TamisQualityFilter,
    )

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        TamisFormatter(),                        # repair + typography (ftfy's job, and more)
        TamisLanguageFilter(languages=["fr", "en"]),
        TamisBoilerplateStripper(),              # photo credits, "read also", share lines…
        TamisQualityFilter(),                    # Gopher + FineWeb rules, FineWeb-2's limits
        TamisDeduplicator(threshold=0.8),        # near-duplicates within the task
        JsonlWriter("clean/"),
    ], tasks=4).run()

Needs ``pip install "tamis[datatrove]"`` (datatrove itself).
"""

from __future__ import annotations

import os
from itertools import islice
from typing import Iterable, Iterator, Optional, Sequence

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from . import _tamis

__all__ = [
    "TamisBoilerplateStripper",
    "TamisDeduplicator",
    "TamisFormatter",
    "TamisLanguageFilter",
    "TamisQualityFilter",
]

#: Documents handed to Rust at a time: large enough to keep every core busy, small enough
#: to keep a task's memory flat.
DEFAULT_BATCH_SIZE = 2048


def _batched(data: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(data)
    while batch := list(islice(iterator, size)):
        yield batch


#: What a step's results hold for a document whose text (or id) holds a lone surrogate: Python
#: strings may, UTF-8 may not. The document is dropped and counted under this name, as the
#: command line skips and counts a record it cannot read.
INVALID_TEXT = "invalid_text"

_UNREADABLE = object()


def _readable(doc: Document) -> bool:
    try:
        doc.text.encode("utf-8")
        str(doc.id).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _each_readable(batch: list[Document], call) -> list:
    """``call(batch)`` as a list aligned with ``batch``; should a text not encode as UTF-8,
    ``call`` over the documents that do, and ``_UNREADABLE`` for the others."""
    try:
        return list(call(batch))
    except UnicodeEncodeError:
        readable = [_readable(doc) for doc in batch]
        good = [doc for doc, ok in zip(batch, readable) if ok]
        results = iter(call(good) if good else [])
        return [next(results) if ok else _UNREADABLE for ok in readable]


def _language_of(doc: Document, key: Optional[str]) -> Optional[str]:
    """The language a previous step wrote under ``key``, if tamis knows it."""
    if key is None:
        return None
    value = doc.metadata.get(key)
    if not isinstance(value, str):
        return None
    try:
        return _tamis.language_code(value)
    except (_tamis.ConfigError, UnicodeEncodeError):
        return None


class TamisFormatter(BaseFormatter):
    """Repairs text (HTML references, invisible characters, mojibake, NFC, whitespace) and
    applies the typography of its language: what ``FTFYFormatter`` does, plus typography.

    Args:
        typography: "native" (each language's conventions), "plain" (ASCII quotes, plain
            spaces) or "keep" (repair only).
        language_key: metadata key holding a language a previous step found (e.g. "language"
            from a language filter); the language is detected when absent.
        batch_size: documents per call into Rust.
    """

    name = "🧹 tamis repair + typography"

    def __init__(
        self,
        typography: str = "native",
        language_key: Optional[str] = "language",
        batch_size: int = DEFAULT_BATCH_SIZE,
    ):
        super().__init__()
        _tamis.normalize("", typography=typography)  # checks the policy's name now
        self.typography = typography
        self.language_key = language_key
        self.batch_size = batch_size

    def format(self, text: str) -> str:
        return _tamis.normalize(text, typography=self.typography)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for batch in _batched(data, self.batch_size):
            with self.track_time("batch"):
                texts = _each_readable(batch, lambda docs: _tamis.normalize_batch(
                    [doc.text for doc in docs],
                    [_language_of(doc, self.language_key) for doc in docs],
                    self.typography,
                ))
            for doc, text in zip(batch, texts):
                self.stat_update(StatHints.total)
                if text is _UNREADABLE:
                    self.stat_update(INVALID_TEXT)
                    continue
                if text != doc.text:
                    self.stat_update("changed")
                doc.text = text
                yield doc


class TamisLanguageFilter(BaseFilter):
    """Detects each document's language and keeps those in ``languages``: what
    ``LanguageFilter`` does, without a model to download.

    Writes ``metadata["language"]`` (ISO 639-1 when the language has one, as datatrove's
    filter does; else ISO 639-3; "und" when unreliable), ``metadata["language_score"]`` (0–1)
    and ``metadata["language_script"]``.

    Args:
        languages: languages to keep, as codes or names ("fr", "fra", "French"); None keeps
            every language.
        language_threshold: minimum score; None uses tamis' own reliability rule (the
            language is "und" when unreliable).
        keep_undetermined: keep documents whose language is "und" (when ``languages`` is None).
        label_only: write the fields, drop nothing.
    """

    name = "🌍 tamis language"

    def __init__(
        self,
        languages: Optional[Sequence[str] | str] = None,
        language_threshold: Optional[float] = None,
        exclusion_writer=None,
        keep_undetermined: bool = False,
        label_only: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ):
        super().__init__(exclusion_writer, batch_size=batch_size)
        if isinstance(languages, str):
            languages = [languages]
        self.languages = None if languages is None else {_tamis.language_code(l) for l in languages}
        self.language_threshold = language_threshold
        self.keep_undetermined = keep_undetermined
        self.label_only = label_only

    def _decide(self, doc: Document, detection: _tamis.Detection):
        doc.metadata["language"] = detection.lang_short
        doc.metadata["language_score"] = detection.confidence
        doc.metadata["language_script"] = detection.script
        if self.label_only:
            return True
        if self.language_threshold is not None and detection.confidence < self.language_threshold:
            return False, "language_score"
        if self.languages is not None:
            return (True, None) if detection.lang in self.languages else (False, "language")
        if detection.lang == "und" and not self.keep_undetermined:
            return False, "undetermined"
        return True

    def filter(self, doc: Document):
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]):
        detections = _each_readable(batch, lambda docs: _tamis.detect_batch([doc.text for doc in docs]))
        return [
            (False, INVALID_TEXT) if d is _UNREADABLE else self._decide(doc, d)
            for doc, d in zip(batch, detections)
        ]


class TamisBoilerplateStripper(BaseFilter):
    """Removes boilerplate lines (photo credits and captions, "read also" links, share and
    cookie lines, the line classifier's picks) from each document, in its language, and drops
    documents left with fewer than ``min_words`` words: where ``C4QualityFilter`` is used for
    its line rules.

    Args:
        min_words: documents with fewer words left are dropped (0: only empty ones).
        language_key: metadata key holding the document's language (detected when absent).
    """

    name = "🧽 tamis boilerplate"

    def __init__(
        self,
        min_words: int = 0,
        language_key: Optional[str] = "language",
        exclusion_writer=None,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ):
        super().__init__(exclusion_writer, batch_size=batch_size)
        self.min_words = min_words
        self.language_key = language_key

    def filter(self, doc: Document):
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]):
        stripped = _each_readable(batch, lambda docs: _tamis.strip_boilerplate_batch(
            [doc.text for doc in docs],
            [_language_of(doc, self.language_key) for doc in docs],
        ))
        results = []
        for doc, outcome in zip(batch, stripped):
            if outcome is _UNREADABLE:
                results.append((False, INVALID_TEXT))
                continue
            text, removals = outcome
            for removal in removals:
                self.stat_update(f"removed_{removal.kind}")
            doc.text = text
            words = len(text.split())
            if words == 0:
                results.append((False, "empty"))
            elif words < self.min_words:
                results.append((False, "too_short"))
            else:
                results.append(True)
        return results


class TamisQualityFilter(BaseFilter):
    """Gopher's quality and repetition rules, C4's (when turned on) and FineWeb's, with
    datatrove's definitions and FineWeb-2's limits and stop words for each document's language:
    where ``GopherQualityFilter``, ``GopherRepetitionFilter``, ``C4QualityFilter`` and
    ``FineWebQualityFilter`` are used, in one step, in parallel in Rust.

    A dropped document gets ``metadata["quality"]`` = {"filter", "rule", "value", "limit"}
    (what its exclusion writer then holds); the stats count each rule.

    Args:
        language_key: metadata key holding the document's language (detected when absent).
        **settings: the quality stage's settings, as in a pipeline file:
            ``gopher_quality={"min_doc_words": 100}``, ``c4_quality={"enabled": True}``
            (C4's rules rewrite ``doc.text``: the lines they judge poor go), ``fineweb2=False``,
            ``languages={"fr": {"fineweb_quality": {"enabled": False}}}``.
    """

    name = "🥇 tamis quality"

    def __init__(
        self,
        language_key: Optional[str] = "language",
        exclusion_writer=None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        **settings,
    ):
        super().__init__(exclusion_writer, batch_size=batch_size)
        self.language_key = language_key
        self.settings = settings
        _tamis.QualityFilters(**settings)  # refuse bad settings here, not in the workers
        self._filters = None

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_filters"] = None  # rebuilt from the settings where the step runs
        return state

    def filter(self, doc: Document):
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]):
        if self._filters is None:
            self._filters = _tamis.QualityFilters(**self.settings)
        verdicts = _each_readable(batch, lambda docs: self._filters.judge_batch(
            [doc.text for doc in docs],
            [_language_of(doc, self.language_key) for doc in docs],
        ))
        results = []
        for doc, verdict in zip(batch, verdicts):
            if verdict is _UNREADABLE:
                results.append((False, INVALID_TEXT))
                continue
            if verdict is None:
                results.append(True)
                continue
            if isinstance(verdict, str):
                doc.text = verdict
                results.append(True)
                continue
            filter_name, rule, value, limit = verdict
            doc.metadata["quality"] = {"filter": filter_name, "rule": rule, "value": value, "limit": limit}
            self.stat_update(filter_name)
            results.append((False, rule))
        return results


class TamisDeduplicator(PipelineStep):
    """Drops near-duplicates among the documents of a task (MinHash LSH, exact verification,
    template check), keeping the first of each cluster: where datatrove's four MinHash stages
    are used, in one step.

    The task's documents are held until its clusters are known (their comparison keys and
    signatures too). Across tasks, save each task's index (``index_dir``) and give later runs
    ``against``, or run ``tamis dedup`` over the files.

    Args:
        annotate: keep every document and write ``dup_cluster``, ``dup_size`` and
            ``dup_kept`` in its metadata instead (the fields of ``tamis dedup --annotate``).
        index_dir: save each task's index of kept documents there, as ``{rank:05d}.idx``.
        against: an index saved earlier; documents matching one of its documents go too.
        **settings: as ``tamis.Deduplicator`` (threshold, num_perm, shingle, ngram, …).
    """

    name = "🫂 tamis near-duplicates"
    type = "🫂 - DEDUP"

    def __init__(
        self,
        annotate: bool = False,
        index_dir: Optional[str] = None,
        against: Optional[str] = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        **settings,
    ):
        super().__init__()
        _tamis.Deduplicator(**settings)  # checks the settings now
        self.settings = settings
        self.annotate = annotate
        self.index_dir = index_dir
        self.against = against
        self.batch_size = batch_size

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if self.against is not None:
            dedup = _tamis.Deduplicator.load(self.against, **self.settings)
        else:
            dedup = _tamis.Deduplicator(**self.settings)
        held: list[Document] = []
        for batch in _batched(data, self.batch_size):
            with self.track_time("batch"):
                added = _each_readable(batch, lambda docs: _add_all(dedup, docs))
            for doc, outcome in zip(batch, added):
                if outcome is _UNREADABLE:
                    self.stat_update(StatHints.total)
                    self.stat_update(StatHints.dropped)
                    self.stat_update(INVALID_TEXT)
                else:
                    held.append(doc)
        with self.track_time():
            fates = dedup.annotations() if self.annotate else dedup.duplicate_mask()
        if self.index_dir is not None:
            os.makedirs(self.index_dir, exist_ok=True)
            dedup.save(os.path.join(self.index_dir, f"{rank:05d}.idx"))
        for doc, fate in zip(held, fates):
            self.stat_update(StatHints.total)
            if self.annotate:
                doc.metadata.update(fate)
                self.stat_update(StatHints.forwarded)
                yield doc
            elif fate:
                self.stat_update(StatHints.dropped)
            else:
                self.stat_update(StatHints.forwarded)
                yield doc


def _add_all(dedup: _tamis.Deduplicator, docs: list[Document]) -> list[None]:
    """Adds ``docs`` to ``dedup`` (all or, on an error, none)."""
    dedup.add_batch([{"id": str(doc.id), "text": doc.text, **_date_of(doc)} for doc in docs])
    return [None] * len(docs)


def _date_of(doc: Document) -> dict:
    date = doc.metadata.get("date")
    return {"date": date} if isinstance(date, str) else {}
