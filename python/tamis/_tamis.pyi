"""Type stubs of the compiled module ``tamis._tamis``."""

import os
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, Union, overload

__version__: str

Typography = Literal["native", "plain", "keep"]
PathLike = Union[str, "os.PathLike[str]"]
Doc = Mapping[str, Any]

class TamisError(Exception):
    """An error from tamis; the message says what is wrong and what to do."""

class ConfigError(TamisError):
    """A setting that cannot be used, named by its place in the configuration."""

class BadInputError(TamisError):
    """Input that cannot be read as documents (file and line or byte offset named)."""

class Detection:
    """The language of a text."""

    lang: str
    """ISO 639-3 code ("fra"), or "und" when unreliable."""
    lang_short: str
    """ISO 639-1 code when the language has one ("fr"), else the 639-3 code."""
    script: Optional[str]
    """Writing system ("Latin", "Cyrillic", …); None for a text without letters."""
    confidence: float
    """From 0 to 1."""

class Removal:
    """A line the boilerplate stage removed."""

    line: int
    """1-based line number in the text before stripping."""
    text: str
    rule: str
    kind: str
    """"photo_credit", "read_also", "share", "cookie", "repeated", "classifier", …"""
    why: list[str]
    """For the classifier's removals, the features that decided."""

def normalize(text: str, lang: Optional[str] = None, typography: Typography = "native") -> str:
    """Repairs ``text`` (HTML references, invisible characters, mojibake, NFC, whitespace)
    and applies the typography of its language (``lang`` "fr", "fra" or "French"; detected
    when None)."""

def normalize_batch(
    texts: Sequence[str],
    langs: Optional[Sequence[Optional[str]]] = None,
    typography: Typography = "native",
) -> list[str]:
    """``normalize`` over a list, in parallel; ``langs`` gives one language (or None) per text."""

def language_code(name: str) -> str:
    """The ISO 639-3 code of a language as people write it ("fr", "fra", "French", "français")."""

def detect(text: str) -> Detection:
    """The language of ``text``."""

def detect_batch(texts: Sequence[str]) -> list[Detection]:
    """The language of each text, in parallel."""

def strip_boilerplate(text: str, lang: Optional[str] = None) -> tuple[str, list[Removal]]:
    """``text`` without its boilerplate lines, and the lines removed."""

def strip_boilerplate_batch(
    texts: Sequence[str], langs: Optional[Sequence[Optional[str]]] = None
) -> list[tuple[str, list[Removal]]]:
    """``strip_boilerplate`` over a list, in parallel."""

def extract_html(page: str, threshold: Optional[float] = None) -> tuple[str, str, list[Removal]]:
    """The main text of an HTML page (one block per line), its ``<title>``, and the blocks left
    out (``rule`` ``html.nav``, ``html.outside_main``…; ``threshold``: the block classifier's,
    0 to 1, lower keeps more)."""

def fold(text: str, strip_accents: bool = True) -> str:
    """The comparison key of near-duplicate detection (lowercase, no punctuation or
    typography, digits as 0, accents removed unless ``strip_accents=False``)."""

