#!/usr/bin/env bash
# Pair precision / recall / F1 of `tamis dedup` on the labelled dev data for several shingle
# choices (exact verification, threshold 0.8): the figures behind the default (character 5-grams).
#
# usage: scripts/dedup_shingles.sh [DATA.jsonl]
# needs: the peers' virtualenv (.peers, made by scripts/setup_peers.sh) for the scorer.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/dedup-dev.jsonl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release -q
printf '%-22s %s\n' shingles score
for shingle in "word 5" "word 3" "word 2" "char 4" "char 5" "char 6" "char 8"; do
    set -- $shingle
    target/release/tamis dedup "$data" --report "$work/report.jsonl" -q --shingle "$1" --ngram "$2"
    printf '%-22s %s\n' "--shingle $1 --ngram $2" \
        "$(.peers/bin/python scripts/score_dedup.py "$work/report.jsonl" "$data" | sed 's/^score //')"
done
