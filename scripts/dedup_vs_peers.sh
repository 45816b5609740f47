#!/usr/bin/env bash
# Near-duplicate detection on the labelled dev data: tamis against datasketch and rensa run by
# ../shared/peers/minhash_peer.py with their usual settings, in the same run (the machines are
# shared and noisy: read the ratios). Prints pair precision / recall / F1 and wall time.
#
# usage: scripts/dedup_vs_peers.sh [DATA.jsonl] [RUNS]
# needs: cargo, and the peers' virtualenv:
#   python3 -m venv .peers && .peers/bin/pip install datasketch rensa xxhash
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/dedup-dev.jsonl}
runs=${2:-5}
peer=../shared/peers/minhash_peer.py
py=.peers/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release -q
tamis=target/release/tamis

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Wall time of a whole process, in seconds.
wall() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

echo "data: $data ($(wc -l < "$data") documents), $runs runs each, median wall time:"
echo "the whole process for every tool, and for the peers also the script's own timer (which"
echo "leaves out the interpreter's start)"
printf '%-30s %9s %9s %9s %10s %10s\n' tool precision recall F1 process script

for verify in exact estimate; do
    for _ in $(seq "$runs"); do
        wall "$tamis" dedup "$data" --report "$work/tamis-$verify.jsonl" --verify "$verify" -q
    done | median > "$work/time"
    score=$("$py" scripts/score_dedup.py "$work/tamis-$verify.jsonl" "$data")
    printf '%-30s %9s %9s %9s %10.3f %10s\n' "tamis dedup --verify $verify" \
        "$(echo "$score" | sed 's/.*"precision": \([0-9.]*\).*/\1/')" \
        "$(echo "$score" | sed 's/.*"recall": \([0-9.]*\).*/\1/')" \
        "$(echo "$score" | sed 's/.*"f1": \([0-9.]*\).*/\1/')" "$(cat "$work/time")" -
done

for lib in rensa datasketch; do
    : > "$work/script-times"
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        "$py" "$peer" "$data" --lib "$lib" --score > /dev/null 2> "$work/$lib.err"
        end=$(date +%s.%N)
        echo "$end - $start" | bc
        sed -n 's/^wall_seconds=//p' "$work/$lib.err" >> "$work/script-times"
    done | median > "$work/time"
    score=$(grep '^score' "$work/$lib.err")
    printf '%-30s %9s %9s %9s %10.3f %10.3f\n' "$lib" \
        "$(echo "$score" | sed 's/.*"precision": \([0-9.]*\).*/\1/')" \
        "$(echo "$score" | sed 's/.*"recall": \([0-9.]*\).*/\1/')" \
        "$(echo "$score" | sed 's/.*"f1": \([0-9.]*\).*/\1/')" "$(cat "$work/time")" \
        "$(median < "$work/script-times")"
done