class Pipeline:
    """The cleaning pipeline. Settings as keyword arguments, by section, each editing its stage
    of the default pipeline: ``Pipeline(min_words=0, lang={"keep": ["fr"]}, dedup={"enabled":
    False})``; ``html={}`` (or ``html={"threshold": 0.4}``) extracts the main text of documents
    that are HTML pages first, and then, unless ``boilerplate`` is given, leaves the line
    classifier and the repeated-line count off as ``tamis clean`` does on pages; ``quality={}``
    adds the quality stage (Gopher's and FineWeb's rules, FineWeb-2's limits per language:
    ``quality={"fineweb_quality": {"enabled": False}}`` edits it); ``pii={}`` masks e-mail and
    public IP addresses; or the stages
    of a pipeline file in the order they run (a stage may be listed
    twice), as ``tamis config`` prints them: ``Pipeline(stages=[{"type": "language", "keep":
    ["fr"]}, {"type": "dedup", "threshold": 0.7}])`` (stages left out are off). Pickles (for
    Ray, Spark, multiprocessing)."""

    def __init__(self, **settings: Any) -> None: ...
    @staticmethod
    def from_file(path: PathLike) -> "Pipeline":
        """A pipeline from a pipeline file (TOML, or JSON when named .json)."""
    @property
    def config(self) -> dict[str, Any]:
        """Every setting: how to read and run, and ``stages``, the stages in order."""
    def to_toml(self) -> str:
        """The pipeline as a pipeline file."""
    def clean(self, doc: Doc) -> Optional[dict[str, Any]]:
        """One document: the cleaned dict (other keys passed through), or None when dropped."""
    def process_batch(self, docs: Iterable[Doc]) -> list[Optional[dict[str, Any]]]:
        """The per-document stages on every document, in parallel: one result per document,
        None for a dropped one."""
    @overload
    def clean_batch(self, docs: Iterable[Doc], with_stats: Literal[False] = False) -> list[dict[str, Any]]: ...
    @overload
    def clean_batch(
        self, docs: Iterable[Doc], with_stats: Literal[True]
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]: ...
    def run(
        self,
        inputs: Union[PathLike, Sequence[PathLike]],
        output: Optional[PathLike] = None,
        *,
        job: Literal["clean", "dedup", "detect"] = "clean",
        report: Optional[PathLike] = None,
        explain: Optional[PathLike] = None,
        rejects: Optional[PathLike] = None,
        stats: Optional[PathLike] = None,
        save_index: Optional[PathLike] = None,
        against: Optional[PathLike] = None,
        html: Optional[PathLike] = None,
        line_table: Optional[PathLike] = None,
        output_format: Optional[Literal["jsonl", "parquet", "txt"]] = None,
        parquet_compression: Literal["zstd", "snappy", "gzip", "lz4", "none"] = "zstd",
        shard_documents: Optional[int] = None,
        shard_size: Optional[int] = None,
    ) -> dict[str, Any]:
        """Runs over files as the commands do (``html``: the run's report page); returns the
        stats. Inputs may be Parquet files; an ``output`` named ``.parquet`` is written as
        Parquet unless ``output_format`` says otherwise (default JSONL), its pages compressed by
        ``parquet_compression``; ``shard_documents`` / ``shard_size`` (bytes) cut the output into
        numbered files (``out-00000.parquet``, …)."""

    @overload
    def clean_arrow(self, data: Any, *, with_stats: Literal[True]) -> tuple[Any, dict[str, Any]]: ...
    @overload
    def clean_arrow(self, data: Any, *, with_stats: Literal[False] = False) -> Any:
        """Cleans an Arrow table (a ``pyarrow.Table``, ``RecordBatch``, ``RecordBatchReader``,
        a list of batches, or anything ``pyarrow.table`` takes) as ``tamis clean`` cleans a
        Parquet file: the kept rows as a ``pyarrow.Table``, every column with its type plus the
        columns tamis adds. Needs pyarrow."""

    def count_lines(self, inputs: Union[PathLike, Sequence[PathLike]], output: PathLike) -> dict[str, int]:
        """Counts the documents each line of ``inputs`` occurs in (a shard's line table, as
        ``tamis lines count``); merge the shards' with ``merge_line_tables`` and clean each
        shard with ``run(…, line_table=)``."""

    def dedup_banding(self) -> tuple[int, int]:
        """``(bands, rows)`` of the LSH banding of the near-duplicate settings."""
    def sign_shard(
        self, inputs: Union[PathLike, Sequence[PathLike]], output: PathLike, *, name: Optional[str] = None
    ) -> dict[str, Any]:
        """Signs one shard's documents into a signature file (as ``tamis dedup sign``):
        ``{"name", "documents", "signed", "fingerprint", "bad_records"}``."""
    def filter_shard(
        self,
        inputs: Union[PathLike, Sequence[PathLike]],
        clusters: PathLike,
        output: PathLike,
        *,
        name: Optional[str] = None,
        report: Optional[PathLike] = None,
        stats: Optional[PathLike] = None,
    ) -> dict[str, Any]:
        """Writes the documents of one shard that the clusters keep (as ``tamis dedup
        filter``); returns the shard's stats."""

