#!/usr/bin/env bash
# The README's performance table from one run: a generated corpus (examples/gen_corpus.rs, no
# download), each stage of `tamis clean` added in turn on one thread (CPU seconds, MB/s per core,
# documents/s), the whole job on 1 and 2 threads, peak memory at several sizes, and the peers on
# the same text (ftfy + Moses for repair + typography; rensa and datasketch for near-duplicates;
# CLD2 next to `tamis detect` on real sentences). The machines are shared and noisy: read the
# ratios, which come from the same run.
#
# usage: scripts/perf_table.sh [DOCS] [RSS_SIZES]
#   DOCS       documents of the stage rows (default 100000)
#   RSS_SIZES  comma-separated corpus sizes for the peak-memory rows (default 100000,1000000;
#              10000000 needs about 10 GB of disk for the input and 20 minutes on two cores)
# The peers' rows need the peers' virtualenv (.peers, made by scripts/setup_peers.sh)
# and read ../shared/peers/ and ../shared/data/langid-dev.jsonl (not in this repository); they
# are skipped without them.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-100000}
rss_sizes=${2:-100000,1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release -q
cargo build --release -q --example gen_corpus
tamis=target/release/tamis
gen=target/release/examples/gen_corpus
py=.peers/bin/python
peers=../shared/peers

# Runs a command; leaves "wall cpu max_rss_kb" in $work/measure.
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr"
    read -r wall user sys rss < "$work/time"
    echo "$wall $(echo "$user + $sys" | bc) $rss" > "$work/measure"
}
field() { cut -d' ' -f"$1" < "$work/measure"; }

"$gen" --docs "$docs" > "$work/gen.jsonl" 2> "$work/planted.json"
bytes=$(stat -c %s "$work/gen.jsonl")
mb=$(echo "scale=3; $bytes / 1000000" | bc)
echo "generated corpus: $docs documents, $mb MB (planted: $(cat "$work/planted.json"))"
echo
echo "| stage added (1 thread) | CPU s | stage CPU s | stage MB/s per core | stage docs/s |"
echo "|---|---|---|---|---|"
off_repair="--no-repair html_entities,invisible,mojibake,c1_controls,nfc,whitespace"
previous=0
row() {
    local name=$1
    shift
    measure "$tamis" clean "$work/gen.jsonl" -o "$work/out.jsonl" -q --threads 1 "$@"
    local cpu
    cpu=$(field 2)
    local stage
    stage=$(echo "$cpu - $previous" | bc)
    if [ "$(echo "$stage > 0.005" | bc)" = 1 ]; then
        printf '| %s | %.2f | %.2f | %.1f | %.0f |\n' "$name" "$cpu" "$stage" \
            "$(echo "$mb / $stage" | bc -l)" "$(echo "$docs / $stage" | bc -l)"
    else
        printf '| %s | %.2f | %.2f | | |\n' "$name" "$cpu" "$stage"
    fi
    previous=$cpu
}
# shellcheck disable=SC2086
row "read, parse, write" --no-lang --no-boilerplate --no-dedup --no-header --typography keep $off_repair
row "+ header, repair, typography" --no-lang --no-boilerplate --no-dedup
row "+ language" --no-boilerplate --no-dedup
row "+ boilerplate (rules, repeated lines, classifier)" --no-dedup
row "+ near-duplicates (the whole job)"
one=$previous
measure "$tamis" clean "$work/gen.jsonl" -o "$work/out.jsonl" -q --threads 1
wall1=$(field 1)
measure "$tamis" clean "$work/gen.jsonl" -o "$work/out.jsonl" -q --threads 2
wall2=$(field 1)
echo
printf 'whole job: %.1f MB/s per core (CPU), %.0f documents/s per core; wall %.2f s on 1 thread, %.2f s on 2: %.2f× speed-up\n' \
    "$(echo "$mb / $one" | bc -l)" "$(echo "$docs / $one" | bc -l)" "$wall1" "$wall2" \
    "$(echo "$wall1 / $wall2" | bc -l)"

echo
echo "| corpus | documents | wall s (2 threads) | CPU s | peak RSS MB |"
echo "|---|---|---|---|---|"
for size in ${rss_sizes//,/ }; do
    "$gen" --docs "$size" > "$work/rss.jsonl" 2> /dev/null
    measure "$tamis" clean "$work/rss.jsonl" -o "$work/rss.out.jsonl" -q
    printf '| %s MB | %s | %.1f | %.1f | %.0f |\n' \
        "$(echo "$(stat -c %s "$work/rss.jsonl") / 1000000" | bc)" "$size" "$(field 1)" \
        "$(field 2)" "$(echo "$(field 3) / 1024" | bc -l)"
    rm -f "$work/rss.jsonl" "$work/rss.out.jsonl"
done

if [ ! -x "$py" ] || [ ! -d "$peers" ]; then
    echo
    echo "peers skipped: no .peers virtualenv or no $peers"
    exit 0
fi
echo
echo "Peers on the same text (CPU seconds of the whole process; ratio = peer CPU / tamis CPU):"
head -n 20000 "$work/gen.jsonl" > "$work/peer.jsonl"
peer_mb=$(echo "scale=3; $(stat -c %s "$work/peer.jsonl") / 1000000" | bc)
measure "$tamis" clean "$work/peer.jsonl" -o "$work/out.jsonl" -q --threads 1 --no-lang \
    --no-boilerplate --no-dedup --min-words 0
tamis_norm=$(field 2)
if measure "$py" "$peers/normalize_peer.py" "$work/peer.jsonl"; then
    printf '| repair + typography, 20,000 documents (%s MB), JSONL in and out | tamis clean %.2f s | ftfy + Moses %.2f s | %.0f× |\n' \
        "$peer_mb" "$tamis_norm" "$(field 2)" "$(echo "$(field 2) / $tamis_norm" | bc -l)"
fi
measure "$tamis" dedup "$work/peer.jsonl" --report "$work/report.jsonl" -q
tamis_dedup=$(field 2)
for lib in rensa datasketch; do
    if measure "$py" "$peers/minhash_peer.py" "$work/peer.jsonl" --lib "$lib"; then
        printf '| near-duplicates, 20,000 documents | tamis dedup %.2f s | %s %.2f s | %.1f× |\n' \
            "$tamis_dedup" "$lib" "$(field 2)" "$(echo "$(field 2) / $tamis_dedup" | bc -l)"
    fi
done
if measure "$py" scripts/datatrove_minhash.py "$work/peer.jsonl" "$work/datatrove"; then
    printf '| near-duplicates, 20,000 documents | tamis dedup %.2f s | datatrove MinHash (4 stages) %.2f s | %.1f× |\n' \
        "$tamis_dedup" "$(field 2)" "$(echo "$(field 2) / $tamis_dedup" | bc -l)"
fi
langid=../shared/data/langid-dev.jsonl
if [ -f "$langid" ]; then
    measure "$tamis" detect "$langid" -o "$work/detect.jsonl" -q --threads 1
    tamis_detect=$(field 2)
    if measure "$py" "$peers/langid_peer.py" "$langid" --detectors pycld2; then
        printf '| language of 17,100 real sentences | tamis detect %.2f s | CLD2 (Python) %.2f s | %.1f× |\n' \
            "$tamis_detect" "$(field 2)" "$(echo "$(field 2) / $tamis_detect" | bc -l)"
    fi
fi


# The whole job against datatrove and rensa on the team's dev data.
echo
scripts/perf_vs_datatrove.sh
