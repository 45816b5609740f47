#!/usr/bin/env bash
# Peak memory (max RSS from /usr/bin/time -v) and wall time of `tamis dedup` on generated corpora
# of N documents (default 1,000,000), with exact and estimated verification.
#
# usage: scripts/dedup_memory.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${@:-1000000}"; do
    python3 scripts/gen_dedup_corpus.py "$n" > "$work/corpus.jsonl"
    size=$(du -m "$work/corpus.jsonl" | cut -f1)
    for verify in exact estimate; do
        /usr/bin/time -v target/release/tamis dedup "$work/corpus.jsonl" --verify "$verify" \
            --report "$work/report.jsonl" --stats "$work/stats.json" -q 2> "$work/time.txt"
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
        per_doc=$(python3 -c "import json; print(json.load(open('$work/stats.json'))['dedup']['bytes_per_document'])")
        dups=$(python3 -c "import json; print(json.load(open('$work/stats.json'))['dedup']['duplicates'])")
        echo "$n documents (${size} MB), --verify $verify: peak RSS $((rss / 1024)) MB, wall $wall, index ${per_doc} B/document, $dups duplicates"
    done
done