SHARDED_THRESHOLD: float
"""The sharded stages' default similarity threshold (0.82: verification by sketch)."""

def merge_line_tables(
    tables: Sequence[PathLike], output: PathLike, *, part: Optional[str] = None, min_docs: int = 0
) -> None:
    """Adds up shards' line tables into ``output`` (as ``tamis lines merge``); ``part="I/N"``
    keeps one part of the keys, ``min_docs`` drops the lines of fewer documents."""

def dedup_pairs(
    signatures: Sequence[PathLike],
    output: PathLike,
    *,
    bands: Union[None, str, tuple[int, int]] = None,
) -> dict[str, Any]:
    """Candidate pairs of a range of bands over every shard's signatures, verified by the
    sketches (as ``tamis dedup pairs``)."""

def dedup_cluster(
    edges: Sequence[PathLike],
    output: PathLike,
    *,
    report: Optional[PathLike] = None,
    signatures: Optional[Sequence[PathLike]] = None,
) -> dict[str, Any]:
    """Clusters from the pairs of every band range (as ``tamis dedup cluster``); returns the
    near-duplicate counters."""

class QualityFilters:
    """Gopher's quality and repetition rules, C4's and FineWeb's, as the quality stage runs
    them, with its settings: ``QualityFilters(gopher_quality={"min_doc_words": 100},
    c4_quality={"enabled": True}, fineweb2=True, languages={"fr": {...}})``."""

    def __init__(self, **settings: Any) -> None: ...
    def judge_batch(
        self, texts: list[str], langs: list[Optional[str]]
    ) -> list[Union[None, str, tuple[str, str, float, float]]]:
        """For each text (its language a code or name, or None: detected), in parallel: None
        when it passes as it is, a str when it passes with that text (C4's rules removed
        lines), else (filter, rule, value, limit)."""

class Deduplicator:
    """Near-duplicate detection: ``Deduplicator(threshold=0.8, num_perm=128, shingle="char",
    ngram=5, keep="first", …)``; add documents, then ask for the clusters. Pickles."""

    def __init__(self, **settings: Any) -> None: ...
    @staticmethod
    def load(path: PathLike, **settings: Any) -> "Deduplicator":
        """Compares new documents with those of a saved index as well."""
    def add(self, id: str, text: str, date: Optional[str] = None) -> None: ...
    def add_batch(self, docs: Iterable[Union[Doc, tuple[str, str]]]) -> None:
        """Dicts with "id", "text" (and "date"), or (id, text) pairs; signed in parallel."""
    def clusters(self) -> list[list[str]]:
        """Each cluster as ids, the kept one first."""
    def duplicates(self) -> list[tuple[str, str, float]]:
        """``(id, kept_id, similarity)`` for every duplicate, in the order added."""
    def duplicate_mask(self) -> list[bool]:
        """One bool per document added: True for a duplicate."""
    def annotations(self) -> list[dict[str, Any]]:
        """One dict per document added: ``dup_cluster``, ``dup_size``, ``dup_kept`` (the fields
        of ``tamis dedup --annotate``)."""
    def summary(self) -> dict[str, Any]:
        """Counts and settings, as in ``tamis clean --stats``."""
    def save(self, path: PathLike) -> None:
        """Saves the kept documents as an index (``tamis dedup --against`` reads it)."""
    @property
    def config(self) -> dict[str, Any]: ...
    def __len__(self) -> int: ...
