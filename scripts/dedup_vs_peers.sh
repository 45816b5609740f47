#!/usr/bin/env bash
# Near-duplicate detection on the labelled dev data: tamis against datasketch and rensa run by
# ../shared/peers/minhash_peer.py with their usual settings, in the same run (the machines are
# shared and noisy: read the ratios). Prints pair precision / recall / F1, the median wall time
# and the median CPU time (user + system, all threads) of the whole process.
#
# usage: scripts/dedup_vs_peers.sh [DATA.jsonl] [RUNS]
# needs: cargo, and the peers' virtualenv:
#   scripts/setup_peers.sh
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

# Runs a command RUNS times; writes the median wall and CPU seconds to $work/wall, $work/cpu.
measure() {
    : > "$work/walls"
    : > "$work/cpus"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %S" -o "$work/one" "$@" > /dev/null 2>> "$work/stderr"
        read -r w u s < <(tail -1 "$work/one")
        echo "$w" >> "$work/walls"
        echo "$u + $s" | bc >> "$work/cpus"
    done
    median < "$work/walls" > "$work/wall"
    median < "$work/cpus" > "$work/cpu"
}

field() { echo "$1" | sed "s/.*\"$2\": \([0-9.]*\).*/\1/"; }

echo "data: $data ($(wc -l < "$data") documents), $runs runs each, medians of the whole process"
printf '%-30s %9s %9s %9s %9s %9s\n' tool precision recall F1 wall_s cpu_s

for verify in exact estimate; do
    : > "$work/stderr"
    measure "$tamis" dedup "$data" --report "$work/tamis-$verify.jsonl" --verify "$verify" -q
    score=$("$py" scripts/score_dedup.py "$work/tamis-$verify.jsonl" "$data")
    printf '%-30s %9s %9s %9s %9.3f %9.3f\n' "tamis dedup --verify $verify" \
        "$(field "$score" precision)" "$(field "$score" recall)" "$(field "$score" f1)" \
        "$(cat "$work/wall")" "$(cat "$work/cpu")"
done

for lib in rensa datasketch; do
    : > "$work/stderr"
    measure "$py" "$peer" "$data" --lib "$lib" --score
    score=$(grep '^score' "$work/stderr" | tail -1)
    printf '%-30s %9s %9s %9s %9.3f %9.3f\n' "$lib" \
        "$(field "$score" precision)" "$(field "$score" recall)" "$(field "$score" f1)" \
        "$(cat "$work/wall")" "$(cat "$work/cpu")"
done
