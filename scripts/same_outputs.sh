#!/usr/bin/env bash
# Checks that a change of the code's shape changed no output: builds BASE (a git revision, by
# default HEAD) in a temporary worktree and the working tree, runs both on the same inputs, and
# compares every output byte for byte (the stats without their timing field): `clean` with its
# report, explanations and stats, `--annotate`, `dedup` (exact and `--verify estimate`), the
# sharded near-duplicate stages (sign, pairs, cluster, filter) and `detect`.
#
# usage: scripts/same_outputs.sh [BASE]
# Inputs: the bundled corpus/ always; the team's dev data (the near-duplicate set and the
# boilerplate web pages in ../shared/data/, as plain text and as HTML; not in this repository)
# when present.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
work=$(mktemp -d)
cleanup() {
    git worktree remove --force "$work/base" > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
git worktree add --detach "$work/base" "$base" > /dev/null 2>&1
(cd "$work/base" && cargo build --release -q)
cargo build --release -q

inputs=(corpus)
for extra in ../shared/data/dedup-dev.jsonl ../shared/data/boilerplate-web/dev.jsonl; do
    [ -f "$extra" ] && inputs+=("$extra")
done
html=../shared/data/boilerplate-web/dev_html.jsonl.zst

# Sets a stats file's run duration, the one field allowed to differ, to 0.
untimed() {
    sed -i -E 's/"seconds": *[0-9.e-]+/"seconds": 0/' "$1"
}

# Runs one binary on every input; outputs under $2.
run_all() {
    local tamis out
    tamis=$(realpath "$1")
    out=$2
    mkdir -p "$out"
    local n=0
    for input in "${inputs[@]}"; do
        n=$((n + 1))
        "$tamis" clean "$input" -o "$out/$n.clean.jsonl" --report "$out/$n.report.jsonl" \
            --explain "$out/$n.explain.jsonl" --stats "$out/$n.stats.json" -q
        "$tamis" clean "$input" -o "$out/$n.annotate.jsonl" --annotate --boilerplate rules \
            --min-words 0 -q
        "$tamis" dedup "$input" -o "$out/$n.dedup.jsonl" --report "$out/$n.dedup-report.jsonl" -q
        "$tamis" dedup "$input" --verify estimate --report "$out/$n.estimate-report.jsonl" -q
        # The sharded near-duplicate stages, the input as one shard: signatures, edges of two
        # band ranges, clusters and the kept documents. The edges name the signature files as
        # given: pairs and cluster run in the output folder, on names the two runs share.
        "$tamis" dedup sign "$input" -o "$out/$n.sigs" -q
        (
            cd "$out"
            "$tamis" dedup pairs "$n.sigs" --bands 0..8 -o "$n.a.edges" -q
            "$tamis" dedup pairs "$n.sigs" --bands 8.. -o "$n.b.edges" -q
            "$tamis" dedup cluster "$n.a.edges" "$n.b.edges" -o "$n.clusters" \
                --report "$n.sharded-report.jsonl" -q
        )
        "$tamis" dedup filter "$input" --clusters "$out/$n.clusters" -o "$out/$n.filtered.jsonl" -q
        "$tamis" detect "$input" -o "$out/$n.detect.tsv" --output-format tsv -q
        untimed "$out/$n.stats.json"
    done
    if [ -f "$html" ]; then
        "$tamis" clean "$html" --text-field html --extract-html -o "$out/html.clean.jsonl" \
            --explain "$out/html.explain.jsonl" --stats "$out/html.stats.json" -q
        untimed "$out/html.stats.json"
    fi
}
run_all "$work/base/target/release/tamis" "$work/before"
run_all target/release/tamis "$work/after"
if diff -r "$work/before" "$work/after" > "$work/diff"; then
    [ -f "$html" ] && inputs+=("$html")
    echo "same outputs as $base on: ${inputs[*]} ($(find "$work/after" -type f | wc -l) files)"
else
    head -50 "$work/diff"
    echo "outputs differ from $base"
    exit 1
fi
