#!/usr/bin/env bash
# The measured check of the README's scaling model: a generated corpus (examples/gen_corpus.rs,
# no download) cut in shards and cleaned through the sharded stages one task after the other
# on this machine, as a cluster's workers would run them side by side: lines count, lines
# merge in parts (each keeping the lines of 3 documents or more), the parts joined, clean
# --line-table (no dedup), dedup sign, dedup pairs per range of bands, dedup cluster, dedup
# filter. Prints, for each stage: tasks, wall and CPU seconds, the largest peak
# memory of one task, bytes written, and bytes and CPU microseconds per document.
#
# usage: scripts/scale_check.sh [DOCS] [SHARDS] [BANDS_PER_TASK] [DIR] [LINE_PARTS]
#   DOCS            documents (default 10000000: about 10 GB generated, 25 GB of disk at the
#                   peak, 25 minutes on two cores)
#   SHARDS          shards (default 20)
#   BANDS_PER_TASK  LSH bands per pairs task (default 4: 4 tasks for the 14 bands of the
#                   sharded default threshold, 0.82)
#   DIR             working directory (default a temporary one, removed at the end)
#   LINE_PARTS      parts the line counts are merged in (default 4)
# Generated shards are removed once cleaned, to bound the disk used.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000000}
shards=${2:-20}
bands_per_task=${3:-4}
line_parts=${5:-4}
if [ -n "${4:-}" ]; then
    work=$4
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
cargo build --release -q
cargo build --release -q --example gen_corpus
tamis=$PWD/target/release/tamis
gen=$PWD/target/release/examples/gen_corpus
cd "$work"

# Accumulates one task's wall, CPU and peak memory into the current stage's totals.
stage_wall=0; stage_cpu=0; stage_rss=0; stage_tasks=0
measure() {
    /usr/bin/time -f "%e %U %S %M" -o task.time "$@"
    read -r wall user sys rss < task.time
    stage_wall=$(echo "$stage_wall + $wall" | bc)
    stage_cpu=$(echo "$stage_cpu + $user + $sys" | bc)
    [ "$rss" -gt "$stage_rss" ] && stage_rss=$rss
    stage_tasks=$((stage_tasks + 1))
}
printf "%-13s %6s %9s %9s %10s %12s %9s %9s\n" stage tasks wall_s cpu_s max_rss_mb bytes_out B/doc cpu_us/doc
report() { # stage, bytes written
    printf "%-13s %6d %9.1f %9.1f %10.0f %12d %9.1f %9.2f\n" "$1" "$stage_tasks" "$stage_wall" \
        "$stage_cpu" "$(echo "$stage_rss / 1024" | bc)" "$2" "$(echo "$2 / $docs" | bc -l)" \
        "$(echo "$stage_cpu * 1000000 / $docs" | bc -l)"
    stage_wall=0; stage_cpu=0; stage_rss=0; stage_tasks=0
}
size() { du -cb "$@" | tail -1 | cut -f1; }

measure sh -c "'$gen' --docs $docs 2> gen.json | split -d -a 3 -n r/$shards --additional-suffix=.jsonl - gen-"
report generate "$(size gen-*.jsonl)"
names=$(ls gen-*.jsonl | sed 's/^gen-//; s/.jsonl$//')
for n in $names; do measure "$tamis" lines count -q "gen-$n.jsonl" -o "$n.lines"; done
report "lines count" "$(size ./*.lines)"
for ((i = 0; i < line_parts; i++)); do
    measure "$tamis" lines merge ./*.lines --part "$i/$line_parts" --min-docs 3 -o "part-$i.table"
done
report "lines merge" "$(size part-*.table)"
measure "$tamis" lines merge part-*.table -o all.table
report "lines join" "$(size all.table)"
for n in $names; do
    measure "$tamis" clean -q --no-dedup --line-table all.table "gen-$n.jsonl" -o "clean-$n.jsonl"
    rm "gen-$n.jsonl"
done
report clean "$(size clean-*.jsonl)"
for n in $names; do measure "$tamis" dedup sign -q "clean-$n.jsonl" -o "$n.sigs"; done
report "dedup sign" "$(size ./*.sigs)"
# The banding the shards were signed with, from a signature file's header.
total_bands=$(python3 -c '
import json, struct, sys
f = open(sys.argv[1], "rb"); f.read(12); n, = struct.unpack("<I", f.read(4))
print(json.loads(f.read(n))["banding"]["bands"])' "$(ls ./*.sigs | head -1)")
for ((a = 0; a < total_bands; a += bands_per_task)); do
    b=$((a + bands_per_task > total_bands ? total_bands : a + bands_per_task))
    measure "$tamis" dedup pairs -q ./*.sigs --bands "$a..$b" -o "$a.edges"
done
report "dedup pairs" "$(size ./*.edges)"
measure "$tamis" dedup cluster -q ./*.edges -o all.clusters --report dupes.jsonl
report "dedup cluster" "$(size all.clusters)"
for n in $names; do
    measure "$tamis" dedup filter -q "clean-$n.jsonl" --clusters all.clusters -o "kept-$n.jsonl" --stats "kept-$n.json"
done
report "dedup filter" "$(size kept-*.jsonl)"
python3 - "$docs" <<'PY'
import glob, json, sys
docs = int(sys.argv[1])
out = sum(json.load(open(p))["documents_out"] for p in glob.glob("kept-*.json"))
dup = sum(json.load(open(p))["dropped"].get("duplicate", 0) for p in glob.glob("kept-*.json"))
gen = json.load(open("gen.json"))
print(f"generated {docs} documents ({gen['exact_copies']} exact copies, {gen['near_duplicates']} near copies planted); "
      f"kept {out} after cleaning and deduplication ({dup} duplicates dropped)")
PY
