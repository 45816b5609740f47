"""tamis — sieve a raw multilingual corpus into a clean one, from Python.

The stages of the tamis command-line tool (repair, typography, language detection,
boilerplate stripping, near-duplicates), in Rust, batched and parallel; every call releases
the GIL while Rust works.

>>> import tamis
>>> tamis.normalize("Il a dit : \\"C'est fini\\" cafÃ©...", lang="fr")
'Il a dit\\xa0: «\\xa0C’est fini\\xa0» café…'
>>> tamis.detect("Le conseil municipal a voté le budget mardi soir.").lang
'fra'

One string: :func:`normalize`, :func:`detect`, :func:`strip_boilerplate`, :func:`fold`,
:func:`extract_html` (an HTML page's main text)
(and their ``*_batch`` forms for lists, in parallel). Documents (dicts): :class:`Pipeline`
(``clean``, ``process_batch``, ``clean_batch``, ``run`` over files). Near-duplicates:
:class:`Deduplicator`. Adapters for datatrove pipelines: :mod:`tamis.datatrove`. A corpus in
shards, on several machines: ``Pipeline.count_lines`` and :func:`merge_line_tables`, then
``Pipeline.sign_shard``, :func:`dedup_pairs`, :func:`dedup_cluster`, ``Pipeline.filter_shard``;
:mod:`tamis.ray` schedules them all on Ray.
"""

from ._tamis import (
    SHARDED_THRESHOLD,
    BadInputError,
    ConfigError,
    Deduplicator,
    Detection,
    Pipeline,
    QualityFilters,
    Removal,
    TamisError,
    __version__,
    dedup_cluster,
    dedup_pairs,
    detect,
    detect_batch,
    extract_html,
    fold,
    language_code,
    merge_line_tables,
    normalize,
    normalize_batch,
    strip_boilerplate,
    strip_boilerplate_batch,
)

__all__ = [
    "SHARDED_THRESHOLD",
    "BadInputError",
    "ConfigError",
    "Deduplicator",
    "Detection",
    "Pipeline",
    "QualityFilters",
    "Removal",
    "TamisError",
    "__version__",
    "dedup_cluster",
    "dedup_pairs",
    "detect",
    "detect_batch",
    "extract_html",
    "fold",
    "language_code",
    "merge_line_tables",
    "normalize",
    "normalize_batch",
    "strip_boilerplate",
    "strip_boilerplate_batch",
]
