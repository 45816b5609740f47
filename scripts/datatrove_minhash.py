#!/usr/bin/env python3
"""datatrove's MinHash deduplication as its documentation sets it up: the four stages
(signatures, buckets, clusters, filter) run one after the other by LocalPipelineExecutor on one
JSONL file, one task and one worker each (16 buckets of 8 hashes, 5-grams, 64-bit hashes: the
banding tamis uses at threshold 0.8). A peer for the CPU-time comparison in
scripts/perf_table.sh; it writes the kept documents under WORK/out.

usage: .peers/bin/python scripts/datatrove_minhash.py INPUT.jsonl WORK_DIR
needs: pip install "datatrove[processing]" orjson spacy (in the peers' virtualenv)
"""
import os
import sys
import time

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                              MinhashDedupFilter, MinhashDedupSignature)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.hashing import HashConfig


def run(pipeline, tasks, work, stage):
    """Runs one step as datatrove's examples do: one worker, logs under WORK/logs/STAGE."""
    LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1,
                          logging_dir=f"{work}/logs/{stage}").run()


def minhash_stages(reader, work):
    """datatrove's four MinHash stages on the documents `reader()` reads (a new reader for each
    pass); the kept documents under WORK/out."""
    config = MinhashConfig(hash_config=HashConfig(precision=64), num_buckets=16, hashes_per_bucket=8,
                           n_grams=5)
    run([reader(), MinhashDedupSignature(output_folder=f"{work}/signatures", config=config)], 1, work,
        "signatures")
    run([MinhashDedupBuckets(input_folder=f"{work}/signatures", output_folder=f"{work}/buckets", config=config)],
        config.num_buckets, work, "buckets")
    run([MinhashDedupCluster(input_folder=f"{work}/buckets", output_folder=f"{work}/remove_ids", config=config)],
        1, work, "clusters")
    run([reader(), MinhashDedupFilter(input_folder=f"{work}/remove_ids"), JsonlWriter(f"{work}/out")], 1, work,
        "filter")


def main(source, work):
    folder, name = os.path.split(os.path.abspath(source))

    def reader():
        return JsonlReader(folder, glob_pattern=name, text_key="text", id_key="id")

    start = time.time()
    minhash_stages(reader, work)
    print(f"wall_seconds={time.time() - start:.3f}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
